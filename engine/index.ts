// The engine's public entry: everything the CLI uses, and what the browser editor's worker will use.
// (Node-only parts — reading folders and data files — are marked; the rest runs anywhere.)
//
//   .scheda text ─parse─► AST ─checkBundle─► checked ─compileScheme─► IR ─Evaluator / runYear─► values
//        ─buildReport / reportHtml─► published tables; format() prints an AST; explainPerson() one person
export { parse, type ParseResult } from './syntax/index.ts';
export type * as Ast from './syntax/ast.ts';
export { KEYWORDS, FUNCTIONS, type Lang } from './syntax/keywords.ts';
export { format } from './format/format.ts';
export { collisionMessage, translationCollisions, treeKey, type Collision } from './format/translate.ts';
export { checkBundle, type CheckedBundle, type ParsedFile } from './check/index.ts';
export { inferredTypes, typeLines, type TypeLine } from './check/explain-types.ts';
export { compileScheme, serializeIr } from './compile/index.ts';
export type { IrScheme, JL } from './compile/ir.ts';
export { irProblems, irSchema, usesData } from './compile/validate.ts';
export { buildBundle, loadBundles, readSources, schemeFiles, withDependencies, type BundleResult, type SourceFile } from './pipeline.ts'; // loadBundles, readSources, schemeFiles: Node
export { CATALOGUE, type Code, type Severity } from './diagnostics/catalogue.ts';
export { diag, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.ts';
export { renderDiagnostic } from './diagnostics/render.ts';
export { Evaluator, type Scope } from './run/evaluate.ts';
export { runExample, show, type ExampleOutcome } from './run/examples.ts';
export { dataSchema } from './run/data-schema.ts';
export { describeEvalError, runYear, type SchemeRun, type YearResult } from './run/year.ts'; // Node: reads the data folder
export { allocateCents, quotaCount } from './allocate/largest-remainder.ts';
export { buildReport, buildResults, DisclosureError, WITHHELD, type ReportJson } from './report/tables.ts';
export { csvCell, resultsCsv, type CsvOptions } from './report/csv.ts';
export { reportHtml } from './report/html.ts';
export { resultsJsonParts, writeParts } from './report/results-json.ts'; // writeParts: Node
export { explainPerson, explanationText, type Explanation } from './explain.ts';

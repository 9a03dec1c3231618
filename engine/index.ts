// The engine's public entry: what the CLI and the browser editor's Web Worker use. Everything here runs
// anywhere (no Node-only import below it); reading folders and data files is the I/O layer's, ./node.ts.
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
export { outline, type Outline, type OutlineName } from './check/outline.ts';
export { compileScheme, serializeIr } from './compile/index.ts';
export type { IrScheme, JL } from './compile/ir.ts';
export { irProblems, irSchema, usesData } from './compile/validate.ts';
export { buildBundle, EXT, SCHEME_ID, withDependencies, type BundleResult, type SourceFile } from './bundle.ts';
export { CATALOGUE, type Code, type Severity } from './diagnostics/catalogue.ts';
export { diag, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.ts';
export { renderDiagnostic } from './diagnostics/render.ts';
export { Evaluator, type Scope } from './run/evaluate.ts';
export { CompiledEvaluator, makeEvaluator, type EvaluatorKind } from './run/compiled/evaluator.ts';
export { runExample, show, type ExampleOutcome } from './run/examples.ts';
export { dataSchema } from './run/data-schema.ts';
export { describeEvalError, runYearOn, type SchemeRun, type YearResult, type FundResult } from './run/year.ts';
export { MemoryTables, type DataFile } from './data/memory.ts';
export type { TableSource } from './data/population.ts';
export { impactOf, type Impact, type PersonChange, type SchemeImpact } from './review/impact.ts';
export { changesText, diffVersions, parseVersion, type Change, type DiffSpan, type Version } from './review/diff.ts';
export { allocateCents, quotaCount } from './allocate/largest-remainder.ts';
export { buildReport, buildResults, DisclosureError, WITHHELD, type ReportJson } from './report/tables.ts';
export { csvCell, resultsCsv, type CsvOptions } from './report/csv.ts';
export { reportHtml } from './report/html.ts';
export { summaryOf } from './report/summary.ts';
export { explainPerson, explanationText, type Explanation } from './explain.ts';

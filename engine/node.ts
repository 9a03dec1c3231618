// The engine's I/O layer (Node only): reading rule folders and data folders, writing results. The CLI
// enters through ./index.ts for everything else; the editor's worker never imports this file.
export { loadBundles, MAX_RULE_FILE_BYTES, readSources, schemeFiles } from './pipeline.ts';
export { describeEvalError, runYear } from './run/year.ts';
export { resultsJsonParts, writeParts } from './report/results-json.ts';

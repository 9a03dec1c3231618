import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { irValidatorsSource } from '../engine/compile/ir-validators.ts';

// The browser editor: editor/index.html → dist/editor/ (served by `scheda editor`). Workers are separate
// files from the same origin (no blob:, no eval), so the server's Content-Security-Policy stays strict:
// the IR's ajv validators, which ajv otherwise compiles at run time with `new Function`, are generated as
// code at build time.
const here = fileURLToPath(new URL('.', import.meta.url));
const irValidatorsModule: Plugin = {
  name: 'scheda-ir-validators',
  enforce: 'pre',
  load(id) {
    if (!id.replace(/\\/g, '/').endsWith('/engine/compile/ir-validators.ts')) return null;
    return irValidatorsSource(here + '../engine/compile/ir-queue.ts');
  },
};
// runYear reads data folders (engine/data/cache.ts, Node only) through a dynamic import the browser never
// takes (the preview runs runYearOn on files already read): in the build it is a module that says so.
const noDataFolders: Plugin = {
  name: 'scheda-no-data-folders',
  enforce: 'pre',
  resolveId(source, importer) {
    return source === '../data/cache.ts' && importer?.replace(/\\/g, '/').endsWith('/engine/run/year.ts') ? '\0scheda-no-data-folders' : null;
  },
  load(id) {
    if (id !== '\0scheda-no-data-folders') return null;
    return "const no = () => { throw new Error('data folders are read by the CLI, not in the browser'); };\n" +
      'export class TableCache { constructor() { no(); } }\n';
  },
};
export default defineConfig({
  root: here,
  base: './',
  // csv-parse's browser build (its own Buffer shim): the preview parses the sample data's CSV in the worker
  resolve: { alias: { 'monaco-esm': here + '../node_modules/monaco-editor/esm/vs', 'csv-parse/sync': here + '../node_modules/csv-parse/dist/esm/sync.js' } },
  logLevel: 'warn',
  build: {
    outDir: here + '../dist/editor',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
    rolldownOptions: { checks: { bundlerTimings: false } }, // no timing report on a slow, shared machine
  },
  plugins: [irValidatorsModule, noDataFolders],
  worker: { format: 'es', plugins: () => [irValidatorsModule, noDataFolders], rolldownOptions: { checks: { bundlerTimings: false } } },
});

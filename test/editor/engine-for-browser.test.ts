// The editor's worker imports engine/index.ts: everything below it must build for a browser, with no
// Node-only module (node:fs, node:path, exceljs …). Only runYear's data-folder reading (data/cache.ts), a
// dynamic import the browser never takes, is left out; CSV parsing (data/parse.ts) is in.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the engine in a browser', () => {
  it('bundles engine/index.ts for the browser platform without a Node module', async () => {
    const r = await build({
      entryPoints: ['engine/index.ts'], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent',
      external: ['*/data/cache.ts'], metafile: true, alias: { 'csv-parse/sync': './node_modules/csv-parse/dist/esm/sync.js' },
    });
    expect(r.errors).toEqual([]);
    const inputs = Object.keys(r.metafile!.inputs);
    expect(inputs).toContain('engine/bundle.ts');
    expect(inputs.filter((f) => /^engine\/(pipeline|node)\.ts$|engine\/data\/(read|cache)\.ts|engine\/cli\/|engine\/review\/(cli|impact-cli|render)\.ts/.test(f))).toEqual([]);
    expect(inputs).toContain('engine/data/parse.ts'); // the preview parses CSV in the browser
    expect(inputs.filter((f) => /node_modules\/(iconv-lite|exceljs)\//.test(f))).toEqual([]);
  });
});

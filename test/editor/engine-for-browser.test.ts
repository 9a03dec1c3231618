// The editor's worker imports engine/index.ts: everything below it must build for a browser, with no
// Node-only module (node:fs, node:path, exceljs …). Only runYear's data-folder reading, a dynamic import
// the browser never takes, is left out.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the engine in a browser', () => {
  it('bundles engine/index.ts for the browser platform without a Node module', async () => {
    const r = await build({
      entryPoints: ['engine/index.ts'], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent',
      external: ['*/data/population.ts'], metafile: true,
    });
    expect(r.errors).toEqual([]);
    const inputs = Object.keys(r.metafile!.inputs);
    expect(inputs).toContain('engine/bundle.ts');
    expect(inputs.filter((f) => /^engine\/(pipeline|node)\.ts$|engine\/data\/|engine\/cli\//.test(f))).toEqual([]);
  });
});

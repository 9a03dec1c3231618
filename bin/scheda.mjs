#!/usr/bin/env node
// Entry point of the `scheda` command. Runs dist/scheda.mjs, the esbuild bundle of engine/ (made by
// scripts/build.mjs on install), and rebuilds it first when any engine source is newer.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist', 'scheda.mjs');

function newestSource(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestSource(p));
    else if (e.name.endsWith('.ts') || e.name.endsWith('.json')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newestSource(join(root, 'engine')), statSync(join(root, 'schemas', 'ir.schema.json')).mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  const { bundle } = await import('../scripts/build.mjs');
  await bundle();
}
const { main } = await import(dist);
process.exitCode = await main(process.argv.slice(2));

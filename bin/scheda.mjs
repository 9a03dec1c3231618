#!/usr/bin/env node
// Entry point of the `scheda` command. Runs dist/scheda.mjs, the esbuild bundle of engine/ (made by
// scripts/build.mjs on install), and rebuilds it first when any engine source is newer.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist', 'scheda.mjs');

function newestSource(dir, exts = ['.ts', '.json']) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestSource(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
const stale = (built, since) => !existsSync(built) || statSync(built).mtimeMs < since;

if (process.argv[2] === 'editor') {
  // `scheda editor`: the local server (its own bundle) and the static editor, each rebuilt when stale
  const build = await import('../scripts/build.mjs');
  const engine = newestSource(join(root, 'engine'));
  if (stale(join(root, 'dist', 'editor-server.mjs'), newestSource(join(root, 'editor', 'server')))) await build.bundleEditorServer();
  const page = join(root, 'dist', 'editor', 'index.html');
  if (stale(page, Math.max(engine, newestSource(join(root, 'editor'), ['.ts', '.html', '.css'])))) {
    process.stderr.write('scheda editor: preparo l\'editor / building the editor…\n');
    await build.buildEditor();
  }
  const { main } = await import(join(root, 'dist', 'editor-server.mjs'));
  process.exit(await main(process.argv.slice(3), join(root, 'dist', 'editor')));
}

const sources = Math.max(newestSource(join(root, 'engine')), statSync(join(root, 'schemas', 'ir.schema.json')).mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  const { bundle } = await import('../scripts/build.mjs');
  await bundle();
}
const { main } = await import(dist);
process.exitCode = await main(process.argv.slice(2));

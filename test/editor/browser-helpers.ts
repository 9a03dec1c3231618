// Shared by the browser test and the browser benchmark: Debian's Chromium and a built editor.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.SCHEDA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/editor/ when it is missing or older than its sources (editor/, engine/). */
export async function ensureEditorBuilt() {
  const page = 'dist/editor/index.html';
  if (existsSync(page) && statSync(page).mtimeMs >= Math.max(newest('editor'), newest('engine'))) return;
  const { buildEditor } = await import('../../scripts/build.mjs');
  await buildEditor();
}

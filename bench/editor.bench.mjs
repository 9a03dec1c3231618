// `npm run bench:editor`: the browser editor in Debian's Chromium (headless, playwright-core) on a copy of
// rules/cremona/2024, comparto.scheda open (it uses progetti.scheda): the time from a keystroke to the
// engine's markers on screen, measured inside the page (Monaco's content change → the worker's diagnostics
// applied as markers), over many keystrokes that make and clear errors. Target: ≤ 50 ms.
// Then keystroke → preview: the same file with the sample data (data/cremona-2024), keystrokes in a comment
// (the text changes, the rules do not, so every keystroke runs the whole year: comparto and the progetti it
// uses, on 651 persons of the two schemes), from the keystroke to the preview's tables on screen, with the
// impact against the saved version computed too. Target: ≤ 150 ms.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
// as in test/editor/browser-helpers.ts (TypeScript, which plain node does not import)
const CHROMIUM = process.env.SCHEDA_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const { buildEditor, bundleEditorServer } = await import('../scripts/build.mjs');
await buildEditor();
await bundleEditorServer();
const { startEditorServer } = await import(join(root, 'dist', 'editor-server.mjs'));

const KEYSTROKES = Number(process.env.KEYSTROKES ?? 60);
const dir = mkdtempSync(join(tmpdir(), 'scheda-bench-editor-'));
cpSync(join(root, 'rules', 'cremona', '2024'), join(dir, 'cremona', '2024'), { recursive: true });
const srv = await startEditorServer({ rulesDir: dir, staticDir: join(root, 'dist', 'editor'), dataDir: join(root, 'data') });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage();
  await page.goto(srv.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('button.file[data-path="cremona/2024/comparto.scheda"]');
  await page.waitForFunction(() => document.body.dataset.open === 'cremona/2024/comparto.scheda');
  const settled = () => page.waitForFunction(() => window.__scheda?.version === window.scheda.version(), undefined, { timeout: 30_000 });
  await settled();
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  const total = [];
  const engine = [];
  // «calcola zz = totale * 2»: a syntax error at most keystrokes, an unknown name at some, none at the end
  const line = 'calcola zz = totale * 2';
  for (let i = 0; i < KEYSTROKES; i++) {
    const ch = line[i % (line.length + 1)];
    if (ch === undefined) {
      await page.keyboard.press('Shift+Home');
      await page.keyboard.press('Backspace');
    } else await page.keyboard.type(ch);
    await settled();
    const r = await page.evaluate(() => window.__scheda);
    total.push(r.lastCheckMs);
    engine.push(r.engineMs);
  }
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return `median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
  };
  console.log(`keystroke → markers (comparto.scheda + progetti.scheda, ${KEYSTROKES} keystrokes): ${stats(total)}`);
  console.log(`  of which parse + check + compile in the worker: ${stats(engine)}`);

  // keystroke → preview: clear the line typed above, then type a comment
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  const previewed = () => page.waitForFunction(() => document.body.dataset.previewVersion === String(window.scheda.version()) && window.__preview?.ok, undefined, { timeout: 120_000 });
  await page.keyboard.type('#');
  await previewed();
  const persons = await page.evaluate(() => document.getElementById('preview-status').textContent);
  const PREVIEWS = Number(process.env.PREVIEWS ?? 30);
  const pv = [];
  const build = [];
  const run = [];
  const tables = [];
  const impact = [];
  for (let i = 0; i < PREVIEWS; i++) {
    await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    await previewed();
    const r = await page.evaluate(() => window.__preview);
    pv.push(r.ms);
    build.push(r.buildMs);
    run.push(r.runMs);
    tables.push(r.tablesMs);
    impact.push(r.impactMs);
  }
  console.log(`keystroke → preview (${persons}; ${PREVIEWS} keystrokes): ${stats(pv)}`);
  console.log(`  in the worker: parse + check + compile ${stats(build)}`);
  console.log(`  the year's run (population from the parsed tables, evaluation, funds, findings): ${stats(run)}`);
  console.log(`  the preview's tables (per-person results and funds): ${stats(tables)}`);
  console.log(`  the impact against the saved version: ${stats(impact)}`);
  // the published tables: their own worker, once typing pauses (400 ms), through the disclosure control
  const t0 = Date.now();
  await page.waitForFunction(() => document.body.dataset.reportVersion === String(window.scheda.version()), undefined, { timeout: 300_000 });
  console.log(`published tables on screen ${((Date.now() - t0) / 1000).toFixed(1)} s after the last preview (400 ms pause, then the year and the disclosure control in their own worker)`);
} finally {
  await browser.close();
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
}

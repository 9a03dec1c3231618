// The editor in a real browser (Debian's Chromium, driven by playwright-core): an error typed in a scheme
// shows a marker with the engine's Italian message, the fix clears it, Ctrl+S saves, a reload restores an
// unsaved draft, and a save over a file changed on disk is refused with the diff shown.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEditorServer, type EditorServer } from '../../editor/server/server.ts';
import { format, parse } from '../../engine/index.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureEditorBuilt } from './browser-helpers.ts';

const SCHEME = `scheda prova "Prova" anno 2025 lingua it

dati persona {
  matricola: testo chiave
  punti_obiettivi: punti da 0 a 60
}

totale max 60 punti

voce obiettivi "Obiettivi" max 60 punti = punti_obiettivi
  fonte "Regolamento, art. 3"

requisito minimo "Almeno 30 punti": totale >= 30 punti
`;

const SCHEME_EN = `scheme staff "Staff" year 2025 language en

inputs person {
  id: text key
  objective_points: points from 0 to 40
}

total max 40 points

item objectives "Objectives" max 40 points = objective_points
`;

let dir: string;
let file: string;
let srv: EditorServer;
let browser: Browser;
let page: Page;

interface Hooks {
  scheda: { text(): string; version(): number; at(line: number, col: number): void; position(): { lineNumber: number; column: number } };
}
const text = () => page.evaluate(() => (window as unknown as Hooks).scheda.text());
const at = (line: number, col: number) => page.evaluate(([l, c]) => (window as unknown as Hooks).scheda.at(l, c), [line, col]);

/** Waits until the rendered words `a` and `b` carry the same token class (`same`) or different ones. */
async function tokens(a: string, b: string, same: boolean) {
  // (no named function inside: the test's transpiler would wrap it in a helper the page does not have)
  await page.waitForFunction(([x, y, eq]) => {
    const spans = [...document.querySelectorAll('.monaco-editor .view-line span span')];
    // Monaco puts neighbouring tokens of one colour in one span (a name and the blanks around it)
    const cx = spans.find((e) => (e.textContent ?? '').split(/[^\p{L}\p{N}_]+/u).includes(x))?.className;
    const cy = spans.find((e) => (e.textContent ?? '').split(/[^\p{L}\p{N}_]+/u).includes(y))?.className;
    return !!cx && !!cy && (cx === cy) === eq;
  }, [a, b, same] as const, { timeout: 10_000 });
}

/** Waits until the worker has checked the text as it is now. */
async function settled() {
  await page.waitForFunction(() => {
    const w = window as unknown as { scheda: { version(): number }; __scheda?: { version: number } };
    return w.__scheda?.version === w.scheda.version();
  }, undefined, { timeout: 20_000 });
}

async function endOfFile() {
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+End');
}

beforeAll(async () => {
  await ensureEditorBuilt();
  dir = mkdtempSync(join(tmpdir(), 'scheda-browser-'));
  mkdirSync(join(dir, 'comune', '2025'), { recursive: true });
  file = join(dir, 'comune', '2025', 'prova.scheda');
  writeFileSync(file, SCHEME);
  writeFileSync(join(dir, 'comune', '2025', 'staff.scheda'), SCHEME_EN);
  srv = await startEditorServer({ rulesDir: dir, staticDir: 'dist/editor' });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (the README's test command does)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(srv.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('body[data-checked-version]', { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the browser editor', () => {
  it('opens the scheme, listed by body and year, with no problems', async () => {
    expect(await page.textContent('nav')).toMatch(/comune[\s\S]*2025[\s\S]*prova/);
    expect(await text()).toBe(SCHEME);
    await page.waitForSelector('#problems li.none');
  });

  it('highlights the Italian keywords, not the names', async () => {
    await tokens('voce', 'totale', true);
    await tokens('voce', 'requisito', true);
    await tokens('voce', 'obiettivi', false);
    await tokens('obiettivi', 'punti_obiettivi', true);
  });

  it('speaks Italian, and English at the press of a button', async () => {
    expect(await page.textContent('#save')).toBe('Salva');
    await page.click('#ui-lang');
    expect(await page.textContent('#save')).toBe('Save');
    expect(await page.textContent('#problems')).toContain('No problems.');
    await page.click('#ui-lang');
    expect(await page.textContent('#save')).toBe('Salva');
  });

  it('shows a name\'s label, kind, maximum and legal source on hover', async () => {
    await at(10, 8); // voce «obiettivi»
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Control+i');
    const hover = await page.waitForSelector('.monaco-hover-content', { timeout: 10_000 });
    const h = (await hover.textContent()) ?? '';
    expect(h).toContain('Obiettivi');
    expect(h).toContain('voce');
    expect(h).toMatch(/massimo: 60 punti/);
    expect(h).toContain('Regolamento, art. 3');
    await page.keyboard.press('Escape');
  });

  it('goes to the declaration of a name (F12)', async () => {
    await at(10, 50); // «= punti_obiettivi»
    const line = await page.evaluate(() => (window as unknown as Hooks).scheda.position().lineNumber);
    expect(line).toBe(10);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('F12');
    await page.waitForFunction(() => (window as unknown as Hooks).scheda.position().lineNumber === 5);
  });

  it('completes declared names and input fields', async () => {
    await endOfFile();
    await page.keyboard.type('\npunti_ob');
    await page.keyboard.press('Control+Space');
    const widget = await page.waitForSelector('.suggest-widget .monaco-list-row', { timeout: 10_000 });
    expect(await widget.textContent()).toContain('punti_obiettivi');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await settled();
    expect(await text()).toBe(SCHEME);
  });

  it('formats the document as `scheda fmt` does', async () => {
    await at(8, 1);
    await page.keyboard.type('   ');
    const before = await text();
    await page.click('#format');
    await page.waitForFunction((t) => (window as unknown as Hooks).scheda.text() !== t, before);
    expect(await text()).toBe(format(parse(before, 'prova.scheda').ast));
    await settled();
  });

  it('shows a marker with the Italian message for an error typed in, and clears it when fixed', async () => {
    await endOfFile();
    await page.keyboard.type('calcola doppio = punti_obietivi * 2');
    await settled();
    const problem = await page.waitForSelector('#problems li.problem.error');
    const message = (await problem.textContent()) ?? '';
    expect(message).toContain('punti_obietivi');
    expect(message).toMatch(/Errore/);
    expect(message).toMatch(/intendevi «punti_obiettivi»/);
    await page.waitForSelector('.monaco-editor .squiggly-error');
    // the fix: the line written again
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('calcola doppio = punti_obiettivi * 2');
    await settled();
    expect(await page.textContent('#problems')).toMatch(/Nessun problema/);
    await page.waitForSelector('.monaco-editor .squiggly-error', { state: 'detached', timeout: 10_000 });
    expect(await text()).toContain('calcola doppio = punti_obiettivi * 2');
  });

  it('offers the did-you-mean as a quick fix', async () => {
    await endOfFile();
    await page.keyboard.type('\ncalcola metà = obiettiv / 2');
    await settled();
    expect(await page.textContent('#problems')).toMatch(/intendevi «obiettivi»/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget', { timeout: 10_000 });
    await page.keyboard.press('Enter');
    await settled();
    expect(await text()).toContain('calcola metà = obiettivi / 2');
    expect(await page.textContent('#problems')).toMatch(/Nessun problema/);
  });

  it('speaks English to a scheme written in English, highlighted with the English keywords', async () => {
    await page.click('button.file[data-path="comune/2025/staff.scheda"]');
    await page.waitForFunction(() => document.body.dataset.open === 'comune/2025/staff.scheda');
    await settled();
    expect(await text()).toBe(SCHEME_EN);
    await tokens('item', 'total', true);
    await tokens('item', 'objectives', false);
    await endOfFile();
    await page.keyboard.type('\ncompute double = objective_point * 2');
    await settled();
    expect(await page.textContent('#problems')).toMatch(/The name «objective_point» is not declared\. — Did you mean «objective_points»\?/);
    // back to the Italian scheme: its draft (the fix above) is still there
    await page.click('button.file[data-path="comune/2025/prova.scheda"]');
    await page.waitForFunction(() => document.body.dataset.open === 'comune/2025/prova.scheda');
    await settled();
    expect(await text()).toContain('calcola metà = obiettivi / 2');
  });

  it('saves with Ctrl+S, atomically, and the text is on disk', async () => {
    await page.keyboard.press('Control+s');
    await page.waitForSelector('body[data-saved]');
    expect(readFileSync(file, 'utf8')).toBe(await text());
  });

  it('keeps an unsaved draft in the browser and restores it after a reload', async () => {
    await endOfFile();
    await page.keyboard.type('\n# bozza non salvata');
    const typed = await text();
    expect(readFileSync(file, 'utf8')).not.toBe(typed);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await text()).toBe(typed);
    expect(await page.textContent('#notice')).toMatch(/Bozza ripristinata/);
  });

  it('refuses to save over a file changed on disk since it was opened, and shows the diff', async () => {
    const onDisk = readFileSync(file, 'utf8') + '# cambiata da un collega\n';
    writeFileSync(file, onDisk);
    await page.click('#save');
    await page.waitForSelector('#conflict:not([hidden])');
    expect(await page.textContent('#conflict')).toMatch(/cambiato sul disco/);
    await page.waitForSelector('#diff .monaco-diff-editor');
    expect(readFileSync(file, 'utf8')).toBe(onDisk);
    // the user chooses: their version over the one on disk
    await page.click('#keep-mine');
    await page.waitForSelector('#conflict[hidden]', { state: 'attached' });
    expect(readFileSync(file, 'utf8')).toBe(await text());
  });
});

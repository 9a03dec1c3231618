// The editor's panels in a real browser (Debian's Chromium, playwright-core): the examples pass or fail
// live; the preview on the sample data shows for a person what `scheda run` computes for them; a band
// threshold changed in the grid changes the text (through the formatter), the markers and the impact;
// the compare view lists the changes between two years and reveals one in both panes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEditorServer, type EditorServer } from '../../editor/server/server.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureEditorBuilt } from './browser-helpers.ts';

const scheme = (year: number, media: string) => `scheda premi "Premi" anno ${year} lingua it

dati ente {
  fondo_premi: euro "Fondo dei premi"
}

dati persona {
  matricola: testo chiave
  punti_obiettivi: punti da 0 a 100
}

totale max 100 punti

voce obiettivi "Obiettivi" max 100 punti = punti_obiettivi

fasce fascia "Fasce" su totale {
  bassa sotto 60 → 0%
  media da 60 a 80 → ${media}
  alta oltre 80 fino a 100 → 100%
}

calcola peso "Peso" = quota(fascia) * totale
calcola premio "Premio" = ripartisci(fondo_premi; peso)

parità: totale decrescente; matricola crescente

fondo premi "Fondo dei premi" = fondo_premi {
  pagato premiati "Premi": premio
}

prospetto riepilogo "Riepilogo" {
  valutati "Valutati" = conta(matricola <> "")
}

esempio "90 punti: fascia alta" {
  dato punti_obiettivi = 90 punti
  atteso fascia = alta
}

esempio "70 punti: fascia alta (sbagliato apposta)" {
  dato punti_obiettivi = 70 punti
  atteso fascia = alta
}
`;
const POINTS = [50, 55, 62, 65, 70, 75, 79, 81, 82, 84, 85, 90, 95, 100];

let dir: string;
let srv: EditorServer;
let browser: Browser;
let page: Page;
let results: Map<string, Record<string, string>>;

interface Hooks {
  scheda: { text(): string; version(): number; at(line: number, col: number): void };
  __scheda?: { version: number };
}
const text = () => page.evaluate(() => (window as unknown as Hooks).scheda.text());
const settled = () => page.waitForFunction(() => {
  const w = window as unknown as Hooks;
  return w.__scheda?.version === w.scheda.version();
}, undefined, { timeout: 30_000 });
const previewed = () => page.waitForFunction(() => document.body.dataset.previewVersion === String((window as unknown as Hooks).scheda.version()), undefined, { timeout: 60_000 });

beforeAll(async () => {
  await ensureEditorBuilt();
  dir = mkdtempSync(join(tmpdir(), 'scheda-panels-'));
  for (const [y, media] of [[2024, '70%'], [2025, '80%']] as const) {
    mkdirSync(join(dir, 'rules', 'comune', String(y)), { recursive: true });
    writeFileSync(join(dir, 'rules', 'comune', String(y), 'premi.scheda'), scheme(y, media));
  }
  const data = join(dir, 'data', 'comune-2025');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'ente.csv'), 'nome;valore\nfondo_premi;10000,00\n');
  writeFileSync(join(data, 'premi-persone.csv'), 'matricola;punti_obiettivi\n' + Array.from({ length: 40 }, (_, i) => `P${String(i + 1).padStart(3, '0')};${POINTS[(i * 7) % POINTS.length]}`).join('\n') + '\n');
  // what `scheda run` computes, person by person
  execFileSync(process.execPath, ['bin/scheda.mjs', 'run', join(dir, 'rules', 'comune', '2025'), '--data', data, '--out', join(dir, 'out')], { stdio: 'pipe' });
  const [head, ...lines] = readFileSync(join(dir, 'out', 'premi', 'results.csv'), 'utf8').trim().split('\n').map((l) => l.split(';'));
  results = new Map(lines.map((l) => [l[0], Object.fromEntries(head.map((h, i) => [h, l[i]]))]));
  srv = await startEditorServer({ rulesDir: join(dir, 'rules'), staticDir: 'dist/editor', dataDir: join(dir, 'data') });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (the README's test command does)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(srv.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.click('button.file[data-path="comune/2025/premi.scheda"]');
  await page.waitForFunction(() => document.body.dataset.open === 'comune/2025/premi.scheda');
  await settled();
  await previewed();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the editor panels', () => {
  it('lists the examples passing and failing, and a click reveals the example', async () => {
    await page.waitForFunction(() => document.body.dataset.examples === '1/2', undefined, { timeout: 30_000 });
    await page.click('[data-tab="examples"]');
    expect(await page.locator('#examples li.pass').count()).toBe(1);
    const fail = page.locator('#examples li.fail');
    expect(await fail.count()).toBe(1);
    expect(await fail.textContent()).toMatch(/fascia: atteso alta, calcolato media/);
    await fail.click();
    const line = await page.evaluate(() => (window as unknown as { scheda: { position(): { lineNumber: number } } }).scheda.position().lineNumber);
    expect(line).toBe(Number(await fail.getAttribute('data-line')));
  });

  it('previews the year on the sample data: each person as `scheda run` computes them, the funds, the published tables', async () => {
    await page.click('[data-tab="preview"]');
    expect(await page.textContent('#preview-status')).toMatch(/comune-2025: 40 persone/);
    const heads = await page.$$eval('#preview-persons th', (ths) => ths.map((th) => th.getAttribute('title')));
    const premio = heads.indexOf('premio');
    expect(premio).toBeGreaterThan(0);
    for (const who of ['P001', 'P002', 'P017']) {
      await page.fill('#preview-search', who);
      const cells = await page.$$eval(`#preview-persons tr[data-person="${who}"] td`, (tds) => tds.map((td) => td.textContent));
      expect(cells[premio], who).toBe(results.get(who)!.premio);
      expect(cells[heads.indexOf('Pagato')], who).toBe(results.get(who)!.premio);
    }
    await page.fill('#preview-search', '');
    expect(await page.locator('#preview-persons tr[data-person]').count()).toBe(40);
    expect(await page.textContent('#preview-funds tr[data-fund="premi"]')).toMatch(/10000\.00.*10000\.00.*sì/);
    // the published tables come from their own worker (the disclosure control can take seconds)
    await page.waitForFunction(() => document.body.dataset.reportVersion === String((window as unknown as Hooks).scheda.version()), undefined, { timeout: 60_000 });
    expect(await page.textContent('#preview-report')).toMatch(/Riepilogo[\s\S]*Valutati[\s\S]*40/);
    await page.click('[data-tab="impact"]');
    expect(await page.textContent('#impact')).toMatch(/nessun impatto/);
  });

  it('shows on hover a name\'s values on the sample data, from the preview\'s run', async () => {
    // «premio» (line 23): over the 40 persons, from its least to its most, with the median
    const premi = [...results.values()].map((r) => Number(r.premio.replace(',', '.'))).sort((a, b) => a - b);
    await page.evaluate(() => (window as unknown as Hooks).scheda.at(23, 10));
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Control+i');
    await page.waitForFunction(() => /Sui dati di esempio/.test(document.querySelector('.monaco-hover-content')?.textContent ?? ''), undefined, { timeout: 10_000 });
    const h = (await page.textContent('.monaco-hover-content')) ?? '';
    expect(h).toMatch(/Sui dati di esempio: da .* a .*, mediana .* \(40 persone\)/);
    const euro = (x: number) => `${x.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.')} €`;
    expect(h).toContain(`da ${euro(premi[0])} a ${euro(premi[premi.length - 1])}`);
    await page.keyboard.press('Escape');
    // the entity's fund: its value
    await page.evaluate(() => (window as unknown as Hooks).scheda.at(4, 4));
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Control+i');
    await page.waitForFunction(() => /Sui dati di esempio: 10\.000,00 €/.test(document.querySelector('.monaco-hover-content')?.textContent ?? ''), undefined, { timeout: 10_000 });
    await page.keyboard.press('Escape');
  });

  it('edits a band threshold in the grid: the text changes (laid out by the formatter), an overlap is marked, the impact follows; Ctrl+Z undoes', async () => {
    const before = await text();
    await page.evaluate(() => (window as unknown as Hooks).scheda.at(17, 1));
    await page.click('.codelens-decoration a:visible >> nth=0');
    await page.waitForSelector('#grid:not([hidden])');
    expect(await page.textContent('#grid-title')).toContain('Fasce');
    // «media» up to 85: it now overlaps «alta» (over 80)
    await page.fill('#grid-table tr[data-row="1"] input[data-field="hi"]', '85');
    await page.press('#grid-table tr[data-row="1"] input[data-field="hi"]', 'Enter');
    await page.waitForFunction(() => (window as unknown as Hooks).scheda.text().includes('media da 60 a 85 → 80%'));
    await settled();
    await page.waitForSelector('.monaco-editor .squiggly-error');
    await page.click('[data-tab="problems"]');
    expect(await page.textContent('#problems')).toMatch(/sovrappongono/);
    await page.waitForSelector('#grid-table tr.flag');
    // «alta» from over 85: no overlap, and persons with 81–85 points move from alta to media
    await page.fill('#grid-table tr[data-row="2"] input[data-field="lo"]', '85');
    await page.press('#grid-table tr[data-row="2"] input[data-field="lo"]', 'Enter');
    await page.waitForFunction(() => (window as unknown as Hooks).scheda.text().includes('alta oltre 85 fino a 100 → 100%'));
    await settled();
    await page.waitForSelector('.monaco-editor .squiggly-error', { state: 'detached', timeout: 10_000 });
    expect(await page.locator('#grid-table tr.flag').count()).toBe(0);
    await previewed();
    await page.click('[data-tab="impact"]');
    const moved = POINTS.filter((p) => p > 80 && p <= 85).length;
    expect(moved).toBeGreaterThan(0);
    expect(await page.textContent('#impact-bands')).toMatch(/Fasce: \d+ persone \(in su 0, in giù \d+\)/);
    expect(await page.locator('#impact-persons tr').count()).toBeGreaterThan(1);
    // one grid edit, one undo step each
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.waitForFunction((t) => (window as unknown as Hooks).scheda.text() === t, before);
    await page.click('#grid-close');
  });

  it('compares 2024 with 2025: the change list beside the diff, a click reveals the change in both panes', async () => {
    await page.click('#compare');
    await page.waitForFunction(() => document.body.dataset.compare?.startsWith('comune/2024/premi.scheda|comune/2025/premi.scheda|'), undefined, { timeout: 30_000 });
    await page.waitForSelector('#compare-diff .monaco-diff-editor');
    const items = page.locator('#compare-changes li.change');
    const all = await items.allTextContents();
    const k = all.findIndex((s) => /70\s*%.*80\s*%/.test(s));
    expect(k, all.join('\n')).toBeGreaterThanOrEqual(0);
    await items.nth(k).click();
    const line = scheme(2025, '80%').split('\n').findIndex((l) => l.includes('media da 60')) + 1;
    expect(await page.evaluate(() => document.body.dataset.revealed)).toBe(`${line}|${line}`);
    await page.click('#compare-close');
  });
});

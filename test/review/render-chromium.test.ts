// scheda render, read as a reader reads it: the HTML of `scheda render rules/cremona/2024` opened in Debian's
// Chromium (headless, through playwright-core), and its visible text checked for every rule's source (`fonte`)
// and the rules' labels. Skipped, saying why, only when /usr/bin/chromium is not installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { readSources, schemeFiles } from '../../engine/pipeline.ts';
import { parse } from '../../engine/syntax/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const tmp = mkdtempSync(join(tmpdir(), 'scheda-render-chromium-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every `fonte` of the bundle, wherever it stands (header, declaration, field, band or scale row), and every label. */
function sourcesAndLabels(dir: string): { sources: string[]; labels: string[] } {
  const sources = new Set<string>();
  const labels = new Set<string>();
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    const meta = o.meta as { sources?: string[] } | undefined;
    for (const s of meta?.sources ?? []) sources.add(s);
    if (typeof o.label === 'string' && ['item', 'section', 'gate', 'value', 'bands', 'fund', 'penalty'].includes(String(o.kind))) labels.add(o.label);
    for (const [k, v] of Object.entries(o)) if (k !== 'meta' && k !== 'span') walk(v);
  };
  for (const s of readSources(schemeFiles(dir))) {
    const r = parse(s.text, s.file);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    walk(r.ast);
  }
  return { sources: [...sources], labels: [...labels] };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.skipIf(!existsSync(CHROMIUM))(`scheda render in Chromium (${CHROMIUM}; skipped when it is not installed: apt-get install chromium)`, () => {
  it('shows every rule\'s source (§…) and every rule\'s label in the visible text of rules/cremona/2024', async () => {
    const html = join(tmp, 'cremona-2024.html');
    const r = spawnSync(process.execPath, ['bin/scheda.mjs', 'render', 'rules/cremona/2024', '--out', html], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const { sources, labels } = sourcesAndLabels(join(ROOT, 'rules/cremona/2024'));
    expect(sources.filter((s) => s.includes('§')).length).toBeGreaterThan(20);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(html).href);
      const text = norm(await page.evaluate(() => document.body.innerText));
      expect(text).toContain('Art. 1');
      const missing = sources.filter((s) => !text.includes(norm(s)));
      expect(missing, 'sources not visible in Chromium').toEqual([]);
      const missingLabels = labels.filter((l) => !text.includes(norm(l)));
      expect(missingLabels, 'labels not visible in Chromium').toEqual([]);
      // nothing of the rules' text is hidden or turned into markup
      expect(await page.locator('script').count()).toBe(0);
    } finally {
      await browser.close();
    }
  }, 180_000);
});

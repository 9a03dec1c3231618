// scheda render (the scheme as a document: escaped HTML, an A4 PDF with the text) and scheda nuovo-anno
// (year set in every file, examples marked, stale quotes listed, a non-empty target refused), and the
// check that a year folder's schemes say its year.
import { spawnSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentBlocks, documentHtml, documentPdf } from '../../engine/review/render.ts';
import { parseVersion } from '../../engine/review/diff.ts';
import { staleQuotes, yearFolderMismatches } from '../../engine/review/rollover.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'scheda-review-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HOSTILE = `scheda t "<b>Titolo</b>" anno 2024 lingua it
  fonte "Accordo <script>alert(1)</script> §3"

dati persona {
  matricola: testo chiave
  p: punti da 0 a 10
}

totale max 10 punti

voce v "Voce <img src=x onerror=alert(1)>" max 10 punti = p
  fonte "art. 3 & 4"
  nota "Lettura: \\"virgolette\\" e <tag>"

fasce f su totale {
  bassa da 0 a 5 → 0%
  alta oltre 5 fino a 10 → 100%
}

esempio "Un esempio" {
  dato p = 7 punti
  atteso f = alta
}
`;

describe('scheda render', () => {
  const doc = parseVersion({ id: 't', file: 't.scheda', text: HOSTILE });
  const blocks = documentBlocks([{ file: 't.scheda', ast: doc.ast }], []);

  it('escapes every text of the rules in HTML and keeps sources and readings beside the rules', () => {
    const html = documentHtml(blocks);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Titolo');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('art. 3 &amp; 4');
    expect(html).toContain('Fonte:</b> Accordo');
    expect(html).toContain('Nota: Lettura: &quot;virgolette&quot; e &lt;tag&gt;');
    expect(html).toMatch(/Art\. 1 — /);
    expect(html).toMatch(/<td>alta<\/td><td>oltre 5( punti)? fino a 10( punti)?<\/td>/);
  });

  it('writes an A4 PDF that holds the text', async () => {
    const pdf = await documentPdf(blocks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.2[0-9]* 841\.8[0-9]*\]/);
    // the text is in the content streams, as hex glyph strings of the standard fonts
    const hex = [...raw.matchAll(/<([0-9a-f]+)> /g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1')).join('');
    const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
      } catch {
        return m[1];
      }
    }).join('');
    const all = hex + [...streams.matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1')).join('');
    expect(all).toContain('Accordo <script>');
    expect(all).toContain('Un esempio');
  });

  it('renders the Cremona year with its sources (CLI, HTML and PDF)', () => {
    const html = join(tmp, 'c.html');
    const r = spawnSync(process.execPath, ['bin/scheda.mjs', 'render', 'rules/cremona/2024', '--out', html], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('§3.3');
    expect(text).toContain('Fasce di risultato');
  });
});

describe('scheda nuovo-anno', () => {
  it('copies the bundle with the new year, marks the examples, lists the stale quotes, refuses a non-empty target', () => {
    const to = join(tmp, 'x', '2025');
    const r = spawnSync(process.execPath, ['bin/scheda.mjs', 'nuovo-anno', 'rules/cremona/2024', to], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const comparto = readFileSync(join(to, 'comparto.scheda'), 'utf8');
    expect(comparto).toMatch(/^scheda comparto "Personale non dirigente" anno 2025 lingua it$/m);
    expect(comparto).toContain('# DA CONFERMARE per il 2025 (ripreso dal 2024)');
    expect(r.stdout).toMatch(/avviso .*comparto\.scheda:\d+:\d+: fonte cita .*«10%»/);
    const again = spawnSync(process.execPath, ['bin/scheda.mjs', 'nuovo-anno', 'rules/cremona/2024', to], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('non è vuota');
    const test = spawnSync(process.execPath, ['bin/scheda.mjs', 'test', to], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(test.status, test.stdout).toBe(0);
  });

  it('lists sources and notes quoting the old year or amounts, not plain words', () => {
    const q = staleQuotes('f', 'voce x max 5 punti = p\n  fonte "Accordo 2024, art. 3"\n  nota "vale il 33% del premio, 317,08 €"\n  fonte "art. 5"\n', '2024');
    expect(q.map((x) => [x.line, x.what, x.quotes])).toEqual([[2, 'fonte', ['2024']], [3, 'nota', ['33%', '317,08 €']]]);
  });

  it('check: a folder named for a year whose scheme says another year', () => {
    const dir = join(tmp, 'y', '2026');
    mkdirSync(dir, { recursive: true });
    const text = 'scheda s anno 2025 lingua it\n';
    writeFileSync(join(dir, 's.scheda'), text);
    expect(yearFolderMismatches([{ file: join(dir, 's.scheda'), text }])).toEqual([{ file: join(dir, 's.scheda'), offset: 14, folder: '2026', year: '2025' }]);
    expect(yearFolderMismatches([{ file: join(tmp, 'y', 'other', 's.scheda'), text }])).toEqual([]);
    expect(yearFolderMismatches([{ file: join(tmp, 'y', '2025', 's.scheda'), text }])).toEqual([]);
    expect(existsSync(dir)).toBe(true);
    void cpSync;
  });
});

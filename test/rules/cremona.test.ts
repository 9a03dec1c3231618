// The Cremona 2024 rules, in-process: what `scheda check` and `scheda test rules/cremona/2024` do, plus
// a guard that nothing of Cremona leaked into the engine.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundles } from '../../engine/pipeline.ts';
import { runExample } from '../../engine/run/examples.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CREMONA = join(ROOT, 'rules', 'cremona', '2024');
const SCHEMES = ['comparto', 'dirigenti', 'eq', 'progetti'];

const [{ bundle }] = loadBundles([CREMONA]);
const lineOf = (file: string, line: number) => readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';

describe('scheda check rules/cremona/2024', () => {
  it('reads the four schemes as one folder', () => {
    expect([...bundle.sources.keys()].sort()).toEqual(SCHEMES);
    expect([...bundle.irs.keys()].sort()).toEqual(SCHEMES);
  });

  it('gives no errors', () => {
    expect(bundle.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.span.line}:${d.span.col} ${d.code}: ${d.message}`)).toEqual([]);
    expect(bundle.ok).toBe(true);
  });

  const warnings = bundle.diagnostics.filter((d) => d.severity === 'warning');
  const summary = warnings.map((d) => `${basename(d.file, '.scheda')} ${d.code}`).sort();

  it('gives exactly the expected warnings: gate and bands misaligned, 0 uncovered in dirigenti', () => {
    expect(summary).toEqual(['dirigenti gate-admits-unpaid', 'dirigenti table-uncovered']);
  });

  it('reports no gap in the two balancing tables: their amounts are truncated to the euro, their limits whole euro', () => {
    expect(warnings.filter((d) => d.code === 'table-gap')).toEqual([]);
    const rows = ['da 1.001,00 € a 1.499,00 € → 50%', 'da 1.500,00 € → 100%'];
    // the two tables of the main reading (the variant «soglie_arrotondate» repeats them, one level deeper)
    for (const r of rows) expect(readFileSync(join(CREMONA, 'comparto.scheda'), 'utf8').split('\n').filter((l) => l === '  ' + r)).toHaveLength(2);
    expect(readFileSync(join(CREMONA, 'comparto.scheda'), 'utf8').match(/= scala tronca\(/g)).toHaveLength(2);
  });

  it('puts gate-admits-unpaid on the 60-point gate of dirigenti, pointing at the bands', () => {
    const d = warnings.find((x) => x.code === 'gate-admits-unpaid')!;
    expect(lineOf(d.file, d.span.line)).toMatch(/^requisito punteggio_minimo .*: totale >= 60 punti$/);
    expect(d.message).toContain('il punteggio 60');
    expect(d.related?.map((r) => lineOf(r.file, r.span.line))).toEqual([expect.stringMatching(/^fasce fascia_risultato /)]);
  });

  it('puts table-uncovered on the first band of dirigenti, for a score of 0', () => {
    const d = warnings.find((x) => x.code === 'table-uncovered')!;
    expect(lineOf(d.file, d.span.line).trim()).toBe('nessuna oltre 0 fino a 60 → 0%');
    expect(d.message).toContain('Il valore 0');
  });

  it('leaves the data-dependent constraint of comparto for the run (info)', () => {
    const info = bundle.diagnostics.filter((d) => d.severity === 'info').map((d) => `${basename(d.file, '.scheda')} ${d.code}`);
    expect(info).toContain('comparto constraint-not-static');
  });
});

describe('scheda test rules/cremona/2024', () => {
  // each example in its reading: plain ones in the main reading, `variante X` under X, `ogni variante` under every one
  const under = new Map([...(bundle.variants?.keys() ?? [])].map((v) => [v, loadBundles([CREMONA], { variant: v })[0].bundle]));
  const outcomes = [...bundle.irs.values()].flatMap((ir) => ir.examples.flatMap((ex, k) => {
    const readings = ex.variant ? [ex.variant] : ex.every ? [undefined, ...under.keys()] : [undefined];
    return readings.map((v) => {
      const doc = v === undefined ? ir : under.get(v)!.irs.get(ir.id)!;
      return { scheme: ir.id, ...runExample(doc, doc.examples[k]) };
    });
  }));

  it('has at least 40 examples, in every scheme', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(40);
    for (const s of SCHEMES) expect(outcomes.some((o) => o.scheme === s), s).toBe(true);
  });

  it('passes every example', () => {
    const failed = outcomes.filter((o) => !o.ok).map((o) => `${o.scheme}:${o.line}: ${o.label}: ${JSON.stringify(o.failures)} ${o.error ? `${o.error.code} ${JSON.stringify(o.error.args)}` : ''}`);
    expect(failed).toEqual([]);
  });

  it('checks the published Cremona values: 553 admitted, 56 increases worth 17.756,64 €', () => {
    const ex = outcomes.find((o) => o.scheme === 'comparto' && o.label.startsWith('Valori pubblicati'));
    expect(ex?.ok).toBe(true);
  });
});

describe('the engine knows nothing of Cremona', () => {
  const engineFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? engineFiles(join(dir, e.name)) : [join(dir, e.name)]));
  const files = engineFiles(join(ROOT, 'engine'));
  const texts = files.map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8').toLowerCase() }));
  const hits = (needle: string) => texts.filter((t) => t.text.includes(needle.toLowerCase())).map((t) => t.file);

  it('has engine files to look at', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  // Names, amounts and thresholds that belong to the Cremona rules, not to the engine.
  const needles = ['cremona', '531354', '531.354', '9708,43', '17756', '1499', '1.499', '1,499'];
  it.each(needles)('has no file under engine/ containing «%s» (any case)', (needle) => {
    expect(hits(needle)).toEqual([]);
  });
});

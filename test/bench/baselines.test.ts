// The bench's two hand-written implementations of its comparto-like scheme — (a) a decimal.js loop and
// (b) integer cents — and scheda agree to the cent, person by person, on a small seeded population that
// has ties at the top-10% cut, scores of exactly 30,00 and 29,99, and amounts exactly at the balancing
// thresholds (1.000,99 1.001,00 1.499,50 1.500,00).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundles } from '../../engine/pipeline.ts';
import { runYear } from '../../engine/run/year.ts';
import { resultsCsv } from '../../engine/report/csv.ts';
import { generate } from '../../bench/generate.mjs';
import * as decimal from '../../bench/baselines/decimal.mjs';
import * as intcents from '../../bench/baselines/intcents.mjs';
import { compareResults } from '../../bench/baselines/compare.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scheda-baselines-'));
  await generate(join(dir, 'data'), { persons: 300, seed: 7, bodySize: 300, sectorsPerBody: 8 });
  const [{ bundle }] = loadBundles([join(ROOT, 'bench', 'comparto')]);
  expect(bundle.ok).toBe(true);
  const r = await runYear(bundle.irs, bundle.checked!.order, join(dir, 'data'));
  if (!r.ok) throw new Error(JSON.stringify([...r.dataErrors, ...r.problems].slice(0, 3)));
  writeFileSync(join(dir, 'scheda.csv'), resultsCsv(r.runs.get('comparto')!));
  const a = await decimal.read(join(dir, 'data'));
  await decimal.write(join(dir, 'decimal.csv'), decimal.compute(a));
  const b = await intcents.read(join(dir, 'data'));
  await intcents.write(join(dir, 'intcents.csv'), b, intcents.compute(b));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** scheda's results.csv as objects (`;`-separated, one header line). */
const table = (file: string) => {
  const [h, ...rows] = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean).map((l) => l.split(';'));
  return rows.map((r) => Object.fromEntries(h.map((k, i) => [k, r[i]])));
};

describe('bench baselines', () => {
  it('the population has the hard cases: ties at the top-10% cut, 30,00 and 29,99, amounts at the thresholds', () => {
    const persons = readFileSync(join(dir, 'data', 'comparto-persone.csv'), 'utf8');
    for (const a of ['1000,99', '1001,00', '1499,50', '1500,00']) expect(persons).toContain(`;${a}`);
    const res = table(join(dir, 'scheda.csv'));
    expect(res.some((p) => p.totale === '30' && p.ammesso === 'sì')).toBe(true);
    expect(res.some((p) => p.totale === '29.99' && p.ammesso === 'no')).toBe(true);
    // a sector where an admitted person left out has the score of the last one taken
    const tiedAtCut = [...new Set(res.map((p) => p.settore))].filter((s) => {
      const inS = res.filter((p) => p.settore === s && p.ammesso === 'sì');
      const taken = inS.filter((p) => p.vincitore === 'sì').map((p) => Number(p.totale));
      if (!taken.length) return false;
      const last = Math.min(...taken);
      return inS.some((p) => p.vincitore === 'no' && Number(p.totale) === last);
    });
    expect(tiedAtCut.length).toBeGreaterThan(0);
    expect(res.some((p) => p.bilanciamento === '0.5')).toBe(true);
    expect(res.some((p) => p.bilanciamento === '1')).toBe(true);
    expect(res.some((p) => p.maggiorazione !== '0.00')).toBe(true);
    expect(res.some((p) => p.trattenuta_sanzione !== '0.00')).toBe(true);
  });

  it('(a) decimal.js and scheda agree to the cent, person by person', async () => {
    const c = await compareResults(join(dir, 'scheda.csv'), join(dir, 'decimal.csv'), 'decimal.js');
    expect(c.first).toEqual([]);
    expect(c.persons).toBe(300);
  });

  it('(b) integer cents and scheda agree to the cent, person by person', async () => {
    const c = await compareResults(join(dir, 'scheda.csv'), join(dir, 'intcents.csv'), 'integer cents');
    expect(c.first).toEqual([]);
    expect(c.persons).toBe(300);
  });

  it('a disagreement is reported with the person, the figure and both values', async () => {
    const bad = readFileSync(join(dir, 'intcents.csv'), 'utf8').split('\n');
    const f = bad[5].split(';');
    f[7] = (Number(f[7]) + 0.01).toFixed(2); // premio one cent more
    bad[5] = f.join(';');
    writeFileSync(join(dir, 'bad.csv'), bad.join('\n'));
    const c = await compareResults(join(dir, 'scheda.csv'), join(dir, 'bad.csv'), 'integer cents');
    expect(c.disagreements).toBe(1);
    expect(c.first[0]).toMatch(new RegExp(`^${f[0]} premio: scheda \\d+\\.\\d\\d, integer cents ${f[7].replace('.', '\\.')}$`));
  });

  it('the integer arithmetic rounds half-up exactly, in BigInt past 2^53', () => {
    expect(intcents.mulDivHalfUp(1, 1, 2)).toBe(1); // 0.5 → 1
    expect(intcents.mulDivHalfUp(3, 1, 2)).toBe(2); // 1.5 → 2
    expect(intcents.mulDivHalfUp(1, 1, 3)).toBe(0);
    expect(intcents.mulDivHalfUp(2 ** 40, 2 ** 20, 3 * 2 ** 10)).toBe(Number((2n ** 61n + 3n * 2n ** 10n) / (6n * 2n ** 10n))); // a·b past 2^53
    expect(intcents.hundredths('1499,5')).toBe(149950);
    expect(() => intcents.hundredths('1,005')).toThrow(/two decimals/);
  });
});

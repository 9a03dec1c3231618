// Two more fictional bodies, written from the README alone: Comune di Valleverde 2025 (Italian keywords;
// value of a point, area lookups, optional fields, an overtime constraint per person) and the Unione dei
// Comuni di Monteferro 2025 (English keywords; a staff allocation that warns when overspent, maxima per
// grade, a managers' pot divided by weighted points). Each must check without errors, pass its examples
// and run its year on its synthetic data with balanced funds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Decimal } from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundles } from '../../engine/pipeline.ts';
import { runExample } from '../../engine/run/examples.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Fund {
  name: string;
  amount: string;
  paid: string;
  remainders: Record<string, string>;
  tiers?: Record<string, string>;
  stanziamento?: { non_speso: string; oltre: string };
}

const BODIES = [
  { body: 'valleverde', schemes: ['comparto'], allocation: undefined, minExamples: 8 },
  { body: 'monteferro', schemes: ['managers', 'staff'], allocation: { scheme: 'staff', fund: 'performance_bonus' }, minExamples: 8 },
] as const;

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe.each(BODIES)('rules/$body/2025', ({ body, schemes, allocation, minExamples }) => {
  const dir = join(ROOT, 'rules', body, '2025');
  const [{ bundle }] = loadBundles([dir]);

  it('checks without errors or warnings', () => {
    expect([...bundle.irs.keys()].sort()).toEqual([...schemes]);
    const problems = bundle.diagnostics
      .filter((d) => d.severity === 'error' || d.severity === 'warning')
      .map((d) => `${basename(d.file)}:${d.span.line}:${d.span.col} ${d.code}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(bundle.ok).toBe(true);
  });

  const outcomes = [...bundle.irs.values()].flatMap((ir) => ir.examples.map((ex) => ({ scheme: ir.id, ...runExample(ir, ex) })));

  it(`has at least ${minExamples} examples in every scheme, and every one passes`, () => {
    for (const s of schemes) expect(outcomes.filter((o) => o.scheme === s).length, s).toBeGreaterThanOrEqual(minExamples);
    const failed = outcomes.filter((o) => !o.ok).map((o) => `${o.scheme}:${o.line}: ${o.label}: ${JSON.stringify(o.failures)}`);
    expect(failed).toEqual([]);
  });

  describe('scheda run on the synthetic data', () => {
    const out = join(mkdtempSync(join(tmpdir(), `scheda-${body}-`)), 'out');
    temps.push(join(out, '..'));
    const r = spawnSync(process.execPath, ['bin/scheda.mjs', 'run', `rules/${body}/2025`, '--data', `data/${body}-2025`, '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const report = (scheme: string) => JSON.parse(readFileSync(join(out, scheme, 'report.json'), 'utf8'));

    it('succeeds and writes every scheme', () => {
      expect(r.status).toBe(0);
      for (const s of schemes) expect(report(s).funds.length).toBeGreaterThan(0);
    });

    it('balances every pot to the cent: amount = tiers = paid + remainders', () => {
      for (const s of schemes) {
        for (const f of report(s).funds as Fund[]) {
          if (f.stanziamento) continue;
          const remainders = Object.values(f.remainders).reduce((a, v) => a.plus(v), new Decimal(0));
          expect(new Decimal(f.paid).plus(remainders).toFixed(2), `${s}.${f.name}`).toBe(new Decimal(f.amount).toFixed(2));
          if (f.tiers) {
            const tiers = Object.values(f.tiers).reduce((a, v) => a.plus(v), new Decimal(0));
            expect(tiers.toFixed(2), `${s}.${f.name} tiers`).toBe(new Decimal(f.paid).toFixed(2));
          }
        }
      }
    });

    if (allocation) {
      it('warns that the allocation was overspent, in the CLI and in report.json', () => {
        const f = (report(allocation.scheme).funds as Fund[]).find((x) => x.name === allocation.fund)!;
        expect(f.stanziamento).toBeDefined();
        const over = new Decimal(f.stanziamento!.oltre);
        expect(over.gt(0)).toBe(true);
        expect(new Decimal(f.paid).minus(f.amount).toFixed(2)).toBe(over.toFixed(2));
        expect(r.stdout + r.stderr).toMatch(/Spending above the allocation «Staff performance bonus \(budget allocation\)»/);
        expect(report(allocation.scheme).avvisi).toContain('Spending above the allocation «Staff performance bonus (budget allocation)».');
      });
    }
  });
});

// Differential test of the compiled evaluator on the bundled rules: every rule file in rules/ run on its
// sample data (data/<body>-<year>) by the reference evaluator and by the compiled one gives the same value for
// every person, unit and the entity (as decimal strings), the same errors, allocations, cuts, funds and
// warnings, hence the same results.json and explanations (report.json is built from these values; its disclosure audit is
// too slow to run twice per bundle here); and every example written in the rule
// files gives the same outcome under both.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundles } from '../../engine/pipeline.ts';
import { runYear } from '../../engine/run/year.ts';
import { runExample } from '../../engine/run/examples.ts';
import { CompiledEvaluator } from '../../engine/run/compiled/evaluator.ts';
import { explainPerson, explanationText } from '../../engine/explain.ts';
import { buildResults } from '../../engine/report/tables.ts';
import { text, withEvaluator, yearText } from './compiled-helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const years = readdirSync(join(ROOT, 'rules')).flatMap((body) => readdirSync(join(ROOT, 'rules', body)).map((year) => ({ body, year })));

describe('compiled evaluator = reference evaluator on the bundled rules', () => {
  it('finds the bundled rule files', () => {
    expect(years.length).toBeGreaterThanOrEqual(5);
  });
  for (const { body, year } of years) {
    const dir = join(ROOT, 'rules', body, year);
    const data = join(ROOT, 'data', `${body}-${year}`);
    it(`${body}/${year}: examples give the same outcome`, () => {
      const [{ bundle }] = loadBundles([dir]);
      expect(bundle.ok).toBe(true);
      let n = 0;
      for (const ir of bundle.irs.values()) {
        for (const ex of ir.examples) {
          const ref = withEvaluator('reference', () => text(runExample(ir, ex)));
          const got = withEvaluator('compiled', () => text(runExample(ir, ex)));
          expect(got, `${ir.id}: ${ex.label}`).toEqual(ref);
          n++;
        }
      }
      expect(n).toBeGreaterThan(0);
    });
    if (!existsSync(data)) continue;
    it(`${body}/${year} on data/${body}-${year}: same values, errors, allocations`, async () => {
      const [{ bundle }] = loadBundles([dir]);
      const order = bundle.checked!.order;
      const ref = await runYear(bundle.irs, order, data, undefined, {}, 'reference');
      const got = await runYear(bundle.irs, order, data, undefined, {}, 'compiled');
      expect(got.ok).toBe(ref.ok);
      if (got.ok) for (const run of got.runs.values()) expect(run.ev).toBeInstanceOf(CompiledEvaluator);
      expect(yearText(got)).toEqual(yearText(ref));
      // what is published and explained reads the run's evaluator: the same results, report and explanations
      if (!got.ok || !ref.ok) return;
      for (const [id, run] of got.runs) {
        const other = ref.runs.get(id)!;
        expect(JSON.stringify(buildResults(run))).toBe(JSON.stringify(buildResults(other)));
        for (const p of run.pop.persons.slice(0, 25)) {
          const x = explainPerson(run, p.key);
          expect(x && explanationText(x, run.ir.lang)).toBe(explainPerson(other, p.key) && explanationText(explainPerson(other, p.key)!, run.ir.lang));
        }
      }
    }, 60_000);
  }
});

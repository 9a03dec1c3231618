// json-logic-js as the third party of the differential test: the per-person expressions of every compiled IR
// of the bundled rules (those made of plain JsonLogic and scheda's exact operations, registered through
// json-logic-js's `add_operation`, see jsonlogic-helpers.ts) run by json-logic-js on each person's data give the
// values the compiled evaluator gives, person by person. The forms json-logic-js cannot run (population forms,
// row reads, dates, `if_missing`) are listed, with the reason, in jsonlogic-helpers.ts (NOT_RUNNABLE).
// Also: which IR forms the compiled plan compiles, and which it delegates to the reference operation table.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { loadBundles } from '../../engine/pipeline.ts';
import { runYear } from '../../engine/run/year.ts';
import { OPS } from '../../engine/run/operations.ts';
import { COMPILED_FORMS } from '../../engine/run/compiled/plan.ts';
import { D } from '../../engine/run/decimal.ts';
import { jsonLogicPairs, NOT_RUNNABLE, runnable } from './jsonlogic-helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const years = readdirSync(join(ROOT, 'rules'))
  .flatMap((body) => readdirSync(join(ROOT, 'rules', body)).map((year) => ({ body, year, data: join(ROOT, 'data', `${body}-${year}`) })))
  .filter((y) => existsSync(y.data));

describe('json-logic-js runs the IR with scheda\'s exact operations', () => {
  it('exact, not floating point: 0.1 + 0.2 = 0.3, and 30.00 points is 30', () => {
    expect(jsonLogic.apply({ '+': [{ dec: '0.1' }, { dec: '0.2' }] }).toFixed()).toBe('0.3');
    expect(jsonLogic.apply({ '>=': [{ '*': [{ dec: '0.1' }, { dec: '300' }] }, { dec: '30.00' }] })).toBe(true);
    expect(jsonLogic.apply({ '==': [{ var: 'persona.x' }, { dec: '30' }] }, { persona: { x: new D('30.00') } })).toBe(true);
  });

  it('population forms are not runnable by json-logic-js, per-person forms are', () => {
    expect(runnable({ sum: { over: { persons: true }, args: [{ val: 'x' }], where: true } })).toBe(false);
    expect(runnable({ best: { by: { val: 'x' }, within: false, among: true, share: '0.1', rounding: 'down' } })).toBe(false);
    expect(runnable({ var: 'riga.t.c' })).toBe(false);
    expect(runnable({ if: [{ '>': [{ var: 'persona.x' }, { dec: '1' }] }, { round: [{ val: 'y' }, { dec: '2' }] }, { dec: '0' }] })).toBe(true);
    for (const op of NOT_RUNNABLE) expect(OPS.has(op), op).toBe(true);
  });

  for (const { body, year, data } of years) {
    it(`${body}/${year}: every runnable per-person expression gives the compiled evaluator's value`, async () => {
      const [{ bundle }] = loadBundles([join(ROOT, 'rules', body, year)]);
      const r = await runYear(bundle.irs, bundle.checked!.order, data, undefined, {}, 'compiled');
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      let ran = 0;
      let decls = 0;
      for (const run of r.runs.values()) {
        const res = jsonLogicPairs(run.ir, run.ev);
        ran += res.ran.length;
        decls += res.ran.length + res.skipped.length;
        const wrong = res.pairs.filter((x) => JSON.stringify(x.jsonLogic) !== JSON.stringify(x.engine));
        expect(wrong.slice(0, 5), run.ir.id).toEqual([]);
        if (res.ran.length) expect(res.pairs.length).toBeGreaterThan(0);
      }
      // most per-person declarations are plain JsonLogic with exact operations
      expect(ran).toBeGreaterThan(decls / 2);
    }, 60_000);
  }
});

describe('the compiled plan: forms compiled and forms delegated', () => {
  it('compiles the common forms and delegates the population forms to the reference table', () => {
    const delegated = [...OPS.keys()].filter((op) => !COMPILED_FORMS.includes(op)).sort();
    for (const op of COMPILED_FORMS) expect(OPS.has(op), op).toBe(true);
    expect([...COMPILED_FORMS].sort()).toEqual([
      '!', '!=', '*', '+', '-', '/', '<', '<=', '==', '>', '>=', 'and', 'bands', 'ceil', 'count', 'count_distinct', 'dec', 'ext', 'floor', 'if',
      'in', 'limit', 'list', 'max', 'max_of', 'mean', 'min', 'min_of', 'or', 'quotient', 'ratio', 'remainder', 'round', 'scale', 'sum', 'trunc',
      'val', 'var', 'weighted_mean',
    ].sort());
    // delegated node by node (their sub-expressions are compiled): allocation, top-k, lookups, dates, share, if_missing
    for (const op of ['allocate', 'allocate_units', 'best', 'lookup', 'share', 'if_missing', 'days_between', 'service_days']) expect(delegated, op).toContain(op);
  });
});

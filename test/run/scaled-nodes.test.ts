// Unboxed arithmetic in the compiled evaluator (engine/run/compiled/scaled-nodes.ts) against the reference
// evaluator, on generated expressions (+ − × unary −, rounding to 0–3 places in four modes, comparisons, ÷ as a
// non-scaled operand) over inputs at the edges: near 2^53, −0, ties at .5, 15+ places, 20-digit values. Every
// value must be the very Decimal the reference computes (sign of zero, exponent and digits), or the same error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { IrScheme, JL } from '../../engine/compile/ir.ts';
import { D, isDec } from '../../engine/run/decimal.ts';
import { Evaluator } from '../../engine/run/evaluate.ts';
import { EvalError } from '../../engine/run/errors.ts';
import type { Population, V } from '../../engine/run/population.ts';
import { CompiledEvaluator } from '../../engine/run/compiled/evaluator.ts';
import { compileSource } from './helpers.ts';
import { scaledOn, setScaled } from '../../engine/run/compiled/scaled.ts';

// the fast path is off by default (SCHEDA_SCALED=on turns it on): on for these tests, as it was
const was = scaledOn;
beforeAll(() => setScaled(true));
afterAll(() => setScaled(was));

const SRC = `scheda t "Prova" anno 2024 lingua it

dati persona {
  matricola: testo chiave
  va: numero
  vb: numero
  vc: numero
}
`;
const base = compileSource(SRC);

const EDGE = ['0', '-0', '1', '-1', '0.5', '-0.5', '2.5', '-2.5', '0.005', '-0.005', '1.005', '123.45', '-123.45', '0.1', '0.01',
  '9007199254740991', '-9007199254740991', '9007199254740.991', '4503599627370496', '94906267', '0.00000000000001', '0.000000000000001',
  '12345678901234567890', '33.333333333333333333', '1e7', '10000000.5', '99999999.99', '-0.0049', '0.0051'];

const leaf: fc.Arbitrary<JL> = fc.oneof(
  fc.constantFrom<JL>({ var: 'persona.va' }, { var: 'persona.vb' }, { var: 'persona.vc' }),
  fc.constantFrom(...EDGE).map((d) => ({ dec: d.startsWith('-') ? d.slice(1) : d }) as JL),
);
const { expr } = fc.letrec<{ expr: JL }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom('+', '-', '*'), tie('expr'), tie('expr')).map(([op, x, y]) => ({ [op]: [x, y] }) as JL),
    tie('expr').map((x) => ({ '-': [x] }) as JL),
    fc.tuple(fc.constantFrom('round', 'ceil', 'floor', 'trunc'), tie('expr'), fc.integer({ min: 0, max: 3 })).map(([op, x, k]) => ({ [op]: [x, { dec: String(k) }] }) as JL),
    fc.tuple(fc.constantFrom('<', '<=', '>', '>='), tie('expr'), tie('expr'), tie('expr'), tie('expr')).map(([op, x, y, t, f]) => ({ if: [{ [op]: [x, y] }, t, f] }) as JL),
    fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => ({ '/': [x, y] }) as JL),
  ),
}));

function population(rows: [string, string, string][]): Population {
  return {
    ente: new Map(),
    units: new Map(),
    persons: rows.map(([a, b, c], i) => ({ key: `P${i}`, inputs: new Map<string, V>([['matricola', `P${i}`], ['va', new D(a)], ['vb', new D(b)], ['vc', new D(c)]]) })),
    tables: new Map(),
    ext: new Map(),
  };
}

/** A value as decimal.js stores it (−0 kept apart from 0), or the error. */
function exact(ev: Evaluator, name: string, p: number): unknown {
  try {
    const v = ev.value(name, { level: 'persona', p });
    if (!isDec(v)) return v;
    const o = v as unknown as { s: number; e: number; d: number[] };
    return { s: o.s, e: o.e, d: [...o.d], text: (v as InstanceType<typeof D>).toFixed() };
  } catch (e) {
    if (e instanceof EvalError) return { error: e.code, args: e.args, rule: e.rule };
    throw e;
  }
}

describe('unboxed arithmetic = the reference evaluator, value for value', () => {
  it('on generated expressions over edge inputs', () => {
    const row = fc.tuple(fc.constantFrom(...EDGE), fc.constantFrom(...EDGE), fc.constantFrom(...EDGE));
    fc.assert(
      fc.property(fc.array(expr, { minLength: 1, maxLength: 4 }), fc.array(row, { minLength: 1, maxLength: 4 }), (exprs, rows) => {
        const ir: IrScheme = { ...base, decls: [...base.decls, ...exprs.map((e, i) => ({ name: `x${i}`, kind: 'value' as const, level: 'persona' as const, expr: e, line: 1, col: 1 }))] };
        const ref = new Evaluator(ir, population(rows));
        const got = new CompiledEvaluator(ir, population(rows));
        for (let i = 0; i < exprs.length; i++) for (let p = 0; p < rows.length; p++) expect(exact(got, `x${i}`, p)).toEqual(exact(ref, `x${i}`, p));
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps the signs of zero: 0 × −3, −(0), a negative rounded to zero', () => {
    const cases: JL[] = [
      { '*': [{ dec: '0' }, { '-': [{ dec: '3' }] }] },
      { '-': [{ dec: '0' }] },
      { round: [{ '-': [{ dec: '0.001' }] }, { dec: '2' }] },
      { trunc: [{ '-': [{ dec: '0.5' }] }, { dec: '0' }] },
      { '+': [{ '-': [{ dec: '0' }] }, { dec: '0' }] },
      { '-': [{ dec: '0' }, { dec: '0' }] },
      { '+': [{ dec: '9007199254740991' }, { dec: '1' }] },
      { '*': [{ dec: '94906267' }, { dec: '94906267' }] },
    ];
    const ir: IrScheme = { ...base, decls: [...base.decls, ...cases.map((e, i) => ({ name: `z${i}`, kind: 'value' as const, level: 'persona' as const, expr: e, line: 1, col: 1 }))] };
    const rows: [string, string, string][] = [['1', '2', '3']];
    const ref = new Evaluator(ir, population(rows));
    const got = new CompiledEvaluator(ir, population(rows));
    const signs = cases.map((_, i) => exact(ref, `z${i}`, 0));
    expect(cases.map((_, i) => exact(got, `z${i}`, 0))).toEqual(signs);
    expect(signs.filter((x) => (x as { s: number; d: number[] }).s === -1 && (x as { d: number[] }).d[0] === 0).length).toBeGreaterThan(0);
  });
});

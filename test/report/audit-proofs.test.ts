// The disclosure audit's proofs (engine/report/certificates.ts): floating-point output of the linear programs is
// turned into exact fractions and checked before it decides anything, and reusing proofs across trials withholds
// exactly what solving every trial afresh withholds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dualAttack, type Program } from '../../engine/report/attack.ts';
import { checkMultipliers, checkPoint } from '../../engine/report/certificates.ts';
import { Disclosure, type FactSpec } from '../../engine/report/disclosure.ts';
import { fromDecimalString, q, rationalize } from '../../engine/report/rational.ts';
import { D } from '../../engine/run/decimal.ts';

const exactOf = (values: Record<number, number>) => (id: number) => fromDecimalString(String(values[id]));

// a 2×2 table of counts over atoms 0..3 (cells a=0 b=1 / c=2 d=3): rows 10 (a+b), 11 (c+d), columns 12 (a+c), 13 (b+d)
const rows = { 10: [0, 1], 11: [2, 3], 12: [0, 2], 13: [1, 3] } as Record<number, number[]>;
const values = { 10: 5, 11: 7, 12: 4, 13: 8 };
const table = (ids: number[]): Program => ({ target: [0], equal: ids.map((id) => ({ id, atoms: rows[id], value: values[id as 10] })), atLeastOne: [], signed: false });

describe('exact checks of the audit programs', () => {
  it('turn floats back into the fractions they round', () => {
    expect(rationalize(2.9999999999)).toEqual(q(3n));
    expect(rationalize(1 / 3)).toEqual(q(1n, 3n));
    expect(rationalize(-12345.5)).toEqual(q(-24691n, 2n));
    expect(rationalize(Math.PI, 1e-15, 100)).toBeUndefined();
  });

  it('prove a bound only from multipliers that hold on every atom', () => {
    const p = table([10, 11, 12, 13]);
    const d = dualAttack(p);
    expect(d.hi).toBeCloseTo(4);
    const hi = checkMultipliers(p, d.hiMult!, 'hi', exactOf(values))!;
    expect(hi.bound).toEqual(q(4n)); // a ≤ column a+c = 4
    // a = row a+b minus b: a multiplier set that misses atom b's −1 proves nothing
    expect(checkMultipliers(p, { eq: new Map([[10, 1]]), geq: new Map() }, 'lo', exactOf(values))).toBeUndefined();
    // a ≤ a+b = 5 holds (b ≥ 0), a ≥ a+b holds nowhere
    expect(checkMultipliers(p, { eq: new Map([[10, 1]]), geq: new Map() }, 'hi', exactOf(values))!.bound).toEqual(q(5n));
    // a multiplier a little short of what the atom needs is refused (exactly: 9999999/10^7 < 1)
    expect(checkMultipliers(p, { eq: new Map([[10, 0.9999999]]), geq: new Map() }, 'hi', exactOf(values))).toBeUndefined();
  });

  it('accept a point only when it satisfies every equation exactly', () => {
    const p = table([10, 11, 12, 13]);
    expect(checkPoint(p, new Map([[0, 4], [1, 1], [2, 0], [3, 7]]), exactOf(values))).toEqual(q(4n));
    expect(checkPoint(p, new Map([[0, 4], [1, 1], [2, 0], [3, 6.9]]), exactOf(values))).toBeUndefined();
    expect(checkPoint(p, new Map([[0, 5], [1, 0], [2, -1], [3, 8]]), exactOf(values))).toBeUndefined(); // negative content
  });
});

// random tables: persons in units × bands, every cell, row, column and total published as a count and a sum
const grid = fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 9 })), { minLength: 2, maxLength: 4 }), { minLength: 2, maxLength: 4 });

function protectGrid(cells: number[][], reuseProofs: boolean) {
  const dc = new Disclosure({ reuseProofs });
  let next = 0;
  const members = cells.map((r) => r.map((n) => Array.from({ length: n }, () => next++)));
  const pay = (i: number) => new D(100 + ((i * 37) % 50)).div(4);
  const facts = (m: number[]): FactSpec[] => {
    let sum = new D(0);
    for (const i of m) sum = sum.plus(pay(i));
    return [
      { quantity: 'conta', domain: 'persone', members: m, value: new D(m.length), contributors: m.length },
      { quantity: 'premio', domain: 'persone', members: m, value: sum, contributors: m.length, persons: m.length },
    ];
  };
  const add = (id: string, m: number[]) => {
    const fs = facts(m);
    dc.add({ id, label: id, facts: fs, fewest: m.length || Infinity, isCount: true });
  };
  cells.forEach((r, i) => r.forEach((_, j) => add(`c.${i}.${j}`, members[i][j])));
  cells.forEach((r, i) => add(`r.${i}`, members[i].flat()));
  cells[0].forEach((_, j) => add(`k.${j}`, members.flatMap((r) => r[j] ?? [])));
  add('t', members.flat(2));
  return dc;
}

describe('reusing proofs across trials', () => {
  it('withholds the same cells as solving every trial afresh, with fewer programs', () => {
    let fresh = 0, reused = 0;
    fc.assert(fc.property(grid, (cells) => {
      const w = cells[0].length;
      const g = cells.map((r) => Array.from({ length: w }, (_, j) => r[j] ?? 0));
      const a = protectGrid(g, true), b = protectGrid(g, false);
      const pa = a.protect(), pb = b.protect();
      expect([...pa.withheld].sort()).toEqual([...pb.withheld].sort());
      expect(pa.failures).toEqual(pb.failures);
      fresh += b.stats.programs;
      reused += a.stats.programs;
      expect(a.stats.unproven).toBe(0);
    }), { numRuns: 40, seed: 11 });
    expect(reused).toBeLessThan(fresh);
  });

  it('proves protection on a small program when most units are untouched, and withholds the same cells', () => {
    let local = 0;
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
      // 14 units × 3 bands, all cells of 3–9 persons but two or three small ones
      const cells = Array.from({ length: 14 }, (_, i) => Array.from({ length: 3 }, (_, j) => 3 + ((seed + i * 7 + j * 3) % 7)));
      cells[seed % 14][seed % 3] = 1 + (seed % 2);
      cells[(seed + 5) % 14][(seed + 1) % 3] = 2;
      if (seed % 3 === 0) cells[(seed + 9) % 14][(seed + 2) % 3] = 1;
      const a = protectGrid(cells, true), b = protectGrid(cells, false);
      const pa = a.protect(), pb = b.protect();
      expect([...pa.withheld].sort()).toEqual([...pb.withheld].sort());
      expect(pa.failures).toEqual(pb.failures);
      expect(a.stats.unproven).toBe(0);
      local += a.stats.byLocal;
    }), { numRuns: 8, seed: 5 });
    expect(local).toBeGreaterThan(0);
  });
});

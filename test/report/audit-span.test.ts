// The audit's exact elimination (engine/report/span.ts): a withheld figure that a combination of the published
// ones determines is answered "not protected" with that combination as an exact proof; a figure it does not
// determine is never answered by it. Checked against an independent dense exact rank test, against the whole
// programs, and, in the greedy suppression, against solving every trial afresh.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dualAttack, type Program, type Row } from '../../engine/report/attack.ts';
import { checkExactMultipliers } from '../../engine/report/certificates.ts';
import { Disclosure, type FactSpec } from '../../engine/report/disclosure.ts';
import { add, fromDecimalString, isZero, mul, q, sub, type Q } from '../../engine/report/rational.ts';
import { Span } from '../../engine/report/span.ts';
import { D } from '../../engine/run/decimal.ts';

/** Independent oracle: is the target's indicator in the span of the rows? (dense Gaussian elimination, exact) */
function inSpan(rows: number[][], target: number[], atoms: number): boolean {
  const dense = (xs: number[]) => {
    const v: Q[] = Array.from({ length: atoms }, () => q(0n));
    for (const a of xs) v[a] = add(v[a], q(1n));
    return v;
  };
  const rank = (m: Q[][]) => {
    const a = m.map((r) => [...r]);
    let r = 0;
    for (let c = 0; c < atoms && r < a.length; c++) {
      const p = a.findIndex((row, i) => i >= r && !isZero(row[c]));
      if (p < 0) continue;
      [a[r], a[p]] = [a[p], a[r]];
      for (let i = 0; i < a.length; i++) {
        if (i === r || isZero(a[i][c])) continue;
        const f = mul(a[i][c], q(a[r][c].d, a[r][c].n)); // a[i][c] / a[r][c]
        a[i] = a[i].map((x, k) => sub(x, mul(f, a[r][k])));
      }
      r++;
    }
    return r;
  };
  const m = rows.map(dense);
  return rank(m) === rank([...m, dense(target)]);
}

const values = (rows: number[][], content: number[]) => rows.map((r) => r.reduce((s, a) => s + content[a], 0));
const exactOf = (equal: Row[]) => (id: number) => fromDecimalString(String(equal.find((e) => e.id === id)!.value));

// random sparse 0/1 programs: atoms with true contents, rows over a few atoms each plus a couple of wide ones
const programs = fc.record({
  atoms: fc.integer({ min: 3, max: 14 }),
  seed: fc.integer({ min: 0, max: 1 << 30 }),
  rows: fc.integer({ min: 1, max: 14 }),
}).map(({ atoms, seed, rows }) => {
  let s = seed;
  const rnd = (n: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff) % n);
  const pick = (k: number) => [...new Set(Array.from({ length: k }, () => rnd(atoms)))].sort((a, b) => a - b);
  const content = Array.from({ length: atoms }, () => rnd(6));
  const sets = Array.from({ length: rows }, (_, i) => pick(i % 5 === 4 ? atoms : 1 + rnd(3)));
  const target = pick(1 + rnd(2));
  const v = values(sets, content);
  const equal: Row[] = sets.map((atomsOf, i) => ({ id: 100 + i, atoms: atomsOf, value: v[i] }));
  return { atoms, content, sets, equal, target, value: target.reduce((x, a) => x + content[a], 0) };
});

describe('exact elimination over the published rows', () => {
  it('finds a combination exactly when the target is in their span, and the combination checks exactly', () => {
    let found = 0, notFound = 0;
    fc.assert(fc.property(programs, ({ atoms, sets, equal, target, value }) => {
      const y = new Span(equal).combination(target);
      expect(y !== undefined).toBe(inSpan(sets, target, atoms));
      const p: Program = { target, equal, atLeastOne: [], signed: false };
      const dir = new Span(equal).direction(target);
      expect(dir === undefined).toBe(y !== undefined);
      if (!y) {
        // a direction that no published row sees and the target does: exactly
        const along = (atoms: number[]) => atoms.reduce((s, a) => add(s, dir!.get(a) ?? q(0n)), q(0n));
        for (const e of equal) expect(isZero(along(e.atoms))).toBe(true);
        expect(isZero(along(target))).toBe(false);
        notFound++;
        return;
      }
      found++;
      for (const dir of ['lo', 'hi'] as const) {
        const c = checkExactMultipliers(p, y, new Map(), dir, exactOf(equal))!;
        expect(c).toBeDefined();
        expect(c.bound).toEqual(q(BigInt(value))); // the true value, from below and from above
      }
      const d = dualAttack(p); // the whole programs agree: a single point
      expect(d.lo).toBeCloseTo(value, 6);
      expect(d.hi).toBeCloseTo(value, 6);
    }), { numRuns: 300, seed: 3 });
    expect(found).toBeGreaterThan(20);
    expect(notFound).toBeGreaterThan(20);
  });

  it('finds a pin through every sector and an entity-wide total, and none once one sector\'s figure is withheld', () => {
    // sector s: atoms a_s = 2s, b_s = 2s+1; published a_s + b_s for all s, b_s for s ≥ 1, and Σ b_s
    const K = 40;
    const content = Array.from({ length: 2 * K }, (_, i) => 1 + ((i * 7) % 5));
    const equal: Row[] = [];
    for (let s = 0; s < K; s++) equal.push({ id: s, atoms: [2 * s, 2 * s + 1], value: content[2 * s] + content[2 * s + 1] });
    for (let s = 1; s < K; s++) equal.push({ id: 100 + s, atoms: [2 * s + 1], value: content[2 * s + 1] });
    equal.push({ id: 1000, atoms: Array.from({ length: K }, (_, s) => 2 * s + 1), value: Array.from({ length: K }, (_, s) => content[2 * s + 1]).reduce((x, y) => x + y) });
    const y = new Span(equal).combination([0])!;
    expect(y.size).toBe(K + 1); // a_0 = (a_0 + b_0) − Σ b + Σ_{s≥1} b_s
    const p: Program = { target: [0], equal, atLeastOne: [], signed: false };
    expect(checkExactMultipliers(p, y, new Map(), 'hi', exactOf(equal))!.bound).toEqual(q(BigInt(content[0])));
    const fewer = equal.filter((e) => e.id !== 117);
    expect(new Span(fewer).combination([0])).toBeUndefined();
    const d = dualAttack({ ...p, equal: fewer });
    expect(d.hi - d.lo).toBeGreaterThan(0.5); // not determined: the programs agree
  });

  it('refuses a combination that does not hold on every atom', () => {
    const equal: Row[] = [{ id: 1, atoms: [0, 1], value: 5 }, { id: 2, atoms: [1, 2], value: 4 }];
    const p: Program = { target: [0], equal, atLeastOne: [], signed: false };
    expect(new Span(equal).combination([0])).toBeUndefined();
    // a − c = row 1 − row 2 is not a: the check sees atom 2's −1 (for "lo" it would even be a valid bound)
    expect(checkExactMultipliers(p, new Map([[1, q(1n)], [2, q(-1n)]]), new Map(), 'hi', exactOf(equal))).toBeUndefined();
  });
});

// the greedy suppression: units × bands with per-unit and per-band totals, plus a histogram of the units' sizes
function protect(cells: number[][], reuseProofs: boolean) {
  const dc = new Disclosure({ reuseProofs });
  let next = 0;
  const members = cells.map((r) => r.map((n) => Array.from({ length: n }, () => next++)));
  const count = (m: number[]): FactSpec => ({ quantity: 'conta', domain: 'persone', members: m, value: new D(m.length), contributors: m.length });
  const add = (id: string, m: number[]) => dc.add({ id, label: id, facts: [count(m)], fewest: m.length || Infinity, isCount: true });
  cells.forEach((r, i) => r.forEach((_, j) => add(`c.${i}.${j}`, members[i][j])));
  cells.forEach((r, i) => add(`r.${i}`, members[i].flat()));
  cells[0].forEach((_, j) => add(`k.${j}`, members.flatMap((r) => r[j] ?? [])));
  add('t', members.flat(2));
  // a second table over the same persons: everyone in units of at most 12 persons, and the rest
  const smallUnits = members.filter((r) => r.flat().length <= 12).flatMap((r) => r.flat());
  add('h.small', smallUnits);
  add('h.large', members.flat(2).filter((i) => !smallUnits.includes(i)));
  return dc;
}

describe('the greedy suppression with the elimination', () => {
  it('withholds the same cells as solving every trial afresh, and answers some trials by elimination', () => {
    let byElimination = 0;
    const grid = fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 7 })), { minLength: 2, maxLength: 4 }), { minLength: 2, maxLength: 5 });
    fc.assert(fc.property(grid, (cells) => {
      const w = cells[0].length;
      const g = cells.map((r) => Array.from({ length: w }, (_, j) => r[j] ?? 0));
      const a = protect(g, true), b = protect(g, false);
      const pa = a.protect(), pb = b.protect();
      expect([...pa.withheld].sort()).toEqual([...pb.withheld].sort());
      expect(pa.failures).toEqual(pb.failures);
      expect(a.stats.unproven).toBe(0);
      byElimination += a.stats.byElimination;
    }), { numRuns: 40, seed: 17 });
    expect(byElimination).toBeGreaterThan(0);
  });
});

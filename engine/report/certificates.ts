// Exact checks of what the audit's linear programs return (attack.ts), so that no floating-point output is
// trusted as a proof:
// - a *point* (contents of the atoms) proves that the target can take a value: it is turned into fractions and
//   checked against every published equation, every "at least 1" row and every sign bound; only then is the
//   target's value at that point (computed exactly) used to say a withheld figure is protected;
// - *multipliers* (a dual solution) prove that the target cannot go beyond a bound: turned into fractions and
//   checked on every atom, they bound the target whatever the contents, as long as the rows they use are still
//   published — so one proof answers many later trials (a figure withheld elsewhere does not change it), and a
//   trial that it still answers needs no program at all. Such bounds only ever say "not protected".
import type { Multipliers, Point, Program } from './attack.ts';
import { add, cmp, isZero, mul, ONE, rationalize, sub, ZERO, type Q } from './rational.ts';

/** A proven bound on the target: it holds while every `eq` fact is published and every `geq` fact is known ≥ 1. */
export interface Certificate {
  dir: 'lo' | 'hi';
  eq: number[];
  geq: number[];
  bound: Q;
}

/** The exact value of each row of the program, by fact id (counts, or cents). */
export type Exact = (id: number) => Q;

/** The target's exact value at `point` when the point satisfies the whole program exactly; else undefined. */
export function checkPoint(p: Program, point: Point, exact: Exact): Q | undefined {
  const x = new Map<number, Q>();
  for (const [a, v] of point) {
    if (Math.abs(v) < 1e-12) continue;
    const r = rationalize(v);
    if (!r) return undefined;
    if (!p.signed && r.n < 0n) return undefined;
    x.set(a, r);
  }
  const sum = (atoms: number[]) => atoms.reduce((s, a) => {
    const v = x.get(a);
    return v ? add(s, v) : s;
  }, ZERO);
  for (const e of p.equal) if (cmp(sum(e.atoms), exact(e.id)) !== 0) return undefined;
  for (const r of p.atLeastOne) if (cmp(sum(r.atoms), ONE) < 0) return undefined;
  return sum(p.target);
}

/**
 * A proven bound from the multipliers of a dual solution, or undefined when they do not check exactly.
 * hi: Σ y·row − Σ w·row ≥ [atom in target] on every atom (w ≥ 0), bound Σ y·value − Σ w;
 * lo: Σ y·row + Σ w·row ≤ [atom in target] on every atom, bound Σ y·value + Σ w; equalities when signed.
 */
export function checkMultipliers(p: Program, m: Multipliers, dir: 'lo' | 'hi', exact: Exact): Certificate | undefined {
  const eq = new Map<number, Q>();
  const geq = new Map<number, Q>();
  for (const [id, v] of m.eq) {
    if (Math.abs(v) < 1e-12) continue;
    const y = rationalize(v);
    if (!y) return undefined;
    eq.set(id, y);
  }
  for (const [id, v] of m.geq) {
    if (Math.abs(v) < 1e-12) continue;
    const w = rationalize(v);
    if (!w) return undefined;
    geq.set(id, w);
  }
  return checkExactMultipliers(p, eq, geq, dir, exact);
}

/** `checkMultipliers` on exact fractions (an elimination's combination, span.ts): the same checks on every atom. */
export function checkExactMultipliers(p: Program, eqM: Map<number, Q>, geqM: Map<number, Q>, dir: 'lo' | 'hi', exact: Exact): Certificate | undefined {
  const rows = new Map<number, number[]>();
  for (const e of p.equal) rows.set(e.id, e.atoms);
  const geqRows = new Map<number, number[]>();
  for (const r of p.atLeastOne) geqRows.set(r.id, r.atoms);
  const s = new Map<number, Q>();
  const put = (atoms: number[], v: Q) => { for (const a of atoms) s.set(a, add(s.get(a) ?? ZERO, v)); };
  let bound = ZERO;
  const eq: number[] = [];
  const geq: number[] = [];
  for (const [id, y] of eqM) {
    const atoms = rows.get(id);
    if (!atoms) return undefined;
    if (isZero(y)) continue;
    eq.push(id);
    put(atoms, y);
    bound = add(bound, mul(y, exact(id)));
  }
  for (const [id, w] of geqM) {
    const atoms = geqRows.get(id);
    if (!atoms || w.n < 0n) return undefined;
    if (isZero(w)) continue;
    geq.push(id);
    put(atoms, dir === 'hi' ? { n: -w.n, d: w.d } : w);
    bound = dir === 'hi' ? sub(bound, w) : add(bound, w);
  }
  const target = new Set(p.target);
  // every atom: those the multipliers touch, and the target's (untouched: 0 against 1)
  for (const a of new Set([...s.keys(), ...target])) {
    const c = cmp(s.get(a) ?? ZERO, target.has(a) ? ONE : ZERO);
    if (p.signed ? c !== 0 : dir === 'hi' ? c < 0 : c > 0) return undefined;
  }
  return { dir, eq: eq.sort((x, y) => x - y), geq: geq.sort((x, y) => x - y), bound };
}

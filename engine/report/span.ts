// Whether a withheld figure is *determined* by the published ones, without a linear program: an exact sparse
// elimination (fractions with BigInt parts) over the published equations finds a combination of them equal to
// the target's indicator on every atom, if there is one. Then the target's value is that combination of the
// published values — its interval is a single point, it is not protected — and the combination is a proof that
// certificates.ts checks exactly, like the multipliers of a dual program (a bound from below and from above).
// No combination found proves nothing: the caller goes on with its programs.
//
// The published equations of a population are mostly one sector's (a handful of atoms each) plus a few that
// span every sector (the entity's totals, the histogram bins). Rows are inserted smallest first, each pivoting
// on the atom of coefficient ±1 that the fewest rows share, so the sectors' rows stay small and the entity's
// rows are reduced once by every sector's; the target is then reduced by the rows whose pivots it meets.
import type { Row } from './attack.ts';
import { add as addQ, inv as invQ, mul as mulQ, neg as negQ, type Q } from './rational.ts';

const ONE_N = 1n;

const isUnit = (a: Q) => a.d === ONE_N && (a.n === 1n || a.n === -1n);

interface Basis {
  idx: number;
  /** normalised: 1 at the pivot */
  vec: Map<number, Q>;
  /** the combination of published rows (by fact id) that makes `vec` */
  combo: Map<number, Q>;
}

/** `v += f · w` in place, dropping zeros; calls `added` for each atom that becomes non-zero. */
function axpy(v: Map<number, Q>, f: Q, w: Map<number, Q>, added?: (k: number) => void) {
  for (const [k, c] of w) {
    const old = v.get(k);
    const x = mulQ(f, c);
    if (old === undefined) {
      v.set(k, x);
      added?.(k);
    } else {
      const s = addQ(old, x);
      if (s.n === 0n) v.delete(k);
      else v.set(k, s);
    }
  }
}

/** A min-heap of basis indices (the rows whose pivots a vector meets), each index once. */
class Heap {
  private a: number[] = [];
  private seen = new Set<number>();
  push(x: number) {
    if (this.seen.has(x)) return;
    this.seen.add(x);
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): number | undefined {
    const a = this.a;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** The published rows in echelon form: built once for a set of rows, then asked about any number of targets. */
export class Span {
  private byPivot = new Map<number, Basis>();
  private rows: Basis[] = [];
  private pivotOf: number[] = [];

  constructor(equal: Row[]) {
    const shared = new Map<number, number>();
    for (const e of equal) for (const a of e.atoms) shared.set(a, (shared.get(a) ?? 0) + 1);
    const order = [...equal].sort((x, y) => x.atoms.length - y.atoms.length || x.id - y.id);
    for (const e of order) {
      const vec = new Map<number, Q>();
      for (const a of e.atoms) vec.set(a, { n: ONE_N, d: ONE_N });
      const combo = new Map<number, Q>([[e.id, { n: ONE_N, d: ONE_N }]]);
      this.reduce(vec, combo);
      if (!vec.size) continue; // a combination of earlier rows
      let pivot = -1;
      let best = Infinity;
      let unit = false;
      for (const [a, c] of vec) {
        const u = isUnit(c);
        const s = shared.get(a) ?? 0;
        if ((u && !unit) || (u === unit && (s < best || (s === best && a < pivot)))) {
          pivot = a;
          best = s;
          unit = u;
        }
      }
      const inv = invQ(vec.get(pivot)!);
      if (!(inv.d === ONE_N && inv.n === ONE_N)) {
        for (const [a, c] of vec) vec.set(a, mulQ(c, inv));
        for (const [k, c] of combo) combo.set(k, mulQ(c, inv));
      }
      const b: Basis = { idx: this.rows.length, vec, combo };
      this.rows.push(b);
      this.pivotOf.push(pivot);
      this.byPivot.set(pivot, b);
    }
  }

  /** Subtracts from `vec` (and `combo`) the basis rows whose pivots it meets, earliest first, until none is left. */
  private reduce(vec: Map<number, Q>, combo: Map<number, Q>) {
    const heap = new Heap();
    for (const a of vec.keys()) {
      const b = this.byPivot.get(a);
      if (b) heap.push(b.idx);
    }
    const meet = (a: number) => {
      const b = this.byPivot.get(a);
      if (b) heap.push(b.idx);
    };
    for (let i = heap.pop(); i !== undefined; i = heap.pop()) {
      const b = this.rows[i];
      const c = vec.get(this.pivotOf[i]);
      if (!c) continue; // cancelled meanwhile
      const f = negQ(c);
      axpy(vec, f, b.vec, meet);
      axpy(combo, f, b.combo);
    }
  }

  /**
   * When `target` is not determined: a direction in which the contents can move without changing any row
   * (every row's sum stays the same) while the target's changes, or undefined when the target is determined.
   * Sparse: one atom of the target's remainder set to 1, the pivots solved back from the latest row.
   */
  direction(target: number[]): Map<number, Q> | undefined {
    const vec = new Map<number, Q>();
    for (const a of target) vec.set(a, { n: ONE_N, d: ONE_N });
    this.reduce(vec, new Map());
    if (!vec.size) return undefined;
    let start = Infinity; // the least atom left (not a pivot: the reduction removed them all); a loop, not a spread
    for (const k of vec.keys()) if (k < start) start = k;
    const d = new Map<number, Q>([[start, { n: ONE_N, d: ONE_N }]]);
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const p = this.pivotOf[i];
      let s: Q = { n: 0n, d: ONE_N };
      for (const [k, c] of this.rows[i].vec) {
        if (k === p) continue;
        const x = d.get(k);
        if (x) s = addQ(s, mulQ(c, x));
      }
      if (s.n !== 0n) d.set(p, negQ(s));
    }
    return d;
  }

  /**
   * A combination of the rows (fact id → multiplier) equal to 1 on every atom of `target` and 0 on every other
   * atom, or undefined when there is none (the target is not determined by these rows alone).
   */
  combination(target: number[]): Map<number, Q> | undefined {
    const vec = new Map<number, Q>();
    for (const a of target) vec.set(a, { n: ONE_N, d: ONE_N });
    const combo = new Map<number, Q>();
    this.reduce(vec, combo);
    if (vec.size) return undefined;
    // vec = target − Σ combo·rows = 0
    const y = new Map<number, Q>();
    for (const [k, c] of combo) if (c.n !== 0n) y.set(k, negQ(c));
    return y;
  }
}

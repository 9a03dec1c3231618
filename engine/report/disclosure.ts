// Disclosure control for everything published (D.Lgs. 33/2013 art. 20; Garante, provv. 398/2023).
//
// A published report is a set of *items* (the cells a reader sees). Each item reveals *facts*: linear
// aggregates over a domain of elements (persons, or rows of a table) — a count of persons, or a sum of
// one quantity (a mean is treated as its sum, as if its count were known). Facts of one quantity and
// domain are tied together through the *atoms* of the domain: the classes of elements that belong to
// exactly the same facts. An attacker who knows how the tables are defined, but not who is in which
// atom, knows every published fact as an equation over the atoms' unknown contents (≥ 0). This finds
// every relation between cells, within a table and across tables (row and column totals, a histogram
// and the number of admitted staff, a per-unit table and the band counts), without declaring any.
//
// The method is the one of sdcTable's SIMPLEHEURISTIC with its `attack()` audit (τ-ARGUS does the same
// with its "modular" and "hypercube" methods): primary suppression (an aggregate of fewer than 3
// persons; a unit of fewer than 3 persons withheld whole), then complementary suppression chosen
// greedily at least cost (cells in the same row/column of a common published total first, the
// smallest first, totals last; two at once when one cannot help), checked by linear programming: for
// every confidential fact the smallest and largest value it can take given everything published. It must
// keep an interval at least as wide as its protection range (3 values for counts; ±10% for amounts, the
// p%-rule). A fact withheld only to protect another is not confidential. If complementary suppression
// cannot reach that, the run fails (nothing is written) and says which cell.
import { attack, dualAttack, type Program } from './attack.ts';
import { checkExactMultipliers, checkMultipliers, checkPoint, type Certificate } from './certificates.ts';
import { Span } from './span.ts';
import { ceilQ, cmp, floorQ, fromDecimalString, mul, ONE, q, sub, toNumber, type Q } from './rational.ts';
import { D, type Dec } from '../run/decimal.ts';

export const THRESHOLD = 3;
/** How many times the local proof of protection widens its free atoms before the whole program decides. */
const LOCAL_STEPS = 3;
/** p% rule for amounts: a withheld amount must stay uncertain by at least 10% each way. */
const AMOUNT_RANGE = 0.2;

export interface FactSpec {
  /** 'conta' for counts of elements, else the summed quantity (a canonical expression) */
  quantity: string;
  /** 'persone', or 'righe:<table>' */
  domain: string;
  /** the elements in the fact's set (need not be sorted) */
  members: number[];
  /** exact value: the count, or the sum of the quantity over the members */
  value: Dec;
  /** persons with a non-zero contribution */
  contributors: number;
  /** persons in the fact's set, for a sum (a sum of zeros over one or two of them is withheld: see `revealed`) */
  persons?: number;
  /** some contributions are negative (then atoms are not bounded below by 0) */
  signed?: boolean;
}

/**
 * The persons a published cell tells something about directly: those with a non-zero part of a sum; or, when
 * every part is 0, the whole group if it has fewer than THRESHOLD persons (a sum of 0,00 € over two persons
 * says that each of them got nothing). Such a cell is withheld (primary suppression); a sum of zeros is not
 * protected further against recovery, since a zero can only be derived from a published zero total over a
 * larger group (everyone in a band that pays nothing), which is that group's figure. A sum of zeros over
 * THRESHOLD or more persons is nobody's.
 */
export function revealed(nonZero: number, persons: number): number {
  return nonZero > 0 ? nonZero : persons > 0 && persons < THRESHOLD ? persons : 0;
}

/** The fact of a sum over persons: `q(i)` of each member, with the persons it reveals and its sign. */
export function personSum(quantity: string, members: number[], q: (i: number) => Dec): FactSpec {
  let value: Dec = new D(0);
  let nonZero = 0;
  let signed = false;
  for (const i of members) {
    const x = q(i);
    value = value.plus(x);
    if (!x.isZero()) nonZero++;
    if (x.isNeg()) signed = true;
  }
  return { quantity, domain: 'persone', members, value, contributors: nonZero, persons: new Set(members).size, signed };
}

/** The fewest persons any of the facts tells something about directly (Infinity: none): an item's `fewest`. */
export function fewestOf(fs: FactSpec[]): number {
  return fs.reduce((m, f) => {
    const n = revealed(f.contributors, f.persons ?? 0);
    return n > 0 ? Math.min(m, n) : m;
  }, Infinity);
}

export interface ItemSpec {
  /** stable identifier of the published cell, e.g. `fasce.fascia.per_unita.S01.prima` */
  id: string;
  /** what a reader would call it, for messages */
  label: string;
  facts: FactSpec[];
  /** the smallest number of persons behind any aggregate shown in the item (Infinity: none) */
  fewest: number;
  /** the item is the count itself (so, when withheld, readers know it is at least 1) */
  isCount?: boolean;
  /** part of a group withheld whole (a unit of fewer than 3 persons): zeros withheld too */
  wholeGroup?: boolean;
}

interface Fact {
  n: number;
  key: string;
  count: boolean;
  members: number[];
  value: number; // counts, or cents
  exact: Dec;
  contributors: number;
  signed: boolean;
  items: Item[];
  atoms: number[];
}

interface Item {
  spec: ItemSpec;
  facts: Fact[];
  suppressed: boolean;
  primary: boolean;
}

interface KeyModel {
  facts: Fact[];
  atoms: number;
  /** counts only: the number of elements in each atom (the true contents, which satisfy every fact) */
  sizes?: number[];
}

export interface Withheld {
  id: string;
  label: string;
  reason: 'riservatezza' | 'unità piccola';
}

export interface Protection {
  /** ids of the items withheld */
  withheld: Set<string>;
  list: Withheld[];
  /** facts that the audit could still recover (empty when the report is safe) */
  failures: string[];
}

/** The table a published cell belongs to: the first two parts of its id (`fasce.<bands>`, `prospetti.<name>`). */
const tableOf = (id: string) => id.split('.').slice(0, 2).join('.');

function hashMembers(m: number[]): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (const x of m) {
    h1 = Math.imul(h1 ^ x, 16777619) >>> 0;
    h2 = Math.imul(h2 + x, 2246822519) >>> 0;
  }
  return `${m.length}:${h1.toString(36)}:${h2.toString(36)}`;
}

export class Disclosure {
  private items: Item[] = [];
  private facts: Fact[] = [];
  private byHash = new Map<string, Fact[]>();
  private models = new Map<string, KeyModel>();
  /** the verdict on each fact in the current state (cleared when a cell of its quantity is withheld or shown) */
  private cache = new Map<number, { ok: boolean; score: number }>();
  /** facts found protected: withholding more only widens intervals, so they stay protected */
  private passed = new Set<number>();
  /** proven bounds on each fact (certificates.ts): valid in any state that still publishes the rows they use */
  private proofs = new Map<number, Certificate[]>();
  private exactValues = new Map<number, Q>();
  /** how the verdicts were reached, for the bench and tests */
  readonly stats = { programs: 0, byProof: 0, unproven: 0, local: 0, byLocal: 0, byDifference: 0, byElimination: 0, byAlong: 0 };

  private identities: { ids: string[]; sizes: number[] }[] = [];

  /** `reuseProofs: false` decides every trial by the whole programs afresh, with no earlier proof and no small
   * program first (the reference the tests compare against). */
  constructor(private readonly options: { reuseProofs?: boolean } = {}) {}

  /** The displayed values of these items satisfy a published identity (a fund: amount = paid + remainders):
   * none of them may be the only one withheld, or it would be the difference. `sizes` rank which to add. */
  addIdentity(ids: string[], sizes: number[]): void {
    this.identities.push({ ids, sizes });
  }

  /** Withholds a second member of every identity with exactly one withheld; true when something changed. */
  private closeIdentities(): boolean {
    let changed = false;
    for (const { ids, sizes } of this.identities) {
      const items = ids.map((id) => this.items.find((i) => i.spec.id === id));
      const off = items.filter((i) => i?.suppressed);
      if (off.length !== 1) continue;
      const next = items.map((it, k) => ({ it, k })).filter(({ it }) => it && !it.suppressed).sort((a, b) => sizes[a.k] - sizes[b.k] || a.k - b.k)[0];
      if (next) {
        this.setSuppressed([next.it!], true);
        changed = true;
      }
    }
    return changed;
  }

  add(spec: ItemSpec): void {
    const item: Item = { spec, facts: [], suppressed: false, primary: false };
    for (const f of spec.facts) {
      const fact = this.fact(f);
      if (!fact.items.includes(item)) fact.items.push(item);
      if (!item.facts.includes(fact)) item.facts.push(fact);
    }
    this.items.push(item);
  }

  private fact(f: FactSpec): Fact {
    const members = [...new Set(f.members)].sort((a, b) => a - b);
    const key = `${f.domain}\u0000${f.quantity}`;
    const h = `${key}\u0000${hashMembers(members)}`;
    const same = this.byHash.get(h)?.find((x) => x.members.length === members.length && x.members.every((m, i) => m === members[i]));
    if (same) return same;
    const count = f.quantity === 'conta';
    const fact: Fact = {
      n: this.facts.length, key, count, members, exact: f.value,
      value: count ? f.value.toNumber() : f.value.times(100).toNumber(),
      contributors: f.contributors, signed: !!f.signed, items: [], atoms: [],
    };
    this.facts.push(fact);
    this.byHash.set(h, [...(this.byHash.get(h) ?? []), fact]);
    return fact;
  }

  private published(f: Fact): boolean {
    return f.items.some((i) => !i.suppressed);
  }

  private sensitive(f: Fact): boolean {
    return (f.contributors > 0 && f.contributors < THRESHOLD) || f.items.some((i) => i.spec.wholeGroup);
  }

  /** Readers know a withheld count cell is at least 1: zeros are published (outside units withheld whole). */
  private atLeastOne(f: Fact): boolean {
    return f.count && f.value > 0 && f.items.some((i) => i.suppressed && i.spec.isCount && !i.spec.wholeGroup);
  }

  /** Atoms of each quantity and domain: elements grouped by the facts they belong to. */
  private buildAtoms() {
    const byKey = new Map<string, Fact[]>();
    for (const f of this.facts) byKey.set(f.key, [...(byKey.get(f.key) ?? []), f]);
    for (const [key, facts] of byKey) {
      const sig = new Map<number, number[]>();
      for (const f of facts) for (const m of f.members) {
        let s = sig.get(m);
        if (!s) sig.set(m, (s = []));
        s.push(f.n);
      }
      // atoms numbered in the order of their signatures: independent of the order of the elements
      const sigs = [...new Set([...sig.values()].map((s) => s.join(',')))].sort();
      const index = new Map(sigs.map((s, i) => [s, i]));
      for (const f of facts) f.atoms = [];
      const byFact = new Map(facts.map((f) => [f.n, f]));
      sigs.forEach((s, a) => { for (const n of s.split(',')) byFact.get(Number(n))!.atoms.push(a); });
      let sizes: number[] | undefined;
      if (facts.every((f) => f.count)) {
        sizes = new Array<number>(sigs.length).fill(0);
        for (const s of sig.values()) sizes[index.get(s.join(','))!]++;
      }
      this.models.set(key, { facts, atoms: sigs.length, sizes });
    }
  }

  /** The attacker's program about `t` in the current state: every published fact of its quantity and domain. */
  private program(t: Fact): Program {
    const m = this.models.get(t.key)!;
    const equal: Program['equal'] = [];
    const atLeastOne: Program['atLeastOne'] = [];
    for (const f of m.facts) {
      if (this.published(f)) equal.push({ id: f.n, atoms: f.atoms, value: f.value });
      else if (this.atLeastOne(f)) atLeastOne.push({ id: f.n, atoms: f.atoms });
    }
    return { target: t.atoms, equal, atLeastOne, signed: m.facts.some((f) => f.signed) };
  }

  /** A fact's exact value as the programs see it: the count, or the sum in cents. */
  private exact = (id: number): Q => {
    let v = this.exactValues.get(id);
    if (!v) {
      const f = this.facts[id];
      this.exactValues.set(id, (v = fromDecimalString(f.exact.toFixed(), f.count ? 0 : 2)));
    }
    return v;
  };

  /**
   * Proofs without a program, from the tables' own structure: published facts inside `t`, none overlapping,
   * bound it from below (and pin it when they cover it); for a published total T over `t`'s atoms, T
   * minus published facts inside T and outside `t`, none overlapping, bounds `t` from above (the rest is ≥ 0);
   * when they cover all of T but `t`, it pins `t` (from below too). Checked exactly like any multipliers.
   */
  private differences(t: Fact) {
    const prog = this.program(t);
    const contains = (big: number[], small: number[]) => {
      let i = 0;
      for (const a of small) {
        while (i < big.length && big[i] < a) i++;
        if (i === big.length || big[i] !== a) return false;
      }
      return true;
    };
    const ta = [...t.atoms].sort((a, b) => a - b);
    const tset = new Set(ta);
    // published facts inside `t`, none overlapping: their sum bounds `t` from below; covering it, they pin it
    const inside = prog.equal.filter((e) => e.atoms.length <= ta.length && e.atoms.every((a) => tset.has(a)))
      .sort((a, b) => b.atoms.length - a.atoms.length || a.id - b.id);
    const got = new Set<number>();
    const sum = new Map<number, number>();
    for (const e of inside) {
      if (e.atoms.some((a) => got.has(a))) continue;
      for (const a of e.atoms) got.add(a);
      sum.set(e.id, 1);
    }
    if (sum.size) {
      const m = { eq: sum, geq: new Map<number, number>() };
      this.remember(t, checkMultipliers(prog, m, 'lo', this.exact));
      if (got.size === tset.size) this.remember(t, checkMultipliers(prog, m, 'hi', this.exact));
    }
    for (const T of prog.equal) {
      if (T.atoms.length <= ta.length || !contains(T.atoms, ta)) continue;
      const rest = new Set(T.atoms.filter((a) => !tset.has(a)));
      const parts = prog.equal.filter((e) => e !== T && e.atoms.length <= rest.size && e.atoms.every((a) => rest.has(a)));
      // greedy packings, the largest parts first and the smallest first (a total's own cells, not a histogram)
      for (const order of [-1, 1]) {
        const used = new Set<number>();
        const eq = new Map<number, number>([[T.id, 1]]);
        for (const e of [...parts].sort((a, b) => order * (a.atoms.length - b.atoms.length) || a.id - b.id)) {
          if (!e.atoms.length || e.atoms.some((a) => used.has(a))) continue;
          for (const a of e.atoms) used.add(a);
          eq.set(e.id, -1);
          if (used.size === rest.size) break;
        }
        const m = { eq, geq: new Map<number, number>() };
        this.remember(t, checkMultipliers(prog, m, 'hi', this.exact));
        if (used.size === rest.size) {
          this.remember(t, checkMultipliers(prog, m, 'lo', this.exact));
          break;
        }
      }
    }
  }

  /** The tightest proven bounds on `t` that still hold (their rows still published), or undefined. */
  private provenBounds(t: Fact): { lo: number; hi: number } | undefined {
    const list = this.proofs.get(t.n);
    if (!list) return undefined;
    let lo = -Infinity, hi = Infinity;
    for (const c of list) {
      if (!c.eq.every((id) => this.published(this.facts[id]))) continue;
      if (!c.geq.every((id) => this.published(this.facts[id]) || this.atLeastOne(this.facts[id]))) continue;
      const b = toNumber(c.bound);
      if (c.dir === 'hi') hi = Math.min(hi, b);
      else lo = Math.max(lo, b);
    }
    if (!this.models.get(t.key)!.facts.some((f) => f.signed)) lo = Math.max(lo, 0); // contents are ≥ 0
    return { lo, hi };
  }

  private remember(t: Fact, c: Certificate | undefined) {
    if (!c) return;
    const list = this.proofs.get(t.n) ?? [];
    const key = (x: Certificate) => `${x.dir}|${x.bound.n}/${x.bound.d}|${x.eq.join(',')}|${x.geq.join(',')}`;
    if (list.some((x) => key(x) === key(c))) return;
    list.push(c);
    if (list.length > 64) list.shift();
    this.proofs.set(t.n, list);
  }

  /**
   * Whether `t` is protected in the current state, and its score (interval width / protection range).
   * `scoreAbove`: the caller only needs the score when it exceeds this (a trial widening the interval), so a
   * proof from an earlier program that `t` is not protected, with a score at most this, answers it without a
   * program. A verdict of "protected" always rests on two points of the attacker's program checked exactly.
   */
  private protectedEnough(t: Fact, scoreAbove = -Infinity): { ok: boolean; score: number } {
    if (!this.sensitive(t)) return { ok: true, score: Infinity };
    const hit = this.cache.get(t.n);
    if (hit) return hit;
    if (this.options.reuseProofs !== false) {
      // the true interval lies within a proven one: if that is too narrow, so is the true one
      const settled = () => {
        const proven = this.provenBounds(t);
        const j = proven && this.judge(t, proven.lo, proven.hi);
        return j && !j.ok && j.score <= scoreAbove + 1e-9 ? j : undefined;
      };
      let j = settled();
      if (!j && scoreAbove > -Infinity) {
        this.differences(t);
        if ((j = settled())) this.stats.byDifference++;
      }
      if (j) {
        this.stats.byProof++;
        return j;
      }
    }
    const r = this.decide(t);
    this.cache.set(t.n, r);
    return r;
  }

  /** The verdict by linear programs: the duals give the interval (and proofs kept for later trials); a
   * verdict of "protected" is then proven by the two extreme points, checked exactly. */
  private decide(t: Fact): { ok: boolean; score: number } {
    const prog = this.program(t);
    if (this.options.reuseProofs !== false) {
      const span = new Span(prog.equal);
      const pinned = this.determined(t, prog, span);
      if (pinned) return pinned;
      const local = this.locally(t, prog) ?? this.along(t, prog, span);
      if (local) return local;
    }
    this.stats.programs++;
    const d = dualAttack(prog);
    if (d.hiMult) this.remember(t, checkMultipliers(prog, d.hiMult, 'hi', this.exact));
    if (d.loMult) this.remember(t, checkMultipliers(prog, d.loMult, 'lo', this.exact));
    const j = this.judge(t, d.lo, d.hi);
    if (!j.ok) return j;
    const need = this.need(t);
    // an unbounded side: reach far enough from the true value (which satisfies every equation) and no further
    const span = Math.abs(need) + 2;
    const p = attack(prog, Number.isFinite(d.lo) ? undefined : t.value - span, Number.isFinite(d.hi) ? undefined : t.value + span);
    const lo = p.loPoint && checkPoint(prog, p.loPoint, this.exact);
    const hi = p.hiPoint && checkPoint(prog, p.hiPoint, this.exact);
    if (lo && hi && this.wideEnough(t, lo, hi)) return j;
    this.stats.unproven++;
    return { ok: false, score: j.score };
  }

  /**
   * "Not protected" without a program when the published figures determine `t`: an exact elimination (span.ts)
   * finds a combination of the published rows equal to `t` on every atom; checked exactly as a bound from
   * below and from above, it pins `t` to its value (and is kept, like any proof, for later trials).
   */
  private determined(t: Fact, prog: Program, span: Span): { ok: boolean; score: number } | undefined {
    const y = span.combination(t.atoms);
    if (!y) return undefined;
    const none = new Map<number, Q>();
    const hi = checkExactMultipliers(prog, y, none, 'hi', this.exact);
    const lo = checkExactMultipliers(prog, y, none, 'lo', this.exact);
    if (!hi || !lo) return undefined;
    this.remember(t, hi);
    this.remember(t, lo);
    this.stats.byElimination++;
    return this.judge(t, toNumber(lo.bound), toNumber(hi.bound));
  }

  /**
   * A small program again, its free atoms those of the withheld facts and those along which the contents
   * can move without changing any published figure while `t` changes (span.ts): the far sectors an
   * entity-wide total ties `t` to, which the local program's growth does not reach. Proves only "protected".
   */
  private along(t: Fact, prog: Program, span: Span): { ok: boolean; score: number } | undefined {
    const m = this.models.get(t.key)!;
    if (!m.sizes) return undefined;
    const d = span.direction(t.atoms);
    if (!d) return undefined;
    const free = new Set<number>(t.atoms);
    for (const f of m.facts) if (!this.published(f)) for (const a of f.atoms) free.add(a);
    for (const a of d.keys()) free.add(a);
    if (free.size * 4 > m.atoms) return undefined;
    const r = this.within(t, prog, m.sizes, free);
    if (r) this.stats.byAlong++;
    return r;
  }

  private judge(t: Fact, lo: number, hi: number): { ok: boolean; score: number } {
    // only confidential facts need protection; a cell withheld to protect another is not itself confidential
    if (!this.sensitive(t)) return { ok: true, score: Infinity };
    if (Number.isNaN(lo) || Number.isNaN(hi)) return { ok: false, score: 0 };
    const width = t.count ? Math.floor(hi + 1e-6) - Math.ceil(lo - 1e-6) : hi - lo;
    const need = this.need(t);
    return { ok: width >= need - 1e-6, score: width / need };
  }

  /** The protection range: THRESHOLD − 1 for counts, the p% rule for amounts (in cents, at least 1). */
  private need(t: Fact): number {
    return t.count ? THRESHOLD - 1 : Math.max(1, AMOUNT_RANGE * Math.abs(t.value));
  }

  /**
   * A proof of protection from a small program: every atom outside the withheld facts of `t`'s quantity is
   * held at its true content (counts: the number of elements in it), only the withheld facts' atoms move. Any
   * point of that program, with the held atoms added, is a point of the attacker's whole program — and is
   * checked exactly against all of it — so an interval wide enough here is wide enough there. Too narrow
   * proves nothing (the whole program decides then).
   */
  private locally(t: Fact, prog: Program): { ok: boolean; score: number } | undefined {
    const m = this.models.get(t.key)!;
    if (!m.sizes) return undefined;
    const free = new Set<number>(t.atoms);
    for (const f of m.facts) if (!this.published(f)) for (const a of f.atoms) free.add(a);
    // then the atoms of the small published facts that meet them (a sector's cells, not the entity's totals)
    for (let step = 0; step < LOCAL_STEPS; step++) {
      if (free.size * 4 > m.atoms) return undefined; // not small: nothing to gain
      const r = this.within(t, prog, m.sizes, free);
      if (r) return r;
      const limit = Math.max(64, free.size);
      const grown = new Set(free);
      for (const f of prog.equal) if (f.atoms.length <= limit && f.atoms.some((a) => free.has(a))) for (const a of f.atoms) grown.add(a);
      if (grown.size === free.size) return undefined;
      for (const a of grown) free.add(a);
    }
    return undefined;
  }

  private within(t: Fact, prog: Program, sizes: number[], free: Set<number>): { ok: boolean; score: number } | undefined {
    const restrict = (atoms: number[], value: number) => {
      const inside: number[] = [];
      let rest = value;
      for (const a of atoms) {
        if (free.has(a)) inside.push(a);
        else rest -= sizes[a];
      }
      return { inside, rest };
    };
    const small: Program = { target: t.atoms, equal: [], atLeastOne: [], signed: prog.signed };
    for (const e of prog.equal) {
      const { inside, rest } = restrict(e.atoms, e.value);
      if (inside.length) small.equal.push({ id: e.id, atoms: inside, value: rest });
    }
    for (const r of prog.atLeastOne) {
      const { inside, rest } = restrict(r.atoms, 1);
      if (inside.length && rest > 0) small.atLeastOne.push({ id: r.id, atoms: inside, min: rest });
    }
    this.stats.local++;
    const p = attack(small);
    if (!p.loPoint || !p.hiPoint) return undefined;
    const whole = (pt: Map<number, number>) => {
      const x = new Map<number, number>();
      sizes.forEach((n, a) => { if (n && !free.has(a)) x.set(a, n); });
      for (const [a, v] of pt) x.set(a, v);
      return x;
    };
    const lo = checkPoint(prog, whole(p.loPoint), this.exact);
    const hi = checkPoint(prog, whole(p.hiPoint), this.exact);
    if (!lo || !hi || !this.wideEnough(t, lo, hi)) return undefined;
    this.stats.byLocal++;
    return this.judge(t, toNumber(lo), toNumber(hi));
  }

  /** `judge`, exactly, on values proven reachable: no tolerance in the direction of "protected". */
  private wideEnough(t: Fact, lo: Q, hi: Q): boolean {
    if (t.count) return floorQ(hi) - ceilQ(lo) >= BigInt(THRESHOLD - 1);
    // width ≥ max(1, |value| / 5) in cents: 5·width ≥ |value| and width ≥ 1
    const width = sub(hi, lo);
    const v = this.exact(t.n);
    const abs = v.n < 0n ? { n: -v.n, d: v.d } : v;
    return cmp(width, ONE) >= 0 && cmp(mul(width, q(BigInt(Math.round(1 / AMOUNT_RANGE)))), abs) >= 0;
  }

  private withheldFacts(): Fact[] {
    return this.facts.filter((f) => !this.published(f) && f.items.some((i) => i.suppressed));
  }

  /**
   * The first withheld fact (in fact order) not yet protected. Only the first is needed: the facts after
   * it are checked in a later round, when at least as much is withheld (so one protected now is protected
   * then too), and each check is a pair of linear programs over every atom of the domain.
   */
  private firstFailing(): Fact | undefined {
    for (const f of this.facts) {
      if (this.passed.has(f.n) || this.published(f) || !f.items.some((i) => i.suppressed)) continue;
      if (this.protectedEnough(f, Infinity).ok) {
        this.passed.add(f.n);
        continue;
      }
      return f;
    }
    return undefined;
  }

  private setSuppressed(items: Item[], on: boolean) {
    const keys = new Set<string>();
    for (const i of items) {
      i.suppressed = on;
      for (const f of i.facts) keys.add(f.key);
    }
    for (const f of this.facts) if (keys.has(f.key)) this.cache.delete(f.n);
  }

  /** The classic rule, for a first try: in every published total that holds `t` and no other withheld cell,
   * withhold the smallest other cell, tightest totals first (a row or column before the grand total). */
  private lineComplements(t: Fact): Item[] {
    const m = this.models.get(t.key)!;
    const ta = new Set(t.atoms);
    const within = (f: Fact, T: Fact) => f.atoms.every((a) => T.atoms.includes(a));
    const disjoint = (f: Fact) => f.atoms.every((a) => !ta.has(a));
    // a line is made of the cells of one table (a row, a column, the bins of a histogram)
    const tables = new Set(t.items.map((i) => tableOf(i.spec.id)));
    const sameTable = (f: Fact) => f.items.some((i) => tables.has(tableOf(i.spec.id)));
    const totals = m.facts.filter((f) => f !== t && this.published(f) && t.atoms.every((a) => f.atoms.includes(a)))
      .sort((a, b) => a.atoms.length - b.atoms.length || a.n - b.n);
    const chosen: Fact[] = [];
    for (const T of totals) {
      const covered = m.facts.some((f) => f !== t && f.value !== 0 && sameTable(f) && disjoint(f) && within(f, T) && (chosen.includes(f) || !this.published(f)));
      if (covered) continue;
      const g = m.facts.filter((f) => f !== t && f !== T && f.value !== 0 && sameTable(f) && this.published(f) && disjoint(f) && within(f, T))
        .sort((a, b) => Math.abs(a.value) - Math.abs(b.value) || a.atoms.length - b.atoms.length || a.n - b.n)[0];
      if (g) chosen.push(g);
    }
    return [...new Set(chosen.flatMap((f) => f.items.filter((i) => !i.suppressed)))];
  }

  /** Cells to withhold next so that `t` is protected: siblings under a common total first, smallest first. */
  private candidates(t: Fact): { items: Item[]; total: boolean }[] {
    const m = this.models.get(t.key)!;
    const ta = new Set(t.atoms);
    const pubs = m.facts.filter((f) => f !== t && this.published(f) && f.value !== 0);
    const totals = pubs.filter((f) => t.atoms.every((a) => f.atoms.includes(a)));
    const ranked: { tier: number; f: Fact }[] = [];
    for (const f of pubs) {
      const inter = f.atoms.filter((a) => ta.has(a)).length;
      let tier: number;
      if (totals.includes(f)) tier = 3;
      else if (inter === 0) tier = totals.some((T) => f.atoms.every((a) => T.atoms.includes(a))) ? 0 : 2;
      else tier = 1; // overlapping: another table's cell over some of the same persons
      ranked.push({ tier, f });
    }
    const out: { cost: number[]; items: Item[] }[] = [];
    for (const { tier, f } of ranked) {
      const items = f.items.filter((i) => !i.suppressed);
      const other = f.items.some((i) => t.items.some((j) => tableOf(i.spec.id) === tableOf(j.spec.id))) ? 0 : 1;
      out.push({ cost: [tier, other, items.length, Math.abs(f.value), f.atoms.length, f.n], items });
    }
    out.sort((a, b) => {
      for (let k = 0; k < a.cost.length; k++) if (a.cost[k] !== b.cost[k]) return a.cost[k] - b.cost[k];
      return 0;
    });
    // a few of each kind, totals always among them: a total may be the only way (four cells of 1 summing to 4)
    const byTier = [0, 1, 2, 3].map((k) => out.filter((o) => o.cost[0] === k));
    return [...byTier[0].slice(0, 15), ...byTier[1].slice(0, 8), ...byTier[2].slice(0, 8), ...byTier[3].slice(0, 8)].map((o) => ({ items: o.items, total: o.cost[0] === 3 }));
  }

  /** Primary and complementary suppression, then the audit. */
  protect(): Protection {
    this.buildAtoms();
    for (const i of this.items) {
      if (i.spec.wholeGroup || (i.spec.fewest > 0 && i.spec.fewest < THRESHOLD)) i.primary = i.suppressed = true;
    }
    const failures: string[] = [];
    const maxRounds = this.items.length + 1;
    for (let round = 0; round < maxRounds; round++) {
      const t = this.firstFailing();
      if (!t) {
        if (this.closeIdentities()) continue;
        break;
      }
      const cands = this.candidates(t);
      if (!cands.length) {
        failures.push(this.describe(t));
        break;
      }
      // the cheapest candidate that protects `t` alone; else the cheapest that at least widens its interval
      let chosen: Item[] | undefined;
      let widening: Item[] | undefined;
      const before = this.protectedEnough(t).score;
      const line = this.lineComplements(t);
      if (line.length) cands.unshift({ items: line, total: false });
      for (const { items: c } of cands) {
        this.setSuppressed(c, true);
        const p = this.protectedEnough(t, widening ? Infinity : before);
        this.setSuppressed(c, false);
        if (p.ok) {
          chosen = c;
          break;
        }
        if (!widening && p.score > before + 1e-9) widening = c;
      }
      if (!chosen && !widening) {
        // no single cell helps: two are needed (four cells of 1 in a total of 4, with the totals adding up to all)
        const pool = [...cands.filter((c) => !c.total).slice(0, 8), ...cands.filter((c) => c.total).slice(0, 6)];
        // pairs of inner cells first, totals last (a grand total is the last thing to withhold)
        const pairs = pool.flatMap((a, i) => pool.slice(i + 1).map((b, k) => ({ a, b, cost: (a.total ? 1 : 0) + (b.total ? 1 : 0), order: i + i + k + 1 })))
          .sort((x, y) => x.cost - y.cost || x.order - y.order);
        for (const { a, b } of pairs) {
          const both = [...new Set([...a.items, ...b.items])];
          this.setSuppressed(both, true);
          const p = this.protectedEnough(t, widening ? Infinity : before);
          this.setSuppressed(both, false);
          if (p.ok) {
            chosen = both;
            break;
          }
          if (!widening && p.score > before + 1e-9) widening = both;
        }
      }
      this.setSuppressed(chosen ?? widening ?? cands[0].items, true);
      // the state is now the trial's that protected `t`
      if (chosen) this.passed.add(t.n);
    }
    // a fact found protected stays protected as more is withheld: only the others are checked again
    for (const f of this.withheldFacts()) if (!this.passed.has(f.n) && !this.protectedEnough(f, Infinity).ok) failures.push(this.describe(f));
    const list = this.items.filter((i) => i.suppressed).map((i) => ({
      id: i.spec.id, label: i.spec.label, reason: (i.spec.wholeGroup ? 'unità piccola' : 'riservatezza') as Withheld['reason'],
    }));
    return { withheld: new Set(list.map((w) => w.id)), list, failures: [...new Set(failures)] };
  }

  private describe(f: Fact): string {
    return f.items.map((i) => i.spec.label).join(' / ');
  }
}

// What an outsider can derive about one withheld figure from everything published: its smallest and
// largest value, by linear programs (yalps) over the atoms of the population. `equal`: the published
// figures (the sum of their atoms' contents); `atLeastOne`: withheld counts a reader knows are not 0;
// contents are ≥ 0 unless some contribution is negative (`signed`: each atom then a difference of two).
//
// Two forms of the same question. `attack` solves the attacker's programs themselves (min and max of the
// target) and returns, with each bound, the point that reaches it. `dualAttack` solves their duals: the
// multipliers of the published figures (and of the "at least 1" rows) whose combination bounds the target
// from above (or below) on every atom; its optimum is the same bound, and the multipliers are a proof of it
// that stays valid as long as the figures it uses stay published (certificates.ts checks both exactly).
import { solve, type Constraint } from 'yalps';

export interface Bounds {
  lo: number;
  hi: number;
}

export interface Row {
  /** the fact's number (certificates name the rows they use) */
  id: number;
  atoms: number[];
  /** the published value (counts, or cents) */
  value: number;
}

export interface Program {
  target: number[];
  equal: Row[];
  /** rows known ≥ `min` (default 1: a withheld count a reader knows is not 0) */
  atLeastOne: { id: number; atoms: number[]; min?: number }[];
  signed: boolean;
}

/** A point of the attacker's program: atom → content (float, from the solver). */
export type Point = Map<number, number>;

/** Multipliers of a dual solution: fact id → multiplier, for the equations (`eq`) and the "at least 1" rows (`geq`). */
export interface Multipliers {
  eq: Map<number, number>;
  geq: Map<number, number>;
}

/** Linear programs solved (pairs count as two), for the bench and tests. */
export const lpStats = { solves: 0, ms: 0 };

function run(model: Parameters<typeof solve>[0]) {
  const t = performance.now();
  const s = solve(model, { maxPivots: 100000 });
  lpStats.solves++;
  lpStats.ms += performance.now() - t;
  return s;
}

/**
 * The attacker's programs: min and max of the target, with the points reaching them. `floor`/`cap`: limits on
 * the target for a side known to be unbounded (then the point reaches the limit instead).
 */
export function attack(p: Program, floor?: number, cap?: number): Bounds & { loPoint?: Point; hiPoint?: Point } {
  const constraints = new Map<string, Constraint>();
  const vars = new Map<string, Map<string, number>>();
  const inTarget = new Set(p.target);
  const coef = (a: number) => {
    let c = vars.get(`a${a}`);
    if (!c) {
      vars.set(`a${a}`, (c = new Map()));
      if (inTarget.has(a)) c.set('obj', 1);
    }
    return c;
  };
  for (const a of p.target) coef(a);
  const add = (name: string, atoms: number[], c: Constraint) => {
    constraints.set(name, c);
    for (const a of atoms) coef(a).set(name, 1);
  };
  p.equal.forEach((e, i) => add(`e${i}`, e.atoms, { equal: e.value }));
  p.atLeastOne.forEach((r, i) => add(`g${i}`, r.atoms, { min: r.min ?? 1 }));
  const variables = new Map<string, Map<string, number>>();
  for (const [name, c] of vars) {
    variables.set(name, c);
    if (p.signed) variables.set(`${name}-`, new Map([...c].map(([k, v]) => [k, -v])));
  }
  const one = (direction: 'minimize' | 'maximize'): [number, Point | undefined] => {
    const limit = direction === 'minimize' ? floor : cap;
    let cs = constraints;
    let vs = variables;
    if (limit !== undefined) {
      cs = new Map(constraints).set('limit', direction === 'minimize' ? { min: limit } : { max: limit });
      vs = new Map([...variables].map(([k, c]) => [k, c.has('obj') ? new Map(c).set('limit', c.get('obj')!) : c]));
    }
    const s = run({ direction, objective: 'obj', constraints: cs, variables: vs });
    if (s.status === 'optimal') {
      const point: Point = new Map();
      for (const [name, v] of s.variables as [string, number][]) {
        const neg = name.endsWith('-');
        const a = Number(name.slice(1, neg ? -1 : undefined));
        point.set(a, (point.get(a) ?? 0) + (neg ? -v : v));
      }
      return [s.result, point];
    }
    if (s.status === 'unbounded') return [direction === 'maximize' ? Infinity : -Infinity, undefined];
    return [NaN, undefined]; // infeasible through rounding, or cycled: counts as not protected (fail safe)
  };
  const [lo, loPoint] = one('minimize');
  const [hi, hiPoint] = one('maximize');
  return { lo, hi, loPoint, hiPoint };
}

/**
 * The duals of the attacker's programs. For the largest value: multipliers y (free) of the equations and
 * w ≥ 0 of the "at least 1" rows with Σ y·row − Σ w·row ≥ target on every atom (= when signed), minimising
 * Σ y·value − Σ w; any such multipliers bound the target from above, the best one by its maximum. For the
 * smallest: Σ y·row + Σ w·row ≤ target on every atom, maximising Σ y·value + Σ w.
 * `lo`/`hi`: the optimum (±Infinity when no multipliers exist: the target is unbounded; NaN when the
 * solver fails).
 */
export function dualAttack(p: Program): Bounds & { loMult?: Multipliers; hiMult?: Multipliers } {
  const inTarget = new Set(p.target);
  // the atoms some row or the target mentions: the others are free and bound nothing
  const atoms = new Set<number>(p.target);
  for (const e of p.equal) for (const a of e.atoms) atoms.add(a);
  for (const r of p.atLeastOne) for (const a of r.atoms) atoms.add(a);
  const covered = new Set<number>();
  for (const e of p.equal) for (const a of e.atoms) covered.add(a);
  for (const r of p.atLeastOne) for (const a of r.atoms) covered.add(a);
  const one = (dir: 'hi' | 'lo'): [number, Multipliers | undefined] => {
    // a target atom in no row: the target grows without limit (hi), or, signed, falls without limit (lo)
    if (p.target.some((a) => !covered.has(a)) && (dir === 'hi' || p.signed)) return [dir === 'hi' ? Infinity : -Infinity, undefined];
    const constraints = new Map<string, Constraint>();
    for (const a of atoms) {
      const c = inTarget.has(a) ? 1 : 0;
      if (!covered.has(a)) continue;
      constraints.set(`a${a}`, p.signed ? { equal: c } : dir === 'hi' ? { min: c } : { max: c });
    }
    const variables = new Map<string, Map<string, number>>();
    p.equal.forEach((e, i) => {
      const col = new Map<string, number>([['obj', e.value]]);
      for (const a of e.atoms) col.set(`a${a}`, 1);
      variables.set(`p${i}`, col);
      variables.set(`n${i}`, new Map([...col].map(([k, v]) => [k, -v])));
    });
    const wSign = dir === 'hi' ? -1 : 1;
    p.atLeastOne.forEach((r, i) => {
      const col = new Map<string, number>([['obj', wSign]]);
      for (const a of r.atoms) col.set(`a${a}`, wSign);
      variables.set(`w${i}`, col);
    });
    const s = run({ direction: dir === 'hi' ? 'minimize' : 'maximize', objective: 'obj', constraints, variables });
    if (s.status === 'optimal') {
      const m: Multipliers = { eq: new Map(), geq: new Map() };
      for (const [name, v] of s.variables as [string, number][]) {
        const i = Number(name.slice(1));
        if (name[0] === 'w') m.geq.set(p.atLeastOne[i].id, v);
        else {
          const id = p.equal[i].id;
          m.eq.set(id, (m.eq.get(id) ?? 0) + (name[0] === 'n' ? -v : v));
        }
      }
      return [s.result, m];
    }
    // no multipliers: the primal (which the true contents satisfy) is unbounded
    if (s.status === 'infeasible') return [dir === 'hi' ? Infinity : -Infinity, undefined];
    return [NaN, undefined];
  };
  const [lo, loMult] = one('lo');
  const [hi, hiMult] = one('hi');
  return { lo, hi, loMult, hiMult };
}

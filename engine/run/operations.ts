// The operation table of the IR: name -> function over exact decimals (json-logic-js's `operations`): the
// registry's evaluations (engine/ops: aggregates, scalar functions), then this file's for the operations not
// yet moved there (operators, scales and bands, lookups, dates, allocation, top-k). An
// operation the IR schema does not list cannot reach here (compile validates every IR); IR given to the
// engine as a library unvalidated finds only the table's own operations (a Map: `constructor` is unknown).
import { allocateCents, quotaCount } from '../allocate/largest-remainder.ts';
import { allocateUnits } from '../allocate/units.ts';
import type { JL } from '../compile/ir.ts';
import { D, isDec, settle, type Dec } from './decimal.ts';
import { EvalError } from './errors.ts';
import type { Env, Evaluator } from './evaluate.ts';
import type { V } from './population.ts';
import { compareDates, DATE_TABLE } from './dates.ts';
import { aggregateEnvs, showV } from '../ops/aggregates.ts';
import { ops, REGISTRY } from '../ops/registry.ts';

export { aggregateEnvs };

export function compareV(a: V, b: V): number {
  if (isDec(a) && isDec(b)) return settle(a as Dec).comparedTo(settle(b as Dec));
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function equalV(a: V, b: V): boolean {
  if (isDec(a) && isDec(b)) return settle(a as Dec).eq(settle(b as Dec));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equalV(x, b[i]));
  return a === b;
}

type Op = (ev: Evaluator, a: any, env: Env) => V;
/** Decimal literals by their text, parsed once (`{"dec": "12.5"}`). */
const LITERALS = new Map<string, Dec>();
const args = (ev: Evaluator, a: JL[], env: Env) => a.map((x) => ev.evaluate(x, env));
const nums = (ev: Evaluator, a: JL[], env: Env) => a.map((x) => ev.num(ev.evaluate(x, env)));

function matches(when: Record<string, unknown>, v: V): boolean {
  if ('otherwise' in when) return true;
  if ('label' in when) return v === when.label;
  if (!isDec(v)) return false;
  const d = settle(v as Dec);
  if (when.gt !== undefined && !d.gt(when.gt as string)) return false;
  if (when.gte !== undefined && !d.gte(when.gte as string)) return false;
  if (when.lt !== undefined && !d.lt(when.lt as string)) return false;
  if (when.lte !== undefined && !d.lte(when.lte as string)) return false;
  return true;
}

const TABLE: Record<string, Op> = {
  dec: (_ev, a: string) => {
    // a literal is parsed once, not at every evaluation (decimals are immutable, so one object serves all)
    const hit = LITERALS.get(a);
    if (hit) return hit;
    let d: Dec;
    try {
      d = new D(a);
    } catch {
      throw new EvalError('type-mismatch', { expected: 'un numero', found: String(a) }); // unvalidated IR
    }
    if (typeof a === 'string' && LITERALS.size < 100_000) LITERALS.set(a, d);
    return d;
  },
  var: (ev, a: string, env) => (a === 'elemento' ? (env.element ?? null) : ev.input(a, env)),
  val: (ev, a: string, env) => ev.value(a, env.scope),
  ext: (ev, a: [string, string], env) => ev.ext(a[0], a[1], env.scope),
  '+': (ev, a: JL[], env) => nums(ev, a, env).reduce((s, x) => s.plus(x), new D(0)),
  '-': (ev, a: JL[], env) => {
    const n = nums(ev, a, env);
    return n.length === 1 ? n[0].neg() : n[0].minus(n[1]);
  },
  '*': (ev, a: JL[], env) => nums(ev, a, env).reduce((s, x) => s.times(x), new D(1)),
  '/': (ev, a: JL[], env) => {
    const [x, y] = nums(ev, a, env);
    if (y.isZero()) throw new EvalError('division-by-zero', { name: ev.current ?? '/' });
    return x.div(y);
  },
  '==': (ev, a: JL[], env) => {
    const [x, y] = args(ev, a, env);
    return equalV(x, y);
  },
  '!=': (ev, a: JL[], env) => !TABLE['=='](ev, a, env),
  '<': (ev, a: JL[], env) => compareNums(ev, a, env) < 0,
  '<=': (ev, a: JL[], env) => compareNums(ev, a, env) <= 0,
  '>': (ev, a: JL[], env) => compareNums(ev, a, env) > 0,
  '>=': (ev, a: JL[], env) => compareNums(ev, a, env) >= 0,
  and: (ev, a: JL[], env) => a.every((x) => ev.bool(ev.evaluate(x, env))),
  or: (ev, a: JL[], env) => a.some((x) => ev.bool(ev.evaluate(x, env))),
  '!': (ev, a: JL[], env) => !ev.bool(ev.evaluate(a[0], env)),
  if: (ev, a: JL[], env) => {
    // JsonLogic's chain [c1, v1, c2, v2, …, else]: an `altrimenti se` chain is one flat node
    let i = 0;
    for (; i + 1 < a.length; i += 2) if (ev.bool(ev.evaluate(a[i], env))) return ev.evaluate(a[i + 1], env);
    return ev.evaluate(a[i], env);
  },
  in: (ev, a: [JL, JL[]], env) => {
    const x = ev.evaluate(a[0], env);
    return a[1].some((y) => equalV(x, ev.evaluate(y, env)));
  },
  list: (ev, a: JL[], env) => args(ev, a, env),
  limit: (ev, a: { value: JL; max: string | JL; clamp: boolean }, env) => {
    const v = ev.num(ev.evaluate(a.value, env));
    // a maximum per category is an expression, read for the person
    const max = typeof a.max === 'string' ? new D(a.max) : ev.num(ev.evaluate(a.max, env));
    if (a.clamp) return D.min(D.max(v, 0), max);
    if (v.gt(max) || v.lt(0)) throw new EvalError('item-over-max', { name: ev.current ?? '', value: v.toFixed(), max: max.toFixed() });
    return v;
  },
  scale: (ev, a: { subject: JL; rows: { when: Record<string, unknown>; value: JL }[] }, env) => {
    const s = ev.evaluate(a.subject, env);
    for (const r of a.rows) if (matches(r.when, s)) return ev.evaluate(r.value, env);
    throw new EvalError('table-no-match-runtime', { value: showV(s) });
  },
  bands: (ev, a: { subject: JL; rows: { name: string; when: Record<string, unknown> }[] }, env) => {
    const s = ev.evaluate(a.subject, env);
    for (const r of a.rows) if (matches(r.when, s)) return r.name;
    return null;
  },
  share: (ev, a: [string], env) => {
    const d = ev.decl(a[0]);
    const label = ev.value(a[0], env.scope);
    const rows = (d?.expr as { bands: { rows: { name: string; value: JL }[] } }).bands.rows;
    const row = rows.find((r) => r.name === label);
    return row ? ev.evaluate(row.value, env) : new D(0);
  },
  lookup: (ev, a: { table: string; key: JL; column: string }, env) => {
    const row = ev.lookupRow(a.table, ev.evaluate(a.key, env), env.scope);
    return ev.input(`riga.${a.table}.${a.column}`, { ...env, rows: { ...env.rows, [a.table]: row } });
  },
  ...DATE_TABLE,
  allocate: (ev, a: { pot: JL; weight: JL; group: 'ente' | 'unit' }, env) => {
    if (env.scope.level !== 'persona') throw new EvalError('level-mismatch', { name: ev.current ?? '', level: env.scope.level, other: '', otherLevel: 'persona' });
    const p = env.scope.p;
    const group = a.group === 'unit' ? ev.groupOf({ level: 'persona', p }) : ev.groupOf({ level: 'ente' });
    const gk = a.group === 'unit' ? `u:${ev.pop.persons[p].unit ?? ''}` : 'ente';
    const res = ev.perGroup(a, gk, () => {
      const pot = ev.num(ev.evaluate(a.pot, { scope: { level: 'persona', p } }));
      const weights = group.map((i) => {
        const w = ev.evaluate(a.weight, { scope: { level: 'persona', p: i } });
        const n = w === null ? new D(0) : ev.num(w);
        if (n.isNegative()) throw new EvalError('type-mismatch', { expected: 'un peso ≥ 0', found: n.toFixed() });
        return n;
      });
      const pos = new Map(group.map((i, k) => [i, k]));
      const order = ev.tieOrder(group).map((i) => pos.get(i)!);
      const shares = allocateCents(pot, weights, order);
      const extra = shares.filter((x) => x.extraCent).length;
      ev.allocations.push({
        rule: ev.current ?? '', group: gk, pot: pot.toDecimalPlaces(2, D.ROUND_HALF_UP), persons: group.length,
        recipients: weights.filter((w) => !w.isZero()).length, extraCents: extra,
        floorTotal: shares.reduce((s, x) => s.plus(x.cents), new D(0)).minus(new D(extra).div(100)),
        members: group, recipientIdx: group.filter((_, k) => !weights[k].isZero()),
      });
      const out: V[] = [];
      group.forEach((i, k) => (out[i] = shares[k].cents));
      return out;
    });
    return res[p];
  },
  allocate_units: allocateUnits, // engine/allocate/units.ts: among units, then within each unit
  best: (ev, a: { share?: string; count?: string; by: JL; within: boolean; among: JL; rounding: 'up' | 'down' | 'nearest' }, env) => {
    if (env.scope.level !== 'persona') throw new EvalError('level-mismatch', { name: ev.current ?? '', level: env.scope.level, other: '', otherLevel: 'persona' });
    const p = env.scope.p;
    const group = a.within ? ev.groupOf({ level: 'persona', p }) : ev.groupOf({ level: 'ente' });
    const gk = a.within ? `u:${ev.pop.persons[p].unit ?? ''}` : 'ente';
    const res = ev.perGroup(a, gk, () => {
      const cands = group.filter((i) => a.among === true || ev.bool(ev.evaluate(a.among, { scope: { level: 'persona', p: i } })));
      const n = a.count !== undefined ? Math.min(Number(a.count), cands.length) : quotaCount(new D(a.share!), cands.length, a.rounding);
      const by = new Map(cands.map((i) => [i, settle(ev.num(ev.evaluate(a.by, { scope: { level: 'persona', p: i } })))]));
      const tie = ev.tieOrder(cands);
      const rank = new Map(tie.map((i, r) => [i, r]));
      const sorted = [...cands].sort((x, y) => by.get(y)!.comparedTo(by.get(x)!) || rank.get(x)! - rank.get(y)!);
      const out: V[] = [];
      for (const i of group) out[i] = false;
      sorted.slice(0, n).forEach((i) => (out[i] = true));
      // a tie across the cut: the tie rule, not the score, chose who is in (run-time warning)
      const last = n > 0 ? by.get(sorted[n - 1])! : undefined;
      // tied on the score and on every tie key but the last (the person key): only an arbitrary order chose
      const keys = ev.ir.ties.slice(0, -1);
      const sameKeys = (i: number, j: number) => keys.every((k) => compareV(ev.named(k.name, { level: 'persona', p: i }), ev.named(k.name, { level: 'persona', p: j })) === 0);
      const tiedOut = last === undefined ? [] : sorted.slice(n).filter((i) => by.get(i)!.eq(last) && sameKeys(i, sorted[n - 1]));
      ev.cuts.push({ rule: ev.current ?? '', group: gk, taken: n, candidates: cands.length, tiedOut });
      return out;
    });
    return res[p];
  },
};

function compareNums(ev: Evaluator, a: JL[], env: Env): number {
  const [x, y] = args(ev, a, env);
  return compareDates(x, y) ?? settle(ev.num(x)).comparedTo(settle(ev.num(y))); // two dates compare as days
}

/** The operations by name: a Map, so that a name from unvalidated IR (`constructor`, `__proto__`) finds nothing.
 *  Those of the registry (engine/ops/registry.ts) with their evaluation there, then this table's. */
export const OPS: ReadonlyMap<string, Op> = new Map([
  ...REGISTRY.entries().flatMap((e): [string, Op][] => (e.evaluate ? [[e.op, e.evaluate]] : [])),
  ...Object.entries(TABLE),
]);

/** The evaluation of an operation of a test's registry (`withRegistry`), when `OPS` does not know it. */
export function registryOp(op: string): Op | undefined {
  const r = ops();
  return r === REGISTRY ? undefined : r.get(op)?.evaluate;
}

export const OPERATIONS = [...OPS.keys()];


// The operation table of the IR: name -> function over exact decimals (json-logic-js's `operations`),
// plus the forms that need the population: aggregates, scales and bands, allocation, top-k. An
// operation the IR schema does not list cannot reach here (compile validates every IR); IR given to the
// engine as a library unvalidated finds only the table's own operations (a Map: `constructor` is unknown).
import { allocatePersons } from '../allocate/persons.ts';
import { best } from '../allocate/top-k.ts';
import { allocateUnits } from '../allocate/units.ts';
import type { JL } from '../compile/ir.ts';
import { D, greatest, isDec, least, settle, type Dec } from './decimal.ts';
import { EvalError } from './errors.ts';
import type { Env, Evaluator } from './evaluate.ts';
import type { V } from './population.ts';
import { compareDates, DATE_TABLE, extremeDate } from './dates.ts';

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

function showV(v: V): string {
  return isDec(v) ? (v as Dec).toFixed() : String(v);
}

/** The elements an aggregate runs over: persons (of the entity or of the unit the aggregate is computed
 * for, never the reader's unit by accident), units, the rows of a table, or a list's elements. The rows
 * being iterated outside (a per-row report) stay visible inside. */
export function aggregateEnvs(ev: Evaluator, over: Record<string, string | boolean>, env: Env): Env[] {
  const envs: Env[] = [];
  if (over.persons) for (const p of over.persons === 'ente' ? ev.groupOf({ level: 'ente' }) : ev.groupOf(env.scope)) envs.push({ scope: { level: 'persona', p }, rows: env.rows });
  else if (over.units) for (const unit of ev.unitList()) envs.push({ scope: { level: 'unit', unit }, rows: env.rows });
  else if (over.table) {
    const t = over.table as string;
    for (const row of ev.rowsOf(t, env.scope)) envs.push({ ...env, rows: { ...env.rows, [t]: row } });
  }
  else if (over.list) {
    const decl = ev.ir.inputs.find((i) => i.name === over.list);
    const list = decl ? ev.input(`${decl.level}.${over.list}`, env) : ev.value(over.list as string, env.scope); // an input or a computed list
    if (!Array.isArray(list)) throw new EvalError('type-mismatch', { expected: 'una lista', found: showV(list) });
    for (const element of list) envs.push({ ...env, element });
  }
  return envs;
}

function aggregate(kind: string): Op {
  return (ev, a: { over: Record<string, string | boolean>; args: JL[]; where: JL; otherwise?: JL }, env) => {
    // the values of the first argument (and the weights, the second), one flat array each: no array per element
    const first: V[] = [];
    const second: V[] = [];
    const one = a.args.length === 1 ? a.args[0] : undefined;
    const visit = (en: Env) => {
      if (a.where !== true && !ev.bool(ev.evaluate(a.where, en))) return;
      if (one !== undefined) first.push(ev.evaluate(one, en));
      else {
        const vs = a.args.map((x) => ev.evaluate(x, en));
        first.push(vs[0]);
        second.push(vs[1]);
      }
    };
    if (a.over.list) {
      // a list's elements: one environment reused for every element (nothing keeps it), not one object each
      const decl = ev.ir.inputs.find((i) => i.name === a.over.list);
      const list = decl ? ev.input(`${decl.level}.${a.over.list}`, env) : ev.value(a.over.list as string, env.scope);
      if (!Array.isArray(list)) throw new EvalError('type-mismatch', { expected: 'una lista', found: showV(list) });
      const en: Env = { ...env, element: undefined };
      for (const element of list) {
        en.element = element;
        visit(en);
      }
    } else if (a.over.persons) {
      // persons visited straight from their group: no array of environments built first
      for (const p of a.over.persons === 'ente' ? ev.groupOf({ level: 'ente' }) : ev.groupOf(env.scope)) visit({ scope: { level: 'persona', p }, rows: env.rows });
    } else for (const en of aggregateEnvs(ev, a.over, env)) visit(en);
    // the value stated for no rows: `media(x dove c; altrimenti 0 €)`
    if (first.length === 0 && a.otherwise !== undefined) return ev.evaluate(a.otherwise, env);
    switch (kind) {
      case 'count':
        return new D(first.filter((v) => (typeof v === 'boolean' ? v : v !== null)).length);
      case 'count_distinct':
        return new D(new Set(first.map(showV)).size);
      case 'sum': {
        let s = new D(0);
        for (const v of first) s = s.plus(ev.num(v));
        return s;
      }
      case 'mean':
      case 'min_of':
      case 'max_of': {
        if (first.length === 0) throw new EvalError('aggregate-empty', { name: ev.current ?? kind });
        const earliest = kind === 'mean' ? undefined : extremeDate(first, kind === 'min_of' ? 'min' : 'max'); // dates: the earliest / latest day
        if (earliest !== undefined) return earliest;
        const ns = first.map((v) => ev.num(v));
        if (kind === 'mean') return ns.reduce((s, v) => s.plus(v), new D(0)).div(ns.length);
        return kind === 'min_of' ? least(ns) : greatest(ns);
      }
      case 'weighted_mean': {
        let sw = new D(0);
        let s = new D(0);
        for (let i = 0; i < first.length; i++) {
          const [x, w] = [first[i], second[i]];
          sw = sw.plus(ev.num(w));
          s = s.plus(ev.num(x).times(ev.num(w)));
        }
        if (sw.isZero()) throw new EvalError('division-by-zero', { name: ev.current ?? kind });
        return s.div(sw);
      }
    }
    return null;
  };
}

function floorDivision(ev: Evaluator, a: JL[], env: Env): { q: Dec; r: Dec } {
  const [x, y] = nums(ev, a, env).map(settle);
  if (y.isZero()) throw new EvalError('division-by-zero', { name: ev.current ?? 'quoziente' });
  let q = x.divToInt(y); // toward zero, exact
  let r = x.minus(q.times(y));
  if (!r.isZero() && r.isNeg() !== y.isNeg()) {
    q = q.minus(1);
    r = r.plus(y);
  }
  return { q, r };
}

function roundMode(ev: Evaluator, a: JL[], env: Env, mode: Parameters<Dec["toDecimalPlaces"]>[1]): Dec {
  const [x, n] = nums(ev, a, env);
  if (!n.isInteger() || n.isNeg()) throw new EvalError('type-mismatch', { expected: 'un numero intero di decimali', found: n.toFixed() });
  return settle(x).toDecimalPlaces(n.toNumber(), mode);
}

function nonEmpty(ev: Evaluator, ns: Dec[], op: string): Dec[] {
  if (ns.length === 0) throw new EvalError('aggregate-empty', { name: ev.current ?? op });
  return ns;
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
  ratio: (ev, a: JL[], env) => TABLE['/'](ev, a, env),
  // integer division rounded down (toward −∞), exact: quotient(-7; 2) = -4, remainder(-7; 2) = 1, a = b × q + r
  quotient: (ev, a: JL[], env) => floorDivision(ev, a, env).q,
  remainder: (ev, a: JL[], env) => floorDivision(ev, a, env).r,
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
  // of dates, the earliest / latest day
  min: (ev, a: JL[], env) => {
    const vs = args(ev, a, env);
    return extremeDate(vs, 'min') ?? least(nonEmpty(ev, vs.map((v) => ev.num(v)), 'min'));
  },
  max: (ev, a: JL[], env) => {
    const vs = args(ev, a, env);
    return extremeDate(vs, 'max') ?? greatest(nonEmpty(ev, vs.map((v) => ev.num(v)), 'max'));
  },
  round: (ev, a: JL[], env) => {
    const [x, n] = nums(ev, a, env);
    if (!n.isInteger() || n.isNeg()) throw new EvalError('type-mismatch', { expected: 'un numero intero di decimali', found: n.toFixed() });
    return settle(x).toDecimalPlaces(n.toNumber(), D.ROUND_HALF_UP);
  },
  // the total rounded up or down (toward +∞ / −∞) to a constant number of decimals
  ceil: (ev, a: JL[], env) => roundMode(ev, a, env, D.ROUND_CEIL),
  floor: (ev, a: JL[], env) => roundMode(ev, a, env, D.ROUND_FLOOR),
  trunc: (ev, a: JL[], env) => {
    const [x, n] = nums(ev, a, env);
    if (!n.isInteger() || n.isNeg()) throw new EvalError('type-mismatch', { expected: 'un numero intero di decimali', found: n.toFixed() });
    return settle(x).toDecimalPlaces(n.toNumber(), D.ROUND_DOWN);
  },
  if_missing: (ev, a: JL[], env) => {
    const first = a[0] as { ext?: [string, string] };
    if (first && typeof first === 'object' && first.ext) {
      const v = ev.extOrUndefined(first.ext[0], first.ext[1], env.scope);
      return v === undefined ? ev.evaluate(a[1], env) : v;
    }
    try {
      return ev.evaluate(a[0], env);
    } catch (e) {
      if (e instanceof EvalError && (e.code === 'missing-input' || e.code === 'field-not-applicable')) return ev.evaluate(a[1], env);
      throw e;
    }
  },
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
  count: aggregate('count'),
  count_distinct: aggregate('count_distinct'),
  sum: aggregate('sum'),
  mean: aggregate('mean'),
  min_of: aggregate('min_of'),
  max_of: aggregate('max_of'),
  weighted_mean: aggregate('weighted_mean'),
  ...DATE_TABLE,
  allocate: allocatePersons, // engine/allocate/persons.ts: largest remainder among the entity's or a unit's persons
  allocate_units: allocateUnits, // engine/allocate/units.ts: among units, then within each unit
  best, // engine/allocate/top-k.ts
};

function compareNums(ev: Evaluator, a: JL[], env: Env): number {
  const [x, y] = args(ev, a, env);
  return compareDates(x, y) ?? settle(ev.num(x)).comparedTo(settle(ev.num(y))); // two dates compare as days
}

/** The operations by name: a Map, so that a name from unvalidated IR (`constructor`, `__proto__`) finds nothing. */
export const OPS: ReadonlyMap<string, Op> = new Map(Object.entries(TABLE));

export const OPERATIONS = [...OPS.keys()];


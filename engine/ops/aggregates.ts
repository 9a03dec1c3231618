// The aggregates: over the persons (of the entity or of a unit), the units, the rows of a table or the
// elements of a list, with an optional filter (`dove` / `where`) and, for those with no value over no rows,
// the value stated for that case (`altrimenti` / `otherwise`).
import type { Typed } from '../check/expr-base.ts';
import { ANY, DATE, num } from '../check/types.ts';
import { anyDecimals } from '../check/units.ts';
import type { JL } from '../compile/ir.ts';
import { D, greatest, isDec, least, settle, type Dec } from '../run/decimal.ts';
import { extremeDate } from '../run/dates.ts';
import { EvalError } from '../run/errors.ts';
import type { Env, Evaluator } from '../run/evaluate.ts';
import type { V } from '../run/population.ts';
import { EXPR, EXPRS, NAME, obj, type Checking, type CompileHost, type CallExpr, type Op, type OpEntry } from './types.ts';

export function showV(v: V): string {
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

/** An aggregate's evaluation: the values of its arguments for each element that passes the filter, folded
 *  by `fold` (the first argument's values, and every argument's). */
function aggregate(fold: (ev: Evaluator, first: V[], vals: V[][], op: string) => V, op: string): Op {
  return (ev, a: { over: Record<string, string | boolean>; args: JL[]; where: JL; otherwise?: JL }, env) => {
    const vals: V[][] = [];
    const one = a.args.length === 1 ? a.args[0] : undefined;
    const visit = (en: Env) => {
      if (a.where !== true && !ev.bool(ev.evaluate(a.where, en))) return;
      vals.push(one !== undefined ? [ev.evaluate(one, en)] : a.args.map((x) => ev.evaluate(x, en)));
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
    } else for (const en of aggregateEnvs(ev, a.over, env)) visit(en);
    // the value stated for no rows: `media(x dove c; altrimenti 0 €)`
    if (vals.length === 0 && a.otherwise !== undefined) return ev.evaluate(a.otherwise, env);
    return fold(ev, vals.map((v) => v[0]), vals, op);
  };
}

function nonEmpty<T>(ev: Evaluator, xs: T[], op: string): T[] {
  if (xs.length === 0) throw new EvalError('aggregate-empty', { name: ev.current ?? op });
  return xs;
}

/** The least or greatest: of dates, the earliest / latest day. */
const extreme = (which: 'min' | 'max') => (ev: Evaluator, first: V[], _vals: V[][], op: string): V => {
  nonEmpty(ev, first, op);
  const day = extremeDate(first, which);
  if (day !== undefined) return day;
  const ns = first.map((v) => ev.num(v));
  return which === 'min' ? least(ns) : greatest(ns);
};

// ---- type rules ----

/** A number of the first argument's unit: a sum of whole numbers is whole, a minimum or maximum is one of them. */
function sameAsFirst(c: Checking): Typed {
  if (c.args[0]) c.host.wantNum(c.args[0].ty, c.call.args[0].span);
  return { ty: c.args[0]?.ty ?? ANY, level: c.level };
}

/** A mean: the first argument's unit, nothing known of its decimals. */
function meanOf(c: Checking): Typed {
  const r = sameAsFirst(c);
  return r.ty.t === 'num' ? { ty: anyDecimals(r.ty), level: c.level } : r;
}

const compileAggregate = (op: string) => (h: CompileHost, e: CallExpr): JL => ({
  [op]: { over: h.over(e), args: e.args.map((a) => h.c(a)), where: e.where ? h.c(e.where) : true, ...(e.otherwise ? { otherwise: h.c(e.otherwise) } : {}) },
});

export const AGGREGATE_SHAPE = obj({
  over: { oneOf: [obj({ persons: { enum: [true, 'ente', 'unit'] } }), obj({ units: { const: true } }), obj({ table: NAME }), obj({ list: NAME })] },
  args: EXPRS,
  where: EXPR,
  otherwise: EXPR, // the value over no rows (mean, min_of, max_of, weighted_mean)
}, ['over', 'args', 'where']);

const entry = <const It extends string, const En extends string>(op: string, it: It, en: En, rest: Pick<OpEntry, 'type' | 'evaluate' | 'noRows'> & { kind?: 'aggregate' | 'aggregate2' }) => ({
  op, family: 'aggregate', names: { it, en }, kind: rest.kind ?? 'aggregate', arity: rest.kind === 'aggregate2' ? [2, 2] : [1, 1],
  type: rest.type, noRows: rest.noRows, compile: compileAggregate(op), shape: AGGREGATE_SHAPE, folds: false, evaluate: rest.evaluate,
}) as const satisfies OpEntry;

/** In the order the language reference lists them (and the unknown-function message). */
export const AGGREGATE_OPS = [
  entry('sum', 'somma', 'sum', {
    noRows: '0', type: sameAsFirst,
    evaluate: aggregate((ev, first) => first.reduce<Dec>((s, v) => s.plus(ev.num(v)), new D(0)), 'sum'),
  }),
  entry('count', 'conta', 'count', {
    noRows: '0', type: (c) => ({ ty: num('intero'), level: c.level }),
    evaluate: aggregate((_ev, first) => new D(first.filter((v) => (typeof v === 'boolean' ? v : v !== null)).length), 'count'),
  }),
  entry('mean', 'media', 'mean', {
    type: meanOf,
    evaluate: aggregate((ev, first, _v, op) => nonEmpty(ev, first, op).map((v) => ev.num(v)).reduce((s, v) => s.plus(v), new D(0)).div(first.length), 'mean'),
  }),
  entry('min_of', 'minimo_di', 'min_of', {
    type: (c) => (c.args[0]?.ty.t === 'date' ? { ty: DATE, level: c.level } : sameAsFirst(c)), // the earliest day
    evaluate: aggregate(extreme('min'), 'min_of'),
  }),
  entry('max_of', 'massimo_di', 'max_of', {
    type: (c) => (c.args[0]?.ty.t === 'date' ? { ty: DATE, level: c.level } : sameAsFirst(c)), // the latest day
    evaluate: aggregate(extreme('max'), 'max_of'),
  }),
  entry('count_distinct', 'conta_distinti', 'count_distinct', {
    noRows: '0', type: (c) => ({ ty: num('intero'), level: c.level }),
    evaluate: aggregate((_ev, first) => new D(new Set(first.map(showV)).size), 'count_distinct'),
  }),
  entry('weighted_mean', 'media_pesata', 'weighted_mean', {
    kind: 'aggregate2',
    type: (c) => {
      if (c.args[1]) c.host.wantNum(c.args[1].ty, c.call.args[1].span);
      return meanOf(c);
    },
    evaluate: aggregate((ev, _first, vals, op) => {
      let sw = new D(0);
      let s = new D(0);
      for (const [x, w] of vals) {
        sw = sw.plus(ev.num(w));
        s = s.plus(ev.num(x).times(ev.num(w)));
      }
      if (sw.isZero()) throw new EvalError('division-by-zero', { name: ev.current ?? op });
      return s.div(sw);
    }, 'weighted_mean'),
  }),
] as const;

// json-logic-js as a third party: scheda's IR expressions are JsonLogic, so json-logic-js runs them once
// scheda's exact operations are registered through its `add_operation` — the JsonLogic arithmetic and
// comparisons replaced by exact decimal ones (json-logic-js's own use JavaScript floats and loose equality),
// and scheda's own operations added (`dec`, `val`, `ext`, rounding, `limit`, `scale`, `bands`, …). Its own
// `var`, `if`, `and`, `or`, `!` are used as they are. A person's data: their inputs (`persona`), their unit's
// (`unit`), the entity's (`ente`), the values computed by the scheme (`val`) and by the schemes it uses (`ext`).
//
// What json-logic-js cannot run (NOT_RUNNABLE), and why:
// - aggregates (`sum`, `count`, `mean`, `min_of`, `max_of`, `count_distinct`, `weighted_mean`): they range over
//   the persons or units of the population, a table's rows or a list's elements — JsonLogic has no population,
//   only one data object per evaluation;
// - `allocate`, `allocate_units`, `best` (top-k): a whole group is computed at once, with the scheme's tie rule;
// - `lookup` and row reads (`var riga.T.x`, `var elemento`): they need the data's tables and the row being
//   iterated;
// - `if_missing`: it catches the failure of its first argument, where JsonLogic's `var` gives null;
// - dates (`days_between`, `service_days`, …): they take the scheme's year and calendar limits from the
//   evaluator; not registered here.
import jsonLogic from 'json-logic-js';
import type { IrScheme, JL } from '../../engine/compile/ir.ts';
import { D } from '../../engine/run/decimal.ts';
import { EvalError } from '../../engine/run/errors.ts';
import type { Evaluator } from '../../engine/run/evaluate.ts';
import type { V } from '../../engine/run/population.ts';
import {
  bool, compareNum, compileWhen, divide, equalV, floorDivision, limitTo, lit, maxOf, minOf, minus, num, plus, roundTo, showV, times,
} from '../../engine/run/compiled/values.ts';

export const NOT_RUNNABLE = new Set([
  'sum', 'count', 'mean', 'min_of', 'max_of', 'count_distinct', 'weighted_mean', 'allocate', 'allocate_units', 'best', 'lookup', 'if_missing',
  'date', 'scheme_year', 'days_between', 'days_difference', 'whole_months', 'add_days', 'add_months', 'day_of', 'month_of', 'year_of',
  'month_end', 'leap_year', 'date_of', 'service_days', 'service_days_by_month',
]);

/** JsonLogic's own operations, used as json-logic-js defines them. */
const NATIVE = new Set(['var', 'if', 'and', 'or', '!']);

type Data = { persona: Record<string, V>; unit: Record<string, V>; ente: Record<string, V>; val: Record<string, V>; ext: Record<string, V>; share: (name: string, data: Data) => V };

const name = 'json-logic';
const OPS: Record<string, (this: Data, ...a: any[]) => V> = {
  dec: (t: string) => {
    const d = lit(t);
    if (d instanceof EvalError) throw d;
    return d;
  },
  val: function (this: Data, n: string) {
    return this.val[n];
  },
  ext: function (this: Data, s: string, n: string) {
    return this.ext[`${s}.${n}`];
  },
  '+': (...xs: V[]) => plus(xs.map(num)),
  '*': (...xs: V[]) => times(xs.map(num)),
  '-': (...xs: V[]) => minus(xs.map(num)),
  '/': (x: V, y: V) => divide(num(x), num(y), name),
  ratio: (x: V, y: V) => divide(num(x), num(y), name),
  quotient: (x: V, y: V) => floorDivision(num(x), num(y), name).q,
  remainder: (x: V, y: V) => floorDivision(num(x), num(y), name).r,
  '==': (x: V, y: V) => equalV(x, y),
  '!=': (x: V, y: V) => !equalV(x, y),
  '<': (x: V, y: V) => compareNum(x, y) < 0,
  '<=': (x: V, y: V) => compareNum(x, y) <= 0,
  '>': (x: V, y: V) => compareNum(x, y) > 0,
  '>=': (x: V, y: V) => compareNum(x, y) >= 0,
  in: (x: V, ys: V[]) => ys.some((y) => equalV(x, y)),
  list: (...xs: V[]) => xs,
  min: (...xs: V[]) => minOf(xs, name),
  max: (...xs: V[]) => maxOf(xs, name),
  round: (x: V, n: V) => roundTo(num(x), num(n), 'round'),
  ceil: (x: V, n: V) => roundTo(num(x), num(n), 'ceil'),
  floor: (x: V, n: V) => roundTo(num(x), num(n), 'floor'),
  trunc: (x: V, n: V) => roundTo(num(x), num(n), 'trunc'),
  // structured forms: their parts are JsonLogic, applied by json-logic-js with the same data
  limit: function (this: Data, a: { value: JL; max: string | JL; clamp: boolean }) {
    const v = num(jsonLogic.apply(a.value, this));
    const max = typeof a.max === 'string' ? new D(a.max) : num(jsonLogic.apply(a.max, this));
    return limitTo(v, max, a.clamp, name);
  },
  scale: function (this: Data, a: { subject: JL; rows: { when: Record<string, unknown>; value: JL }[] }) {
    const s = jsonLogic.apply(a.subject, this);
    for (const r of a.rows) if (compileWhen(r.when)(s)) return jsonLogic.apply(r.value, this);
    throw new EvalError('table-no-match-runtime', { value: showV(s) });
  },
  bands: function (this: Data, a: { subject: JL; rows: { name: string; when: Record<string, unknown> }[] }) {
    const s = jsonLogic.apply(a.subject, this);
    for (const r of a.rows) if (compileWhen(r.when)(s)) return r.name;
    return null;
  },
  share: function (this: Data, n: string) {
    return this.share(n, this);
  },
};
for (const [op, f] of Object.entries(OPS)) jsonLogic.add_operation(op, f);

/** The operations an expression uses (the top-level keys of its JsonLogic nodes), with row reads marked. */
export function opsOf(e: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(e)) for (const x of e) opsOf(x, out);
  else if (e && typeof e === 'object') {
    const keys = Object.keys(e);
    if (keys.length === 1) {
      const op = keys[0];
      const a = (e as Record<string, unknown>)[op];
      out.add(op === 'var' && typeof a === 'string' && (a.startsWith('riga.') || a === 'elemento') ? 'var:row' : op);
      if (op === 'bands' || op === 'scale' || op === 'limit') {
        const b = a as Record<string, unknown>;
        opsOf(b.subject ?? b.value, out);
        if (b.max !== undefined && typeof b.max !== 'string') opsOf(b.max, out);
        for (const r of (b.rows as { value?: unknown }[] | undefined) ?? []) opsOf(r.value, out);
        return out;
      }
      opsOf(a, out);
    }
  }
  return out;
}

/** Whether json-logic-js can run this expression: plain JsonLogic and the operations registered above only. */
export function runnable(e: JL): boolean {
  for (const op of opsOf(e)) if (NATIVE.has(op) ? false : !Object.hasOwn(OPS, op)) return false;
  return true;
}

const attempt = (f: () => V): V | undefined => {
  try {
    return f();
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
};

/**
 * Every per-person declaration of a run that json-logic-js can run, for every person: json-logic-js's value and
 * the evaluator's, as text. Returns the pairs compared and the declarations it could not run.
 */
export function jsonLogicPairs(ir: IrScheme, ev: Evaluator): { pairs: { decl: string; person: string; jsonLogic: unknown; engine: unknown }[]; ran: string[]; skipped: string[] } {
  const decls = ir.decls.filter((d) => d.level === 'persona');
  const ran = decls.filter((d) => runnable(d.expr));
  const skipped = decls.filter((d) => !runnable(d.expr)).map((d) => d.name);
  const extNames = new Set<string>();
  for (const d of ran) JSON.stringify(d.expr, (k, v) => (k === 'ext' && Array.isArray(v) ? (extNames.add(v.join('.')), v) : v));
  const pairs: { decl: string; person: string; jsonLogic: unknown; engine: unknown }[] = [];
  const bandRows = new Map(ir.decls.filter((d) => d.kind === 'bands').map((d) => [d.name, (d.expr as { bands: { rows: { name: string; value: JL }[] } }).bands.rows]));
  const share = (n: string, data: Data): V => {
    const row = bandRows.get(n)?.find((r) => r.name === data.val[n]);
    return row ? jsonLogic.apply(row.value, data) : new D(0);
  };
  const unitData = new Map<string, Record<string, V>>();
  const ente: Record<string, V> = {};
  for (const i of ir.inputs.filter((x) => x.level === 'ente')) {
    const v = attempt(() => ev.input(`ente.${i.name}`, { scope: { level: 'ente' } }));
    if (v !== undefined) ente[i.name] = v;
  }
  ev.pop.persons.forEach((p, k) => {
    const scope = { level: 'persona' as const, p: k };
    const persona: Record<string, V> = {};
    for (const i of ir.inputs.filter((x) => x.level === 'persona')) {
      const v = attempt(() => ev.input(`persona.${i.name}`, { scope }));
      if (v !== undefined) persona[i.name] = v;
    }
    const u = p.unit ?? '';
    if (!unitData.has(u)) {
      const rec: Record<string, V> = {};
      for (const i of ir.inputs.filter((x) => x.level === 'unit')) {
        const v = attempt(() => ev.input(`unit.${i.name}`, { scope }));
        if (v !== undefined) rec[i.name] = v;
      }
      unitData.set(u, rec);
    }
    const val: Record<string, V> = {};
    for (const d of ir.decls) {
      const v = attempt(() => ev.value(d.name, scope));
      if (v !== undefined) val[d.name] = v;
    }
    const ext: Record<string, V> = {};
    for (const x of extNames) {
      const [s, n] = x.split('.');
      const v = attempt(() => ev.ext(s, n, scope));
      if (v !== undefined) ext[x] = v;
    }
    const data: Data = { persona, unit: unitData.get(u)!, ente, val, ext, share };
    for (const d of ran) {
      const engine = attempt(() => ev.value(d.name, scope));
      if (engine === undefined) continue; // an error: compared between the evaluators, not here
      let got: unknown;
      try {
        got = jsonLogic.apply(d.expr as never, data);
      } catch (e) {
        got = e instanceof EvalError ? `error ${e.code}` : `thrown ${String(e)}`;
      }
      pairs.push({ decl: d.name, person: p.key, jsonLogic: show(got), engine: show(engine) });
    }
  });
  return { pairs, ran: ran.map((d) => d.name), skipped };
}

function show(v: unknown): unknown {
  if (v instanceof D || (v && typeof v === 'object' && (v as object).constructor?.name === 'Decimal')) return (v as { toFixed(): string }).toFixed();
  if (Array.isArray(v)) return v.map(show);
  return v;
}

export { bool };

// The scalar functions: the lesser and greater of values (of dates, the earliest and latest), rounding to a
// constant number of decimals, a ratio, integer division with its remainder, a fallback for a missing value;
// and the roundings up and down the total's `arrotondando` compiles to (the IR only: no function names).
import type { Typed } from '../check/expr-base.ts';
import { ANY, DATE, num, type Ty } from '../check/types.ts';
import { quotientUnit, roundedUnit } from '../check/units.ts';
import type { JL } from '../compile/ir.ts';
import { MAX_ROUND_DECIMALS } from '../syntax/limits.ts';
import { D, greatest, least, settle, type Dec } from '../run/decimal.ts';
import { extremeDate } from '../run/dates.ts';
import { EvalError } from '../run/errors.ts';
import type { Env, Evaluator } from '../run/evaluate.ts';
import { EXPR, EXPRS, obj, type Checking, type CompileHost, type CallExpr, type OpEntry } from './types.ts';

const nums = (ev: Evaluator, a: JL[], env: Env) => a.map((x) => ev.num(ev.evaluate(x, env)));

function nonEmpty(ev: Evaluator, ns: Dec[], op: string): Dec[] {
  if (ns.length === 0) throw new EvalError('aggregate-empty', { name: ev.current ?? op });
  return ns;
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

/** `x` to a constant number of decimals, rounded as `mode` says (decimal.js's rounding modes). */
const rounding = (mode: Parameters<Dec['toDecimalPlaces']>[1]) => (ev: Evaluator, a: JL[], env: Env): Dec => {
  const [x, n] = nums(ev, a, env);
  if (!n.isInteger() || n.isNeg()) throw new EvalError('type-mismatch', { expected: 'un numero intero di decimali', found: n.toFixed() });
  return settle(x).toDecimalPlaces(n.toNumber(), mode);
};

// ---- type rules ----

/** Every argument a number (what most scalar functions ask first). */
function numbers(c: Checking) {
  for (let i = 0; i < c.args.length; i++) c.host.wantNum(c.args[i].ty, c.call.args[i].span);
}

/** `minore` / `maggiore`: of dates, the earliest / latest; else numbers of one unit. */
function lesserGreater(c: Checking): Typed {
  const { host, call, args, level } = c;
  if (args.some((a) => a.ty.t === 'date')) {
    args.forEach((a, i) => host.want(a.ty, DATE, call.args[i].span));
    return { ty: DATE, level };
  }
  numbers(c);
  let ty: Ty = args[0]?.ty ?? ANY;
  for (let i = 1; i < args.length; i++) ty = host.unify(ty, args[i].ty, call.args[i].span, host.lang === 'it' ? 'confrontare' : 'compare');
  return { ty, level };
}

/** `arrotonda(x; n)` / `tronca(x; n)`: the decimals are a constant, known here: 0 … MAX_ROUND_DECIMALS (more
 *  is no rounding, and costs memory); the result has at most n decimals. */
function roundTo(c: Checking): Typed {
  const { host, call, args, level } = c;
  const it = host.lang === 'it';
  numbers(c);
  const n = call.args[1];
  if (n && !(n.kind === 'quantity' && n.unit === null && /^\d+$/.test(n.value))) {
    host.err('type-mismatch', n.span, { expected: it ? 'un numero intero di decimali (0, 1, 2…)' : 'a whole number of decimals (0, 1, 2…)', found: n.kind === 'quantity' ? n.text : it ? "un'espressione" : 'an expression' });
  } else if (n && Number(n.value) > MAX_ROUND_DECIMALS) {
    host.err('round-decimals-out-of-range', n.span, { name: call.fn.name, found: n.text, max: MAX_ROUND_DECIMALS });
  }
  const t0 = args[0]?.ty;
  const dp = n?.kind === 'quantity' && /^\d+$/.test(n.value) ? Number(n.value) : undefined;
  return { ty: t0?.t === 'num' && dp !== undefined ? roundedUnit(t0, dp) : t0 ?? ANY, level };
}

/**
 * `quoziente(a; b)`: how many whole times b goes into a, rounded down; its unit is a's over b's (`quoziente(giorni;
 * 30)` is in days, `quoziente(giorni; 30 giorni)` a whole number). `resto(a; b)`: a − b × quoziente(a; b), in a's
 * unit; b is then a plain number or in a's unit.
 */
const integerDivision = (which: 'quotient' | 'remainder') => (c: Checking): Typed => {
  const { host, call, args, level } = c;
  numbers(c);
  const [a, b] = args.map((x) => x.ty);
  if (a?.t !== 'num' || b?.t !== 'num') return { ty: ANY, level };
  if (which === 'quotient') {
    const q = quotientUnit(a, b);
    return { ty: q.unit === null || q.unit === 'numero' || q.unit === 'intero' ? num(q.unit === null ? null : 'intero', 0) : num(q.unit, 0), level };
  }
  const dimensionless = b.unit === null || b.unit === 'numero' || b.unit === 'intero' || b.unit === 'percentuale';
  if (!dimensionless) host.compatible(a, b, call.args[1].span, host.lang === 'it' ? 'dividere con resto' : 'divide with remainder');
  const dp = a.dp === undefined || b.dp === undefined ? undefined : Math.max(a.dp, b.dp);
  return { ty: a.unit === 'numero' || a.unit === 'intero' ? num(dp === 0 ? 'intero' : 'numero', dp) : num(a.unit, dp), level };
};

const compileArgs = (op: string) => (h: CompileHost, e: CallExpr): JL => ({ [op]: e.args.map((a) => h.c(a)) });

// round/trunc/ceil/floor: a value and a constant number of decimals, 0 … 20 (MAX_ROUND_DECIMALS in engine/syntax/limits.ts)
const ROUNDING_SHAPE = { type: 'array', prefixItems: [EXPR, obj({ dec: { type: 'string', pattern: '^0*([0-9]|1[0-9]|20)$' } })], minItems: 2, maxItems: 2 };

const fn = <const It extends string, const En extends string>(op: string, it: It, en: En, arity: readonly [number, number], type: OpEntry['type'], evaluate: OpEntry['evaluate']) => ({
  op, family: 'scalar', names: { it, en }, kind: 'scalar', arity, type, compile: compileArgs(op), shape: EXPRS, folds: true, evaluate,
}) as const satisfies OpEntry;

/** In the order the language reference lists them (and the unknown-function message). */
export const SCALAR_OPS = [
  fn('min', 'minore', 'lesser', [2, Infinity], lesserGreater, (ev, a: JL[], env) => {
    const vs = a.map((x) => ev.evaluate(x, env));
    return extremeDate(vs, 'min') ?? least(nonEmpty(ev, vs.map((v) => ev.num(v)), 'min'));
  }),
  fn('max', 'maggiore', 'greater', [2, Infinity], lesserGreater, (ev, a: JL[], env) => {
    const vs = a.map((x) => ev.evaluate(x, env));
    return extremeDate(vs, 'max') ?? greatest(nonEmpty(ev, vs.map((v) => ev.num(v)), 'max'));
  }),
  { ...fn('round', 'arrotonda', 'round', [2, 2], roundTo, rounding(D.ROUND_HALF_UP)), shape: ROUNDING_SHAPE },
  { ...fn('trunc', 'tronca', 'truncate', [2, 2], roundTo, rounding(D.ROUND_DOWN)), shape: ROUNDING_SHAPE },
  fn('ratio', 'rapporto', 'ratio', [2, 2], (c) => {
    numbers(c);
    const [a, b] = c.args;
    return { ty: a?.ty.t === 'num' && b?.ty.t === 'num' ? quotientUnit(a.ty, b.ty) : num('numero'), level: c.level };
  }, (ev, a: JL[], env) => {
    const [x, y] = nums(ev, a, env);
    if (y.isZero()) throw new EvalError('division-by-zero', { name: ev.current ?? '/' });
    return x.div(y);
  }),
  fn('if_missing', 'se_manca', 'if_missing', [2, 2], (c) => {
    const { host, call, args, level } = c;
    const ty = args.length === 2 ? host.unify(args[0].ty, args[1].ty, call.args[1].span, host.lang === 'it' ? 'usare come alternativa' : 'use as fallback') : ANY;
    return { ty, level };
  }, (ev, a: JL[], env) => {
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
  }),
  // integer division rounded down (toward −∞), exact: quotient(-7; 2) = -4, remainder(-7; 2) = 1, a = b × q + r
  fn('quotient', 'quoziente', 'quotient', [2, 2], integerDivision('quotient'), (ev, a: JL[], env) => floorDivision(ev, a, env).q),
  fn('remainder', 'resto', 'remainder', [2, 2], integerDivision('remainder'), (ev, a: JL[], env) => floorDivision(ev, a, env).r),
] as const;

/** The total rounded up or down (toward +∞ / −∞) to a constant number of decimals: the IR only. */
export const ROUNDING_OPS = [
  { op: 'ceil', family: 'scalar', shape: ROUNDING_SHAPE, folds: true, evaluate: rounding(D.ROUND_CEIL) },
  { op: 'floor', family: 'scalar', shape: ROUNDING_SHAPE, folds: true, evaluate: rounding(D.ROUND_FLOOR) },
] as const satisfies readonly OpEntry[];

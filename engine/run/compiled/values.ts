// scheda's exact operations over values (not over IR nodes): what the compiled plan calls once its operands
// are computed, and what json-logic-js is given through `add_operation` in the differential test. Each does
// what the reference table (engine/run/operations.ts) does, with the same errors; the values are decimal.js
// decimals today, behind `num`/`lit`, so a column of scaled integers could later take their place.
import { D, greatest, isDec, least, settle, type Dec } from '../decimal.ts';
import { EvalError } from '../errors.ts';
import { compareDates, extremeDate } from '../dates.ts';
import { equalV } from '../operations.ts';
import type { V } from '../population.ts';
import { compareS, plusS, roundS, Sum, timesS, minusS, compareScaled, toScaled, N, S, scaledOn } from './scaled.ts';

/** A decimal literal, parsed once (at compile time); an unparsable one fails where it is evaluated. */
export function lit(text: unknown): Dec | EvalError {
  try {
    return new D(text as string);
  } catch {
    return new EvalError('type-mismatch', { expected: 'un numero', found: String(text) });
  }
}

export function num(v: V): Dec {
  if (isDec(v)) return v as Dec;
  throw new EvalError('type-mismatch', { expected: 'un numero', found: String(v) });
}

export function bool(v: V): boolean {
  if (typeof v === 'boolean') return v;
  throw new EvalError('type-mismatch', { expected: 'sì/no', found: String(v) });
}

const ZERO = new D(0);
const ONE = new D(1);

export function plus(xs: Dec[]): Dec {
  const s = new Sum(ZERO);
  for (const x of xs) s.add(x);
  return s.value();
}

export function times(xs: Dec[]): Dec {
  let s = ONE;
  for (const x of xs) s = mul(s, x);
  return s;
}

export function minus(xs: Dec[]): Dec {
  return xs.length === 1 ? xs[0].neg() : sub(xs[0], xs[1]);
}

/** x + y, x − y, x × y: exact scaled integers when they can be (./scaled.ts), else decimal.js — the same value. */
export function add(x: Dec, y: Dec): Dec {
  return plusS(x, y) ?? x.plus(y);
}
export function sub(x: Dec, y: Dec): Dec {
  return minusS(x, y) ?? x.minus(y);
}
export function mul(x: Dec, y: Dec): Dec {
  return timesS(x, y) ?? x.times(y);
}

export function divide(x: Dec, y: Dec, name: string): Dec {
  if (y.isZero()) throw new EvalError('division-by-zero', { name });
  return x.div(y);
}

/** Integer division rounded down (toward −∞), exact: a = b × q + r. */
export function floorDivision(a: Dec, b: Dec, name: string): { q: Dec; r: Dec } {
  const x = settle(a);
  const y = settle(b);
  if (y.isZero()) throw new EvalError('division-by-zero', { name });
  let q = x.divToInt(y);
  let r = x.minus(q.times(y));
  if (!r.isZero() && r.isNeg() !== y.isNeg()) {
    q = q.minus(1);
    r = r.plus(y);
  }
  return { q, r };
}

export type RoundMode = 'round' | 'ceil' | 'floor' | 'trunc';
const MODES: Record<RoundMode, Parameters<Dec['toDecimalPlaces']>[1]> = { round: D.ROUND_HALF_UP, ceil: D.ROUND_CEIL, floor: D.ROUND_FLOOR, trunc: D.ROUND_DOWN };

export function roundTo(x: Dec, n: Dec, mode: RoundMode): Dec {
  if (!n.isInteger() || n.isNeg()) throw new EvalError('type-mismatch', { expected: 'un numero intero di decimali', found: n.toFixed() });
  const places = n.toNumber();
  return roundS(x, places, mode) ?? settle(x).toDecimalPlaces(places, MODES[mode]);
}

/** `<`, `<=`, `>`, `>=`: two dates compare as days, else as numbers (settled). */
export function compareNum(x: V, y: V): number {
  const dates = compareDates(x, y);
  if (dates !== undefined) return dates;
  const a = num(x);
  const b = num(y);
  return compareS(a, b) ?? settle(a).comparedTo(settle(b));
}

export function minOf(vs: V[], name: string): V {
  return extremeDate(vs, 'min') ?? least(nonEmpty(vs.map(num), name));
}

export function maxOf(vs: V[], name: string): V {
  return extremeDate(vs, 'max') ?? greatest(nonEmpty(vs.map(num), name));
}

function nonEmpty(ns: Dec[], name: string): Dec[] {
  if (ns.length === 0) throw new EvalError('aggregate-empty', { name });
  return ns;
}

export function within(x: V, ys: V[]): boolean {
  return ys.some((y) => equalV(x, y));
}

/** `limit`: clamped to [0, max], or an error naming the item when outside it. */
export function limitTo(v: Dec, max: Dec, clamp: boolean, name: string): Dec {
  if (clamp) return D.min(D.max(v, 0), max);
  if (v.gt(max) || v.lt(0)) throw new EvalError('item-over-max', { name, value: v.toFixed(), max: max.toFixed() });
  return v;
}

export function showV(v: V): string {
  return isDec(v) ? (v as Dec).toFixed() : String(v);
}

/** A row condition of a scale or band table, its bounds parsed once. */
export type When = (v: V) => boolean;
export function compileWhen(when: Record<string, unknown>): When {
  if ('otherwise' in when) return () => true;
  if ('label' in when) {
    const label = when.label;
    return (v) => v === label;
  }
  const gt = when.gt !== undefined ? new D(when.gt as string) : undefined;
  const gte = when.gte !== undefined ? new D(when.gte as string) : undefined;
  const lt = when.lt !== undefined ? new D(when.lt as string) : undefined;
  const lte = when.lte !== undefined ? new D(when.lte as string) : undefined;
  // the bounds as scaled integers (./scaled.ts), when all are: a scaled subject is then tested without decimal.js
  const bounds = [gt, gte, lt, lte].map((b) => (b === undefined ? undefined : toScaled(b) ? [N, S] : null));
  const fast = bounds.every((b) => b !== null) ? (bounds as ([number, number] | undefined)[]) : undefined;
  return (v) => {
    if (!isDec(v)) return false;
    if (fast !== undefined && scaledOn && toScaled(v as Dec)) {
      const n = N;
      const s = S;
      const test = (b: [number, number] | undefined, ok: (c: number) => boolean): boolean | undefined => {
        if (b === undefined) return true;
        const c = compareScaled(n, s, b[0], b[1]);
        return c === undefined ? undefined : ok(c);
      };
      const r = [test(fast[0], (c) => c > 0), test(fast[1], (c) => c >= 0), test(fast[2], (c) => c < 0), test(fast[3], (c) => c <= 0)];
      if (!r.includes(undefined)) return !r.includes(false);
    }
    const d = settle(v as Dec);
    if (gt && !d.gt(gt)) return false;
    if (gte && !d.gte(gte)) return false;
    if (lt && !d.lt(lt)) return false;
    if (lte && !d.lte(lte)) return false;
    return true;
  };
}

/** An aggregate of the values collected (`second`: the weights of a weighted mean), with the reference's errors. */
export function aggregateOf(kind: string, first: V[], second: V[], name: string): V {
  switch (kind) {
    case 'count': {
      let n = 0;
      for (const v of first) if (typeof v === 'boolean' ? v : v !== null) n++;
      return new D(n);
    }
    case 'count_distinct':
      return new D(new Set(first.map(showV)).size);
    case 'sum': {
      const s = new Sum(ZERO);
      for (const v of first) s.add(num(v));
      return s.value();
    }
    case 'mean':
    case 'min_of':
    case 'max_of': {
      if (first.length === 0) throw new EvalError('aggregate-empty', { name });
      const extreme = kind === 'mean' ? undefined : extremeDate(first, kind === 'min_of' ? 'min' : 'max');
      if (extreme !== undefined) return extreme;
      const ns = first.map(num);
      if (kind === 'mean') return plus(ns).div(ns.length);
      return kind === 'min_of' ? least(ns) : greatest(ns);
    }
    case 'weighted_mean': {
      let sw = ZERO;
      let s = ZERO;
      for (let i = 0; i < first.length; i++) {
        const w = num(second[i]);
        sw = add(sw, w);
        s = add(s, mul(num(first[i]), w));
      }
      if (sw.isZero()) throw new EvalError('division-by-zero', { name });
      return s.div(sw);
    }
  }
  return null;
}

export { equalV };

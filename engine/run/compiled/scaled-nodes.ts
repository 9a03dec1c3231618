// Arithmetic expressions kept unboxed: a `+`, `−`, `×`, rounding or comparison whose operands are scaled
// integers (./scaled.ts) passes its result to its parent as a scaled pair (the UNBOXED mark, the pair in
// scaled.ts's N, S), not as a new Decimal; only the value a declaration keeps, or an operation outside this
// set, is turned into a Decimal — the very Decimal decimal.js would have computed. An operand that is not a
// scaled integer, or a result that would not be exact (overflow risk, −0, beyond 14 places), takes decimal.js,
// in the same order of evaluation and with the same errors as the boxed closures of plan.ts.
import type { JL } from '../../compile/ir.ts';
import { D, settle, type Dec } from '../decimal.ts';
import { EvalError } from '../errors.ts';
import type { Env } from '../evaluate.ts';
import type { V } from '../population.ts';
import type { CompiledEvaluator } from './evaluator.ts';
import { addN, compareScaled, fromScaled, mulN, N, roundN, S, setPair, toScaled, type ScaledMode } from './scaled.ts';
import { compareNum, lit, num, roundTo } from './values.ts';

/** The mark of a result left in scaled.ts's N, S. */
export const UNBOXED = Symbol('unboxed') as unknown as V;

export type SFn = (ev: CompiledEvaluator, env: Env) => V;

/** The forms compiled here (binary `+ − ×`, unary `−`, rounding to literal places, comparisons, literals). */
export const SCALED_FORMS = new Set(['dec', '+', '-', '*', 'round', 'ceil', 'floor', 'trunc', '<', '<=', '>', '>=']);

interface Compiler {
  /** a node's boxed closure */
  node(e: JL): SFn;
  /** a node's closure that may answer UNBOXED */
  scaled(e: JL): SFn;
}

/** A boxed closure from an unboxed one: the Decimal decimal.js gives for the pair. */
export function box(f: SFn): SFn {
  return (ev, env) => {
    const v = f(ev, env);
    return v === UNBOXED ? fromScaled(N, S) : v;
  };
}

const ZERO = new D(0);
const ONE = new D(1);
const MODES = { round: D.ROUND_HALF_UP, ceil: D.ROUND_CEIL, floor: D.ROUND_FLOOR, trunc: D.ROUND_DOWN };

/** The unboxed closure of `op`, or undefined when this shape is not compiled here. */
export function compileScaled(c: Compiler, op: string, a: unknown): SFn | undefined {
  if (op === 'dec') {
    const d = lit(a);
    if (d instanceof EvalError || !toScaled(d)) return undefined;
    const n = N;
    const s = S;
    return () => {
      setPair(n, s);
      return UNBOXED;
    };
  }
  if (!Array.isArray(a)) return undefined;
  if (op === '-' && a.length === 1) {
    const x = c.scaled(a[0] as JL);
    return (ev, env) => {
      const u = x(ev, env);
      if (u === UNBOXED) {
        if (N !== 0) {
          setPair(-N, S);
          return UNBOXED;
        }
        return fromScaled(0, 0).neg();
      }
      return num(u).neg();
    };
  }
  if (a.length !== 2) return undefined;
  const [x, y] = [c.scaled(a[0] as JL), c.scaled(a[1] as JL)];
  switch (op) {
    case '+':
    case '-':
    case '*': {
      const kind = op;
      return (ev, env) => {
        // each operand checked as a number as it is computed, in order (as plan.ts's `numbers`)
        const u = x(ev, env);
        let du: Dec | undefined;
        let ok1 = true;
        if (u !== UNBOXED) ok1 = toScaled((du = num(u)));
        const n1 = N;
        const s1 = S;
        const v = y(ev, env);
        let dv: Dec | undefined;
        let ok2 = true;
        if (v !== UNBOXED) ok2 = toScaled((dv = num(v)));
        const n2 = N;
        const s2 = S;
        if (ok1 && ok2) {
          if (kind === '*' ? mulN(n1, s1, n2, s2) : addN(n1, s1, kind === '-' ? -n2 : n2, s2)) return UNBOXED;
        }
        const U = du ?? fromScaled(n1, s1);
        const W = dv ?? fromScaled(n2, s2);
        return kind === '+' ? ZERO.plus(U).plus(W) : kind === '*' ? ONE.times(U).times(W) : U.minus(W);
      };
    }
    case 'round':
    case 'ceil':
    case 'floor':
    case 'trunc': {
      // places known at compile time only (a literal whole number 0–14); else the boxed form
      const p = a[1] as { dec?: unknown };
      const places = p && typeof p === 'object' && 'dec' in p ? lit(p.dec) : undefined;
      if (places === undefined || places instanceof EvalError || !places.isInteger() || places.isNeg() || places.gt(14)) return undefined;
      const k = places.toNumber();
      const mode = op as ScaledMode;
      return (ev, env) => {
        const u = x(ev, env);
        if (u === UNBOXED) {
          const n = N;
          const s = S;
          if (roundN(n, s, k, mode)) return UNBOXED;
          return settle(fromScaled(n, s)).toDecimalPlaces(k, MODES[mode]);
        }
        const d = num(u);
        if (toScaled(d) && roundN(N, S, k, mode)) return UNBOXED;
        return roundTo(d, places, mode);
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const test = op === '<' ? (c: number) => c < 0 : op === '<=' ? (c: number) => c <= 0 : op === '>' ? (c: number) => c > 0 : (c: number) => c >= 0;
      return (ev, env) => {
        const u = x(ev, env);
        const n1 = N;
        const s1 = S;
        const v = y(ev, env);
        const n2 = N;
        const s2 = S;
        // both numbers as scaled pairs: compared exactly (≤ 16 digits: settling changes nothing)
        if (u === UNBOXED && v === UNBOXED) {
          const c = cmp(n1, s1, n2, s2);
          if (c !== undefined) return test(c);
        }
        const U = u === UNBOXED ? fromScaled(n1, s1) : u;
        const W = v === UNBOXED ? fromScaled(n2, s2) : v;
        return test(compareNum(U, W));
      };
    }
  }
  return undefined;
}

function cmp(n1: number, s1: number, n2: number, s2: number): number | undefined {
  return compareScaled(n1, s1, n2, s2);
}

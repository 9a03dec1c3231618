// Exact scaled integers: the fast path of the compiled evaluator's commonest arithmetic (issue 11.2).
// A decimal whose value is n × 10^-s, n a safe integer (|n| ≤ 2^53 − 1) and 0 ≤ s ≤ MAX_SCALE, is computed on
// as that pair of JS numbers; every operation checks that its result is still a safe integer at a scale within
// bounds — then it is exactly the value decimal.js would give, and is turned back into the same Decimal (sign
// of zero included). Otherwise (an operand that is not such a pair, −0, an overflow risk) the caller computes
// with decimal.js, as before. Values leave this module as Decimals only, so nothing downstream changes.
//
// decimal.js's documented instance properties (`d`: base-1e7 words aligned on the decimal point, most
// significant first, no trailing zero word; `e`: the base-10 exponent of the first digit; `s`: the sign) are
// read to convert, and written on a fresh instance to build the result, as decimal.js itself builds them.
//
// The settle rule (engine/run/decimal.ts) needs no work here: a safe integer has at most 16 significant
// digits, below SETTLE_DIGITS, so settling such a value leaves it unchanged.
import { D, type Dec } from '../decimal.ts';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** the largest scale a fast value may have (two base-1e7 words of decimals) */
export const MAX_SCALE = 14;
const POW10: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact up to 10^22

/**
 * On with SCHEDA_SCALED=on (read when the module loads; plans compiled while it is off stay boxed). Off by
 * default: measured, the gain is small (bench/PROFILE.md, "scaled integers"), so every operation goes through
 * decimal.js unless asked; the fast path is exact either way (test/run/scaled*.test.ts).
 */
export let scaledOn = typeof process !== 'undefined' && process.env?.SCHEDA_SCALED === 'on';
export function setScaled(on: boolean): void {
  scaledOn = on;
}

/** The result of the last successful `toScaled`: value = N × 10^-S (module state: no allocation per call). */
export let N = 0;
export let S = 0;

/** Sets N, S (a result handed from closure to closure in scaled-nodes.ts). */
export function setPair(n: number, s: number): void {
  N = n;
  S = s;
}

/** Reads a Decimal as a scaled integer into N, S; false when it is not one (−0, too many digits, not finite). */
export function toScaled(x: Dec): boolean {
  const o = x as unknown as { s: number; e: number; d: number[] | null };
  const d = o.d;
  if (d === null || d === undefined) return false;
  const len = d.length;
  if (len > 3) return false;
  const first = d[0];
  if (first === 0) {
    if (o.s < 0) return false; // −0: left to decimal.js
    N = 0;
    S = 0;
    return true;
  }
  const last = Math.floor(o.e / 7) - len + 1; // word exponent of the last word (d[0]'s is floor(e / 7))
  // the last word's trailing zeros, in small-integer arithmetic (no float remainder)
  let lw = d[len - 1] | 0;
  let tz = 0;
  if (last < 0) {
    while (tz < 6 && lw % 10 === 0) {
      lw = (lw / 10) | 0;
      tz++;
    }
  }
  let n = len === 1 ? lw : first;
  if (len > 1) {
    for (let i = 1; i < len - 1; i++) n = n * 1e7 + d[i];
    n = n * POW10[7 - tz] + lw;
  }
  // rounding is monotone: a computed value ≤ MAX_SAFE means the exact one is, and every step was exact
  if (n > MAX_SAFE) return false;
  let s = 0;
  if (last > 0) {
    if (last > 2) return false;
    n *= POW10[7 * last];
    if (n > MAX_SAFE) return false;
  } else if (last < 0) {
    s = -7 * last - tz;
    if (s > MAX_SCALE) return false;
  }
  N = o.s < 0 ? -n : n;
  S = s;
  return true;
}

/** ⌊a / p⌋ and a − p⌊a / p⌋ for a non-negative safe integer a and an exact power of ten p: exact, no fmod. */
function divmod(a: number, p: number): number {
  return Math.floor(a / p);
}

/** The Decimal of n × 10^-s (n a safe integer, 0 ≤ s ≤ MAX_SCALE); `negZero`: a zero result is −0. */
export function fromScaled(n: number, s: number, negZero = false): Dec {
  if (n === 0) return negZero ? new D(-0) : new D(0);
  let a = n < 0 ? -n : n;
  while (s > 0) {
    const q = divmod(a, 10);
    if (a - q * 10 !== 0) break;
    a = q;
    s--;
  }
  if (s === 0 && a < 1e7) return new D(n < 0 ? -a : a); // decimal.js's own small-integer path
  const r = new D(0);
  const o = r as unknown as { s: number; e: number; d: number[] };
  if (n < 0) o.s = -1;
  // words aligned on the decimal point, with their word exponents 2, 1, 0 (integer) and −1, −2 (decimals)
  const p = POW10[s];
  let int = divmod(a, p);
  const f = (a - int * p) * POW10[MAX_SCALE - s]; // the decimals as a count of 10^-14: < 10^14, exact
  const f1 = divmod(f, 1e7);
  const f2 = f - f1 * 1e7;
  let q = divmod(int, 1e7);
  const i0 = int - q * 1e7;
  int = q;
  q = divmod(int, 1e7);
  const i1 = int - q * 1e7;
  const i2 = q;
  // the words from the first non-zero one to the last non-zero one
  let first: number;
  let lead: number;
  if (i2 !== 0) (first = 0), (lead = i2);
  else if (i1 !== 0) (first = 1), (lead = i1);
  else if (i0 !== 0) (first = 2), (lead = i0);
  else if (f1 !== 0) (first = 3), (lead = f1);
  else (first = 4), (lead = f2);
  const end = f2 !== 0 ? 5 : f1 !== 0 ? 4 : i0 !== 0 ? 3 : i1 !== 0 ? 2 : 1; // no trailing zero word
  // an array of the exact length (pushing onto [] would reserve 17 slots per value)
  let words: number[];
  if (first === 0) words = end === 1 ? [i2] : end === 2 ? [i2, i1] : end === 3 ? [i2, i1, i0] : end === 4 ? [i2, i1, i0, f1] : [i2, i1, i0, f1, f2];
  else if (first === 1) words = end === 2 ? [i1] : end === 3 ? [i1, i0] : end === 4 ? [i1, i0, f1] : [i1, i0, f1, f2];
  else if (first === 2) words = end === 3 ? [i0] : end === 4 ? [i0, f1] : [i0, f1, f2];
  else if (first === 3) words = end === 4 ? [f1] : [f1, f2];
  else words = [f2];
  let digits = 1;
  while (digits < 7 && lead >= POW10[digits]) digits++;
  o.e = 7 * (2 - first) + digits - 1;
  o.d = words;
  return r;
}

/** x + y exactly as decimal.js, or undefined (then decimal.js computes it). */
export function plusS(x: Dec, y: Dec): Dec | undefined {
  if (!scaledOn || !toScaled(x)) return undefined;
  const n1 = N;
  const s1 = S;
  if (!toScaled(y)) return undefined;
  return addScaled(n1, s1, N, S);
}

/** x − y exactly as decimal.js, or undefined. */
export function minusS(x: Dec, y: Dec): Dec | undefined {
  if (!scaledOn || !toScaled(x)) return undefined;
  const n1 = N;
  const s1 = S;
  if (!toScaled(y)) return undefined;
  return addScaled(n1, s1, -N, S);
}

function addScaled(n1: number, s1: number, n2: number, s2: number): Dec | undefined {
  // a zero sum of non-negative-zero operands is +0 in decimal.js (rounding half-up)
  return addN(n1, s1, n2, s2) ? fromScaled(N, S) : undefined;
}

/** x × y exactly as decimal.js, or undefined. */
export function timesS(x: Dec, y: Dec): Dec | undefined {
  if (!scaledOn || !toScaled(x)) return undefined;
  const n1 = N;
  const s1 = S;
  if (!toScaled(y)) return undefined;
  const s = s1 + S;
  const r = n1 * N;
  if (Math.abs(r) > MAX_SAFE || s > MAX_SCALE) return undefined;
  // decimal.js: a zero product carries the product of the signs (0 × −3 = −0)
  return fromScaled(r, s, r === 0 && (n1 < 0 || N < 0));
}

/** Compares x and y (−1, 0, 1) exactly, or undefined. No settling is needed: both have ≤ 16 significant digits. */
export function compareS(x: Dec, y: Dec): number | undefined {
  if (!scaledOn || !toScaled(x)) return undefined;
  const n1 = N;
  const s1 = S;
  if (!toScaled(y)) return undefined;
  return compareScaled(n1, s1, N, S);
}

export function compareScaled(n1: number, s1: number, n2: number, s2: number): number | undefined {
  let a = n1;
  let b = n2;
  if (s1 < s2) a = n1 * POW10[s2 - s1];
  else if (s2 < s1) b = n2 * POW10[s1 - s2];
  if (Math.abs(a) > MAX_SAFE || Math.abs(b) > MAX_SAFE) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rounding modes of `roundS` (decimal.js: ROUND_HALF_UP, ROUND_CEIL, ROUND_FLOOR, ROUND_DOWN). */
export type ScaledMode = 'round' | 'ceil' | 'floor' | 'trunc';

/** x to `places` decimals exactly as decimal.js's toDecimalPlaces, or undefined (a −0 result included). */
export function roundS(x: Dec, places: number, mode: ScaledMode): Dec | undefined {
  if (!scaledOn || !toScaled(x)) return undefined;
  const n = N;
  const s = S;
  if (places >= s) return x; // already at that precision: the same value (decimals are immutable)
  // decimal.js keeps the sign of a negative rounded to zero: roundN refuses that case
  return roundN(n, s, places, mode) ? fromScaled(N, S) : undefined;
}

/**
 * A running sum of decimals: scaled while every term and partial sum is, decimal.js from the first that is
 * not (the terms added in the same order, so the result is the same value as the decimal.js loop's).
 */
export class Sum {
  private n = 0;
  private s = 0;
  private dec: Dec | undefined;
  constructor(start: Dec) {
    if (scaledOn && toScaled(start)) {
      this.n = N;
      this.s = S;
    } else this.dec = start;
  }
  add(x: Dec): void {
    if (this.dec === undefined && toScaled(x)) {
      let a = this.n;
      let b = N;
      let s = this.s;
      if (s < S) {
        a *= POW10[S - s];
        s = S;
      } else if (S < s) b *= POW10[s - S];
      const r = a + b;
      if (Math.abs(a) <= MAX_SAFE && Math.abs(b) <= MAX_SAFE && Math.abs(r) <= MAX_SAFE) {
        this.n = r;
        this.s = s;
        return;
      }
    }
    this.dec = (this.dec ?? fromScaled(this.n, this.s)).plus(x);
  }
  value(): Dec {
    return this.dec ?? fromScaled(this.n, this.s);
  }
}

// ---- the same operations on scaled pairs already read (results into N, S; false: not representable) ----

/** n1×10^-s1 + n2×10^-s2 into N, S; false on an overflow risk (a zero sum is +0, as decimal.js gives it). */
export function addN(n1: number, s1: number, n2: number, s2: number): boolean {
  let a = n1;
  let b = n2;
  let s = s1;
  if (s1 < s2) {
    a = n1 * POW10[s2 - s1];
    s = s2;
  } else if (s2 < s1) b = n2 * POW10[s1 - s2];
  const r = a + b;
  if (Math.abs(a) > MAX_SAFE || Math.abs(b) > MAX_SAFE || Math.abs(r) > MAX_SAFE) return false;
  N = r;
  S = s;
  return true;
}

/** The product into N, S; false on an overflow risk, beyond MAX_SCALE, or a zero product (it may be −0). */
export function mulN(n1: number, s1: number, n2: number, s2: number): boolean {
  const r = n1 * n2;
  const s = s1 + s2;
  if (r === 0 || Math.abs(r) > MAX_SAFE || s > MAX_SCALE) return false;
  N = r;
  S = s;
  return true;
}

/** Rounded to `places` decimals into N, S as decimal.js's toDecimalPlaces; false when the result is −0. */
export function roundN(n: number, s: number, places: number, mode: ScaledMode): boolean {
  if (places >= s) {
    N = n;
    S = s;
    return true;
  }
  const u = POW10[s - places];
  const q0 = Math.trunc(n / u); // exact: |n| < 2^53, u an exact power of ten (see divmod)
  const r = n - q0 * u;
  let q = q0;
  if (r !== 0) {
    if (mode === 'round') {
      if (Math.abs(r) * 2 >= u) q += n < 0 ? -1 : 1;
    } else if (mode === 'ceil') {
      if (r > 0) q += 1;
    } else if (mode === 'floor') {
      if (r < 0) q -= 1;
    }
  }
  if (q === 0 && n < 0) return false;
  N = q;
  S = places;
  return true;
}

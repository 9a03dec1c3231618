// Exact rationals (BigInt numerator and positive denominator) for checking the disclosure audit's certificates:
// a linear program's floating-point output is never trusted as a proof; its point or its multipliers are turned
// into exact fractions and checked against every equation and bound (certificates.ts).
export interface Q {
  n: bigint;
  d: bigint; // > 0
}

const gcd = (a: bigint, b: bigint): bigint => {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b) [a, b] = [b, a % b];
  return a;
};

export function q(n: bigint, d = 1n): Q {
  if (d === 0n) throw new Error('rational: division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Q = { n: 0n, d: 1n };
export const ONE: Q = { n: 1n, d: 1n };

// integer fast paths (no gcd): the elimination's pivots of coefficient ±1 keep most values integral
export const add = (a: Q, b: Q): Q =>
  a.d === 1n && b.d === 1n ? { n: a.n + b.n, d: 1n } : a.d === b.d ? q(a.n + b.n, a.d) : q(a.n * b.d + b.n * a.d, a.d * b.d);
export const neg = (a: Q): Q => ({ n: -a.n, d: a.d });
export const sub = (a: Q, b: Q): Q => add(a, neg(b));
export const mul = (a: Q, b: Q): Q => (a.d === 1n && b.d === 1n ? { n: a.n * b.n, d: 1n } : q(a.n * b.n, a.d * b.d));
/** 1 / a (a not zero), the denominator kept positive. */
export const inv = (a: Q): Q => (a.n < 0n ? { n: -a.d, d: -a.n } : { n: a.d, d: a.n });
export const cmp = (a: Q, b: Q): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
export const isZero = (a: Q): boolean => a.n === 0n;
export const toNumber = (a: Q): number => {
  // exact enough for a comparison with a tolerance: both parts scaled down together when huge
  let { n, d } = a;
  while (n > 2n ** 1000n || n < -(2n ** 1000n) || d > 2n ** 1000n) [n, d] = [n / 2n, d / 2n || 1n];
  return Number(n) / Number(d);
};

/** A decimal string such as `-123.4500` (no exponent), times 10^shift, as an exact fraction. */
export function fromDecimalString(s: string, shift = 0): Q {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m) throw new Error(`rational: not a decimal: ${s}`);
  const frac = m[3] ?? '';
  let n = BigInt((m[2] || '0') + frac) * (m[1] ? -1n : 1n);
  let d = 10n ** BigInt(frac.length);
  if (shift >= 0) n *= 10n ** BigInt(shift);
  else d *= 10n ** BigInt(-shift);
  return q(n, d);
}

/**
 * The simplest fraction within `tol` of a finite float (continued fractions), with a denominator at most
 * `maxDen`; undefined when there is none. Vertices of the audit's programs (0/1 matrices, integral or
 * decimal right-hand sides) are fractions with small denominators, so their floats round back to them.
 */
export function rationalize(x: number, tol = 1e-9 * Math.max(1, Math.abs(x)), maxDen = 1_000_000): Q | undefined {
  if (!Number.isFinite(x)) return undefined;
  const r = Math.round(x);
  if (Math.abs(x - r) <= tol) return q(BigInt(r));
  const sign = x < 0 ? -1n : 1n;
  let v = Math.abs(x);
  let [h0, h1, k0, k1] = [0n, 1n, 1n, 0n];
  let y = v;
  for (let i = 0; i < 40; i++) {
    const a = Math.floor(y);
    const ab = BigInt(a);
    [h0, h1] = [h1, ab * h1 + h0];
    [k0, k1] = [k1, ab * k1 + k0];
    if (k1 > BigInt(maxDen)) return undefined;
    if (Math.abs(Number(h1) / Number(k1) - v) <= tol) return q(sign * h1, k1);
    const f = y - a;
    if (f < 1e-15) break;
    y = 1 / f;
  }
  v = Number(h1) / Number(k1);
  return Math.abs(v - Math.abs(x)) <= tol ? q(sign * h1, k1) : undefined;
}

export function floorQ(a: Q): bigint {
  const f = a.n / a.d; // truncates toward 0
  return a.n < 0n && f * a.d !== a.n ? f - 1n : f;
}
export function ceilQ(a: Q): bigint {
  return -floorQ({ n: -a.n, d: a.d });
}

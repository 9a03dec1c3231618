// The engine's exact decimals: 40 significant digits for intermediate results, half-up by default;
// every rounding to cents is explicit in the rules (arrotonda, ripartisci) or in the allocation.
import { Decimal } from 'decimal.js';

/** Significant digits of every intermediate result; no input or literal may need more (see `digitsNeeded`). */
export const PRECISION = 40;

export const D = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

export function isDec(v: unknown): v is Dec {
  return v instanceof D || v instanceof Decimal || (typeof v === 'object' && v !== null && (v as { constructor?: { name?: string } }).constructor?.name === 'Decimal');
}

/**
 * Digits a value keeps at a decision. Values are held to PRECISION significant digits, so an exact result
 * reached through an inexact quotient comes out a few units of the 40th digit away from it (5,50 € / 3 × 33%
 * is 0,60499…9 where the exact value is 0,605; 1 / 3 × 3 is 0,99…9). Every decision — a rounding to
 * decimals (arrotonda, tronca, per eccesso/difetto), an integer division, a comparison, a band or scale row, a
 * rank — first settles its values to SETTLE_DIGITS significant digits, so it decides as the exact value does.
 * That is safe: a rational value whose denominator (the product of the divisors behind it) is below 10^25
 * cannot lie within 10^-34 of a boundary (relative to its size, for money up to 10^9 at the cent) unless it
 * is on it, and no scheme divides by more than a handful of headcounts and weights.
 */
export const SETTLE_DIGITS = PRECISION - 6;

/** A value as a decision sees it (see SETTLE_DIGITS). */
export function settle(d: Dec): Dec {
  return d.sd() > SETTLE_DIGITS ? d.toSignificantDigits(SETTLE_DIGITS, D.ROUND_HALF_UP) : d;
}

/** A canonical decimal string: no exponent, no trailing zeros beyond what the value needs. */
export function decString(d: Dec): string {
  return d.toFixed();
}

/**
 * The digits a value needs to be held exactly down to its last decimal: its integer digits plus its
 * decimal places (123.45 → 5; 0.001 → 3; 10^50 → 51). A value needing more than PRECISION digits
 * would be rounded by the first operation on it, so inputs and literals that need more are refused.
 */
export function digitsNeeded(d: Decimal): number {
  if (!d.isFinite()) return Infinity;
  const int = d.abs().trunc();
  return (int.isZero() ? 0 : int.sd(true)) + d.decimalPlaces();
}

/** The least and the greatest of many decimals, by a loop: `D.min(...xs)` overflows the stack on a million. */
export function least(xs: Dec[]): Dec {
  let m = xs[0];
  for (let i = 1; i < xs.length; i++) if (xs[i].lt(m)) m = xs[i];
  return m;
}

export function greatest(xs: Dec[]): Dec {
  let m = xs[0];
  for (let i = 1; i < xs.length; i++) if (xs[i].gt(m)) m = xs[i];
  return m;
}

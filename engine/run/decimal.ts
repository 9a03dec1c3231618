// The engine's exact decimals: 40 significant digits for intermediate results, half-up by default;
// every rounding to cents is explicit in the rules (arrotonda, ripartisci) or in the allocation.
import { Decimal } from 'decimal.js';

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

export function isDec(v: unknown): v is Dec {
  return v instanceof Decimal || (typeof v === 'object' && v !== null && (v as { constructor?: { name?: string } }).constructor?.name === 'Decimal');
}

/** A canonical decimal string: no exponent, no trailing zeros beyond what the value needs. */
export function decString(d: Dec): string {
  return d.toFixed();
}

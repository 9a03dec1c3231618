// Splitting a pot into cents so that the parts add up to the pot exactly (largest remainder, Hamilton).
// Ties among equal remainders are broken by the order the scheme states, never by row order.
import { D, type Dec } from '../run/decimal.ts';

export interface Share {
  exact: Dec; // pot × weight / Σ weights, at full precision
  cents: Dec; // the allocated amount, in cents
  extraCent: boolean; // received one of the cents left over by rounding down
}

/**
 * @param pot the amount to split; rounded half-up to the cent first
 * @param weights one weight per person, ≥ 0
 * @param order indices of the persons in the scheme's tie order (first = wins ties)
 */
export function allocateCents(pot: Dec, weights: Dec[], order: number[]): Share[] {
  if (pot.isNegative()) {
    // a negative amount (a clawback) splits like its opposite, so the parts still add up to it
    return allocateCents(pot.neg(), weights, order).map((s) => ({ ...s, exact: s.exact.neg(), cents: s.cents.neg() }));
  }
  const total = pot.toDecimalPlaces(2, D.ROUND_HALF_UP);
  const W = weights.reduce((a, w) => a.plus(w), new D(0));
  if (W.isZero()) return weights.map(() => ({ exact: new D(0), cents: new D(0), extraCent: false }));
  const shares = weights.map((w) => {
    const exact = total.times(w).div(W);
    return { exact, cents: exact.toDecimalPlaces(2, D.ROUND_DOWN), extraCent: false };
  });
  const given = shares.reduce((a, s) => a.plus(s.cents), new D(0));
  let left = total.minus(given).times(100).round().toNumber();
  if (left <= 0) return shares;
  const rank = new Int32Array(weights.length); // position → place in the tie order (no Map lookup per comparison)
  for (let r = 0; r < order.length; r++) rank[order[r]] = r;
  // remainders are compared at 20 decimal places: equal shares reached by different arithmetic (2/3 and
  // 1/3 × 2) differ only in the 40th digit, and that noise must not decide a cent — the tie rule does
  const byRemainder: { i: number; rem: Dec }[] = [];
  for (let i = 0; i < shares.length; i++) {
    if (!weights[i].isZero()) byRemainder.push({ i, rem: shares[i].exact.minus(shares[i].cents).toDecimalPlaces(20, D.ROUND_HALF_UP) });
  }
  byRemainder.sort((a, b) => b.rem.comparedTo(a.rem) || rank[a.i] - rank[b.i]);
  const cent = new D('0.01');
  for (const x of byRemainder) {
    if (left <= 0) break;
    shares[x.i].cents = shares[x.i].cents.plus(cent);
    shares[x.i].extraCent = true;
    left--;
  }
  return shares;
}

/** The number of winners for a quota of `share` over `n` candidates, rounded as the scheme states. */
export function quotaCount(share: Dec, n: number, rounding: 'up' | 'down' | 'nearest'): number {
  const q = share.times(n);
  const mode = rounding === 'up' ? D.ROUND_CEIL : rounding === 'down' ? D.ROUND_FLOOR : D.ROUND_HALF_UP;
  return q.toDecimalPlaces(0, mode).toNumber();
}

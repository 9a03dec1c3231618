// Properties of the largest-remainder allocation in cents, and the Cremona case that motivated it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCents, quotaCount } from '../../engine/allocate/largest-remainder.ts';
import { D, type Dec } from '../../engine/run/decimal.ts';

const CENT = new D('0.01');

/** A pot in cents or with sub-cent digits (0 to 1.000.000,000 €), as an exact decimal. */
const pot = fc.oneof(
  fc.integer({ min: 0, max: 100_000_000 }).map((c) => new D(c).div(100)),
  fc.integer({ min: 0, max: 1_000_000_000 }).map((m) => new D(m).div(1000)),
);
/** Weights ≥ 0 with up to 4 decimals, many of them equal so that ties are common. */
const weight = fc.oneof(
  fc.constantFrom(0, 1, 1, 1, 2, 3).map((w) => new D(w)),
  fc.integer({ min: 0, max: 10_000_000 }).map((w) => new D(w).div(10_000)),
);
const weights = fc.array(weight, { minLength: 1, maxLength: 40 }).filter((ws) => ws.some((w) => !w.isZero()));
/** Weights with a random tie order (a permutation of their indices). */
const weightsAndOrder = weights.chain((ws) =>
  fc.shuffledSubarray(ws.map((_, i) => i), { minLength: ws.length, maxLength: ws.length }).map((order) => ({ ws, order })),
);

const sum = (xs: Dec[]) => xs.reduce((a, x) => a.plus(x), new D(0));

describe('allocateCents', () => {
  it('gives cents that add up to the pot rounded half-up to the cent', () => {
    fc.assert(
      fc.property(pot, weightsAndOrder, (p, { ws, order }) => {
        const shares = allocateCents(p, ws, order);
        expect(sum(shares.map((s) => s.cents)).eq(p.toDecimalPlaces(2, D.ROUND_HALF_UP))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every person a whole number of cents, within one cent of the exact share', () => {
    fc.assert(
      fc.property(pot, weightsAndOrder, (p, { ws, order }) => {
        for (const s of allocateCents(p, ws, order)) {
          expect(s.cents.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(s.cents.minus(s.exact).abs().lt(CENT)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('computes the exact share as pot × weight / Σ weights and marks who got a leftover cent', () => {
    fc.assert(
      fc.property(pot, weightsAndOrder, (p, { ws, order }) => {
        const total = p.toDecimalPlaces(2, D.ROUND_HALF_UP);
        const W = sum(ws);
        allocateCents(p, ws, order).forEach((s, i) => {
          expect(s.exact.eq(total.times(ws[i]).div(W))).toBe(true);
          expect(s.extraCent).toBe(s.cents.gt(s.exact.toDecimalPlaces(2, D.ROUND_DOWN)));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('gives nothing to a zero weight', () => {
    fc.assert(
      fc.property(pot, weightsAndOrder, (p, { ws, order }) => {
        allocateCents(p, ws, order).forEach((s, i) => {
          if (ws[i].isZero()) expect(s.cents.isZero() && !s.extraCent).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('splits a negative pot (a clawback) like its opposite, so that the parts still add up to it', () => {
    fc.assert(
      fc.property(pot.filter((p) => !p.isZero()), weightsAndOrder, (p, { ws, order }) => {
        const pos = allocateCents(p, ws, order);
        const neg = allocateCents(p.neg(), ws, order);
        expect(sum(neg.map((s) => s.cents)).eq(p.neg().toDecimalPlaces(2, D.ROUND_HALF_UP))).toBe(true);
        neg.forEach((s, i) => expect(s.cents.eq(pos[i].cents.neg())).toBe(true));
      }),
      { numRuns: 100 },
    );
    expect(allocateCents(new D(-1), [new D(1), new D(1), new D(1)], [0, 1, 2]).map((s) => s.cents.toFixed(2))).toEqual(['-0.34', '-0.33', '-0.33']);
  });

  it('gives nothing to anybody when all weights are zero', () => {
    const shares = allocateCents(new D('100'), [new D(0), new D(0)], [0, 1]);
    expect(shares.map((s) => s.cents.toFixed())).toEqual(['0', '0']);
  });

  it('decides ties by the order argument, not by the input order: permuting persons and order together changes nobody\'s cents', () => {
    fc.assert(
      fc.property(
        pot,
        weightsAndOrder.chain(({ ws, order }) =>
          fc.shuffledSubarray(ws.map((_, i) => i), { minLength: ws.length, maxLength: ws.length }).map((perm) => ({ ws, order, perm })),
        ),
        (p, { ws, order, perm }) => {
          // person k of the permuted input is person perm[k] of the original one
          const where = new Map(perm.map((orig, k) => [orig, k]));
          const ws2 = perm.map((orig) => ws[orig]);
          const order2 = order.map((orig) => where.get(orig)!);
          const a = allocateCents(p, ws, order);
          const b = allocateCents(p, ws2, order2);
          perm.forEach((orig, k) => expect(b[k].cents.toFixed()).toBe(a[orig].cents.toFixed()));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the leftover cents of equal weights to the first persons in the tie order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 0, max: 1_000_000 }), fc.context(), (n, cents, ctx) => {
        const order = [...Array(n).keys()].reverse(); // last input first in the tie order
        const shares = allocateCents(new D(cents).div(100), Array(n).fill(new D(1)), order);
        const left = cents % n;
        ctx.log(`n=${n} cents=${cents} left=${left}`);
        order.forEach((i, rank) => expect(shares[i].extraCent).toBe(rank < left));
      }),
      { numRuns: 200 },
    );
  });

  it('rounds a pot with fractions of a cent half-up before splitting', () => {
    const shares = allocateCents(new D('10.005'), [new D(1)], [0]);
    expect(shares[0].cents.toFixed(2)).toBe('10.01');
    expect(allocateCents(new D('10.0049'), [new D(1)], [0])[0].cents.toFixed(2)).toBe('10.00');
  });

  it('splits 100 € by weights 1, 1, 1 as 33,34 + 33,33 + 33,33, the extra cent to the first in the order', () => {
    const one = new D(1);
    expect(allocateCents(new D(100), [one, one, one], [2, 0, 1]).map((s) => s.cents.toFixed(2))).toEqual(['33.33', '33.33', '33.34']);
  });

  it('gives the leftover cent to the largest remainder before the tie order', () => {
    // 1 € by 2:1 → 0.666… and 0.333…: 0.66 + 0.33 leaves 1 cent, which goes to the larger remainder (0.00666…)
    const s = allocateCents(new D(1), [new D(2), new D(1)], [1, 0]);
    expect(s.map((x) => x.cents.toFixed(2))).toEqual(['0.67', '0.33']);
  });
});

describe('the Cremona maggiorazione: 17.756,64 € among 56 winners', () => {
  const pot = new D('17756.64');
  const n = 56;
  // a tie order that is neither the input order nor its reverse
  const order = [...Array(n).keys()].map((i) => (i * 17) % n);

  const shares = allocateCents(pot, Array(n).fill(new D(1)), order);

  it('gives 40 winners 317,08 € and 16 winners 317,09 €', () => {
    const counts = new Map<string, number>();
    for (const s of shares) counts.set(s.cents.toFixed(2), (counts.get(s.cents.toFixed(2)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ '317.08': 40, '317.09': 16 });
  });

  it('adds up to the pot to the cent', () => {
    expect(sum(shares.map((s) => s.cents)).toFixed(2)).toBe('17756.64');
  });

  it('gives the 16 extra cents to the first 16 in the tie order', () => {
    const extra = order.filter((i) => shares[i].cents.eq('317.09'));
    expect(extra).toEqual(order.slice(0, 16));
    expect(order.slice(16).every((i) => shares[i].cents.eq('317.08'))).toBe(true);
  });
});

describe('quotaCount', () => {
  it.each([
    ['0.1', 553, 'nearest', 55],
    ['0.1', 555, 'nearest', 56],
    ['0.1', 555, 'down', 55],
    ['0.1', 551, 'up', 56],
    ['0.1', 1, 'nearest', 0],
    ['0.1', 5, 'nearest', 1],
    ['0.1', 4, 'nearest', 0],
    ['0.25', 10, 'up', 3],
    ['0.25', 10, 'down', 2],
    ['0.25', 10, 'nearest', 3],
  ] as const)('%s of %i candidates rounded %s is %i', (share, n, rounding, expected) => {
    expect(quotaCount(new D(share), n, rounding)).toBe(expected);
  });

  it('never exceeds the candidates and is monotone in the rounding (down ≤ nearest ≤ up)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2000 }), (pct, n) => {
        const s = new D(pct).div(100);
        const [d, m, u] = (['down', 'nearest', 'up'] as const).map((r) => quotaCount(s, n, r));
        expect(d <= m && m <= u && u <= n && d >= 0).toBe(true);
        expect(u - d).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('rounding noise never decides a cent', () => {
  it('treats weights equal in exact arithmetic as equal, so the tie order decides', () => {
    const third = new D(1).div(3);
    // 2/3 and 1/3 × 2 are the same weight; the person first in the tie order gets the extra cent
    const a = allocateCents(new D('0.01'), [third.times(2), new D(2).div(3)], [1, 0]);
    expect(a.map((s) => s.cents.toFixed(2))).toEqual(['0.00', '0.01']);
    const b = allocateCents(new D('0.01'), [third.times(2), new D(2).div(3)], [0, 1]);
    expect(b.map((s) => s.cents.toFixed(2))).toEqual(['0.01', '0.00']);
  });
});

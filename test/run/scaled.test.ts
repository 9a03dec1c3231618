// The compiled evaluator's scaled integers (engine/run/compiled/scaled.ts) against decimal.js: whenever the fast
// path gives a result it is the very Decimal decimal.js gives (sign, exponent and digit words, −0 included);
// near 2^53, at scales beyond 14 places, and for −0 operands it gives none, so decimal.js computes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D, settle, type Dec } from '../../engine/run/decimal.ts';
import { compareS, fromScaled, minusS, plusS, roundS, scaledOn, setScaled, Sum, timesS, toScaled, type ScaledMode } from '../../engine/run/compiled/scaled.ts';

// the fast path is off by default (SCHEDA_SCALED=on turns it on): on for these tests, as it was
const was = scaledOn;
beforeAll(() => setScaled(true));
afterAll(() => setScaled(was));

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A decimal as the engine holds them: an integer count of 10^-scale units, many near the edges. */
const mantissa = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
  fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
  fc.bigInt({ min: SAFE - 1000n, max: SAFE + 1000n }),
  fc.bigInt({ min: -SAFE - 1000n, max: -SAFE + 1000n }),
  fc.bigInt({ min: 2n ** 52n - 10n, max: 2n ** 52n + 10n }),
  fc.constantFrom(0n, 1n, -1n, 5n, -5n, 15n, -15n, 25n, 49n, 50n, 51n, 9999999n, 10000000n, 10000001n),
);
const scale = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 22 }), fc.integer({ min: -8, max: -1 }));
const dec = fc.oneof(
  fc.tuple(mantissa, scale).map(([m, s]) => new D(`${m}e${-s}`)),
  fc.constantFrom(new D('-0'), new D('0'), new D('0.5'), new D('-0.5'), new D('2.5'), new D('-2.5'), new D('0.005'), new D('-0.005'), new D('1e-14'), new D('1e-15'), new D('1e21'), new D('1e7'), new D('1e14'), new D('-1e14'), new D('10000000.5'), new D('100000000000000.01')),
);

/** Structural identity of two decimals: what decimal.js stores, the sign of zero included. */
function same(a: Dec, b: Dec): void {
  const x = a as unknown as { s: number; e: number; d: number[] };
  const y = b as unknown as { s: number; e: number; d: number[] };
  // the stored form first: a malformed one (a trailing zero word) would make decimal.js's toFixed loop
  expect({ s: x.s, e: x.e, d: x.d }).toEqual({ s: y.s, e: y.e, d: y.d });
  expect(a.toFixed()).toBe(b.toFixed());
}

const RUNS = { numRuns: 4000 };

describe('scaled integers agree with decimal.js', () => {
  it('reads and rebuilds every value it accepts unchanged', () => {
    fc.assert(fc.property(dec, (x) => {
      if (!toScaled(x)) return;
      const { N, S } = readBack();
      expect(Number.isSafeInteger(N)).toBe(true);
      same(fromScaled(N, S), x);
    }), RUNS);
  });

  it('builds any safe integer at any scale 0–14 as decimal.js parses it', () => {
    const safe = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.maxSafeInteger().map((n) => n * (n % 2 ? 1 : -1)), fc.constantFrom(1e7, 1e14, 1e15, 2 ** 53 - 1, -(2 ** 53 - 1), 10 ** 15 + 10 ** 7));
    fc.assert(fc.property(safe, fc.integer({ min: 0, max: 14 }), (n, s) => {
      same(fromScaled(n, s), new D(`${n}e-${s}`));
    }), RUNS);
  });

  it('adds, subtracts and multiplies exactly, or leaves it to decimal.js', () => {
    let fast = 0;
    fc.assert(fc.property(dec, dec, (x, y) => {
      const p = plusS(x, y);
      if (p) { same(p, x.plus(y)); fast++; }
      const m = minusS(x, y);
      if (m) same(m, x.minus(y));
      const t = timesS(x, y);
      if (t) same(t, x.times(y));
    }), RUNS);
    expect(fast).toBeGreaterThan(RUNS.numRuns / 10); // the fast path is taken, not always declined
  });

  it('compares exactly as settled decimals do', () => {
    fc.assert(fc.property(dec, dec, (x, y) => {
      const c = compareS(x, y);
      if (c !== undefined) expect(c).toBe(settle(x).comparedTo(settle(y)));
    }), RUNS);
  });

  it('rounds half up, up, down and toward zero to 0–4 places as decimal.js, ties at .5 included', () => {
    const modes: [ScaledMode, Parameters<Dec['toDecimalPlaces']>[1]][] = [['round', D.ROUND_HALF_UP], ['ceil', D.ROUND_CEIL], ['floor', D.ROUND_FLOOR], ['trunc', D.ROUND_DOWN]];
    fc.assert(fc.property(dec, fc.integer({ min: 0, max: 4 }), fc.constantFrom(...modes), (x, places, [mode, rm]) => {
      const r = roundS(x, places, mode);
      if (r) same(r, settle(x).toDecimalPlaces(places, rm));
    }), RUNS);
    for (const t of ['0.5', '-0.5', '2.5', '-2.5', '0.125', '-0.125', '1.005', '-1.005']) {
      const x = new D(t);
      for (const [mode, rm] of modes) for (const places of [0, 1, 2]) {
        const r = roundS(x, places, mode);
        if (r) same(r, x.toDecimalPlaces(places, rm));
      }
    }
  });

  it('sums long runs as the decimal.js loop does, switching to it on overflow', () => {
    fc.assert(fc.property(fc.array(dec, { maxLength: 60 }), (xs) => {
      const s = new Sum(new D(0));
      let ref = new D(0);
      for (const x of xs) { s.add(x); ref = ref.plus(x); }
      same(s.value(), ref);
    }), { numRuns: 1000 });
    // a large sum: 10^6 amounts of 0.01–9,999,999.99 stays within 2^53 cents' reach only for a while
    const s = new Sum(new D(0));
    let ref = new D(0);
    for (let i = 0; i < 100000; i++) {
      const x = new D(`${(i * 7919) % 999999999999}e-2`).times(i % 2 ? 1 : 1000);
      s.add(x);
      ref = ref.plus(x);
    }
    same(s.value(), ref);
  });

  it('declines at the overflow limit, −0 and beyond 14 places', () => {
    const max = new D(Number.MAX_SAFE_INTEGER);
    expect(plusS(max, new D(1))).toBeUndefined();
    expect(plusS(max, new D('0.1'))).toBeUndefined();
    same(plusS(max, new D(-1))!, max.minus(1));
    expect(timesS(new D('94906267'), new D('94906267'))).toBeUndefined(); // 9.007…e15 > 2^53
    expect(timesS(new D('0.0000001'), new D('0.00000001'))).toBeUndefined(); // 15 places
    expect(compareS(new D('9007199254740991'), new D('0.1'))).toBeUndefined(); // aligned: beyond 2^53
    expect(plusS(new D('-0'), new D(1))).toBeUndefined();
    expect(roundS(new D('-0.001'), 2, 'round')).toBeUndefined(); // decimal.js gives −0
    same(timesS(new D(0), new D(-3))!, new D(0).times(-3)); // −0, as decimal.js
    expect(toScaled(new D('1e-15'))).toBe(false);
    expect(toScaled(new D('12345678901234567'))).toBe(false);
  });
});

import * as scaled from '../../engine/run/compiled/scaled.ts';
function readBack(): { N: number; S: number } {
  return { N: scaled.N, S: scaled.S };
}

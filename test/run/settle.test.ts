// An exact result reached through an inexact quotient decides as the exact value does: 5,50 € / 3 × 33% is
// exactly 0,605 (rounded half up: 0,61), 1 / 3 × 3 is exactly 1 (truncated: 1; ≥ 1: true; in the band
// «da 1»). Held at 40 digits they come out 0,60499…9 and 0,99…9; every rounding, comparison, band row,
// integer division and rank settles its values first (engine/run/decimal.ts, SETTLE_DIGITS).
import { describe, expect, it } from 'vitest';
import { bundleOf } from '../check/helpers.ts';
import { runExample } from '../../engine/run/examples.ts';
import { D, settle } from '../../engine/run/decimal.ts';

const IT = `scheda t anno 2025 lingua it

dati ente {
  fondo: euro
  aventi: numero
}

dati persona {
  matricola: testo chiave
  ore: numero
}

calcola medio_esatto per ente = fondo / aventi
calcola maggiorazione per ente = arrotonda(33% * medio_esatto; 2)
calcola terzo = ore / 3
calcola intero = tronca(terzo * 3; 0)
calcola almeno_uno = terzo * 3 >= 1
calcola uguale = terzo * 3 = 1
calcola quante = quoziente(terzo * 3; 1)
calcola fascia = scala terzo * 3 {
  sotto 1 → 0%
  da 1 → 100%
}

esempio "5,50 € su 3 aventi: il 33% del medio è esattamente 0,605 €, arrotondato 0,61 €" {
  dato fondo = 5,50 €
  dato aventi = 3
  atteso maggiorazione = 0,61 €
}

esempio "un terzo per tre è uno" {
  dato ore = 1
  atteso intero = 1
  atteso almeno_uno = vero
  atteso uguale = vero
  atteso quante = 1
  atteso fascia = 100%
}
`;

describe('decisions on exact results reached through inexact quotients', () => {
  it('round, truncate, compare, divide and band as the exact value does', () => {
    const b = bundleOf(IT);
    expect(b.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    const ir = b.irs.get('t')!;
    const outcomes = ir.examples.map((ex) => runExample(ir, ex));
    expect(outcomes.map((o) => [o.label, o.ok, o.failures])).toEqual(outcomes.map((o) => [o.label, true, []]));
  });

  it('settle only digits beyond the 34th: values that need fewer are left as they are', () => {
    expect(settle(new D('0.6049999999999999999999999999999999999999')).toFixed()).toBe('0.605');
    expect(settle(new D('1234567.89')).toFixed()).toBe('1234567.89');
    // a value 10^-20 from the boundary is a different value, and stays one
    expect(settle(new D('0.60499999999999999999')).toFixed()).toBe('0.60499999999999999999');
  });
});

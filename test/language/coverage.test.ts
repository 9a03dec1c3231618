// Precision-aware coverage of interval tables (issue 7, «False or missing warnings»): a table's gaps are
// judged at the granularity of its subject. Whole numbers (integer inputs, their sums and counts,
// `tronca(x; 0)`, `arrotonda(x; 0)`) are covered by `da 16 a 25`; `arrotonda(x; 2)` steps by 0,01; a real
// gap is still reported, and a `nota` does not silence it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';

const codes = (text: string) =>
  buildBundle([{ id: 't', file: 't.scheda', text }]).diagnostics.filter((d) => d.code.startsWith('table-') || d.severity === 'error');

const IT = (body: string) => `scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  n1: intero da 0 a 100
  n2: intero da 0 a 100
  punteggio: punti da 0 a 100
  importo: euro
  assenze: giorni interi da 0 a 365
}
${body}
`;
const EN = (body: string) => `scheme t year 2025 language en
inputs person {
  id: text key
  n1: integer from 0 to 100
  n2: integer from 0 to 100
  score: points from 0 to 100
  amount: euro
}
${body}
`;
const WHOLE_ROWS = `{
  da 0 a 15 → 0%
  da 16 a 25 → 5%
  oltre 25 → 10%
}`;
const WHOLE_ROWS_EN = `{
  from 0 to 15 → 0%
  from 16 to 25 → 5%
  over 25 → 10%
}`;

describe('whole-number subjects', () => {
  it('an integer input is covered by «da 0 a 15», «da 16 a 25», «oltre 25»', () => {
    expect(codes(IT(`calcola c = scala n1 ${WHOLE_ROWS}`))).toEqual([]);
  });

  it('a sum of integers is whole: no gap between 15 and 16 (en)', () => {
    expect(codes(EN(`compute n = n1 + n2\ncompute cut = scale n ${WHOLE_ROWS_EN}`))).toEqual([]);
  });

  it('differences, products, sums and counts of integers are whole too', () => {
    expect(codes(IT(`calcola c1 = scala n1 * 2 - n2 ${WHOLE_ROWS.replace('da 0 a 15', 'fino a 15')}
calcola tot per ente = somma(n1)
calcola c2 per ente = scala tot ${WHOLE_ROWS}
calcola quanti per ente = conta(punteggio > 50 punti)
calcola c3 per ente = scala quanti ${WHOLE_ROWS}`))).toEqual([]);
  });

  it('days declared whole («giorni interi») are covered by whole limits', () => {
    expect(codes(IT(`calcola c = scala assenze {\n  da 0 giorni a 15 giorni → 0%\n  da 16 giorni → 5%\n}`))).toEqual([]);
  });

  it('truncating or rounding to 0 decimals makes a subject whole', () => {
    expect(codes(IT(`calcola c1 = scala tronca(punteggio; 0) ${WHOLE_ROWS}\ncalcola c2 = scala arrotonda(punteggio; 0) ${WHOLE_ROWS}`))).toEqual([]);
  });

  it('euro truncated to the euro are covered by limits in whole euro (the balancing tables of a real scheme)', () => {
    const rows = `{
  da 1.500,00 € → 100%
  da 1.001,00 € a 1.499,00 € → 50%
  fino a 1.000,00 € → 0%
}`;
    expect(codes(IT(`calcola soglia = scala tronca(importo; 0) ${rows}`))).toEqual([]);
    // the same table on the amount itself leaves the cents between 1.000 and 1.001 uncovered
    expect(codes(IT(`calcola soglia = scala importo ${rows}`)).map((d) => d.code)).toEqual(['table-gap', 'table-gap']);
  });
});

describe('rounded subjects', () => {
  it('arrotonda(x; 2) steps by 0,01: «fino a 59,99» and «da 60» leave no gap', () => {
    expect(codes(IT('calcola c = scala arrotonda(punteggio; 2) {\n  fino a 59,99 punti → 0%\n  da 60 punti → 100%\n}'))).toEqual([]);
  });

  it('round(x, 1) steps by 0.1: «up to 59.8» and «from 60» leave 59.9 uncovered', () => {
    const d = codes(EN('compute c = scale round(score, 1) {\n  up to 59.8 points → 0%\n  from 60 points → 100%\n}'));
    expect(d.map((x) => x.code)).toEqual(['table-gap']);
    expect(d[0].hint).toContain('59.9');
  });
});

describe('real gaps are still reported', () => {
  it('an integer subject with a missing 16 warns, with 16 as the example', () => {
    const d = codes(IT('calcola c = scala n1 {\n  da 0 a 15 → 0%\n  da 17 a 25 → 5%\n  oltre 25 → 10%\n}'));
    expect(d.map((x) => x.code)).toEqual(['table-gap']);
    expect(d[0].hint).toContain('16');
  });

  it('a continuous subject (points, not rounded) between «fino a 15» and «da 16» warns', () => {
    expect(codes(IT('calcola c = scala punteggio {\n  fino a 15 punti → 0%\n  da 16 punti → 5%\n}')).map((x) => x.code)).toEqual(['table-gap']);
  });

  it('a «nota» stating the reading does not silence a real gap', () => {
    const d = codes(IT('calcola c = scala n1 {\n  da 0 a 15 → 0%\n  da 17 a 25 → 5%\n  oltre 25 → 10%\n}\n  nota "Il valore 16 non è previsto dall\'accordo."'));
    expect(d.map((x) => x.code)).toEqual(['table-gap']);
  });
});

describe('the bundled rules', () => {
  it('the Cremona 2024 schemes report no table-gap', () => {
    const dir = join(import.meta.dirname, '../../rules/cremona/2024');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.scheda')).map((f) => ({ id: f.replace(/\.scheda$/, ''), file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
    const b = buildBundle(sources);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(b.diagnostics.filter((d) => d.code === 'table-gap')).toEqual([]);
  });
});

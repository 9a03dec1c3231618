// Evaluation in exact decimals: each case is a data row [what, expression or declarations, inputs,
// expected], compiled into a small scheme and evaluated for one person; population forms (top-k,
// allocation) run on small hand-made populations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runExample } from '../../engine/run/examples.ts';
import { compileSource, evalFirst, population, valuesByPerson, type Plain, type PersonIn } from './helpers.ts';

const HEADER = `scheda t anno 2024 lingua it

unità settore

dati settore {
  codice: testo chiave
}

dati persona {
  matricola: testo chiave
  settore: settore
  x: numero
  y: numero
  importo: euro
  opzionale: euro
  presenze: lista di giorni
  ok: sì_no
  ruolo: uno_tra(capo; addetto)
}

tabella voci per ente {
  titolo: intero chiave
  valore: euro
  ponderazione: percentuale
}
`;

/** A scheme with the common inputs and `calcola r = <expr>` (or declarations, when given whole). */
function scheme(exprOrDecls: string): string {
  return HEADER + '\n' + (/^(calcola|fasce|voce|totale|requisito|parità)\b/m.test(exprOrDecls) ? exprOrDecls : `calcola r = ${exprOrDecls}`) + '\n';
}

type Row = [what: string, expr: string, inputs: Record<string, Plain>, expected: Plain | { error: string }];

function evalRow(expr: string, inputs: Record<string, Plain>, name = 'r', tables: Record<string, Record<string, Plain>[]> = {}) {
  const ir = compileSource(scheme(expr));
  return evalFirst(ir, population(ir, { persons: [{ key: 'm1', unit: 'S1', inputs }], units: { S1: { codice: 'S1' } }, tables }), name);
}

describe('arithmetic is exact decimal arithmetic', () => {
  const rows: Row[] = [
    ['0.1 + 0.2 is exactly 0.3 on inputs', 'x + y', { x: '0.1', y: '0.2' }, '0.3'],
    ['0,1 + 0,2 is exactly 0,3 on literals', '0,1 + 0,2', {}, '0.3'],
    ['0,1 + 0,2 compares equal to 0,3', '0,1 + 0,2 = 0,3', {}, true],
    ['ten cents times three is thirty cents', 'importo * 3', { importo: '0.10' }, '0.3'],
    ['a million minus a cent keeps the cent', '1.000.000,00 € - 0,01 €', {}, '999999.99'],
    ['a percentage is a fraction', '33% * importo', { importo: '960.86' }, '317.0838'],
    ['unary minus', '-x + 1', { x: '2.5' }, '-1.5'],
    ['precedence: multiplication before addition', 'x + y * 2', { x: 1, y: 3 }, '7'],
    ['division keeps the exact quotient when it terminates', 'x / y', { x: 1, y: 8 }, '0.125'],
    ['comparison of decimals with different scales', 'x = y', { x: '1.50', y: '1.5' }, true],
    ['if/then/else', 'se x > y allora x altrimenti y', { x: 2, y: 3 }, '3'],
    ['membership with «in»', 'x in (1; 2; 3,5)', { x: '3.5' }, true],
    ['minore and maggiore', 'maggiore(minore(x; y); 2)', { x: 5, y: 4 }, '4'],
  ];
  it.each(rows)('%s', (_what, expr, inputs, expected) => {
    expect(evalRow(expr, inputs)).toEqual(expected);
  });

  it('gives a division-by-zero error, not Infinity, when dividing by zero', () => {
    expect(evalRow('x / y', { x: 1, y: 0 })).toEqual({ error: 'division-by-zero' });
    expect(evalRow('rapporto(x; y)', { x: 1, y: 0 })).toEqual({ error: 'division-by-zero' });
  });
});

describe('rounding', () => {
  const rows: Row[] = [
    ['arrotonda rounds half up at the cent', 'arrotonda(x; 2)', { x: '2.345' }, '2.35'],
    ['arrotonda rounds down below the half', 'arrotonda(x; 2)', { x: '2.3449999' }, '2.34'],
    ['arrotonda rounds 0.5 to 1 (not to even)', 'arrotonda(x; 0)', { x: '0.5' }, '1'],
    ['arrotonda rounds 2.5 to 3 (not to even)', 'arrotonda(x; 0)', { x: '2.5' }, '3'],
    ['arrotonda rounds a negative half away from zero', 'arrotonda(x; 2)', { x: '-2.345' }, '-2.35'],
    ['arrotonda to cents of the published average premium', 'arrotonda(531.354,00 € / 553; 2)', {}, '960.86'],
    ['tronca cuts towards zero', 'tronca(x; 2)', { x: '2.349' }, '2.34'],
    ['tronca cuts a negative towards zero', 'tronca(x; 2)', { x: '-2.349' }, '-2.34'],
    ['tronca to the euro drops the cents', 'tronca(importo; 0)', { importo: '1499.50' }, '1499'],
    ['tronca leaves a value with fewer decimals alone', 'tronca(x; 2)', { x: '7.1' }, '7.1'],
  ];
  it.each(rows)('%s', (_what, expr, inputs, expected) => {
    expect(evalRow(expr, inputs)).toEqual(expected);
  });
});

describe('scales and bands', () => {
  const lookup = `scala x {
  fino a 10 → 1
  oltre 10 fino a 20 → 2
  oltre 20 → 3
}`;
  const rows: Row[] = [
    ['a scale takes the row whose interval holds the value (closed upper bound)', lookup, { x: 10 }, '1'],
    ['a scale takes the next row just above a closed bound', lookup, { x: '10.000001' }, '2'],
    ['a scale with an open last row reaches any value', lookup, { x: 1000 }, '3'],
    ['a scale takes the first matching row: «altrimenti» first wins', 'scala x {\n  altrimenti → 9\n  da 0 a 10 → 1\n}', { x: 5 }, '9'],
    ['a scale takes the first matching row: a range before «altrimenti» wins', 'scala x {\n  da 0 a 10 → 1\n  altrimenti → 9\n}', { x: 5 }, '1'],
    ['a scale falls to «altrimenti» when no range matches', 'scala x {\n  da 0 a 10 → 1\n  altrimenti → 9\n}', { x: 11 }, '9'],
    ['a scale with no matching row stops with table-no-match-runtime', 'scala x {\n  da 0 a 10 → 1\n}', { x: 11 }, { error: 'table-no-match-runtime' }],
    ['a scale on an enumeration matches labels', 'scala ruolo {\n  capo → 1\n  addetto → 2\n}', { ruolo: 'addetto' }, '2'],
    ['a truncated euro scale reads 1.499,50 € as 1.499 €', 'scala tronca(importo; 0) {\n  da 1.500,00 € → 100%\n  da 1.001,00 € a 1.499,00 € → 50%\n  fino a 1.000,00 € → 0%\n}', { importo: '1499.50' }, '0.5'],
    ['an untruncated euro scale leaves 1.499,50 € in the gap', 'scala importo {\n  da 1.500,00 € → 100%\n  da 1.001,00 € a 1.499,00 € → 50%\n  fino a 1.000,00 € → 0%\n}', { importo: '1499.50' }, { error: 'table-no-match-runtime' }],
    ['nested scales', 'scala x {\n  fino a 20 → scala y {\n    1 → 5\n    altrimenti → 0\n  }\n  oltre 20 → 7\n}', { x: 12, y: 1 }, '5'],
  ];
  it.each(rows)('%s', (_what, expr, inputs, expected) => {
    expect(evalRow(expr, inputs)).toEqual(expected);
  });

  const bands = `totale max 100 punti

voce voto max 100 punti = x

fasce fascia su totale {
  nessuna oltre 0 fino a 60 → 0%
  quinta oltre 60 fino a 70 → 70%
  quarta oltre 70 fino a 80 → 75%
  terza oltre 80 fino a 90 → 80%
  seconda oltre 90 fino a 95 → 90%
  prima oltre 95 fino a 100 → 100%
}

calcola r = quota(fascia)`;
  const bandRows: [Plain, Plain, Plain][] = [
    ['60', 'nessuna', '0'],
    ['60.01', 'quinta', '0.7'],
    ['70', 'quinta', '0.7'],
    ['70.001', 'quarta', '0.75'],
    ['95', 'seconda', '0.9'],
    ['95.01', 'prima', '1'],
    ['100', 'prima', '1'],
  ];
  it.each(bandRows)('bands are half-open (oltre … fino a): a total of %s is in band %s with share %s', (score, band, share) => {
    expect(evalRow(bands, { x: score }, 'fascia')).toBe(band);
    expect(evalRow(bands, { x: score }, 'r')).toBe(share);
  });

  it('puts a total in no band (and gives a zero share) when no row holds it', () => {
    expect(evalRow(bands, { x: 0 }, 'fascia')).toBeNull();
    expect(evalRow(bands, { x: 0 }, 'r')).toBe('0');
  });
});

describe('aggregates over lists and tables', () => {
  const presenze = [12, 11, 20, 0, 12];
  const rows: Row[] = [
    ['conta counts the list elements that satisfy «dove»', 'conta(presenze dove presenze >= 12 giorni)', { presenze }, '3'],
    ['somma adds a list', 'somma(presenze)', { presenze }, '55'],
    ['somma with «dove» adds only the elements that satisfy it', 'somma(presenze dove presenze < 12 giorni)', { presenze }, '11'],
    ['media is the exact mean', 'media(presenze)', { presenze }, '11'],
    ['minimo_di and massimo_di', 'massimo_di(presenze) - minimo_di(presenze)', { presenze }, '20'],
    ['conta_distinti counts distinct values', 'conta_distinti(presenze)', { presenze }, '4'],
    ['conta over an empty selection is 0', 'conta(presenze dove presenze > 31 giorni)', { presenze }, '0'],
    ['somma over an empty selection is 0', 'somma(presenze dove presenze > 31 giorni)', { presenze }, '0'],
    ['media over an empty selection stops with aggregate-empty', 'media(presenze dove presenze > 31 giorni)', { presenze }, { error: 'aggregate-empty' }],
  ];
  it.each(rows)('%s', (_what, expr, inputs, expected) => {
    expect(evalRow(expr, inputs)).toEqual(expected);
  });

  const voci = [
    { titolo: 1, valore: '41', ponderazione: '0.5' },
    { titolo: 2, valore: '0.10', ponderazione: '0.25' },
    { titolo: 4, valore: '0.20', ponderazione: '0.25' },
    { titolo: 5, valore: '1000', ponderazione: '0' },
  ];
  const tableRows: [string, string, Plain | { error: string }][] = [
    ['somma over a table column with «dove» on another column', 'calcola r per ente = somma(voci.valore dove voci.titolo <= 4)', '41.3'],
    ['conta over a table', 'calcola r per ente = conta(voci.titolo)', '4'],
    ['conta with «dove» over a table', 'calcola r per ente = conta(voci.titolo dove voci.valore > 1 €)', '2'],
    ['media_pesata weighs each row', 'calcola r per ente = media_pesata(voci.valore; voci.ponderazione)', '20.575'],
    ['media_pesata with «dove»', 'calcola r per ente = media_pesata(voci.valore; voci.ponderazione dove voci.titolo > 1)', '0.15'],
    ['ratio of two filtered sums', 'calcola r per ente = somma(voci.valore dove voci.titolo <= 2) / somma(voci.valore dove voci.titolo >= 4)', '0.04109178'],
  ];
  it.each(tableRows)('%s', (_what, decl, expected) => {
    const got = evalRow(decl, {}, 'r', { voci });
    if (typeof expected === 'string' && typeof got === 'string' && expected.length < got.length) {
      expect(got.slice(0, expected.length)).toBe(expected); // a long quotient: compare its leading digits
    } else expect(got).toEqual(expected);
  });

  it('media_pesata with zero total weight stops with division-by-zero', () => {
    expect(evalRow('calcola r per ente = media_pesata(voci.valore; voci.ponderazione dove voci.titolo = 5)', {}, 'r', { voci })).toEqual({ error: 'division-by-zero' });
  });
});

describe('se_manca', () => {
  const rows: Row[] = [
    ['se_manca gives the fallback when the input is missing', 'se_manca(opzionale; 0 €)', {}, '0'],
    ['se_manca gives the input when it is there', 'se_manca(opzionale; 0 €)', { opzionale: '12.5' }, '12.5'],
    ['se_manca gives the input even when it is zero', 'se_manca(opzionale; 7 €)', { opzionale: 0 }, '0'],
    ['se_manca reaches a missing input inside an expression', 'se_manca(opzionale * 2; 1 €)', {}, '1'],
    ['a missing input without se_manca stops with missing-input', 'opzionale + 1 €', {}, { error: 'missing-input' }],
    ['se_manca does not hide a division by zero', 'se_manca(x / y; 0)', { x: 1, y: 0 }, { error: 'division-by-zero' }],
  ];
  it.each(rows)('%s', (_what, expr, inputs, expected) => {
    expect(evalRow(expr, inputs)).toEqual(expected);
  });
});

// ---- population forms ----

const TOPK = `scheda t anno 2024 lingua it

unità settore

dati settore {
  codice: testo chiave
}

dati persona {
  matricola: testo chiave
  settore: settore
  voto: punti da 0 a 100
  anzianita: intero
  ok: sì_no
}

parità: voto decrescente; anzianita decrescente; matricola crescente
`;

function winners(decl: string, persons: PersonIn[], name = 'top'): string[] {
  const ir = compileSource(TOPK + '\n' + decl + '\n');
  const units = Object.fromEntries([...new Set(persons.map((p) => p.unit ?? 'S1'))].map((u) => [u, { codice: u }]));
  const v = valuesByPerson(ir, population(ir, { persons: persons.map((p) => ({ unit: 'S1', ...p })), units }), name);
  return Object.keys(v).filter((k) => v[k] === true).sort();
}

const ten: PersonIn[] = Array.from({ length: 10 }, (_, i) => ({ key: `m${String(i).padStart(2, '0')}`, inputs: { voto: 90 - i, anzianita: 0, ok: true } }));

describe('migliori (top-k with a quota)', () => {
  const rows: [string, string, number][] = [
    ['25% of 10 rounded up is 3', 'per eccesso', 3],
    ['25% of 10 rounded down is 2', 'per difetto', 2],
    ['25% of 10 rounded to the nearest is 3 (half up)', 'per vicino', 3],
  ];
  it.each(rows)('%s', (_what, rounding, n) => {
    const w = winners(`calcola top = migliori 25% per voto arrotondando ${rounding}`, ten);
    expect(w).toEqual(ten.slice(0, n).map((p) => p.key));
  });

  it('rounds 14% of 10 to 1 and 15% of 10 to 2 when rounding to the nearest', () => {
    expect(winners('calcola top = migliori 14% per voto arrotondando per vicino', ten)).toHaveLength(1);
    expect(winners('calcola top = migliori 15% per voto arrotondando per vicino', ten)).toHaveLength(2);
  });

  it('gives nobody the bonus in a group of one when 10% is rounded to the nearest', () => {
    expect(winners('calcola top = migliori 10% per voto arrotondando per vicino', ten.slice(0, 1))).toEqual([]);
  });

  it('takes a whole number of persons when the quota is a count', () => {
    expect(winners('calcola top = migliori 2 per voto', ten)).toEqual(['m00', 'm01']);
  });

  it('counts the quota among the persons that satisfy «tra» only', () => {
    const ps = ten.map((p, i) => ({ ...p, inputs: { ...p.inputs, ok: i % 2 === 1 } }));
    // 5 candidates (m01, m03, …): 50% of 5 rounded down is 2
    expect(winners('calcola top = migliori 50% per voto tra ok arrotondando per difetto', ps)).toEqual(['m01', 'm03']);
  });

  it('applies the quota within each unit with «entro»', () => {
    const ps = ten.map((p, i) => ({ ...p, unit: i < 4 ? 'A' : 'B' }));
    // A: 4 persons → 25% = 1; B: 6 persons → 25% = 1.5 → 2 rounding to the nearest
    expect(winners('calcola top = migliori 25% per voto entro settore arrotondando per vicino', ps)).toEqual(['m00', 'm04', 'm05']);
  });

  it('breaks a tie at the cut by the tie rule (second key), not by the key or the input order', () => {
    const ps: PersonIn[] = [
      { key: 'm1', inputs: { voto: 80, anzianita: 3, ok: true } },
      { key: 'm2', inputs: { voto: 80, anzianita: 9, ok: true } },
      { key: 'm3', inputs: { voto: 70, anzianita: 20, ok: true } },
    ];
    expect(winners('calcola top = migliori 1 per voto', ps)).toEqual(['m2']);
    expect(winners('calcola top = migliori 1 per voto', [...ps].reverse())).toEqual(['m2']);
  });

  it('breaks a full tie by the last key of the tie rule (matricola crescente)', () => {
    const ps: PersonIn[] = ['m9', 'm4', 'm7'].map((key) => ({ key, inputs: { voto: 80, anzianita: 1, ok: true } }));
    expect(winners('calcola top = migliori 1 per voto', ps)).toEqual(['m4']);
  });
});

describe('ripartisci (allocation in cents)', () => {
  const RIP = TOPK + `
calcola montante per ente = 1.000,00 €
calcola budget per settore = 100,00 €
calcola parte = ripartisci(montante; voto)
calcola parte_settore = ripartisci(budget; voto)
`;

  const sum = (v: Record<string, Plain>) => Object.values(v).reduce<number>((s, x) => s + Math.round(Number(x) * 100), 0);

  it('splits 1.000 € in three equal parts that add up to the pot, the extra cent going first in the tie order', () => {
    const ir = compileSource(RIP);
    const ps: PersonIn[] = [
      { key: 'm1', inputs: { voto: 50, anzianita: 1, ok: true } },
      { key: 'm2', inputs: { voto: 50, anzianita: 5, ok: true } },
      { key: 'm3', inputs: { voto: 50, anzianita: 3, ok: true } },
    ];
    const v = valuesByPerson(ir, population(ir, { persons: ps.map((p) => ({ ...p, unit: 'S1' })), units: { S1: { codice: 'S1' } } }), 'parte');
    expect(v).toEqual({ m1: '333.33', m2: '333.34', m3: '333.33' });
  });

  it('gives nothing to a zero weight', () => {
    const ir = compileSource(RIP);
    const ps: PersonIn[] = [
      { key: 'm1', unit: 'S1', inputs: { voto: 0, anzianita: 1, ok: true } },
      { key: 'm2', unit: 'S1', inputs: { voto: 30, anzianita: 1, ok: true } },
    ];
    const v = valuesByPerson(ir, population(ir, { persons: ps, units: { S1: { codice: 'S1' } } }), 'parte');
    expect(v).toEqual({ m1: '0', m2: '1000' });
  });

  it('conserves the pot: the parts add up to 1.000,00 € for any weights (property)', () => {
    const ir = compileSource(RIP);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 25 }).filter((ws) => ws.some((w) => w > 0)), (ws) => {
        const ps = ws.map((w, i) => ({ key: `m${String(i).padStart(3, '0')}`, unit: 'S1', inputs: { voto: String(w / 100), anzianita: i % 3, ok: true } }));
        const v = valuesByPerson(ir, population(ir, { persons: ps, units: { S1: { codice: 'S1' } } }), 'parte');
        expect(sum(v)).toBe(100_000);
        for (const x of Object.values(v)) expect(String(x)).toMatch(/^\d+(\.\d{1,2})?$/);
      }),
      { numRuns: 60 },
    );
  });

  it('conserves each unit\'s pot when the pot is per unit', () => {
    const ir = compileSource(RIP);
    const ps: PersonIn[] = Array.from({ length: 7 }, (_, i) => ({ key: `m${i}`, unit: i < 3 ? 'A' : 'B', inputs: { voto: 10 + i, anzianita: 0, ok: true } }));
    const v = valuesByPerson(ir, population(ir, { persons: ps, units: { A: { codice: 'A' }, B: { codice: 'B' } } }), 'parte_settore');
    const byUnit = (u: string) => sum(Object.fromEntries(Object.entries(v).filter(([k]) => ps.find((p) => p.key === k)!.unit === u)));
    expect(byUnit('A')).toBe(10_000);
    expect(byUnit('B')).toBe(10_000);
  });
});

describe('examples run through runExample', () => {
  it('passes a correct example and reports a wrong expected value with both numbers', () => {
    const ir = compileSource(`scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  x: numero
}

calcola doppio = x * 2

esempio "giusto" {
  dato x = 0,15
  atteso doppio = 0,3
}

esempio "sbagliato" {
  dato x = 0,15
  atteso doppio = 0,31
}
`);
    const [ok, ko] = ir.examples.map((ex) => runExample(ir, ex));
    expect(ok.ok).toBe(true);
    expect(ko.ok).toBe(false);
    expect(ko.failures).toEqual([{ name: 'doppio', expected: '0,31', actual: '0,3', line: 17, col: 3 }]);
  });

  it('reports an evaluation error of an example with its code', () => {
    const ir = compileSource(`scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  x: numero
}

calcola inverso = 1 / x

esempio "zero" {
  dato x = 0
  atteso inverso = 1
}
`);
    const r = runExample(ir, ir.examples[0]);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('division-by-zero');
    expect(r.error?.rule).toBe('inverso');
  });
});

describe('item maxima', () => {
  const decls = 'totale max 10 punti\n\nvoce v max 10 punti = x\n\ncalcola r = v';
  const clamped = decls.replace('max 10 punti =', 'max 10 punti limitata =');

  it('stops with item-over-max when an item is worth more than its maximum, or less than 0', () => {
    expect(evalRow(decls, { x: 11 })).toEqual({ error: 'item-over-max' });
    expect(evalRow(decls, { x: -1 })).toEqual({ error: 'item-over-max' });
    expect(evalRow(decls, { x: 10 })).toBe('10');
  });

  it('brings a «limitata» item back between 0 and its maximum', () => {
    expect(evalRow(clamped, { x: 11 })).toBe('10');
    expect(evalRow(clamped, { x: -1 })).toBe('0');
    expect(evalRow(clamped, { x: '9.99' })).toBe('9.99');
  });
});

describe('the number of decimals of arrotonda and tronca', () => {
  it('must be a whole number ≥ 0: a negative one is a check error, before anything runs', () => {
    expect(() => evalRow('arrotonda(x; -1)', { x: '1234.5' })).toThrow(/type-mismatch/);
    expect(() => evalRow('tronca(x; 2,5)', { x: '1234.5' })).toThrow(/type-mismatch/);
  });

  it('stops the evaluator with an EvalError, not a raw decimal.js error, if an IR holds a bad one', () => {
    const ir = compileSource(scheme('arrotonda(x; 2)'));
    const r = ir.decls.find((d) => d.name === 'r')!;
    for (const bad of ['-1', '2.5']) {
      r.expr = { round: [{ var: 'persona.x' }, { dec: bad }] };
      expect(evalFirst(ir, population(ir, { persons: [{ key: 'm1', unit: 'S1', inputs: { x: '1234.5' } }], units: { S1: { codice: 'S1' } } }), 'r')).toEqual({ error: 'type-mismatch' });
    }
  });
});

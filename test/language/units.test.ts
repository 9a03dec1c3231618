// Units are an algebra (issue 7, «Units are not an algebra»): a value's unit is a product of powers of base
// units, percentages are dimensionless ratios, whole numbers stay whole through +, −, ×, sums and counts.
// Each finding of the issue is one test, on small schemes in both keyword sets.
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';
import { runExample } from '../../engine/run/examples.ts';
import { inferredTypes, typeLines } from '../../engine/check/explain-types.ts';
import { display } from '../../engine/report/values.ts';
import { convert } from '../../engine/data/convert.ts';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';
import { D } from '../../engine/run/decimal.ts';

const bundle = (text: string, id = 't') => buildBundle([{ id, file: `${id}.scheda`, text }]);
const errors = (text: string) => bundle(text).diagnostics.filter((d) => d.severity === 'error');
/** The unit the compiled IR gives each computed value. */
function units(text: string): Record<string, string | undefined> {
  const b = bundle(text);
  expect(b.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const ir = b.irs.get('t')!;
  return Object.fromEntries(ir.decls.map((d) => [d.name, d.type?.unit]));
}

const EN = (body: string) => `scheme t year 2025 language en
inputs entity { pot: euro }
inputs person {
  id: text key
  score: points from 0 to 100
  n1: integer from 0 to 100
  n2: integer from 0 to 100
  factor: number
}
${body}
`;
const IT = (body: string) => `scheda t anno 2025 lingua it
dati ente { fondo_totale: euro }
dati persona {
  matricola: testo chiave
  punteggio: punti da 0 a 100
  n1: intero da 0 a 100
  n2: intero da 0 a 100
  coefficiente: numero
}
${body}
`;

describe('units multiply and divide', () => {
  it('pot / Σ points is euro per point, and × points gives euro again, which adds to euro (en)', () => {
    const u = units(EN(`compute score_sum per entity = sum(score)
compute rate per entity = pot / score_sum
compute portion = rate * score
compute pay = portion + 0.00 €`));
    expect(u).toMatchObject({ score_sum: 'punti', rate: 'euro/punti', portion: 'euro', pay: 'euro' });
  });

  it('fondo / Σ punti is euro per punto, and × punti gives euro again (it)', () => {
    const u = units(IT(`calcola somma_punti per ente = somma(punteggio)
calcola valore_punto per ente = fondo_totale / somma_punti
calcola quota_persona = valore_punto * punteggio + 0,00 €`));
    expect(u).toMatchObject({ valore_punto: 'euro/punti', quota_persona: 'euro' });
  });

  it('euro per point cannot be added to euro: a unit-mismatch naming both units', () => {
    const e = errors(EN(`compute rate per entity = pot / sum(score)
compute wrong per entity = rate + 1.00 €`));
    expect(e.map((d) => d.code)).toEqual(['unit-mismatch']);
    expect(e[0].message).toContain('euro/points');
  });

  it('amount / 50% keeps euro, a later × 10% keeps euro, and it adds to euro', () => {
    const u = units(EN(`compute scaled per entity = 100.00 € / 50%
compute part per entity = scaled * 10%
compute plus_fee per entity = part + 1.00 €`));
    expect(u).toMatchObject({ scaled: 'euro', part: 'euro', plus_fee: 'euro' });
  });

  it('a plain number × a percentage is a plain number, shown as 15, not as the percentage 1.500%', () => {
    const u = units(IT(`calcola peso_lordo = 150
calcola peso_netto = peso_lordo * 10%
calcola peso_campo = coefficiente * 10%
calcola quota_di_quota = 50% * 10%`));
    expect(u).toMatchObject({ peso_netto: 'numero', peso_campo: 'numero', quota_di_quota: 'percentuale' });
    expect(display(new D('15'), { base: 'num', unit: u.peso_netto })).toBe('15');
  });

  it('days / months, hours × euro per hour: any product of powers of base units', () => {
    const u = units(`scheme t year 2025 language en
inputs person {
  id: text key
  worked: hours
  hourly: euro
  absent: days
}
compute rate = hourly / 1 hours
compute pay = worked * rate
compute absent_share = absent / 365 days
compute squared = absent * absent
compute inverse = 1 / absent
`);
    expect(u).toMatchObject({ rate: 'euro/ore', pay: 'euro', absent_share: 'numero', squared: 'giorni^2', inverse: '1/giorni' });
  });
});

describe('percentages are ratios', () => {
  it('x + 5% is refused, and the hint says to write x × 105% (en)', () => {
    const e = errors(EN('compute pay = score * 1 € / 1 points\ncompute raised = pay + 5%'));
    expect(e.map((d) => d.code)).toEqual(['unit-mismatch']);
    expect(e[0].hint).toContain('pay * 105%');
    expect(e[0].hint).toContain('pay + pay * 5%');
  });

  it('x − 20% is refused in Italian, and the hint says x × 80%', () => {
    const e = errors(IT('calcola premio = punteggio * 10 € / 1 punti\ncalcola ridotto = premio - 20%'));
    expect(e.map((d) => d.code)).toEqual(['unit-mismatch']);
    expect(e[0].hint).toContain('premio * 80%');
  });

  it('a plain number and a percentage are both dimensionless: they add and compare', () => {
    expect(errors(IT('calcola c = coefficiente + 5%\ncalcola ok = coefficiente >= 50%'))).toEqual([]);
  });
});

describe('different dimensions do not mix', () => {
  it('adding euro to points, comparing days with hours: unit-mismatch with a hint', () => {
    const e = errors(`scheme t year 2025 language en
inputs person {
  id: text key
  p: points
  a: euro
  d: days
  h: hours
}
compute x = p + a
compute y = d > h
`);
    expect(e.map((d) => d.code)).toEqual(['unit-mismatch', 'unit-mismatch']);
    expect(e.every((d) => d.hint && d.hint.length > 10)).toBe(true);
  });
});

describe('whole numbers', () => {
  it('stay whole through +, −, ×, sums and counts (a plain number shows as «integer»)', () => {
    const u = units(EN(`compute n = n1 + n2
compute m = n1 - n2 * 2
compute total_n per entity = sum(n1)
compute how_many per entity = count(score > 50 points)
compute mean_n per entity = mean(n1)
compute half = n1 / 2`));
    expect(u).toMatchObject({ n: 'intero', m: 'intero', total_n: 'intero', how_many: 'intero', mean_n: 'numero', half: 'numero' });
  });

  it('a quantity of days can be declared whole: `giorni interi` / `whole days`, in the IR and in the data', () => {
    const it_ = bundle(`scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  assenze: giorni interi da 0 a 365
}
calcola doppie = assenze + assenze
`);
    expect(it_.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ir = it_.irs.get('t')!;
    const field = ir.inputs.find((i) => i.name === 'assenze')!;
    expect(field.type).toMatchObject({ unit: 'giorni', whole: true });
    const types = inferredTypes(it_.checked!);
    expect(types.find((t) => t.name === 'doppie')).toMatchObject({ unit: 'giorni', decimals: 0 });
    expect(convert('2,5', field.type, 'it').ok).toBe(false);
    expect(convert('2', field.type, 'it').ok).toBe(true);
    const en = bundle('scheme t year 2025 language en\ninputs person {\n  id: text key\n  absences: whole days from 0 to 365\n}\n');
    expect(en.irs.get('t')!.inputs.find((i) => i.name === 'absences')!.type).toMatchObject({ unit: 'giorni', whole: true });
  });
});

describe('hours', () => {
  it('are a type and a literal in both keyword sets, and print back as they were written', () => {
    const it_ = `scheda t anno 2025 lingua it

dati persona {
  matricola: testo chiave
  straordinario: ore interi
}

calcola soglia = straordinario >= 8 ore
`;
    expect(errors(it_)).toEqual([]);
    expect(format(parse(it_, 't.scheda').ast)).toBe(it_);
    const en = `scheme t year 2025 language en

inputs person {
  id: text key
  overtime: whole hours
}

compute long_day = overtime >= 8 hours
`;
    expect(errors(en)).toEqual([]);
    expect(format(parse(en, 't.scheda').ast)).toBe(en);
  });

  it('stay usable as names: a field «ore» of type ore, a label row, a field after a ranged one', () => {
    const text = `scheda t anno 2025 lingua it

dati persona {
  matricola: testo chiave
  livello: numero da 0 a 5
  ore: ore interi
  turno: uno_tra(mattina; ore)
}

calcola extra = ore - 36 ore

calcola peso_turno = scala turno {
  mattina → 1
  ore → 2
}
`;
    expect(errors(text)).toEqual([]);
    expect(format(parse(text, 't.scheda').ast)).toBe(text);
    expect(errors('scheme t year 2025 language en\ninputs person {\n  id: text key\n  hours: hours\n}\ncompute over_time = hours > 36 hours\n')).toEqual([]);
  });
});

describe('examples compare units', () => {
  const scheme = (expr: string, expected: string) => `scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  num_a: numero
  num_b: numero
}
calcola r = ${expr}
esempio "rapporto" {
  dato num_a = 9
  dato num_b = 16
  atteso r = ${expected}
}
`;
  const outcome = (text: string) => {
    const b = bundle(text);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ir = b.irs.get('t')!;
    return runExample(ir, ir.examples[0]);
  };

  it('an example expecting 56,25% fails when the value is the plain number 0,5625', () => {
    const r = outcome(scheme('num_a / num_b', '56,25%'));
    expect(r.ok).toBe(false);
    expect(r.failures[0]).toMatchObject({ expected: '56,25%', actual: '0,5625' });
  });

  it('× 100% is the explicit conversion of a plain ratio into a percentage', () => {
    const u = units(EN('compute ratio_plain = n1 / n2\ncompute ratio_pct = n1 / n2 * 100%\ncompute ten = n1 * 10%'));
    expect(u).toMatchObject({ ratio_plain: 'numero', ratio_pct: 'percentuale', ten: 'numero' });
  });

  it('and passes when the value is the percentage 56,25%', () => {
    expect(outcome(scheme('num_a / num_b * 100%', '56,25%')).ok).toBe(true);
  });

  it('a plain expected number still matches a plain value', () => {
    expect(outcome(scheme('num_a / num_b', '0,5625')).ok).toBe(true);
  });
});

describe('the checker shows the unit it inferred', () => {
  it('inferredTypes / typeLines list each computed value with its unit, in the scheme\'s language', () => {
    const b = bundle(EN(`compute rate per entity = pot / sum(score)
compute n = n1 + n2
compute share = round(n1 / 3, 2)`));
    const lines = typeLines(inferredTypes(b.checked!));
    expect(lines).toEqual([
      't.scheda:10:9: rate (entity): a value in euro/points [euro/punti]',
      't.scheda:11:9: n (person): a whole number',
      't.scheda:12:9: share (person): a number, at most 2 decimals',
    ]);
  });
});

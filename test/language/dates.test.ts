// Dates and periods: the date type and literal, the scheme's year as values, the calendar functions, what the
// checker refuses (a date is not a number), formatting and translation, and dates through a run's outputs.
import { describe, expect, it } from 'vitest';
import { addMonths, isLeap, parseDateText, serviceByMonth, wholeMonths } from '../../engine/run/calendar.ts';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';
import { compileSource, plain } from '../run/helpers.ts';
import { Evaluator } from '../../engine/run/evaluate.ts';
import { EvalError } from '../../engine/run/errors.ts';
import { D } from '../../engine/run/decimal.ts';
import type { V } from '../../engine/run/population.ts';
import { check, cli, outputs } from './findings-helpers.ts';
import { explainPerson, explanationText } from '../../engine/explain.ts';

const IT = `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  assunzione: data
  cessazione: data facoltativo predefinito fine_anno
}

tabella assenze per persona {
  matricola: testo
  dal: data
  al: data
}

calcola giorni_mese = giorni_servizio_mese(assunzione; cessazione; assenze.dal; assenze.al)
calcola mesi = conta(giorni_mese dove giorni_mese > 15 giorni)
calcola mesi_almeno = conta(giorni_mese dove giorni_mese >= 15 giorni)
calcola giorni = giorni_servizio(assunzione; cessazione)
calcola inizio = maggiore(assunzione; inizio_anno)
calcola fine_prova = aggiungi_mesi(assunzione; 6 mesi)
calcola neoassunto = anno_di(assunzione) = anno
`;

const EN = `scheme t year 2024 language en

inputs person {
  id: text key
  hired: date
  left: date optional default year_end
}

table absences per person {
  id: text
  start: date
  end: date
}

compute days_by_month = service_days_by_month(hired, left, absences.start, absences.end)
compute months = count(days_by_month where days_by_month > 15 days)
compute months_at_least = count(days_by_month where days_by_month >= 15 days)
compute days = service_days(hired, left)
compute start_day = greater(hired, year_start)
compute probation_end = add_months(hired, 6 months)
compute new_hire = year_of(hired) = year
`;

/** Evaluates `names` of one person of an inline scheme (inputs as ISO dates), absences as [from, to] rows. */
function evalPerson(src: string, inputs: Record<string, string>, names: string[], absences: [string, string][] = [], cols = ['dal', 'al'], key = 'matricola', table = 'assenze') {
  const ir = compileSource(src);
  const rows = absences.map(([a, b]) => new Map<string, V>([[key, 'P1'], [cols[0], a], [cols[1], b]]));
  const ev = new Evaluator(ir, { ente: new Map(), units: new Map(), persons: [{ key: 'P1', inputs: new Map(Object.entries({ [key]: 'P1', ...inputs })) }], tables: new Map([[table, rows]]), ext: new Map() });
  return Object.fromEntries(names.map((n) => [n, plain(ev.value(n, { level: 'persona', p: 0 }))]));
}

describe('the calendar', () => {
  it('knows leap years: 2024 and 2000 are, 2100 and 2023 are not', () => {
    expect([2024, 2000, 2100, 2023].map(isLeap)).toEqual([true, true, false, false]);
  });

  it('adds calendar months clamping to the month end: 31 January + 1 month is the last day of February', () => {
    expect(addMonths({ y: 2024, m: 1, d: 31 }, 1)).toEqual({ y: 2024, m: 2, d: 29 });
    expect(addMonths({ y: 2023, m: 1, d: 31 }, 1)).toEqual({ y: 2023, m: 2, d: 28 });
    expect(addMonths({ y: 2100, m: 1, d: 31 }, 1)).toEqual({ y: 2100, m: 2, d: 28 });
    expect(addMonths({ y: 2024, m: 11, d: 30 }, 3)).toEqual({ y: 2025, m: 2, d: 28 });
    expect(addMonths({ y: 2024, m: 3, d: 31 }, -1)).toEqual({ y: 2024, m: 2, d: 29 });
  });

  it('counts whole months as the largest n with a + n months ≤ b', () => {
    expect(wholeMonths({ y: 2024, m: 1, d: 15 }, { y: 2024, m: 2, d: 14 })).toBe(0);
    expect(wholeMonths({ y: 2024, m: 1, d: 15 }, { y: 2024, m: 2, d: 15 })).toBe(1);
    expect(wholeMonths({ y: 2024, m: 1, d: 31 }, { y: 2024, m: 2, d: 29 })).toBe(1);
    expect(wholeMonths({ y: 2024, m: 3, d: 1 }, { y: 2023, m: 1, d: 1 })).toBe(-14);
  });

  it('reads ISO and Italian dates and refuses impossible days, two-digit years and times', () => {
    expect(parseDateText('29/02/2024')).toEqual({ ok: true, civil: { y: 2024, m: 2, d: 29 } });
    expect(parseDateText('2000-02-29')).toEqual({ ok: true, civil: { y: 2000, m: 2, d: 29 } });
    expect(parseDateText('1/3/2024')).toEqual({ ok: true, civil: { y: 2024, m: 3, d: 1 } });
    for (const bad of ['31/02/2024', '29/02/2100', '2024-13-01', '01/01/24', '2024-03-01T00:00:00Z', 'ieri', '2024/03/01']) {
      expect(parseDateText(bad).ok, bad).toBe(false);
    }
    expect(parseDateText('29/02/2100')).toMatchObject({ why: expect.stringContaining('non è bisestile') });
  });

  it('splits service days by month of the year, counting an absent day once however many periods cover it', () => {
    const by = serviceByMonth(2024, { y: 2023, m: 6, d: 1 }, { y: 2024, m: 3, d: 10 }, [
      [{ y: 2024, m: 1, d: 10 }, { y: 2024, m: 1, d: 20 }], [{ y: 2024, m: 1, d: 15 }, { y: 2024, m: 2, d: 5 }],
    ]);
    expect(by).toEqual([31 - 22, 29 - 5, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('dates in a scheme, in both keyword sets', () => {
  const cases = [
    { lang: 'it', src: IT, names: ['giorni_mese', 'mesi', 'mesi_almeno', 'giorni', 'inizio', 'fine_prova', 'neoassunto'], inp: (h: string, l?: string) => ({ assunzione: h, ...(l ? { cessazione: l } : {}) }), cols: ['dal', 'al'], key: 'matricola', table: 'assenze' },
    { lang: 'en', src: EN, names: ['days_by_month', 'months', 'months_at_least', 'days', 'start_day', 'probation_end', 'new_hire'], inp: (h: string, l?: string) => ({ hired: h, ...(l ? { left: l } : {}) }), cols: ['start', 'end'], key: 'id', table: 'absences' },
  ];
  for (const c of cases) {
    it(`(${c.lang}) counts months under the stated day rule: «more than 15 days» and «at least 15 days» differ on a month of exactly 15`, () => {
      // hired 17 January (15 days of January), leaving 15 March (15 days of March), absent 1–10 February (19 days left)
      const v = evalPerson(c.src, c.inp('2024-01-17', '2024-03-15'), c.names, [['2024-02-01', '2024-02-10']], c.cols, c.key, c.table);
      const [byMonth, over15, atLeast15, days] = c.names.map((n) => v[n]);
      expect(byMonth).toEqual(['15', '19', '15', '0', '0', '0', '0', '0', '0', '0', '0', '0']);
      expect(over15).toBe('1');
      expect(atLeast15).toBe('3');
      expect(days).toBe('59'); // service days ignore absences unless given them: 15 + 29 + 15
    });

    it(`(${c.lang}) reads an optional leaving date as its stated default, the scheme year's end (a leap year: 366 days)`, () => {
      const v = evalPerson(c.src, c.inp('2023-05-31'), c.names);
      expect(v[c.names[3]]).toBe('366');
      expect(v[c.names[4]]).toBe('2024-01-01'); // the later of hire and 1 January
      expect(v[c.names[5]]).toBe('2023-11-30'); // 31 May + 6 months: 30 November
      expect(v[c.names[6]]).toBe(false);
    });
  }

  it('computes days of a period both ends included, differences, parts, month ends, leap years and dates from parts', () => {
    const src = `scheda t anno 2100 lingua it
dati persona {
  matricola: testo chiave
  d1: data
  d2: data
}
calcola periodo = giorni_tra(d1; d2)
calcola differenza = differenza_giorni(d1; d2)
calcola mesi = mesi_interi(d1; d2)
calcola dopo = aggiungi_giorni(d1; 30 giorni)
calcola parti = [giorno_di(d1); mese_di(d1); anno_di(d1)]
calcola fine_febbraio = fine_mese(data_da(anno; 2; 1))
calcola bisestili = [bisestile(anno); bisestile(2000); bisestile(data 2024-06-01)]
calcola prima = minore(d1; d2; fine_anno)
calcola prima_di = d1 < d2 e d1 <> d2 e non (d1 >= d2)
`;
    const v = evalPerson(src, { d1: '2100-01-31', d2: '2100-03-01' }, ['periodo', 'differenza', 'mesi', 'dopo', 'parti', 'fine_febbraio', 'bisestili', 'prima', 'prima_di']);
    expect(v).toEqual({
      periodo: '30', differenza: '29', mesi: '1', dopo: '2100-03-02', parti: ['31', '1', '2100'], fine_febbraio: '2100-02-28',
      bisestili: [false, true, true], prima: '2100-01-31', prima_di: true,
    });
    const empty = evalPerson(src, { d1: '2100-03-01', d2: '2100-01-31' }, ['periodo', 'differenza', 'mesi']);
    expect(empty).toEqual({ periodo: '0', differenza: '-29', mesi: '-1' }); // a period that ends before it starts has no days
  });

  it('stops the run on a date that cannot exist, naming the rule', () => {
    const ir = compileSource(`scheda t anno 2024 lingua it
dati persona {
  matricola: testo chiave
  g: intero
}
calcola d = data_da(anno; 2; g)
`);
    const ev = new Evaluator(ir, { ente: new Map(), units: new Map(), persons: [{ key: 'P1', inputs: new Map<string, V>([['matricola', 'P1'], ['g', new D(30)]]) }], tables: new Map(), ext: new Map() });
    expect(() => ev.value('d', { level: 'persona', p: 0 })).toThrow(EvalError);
    try {
      ev.value('d', { level: 'persona', p: 0 });
    } catch (e) {
      expect((e as EvalError).code).toBe('date-invalid');
      expect(String((e as EvalError).args.why)).toContain('30/2/2024');
    }
  });
});

describe('the checker on dates', () => {
  const head = (body: string) => `scheda t anno 2024 lingua it
dati persona {
  matricola: testo chiave
  assunzione: data
  ore: ore
}
${body}
`;
  const codes = (body: string) => check(head(body)).filter((d) => d.severity === 'error').map((d) => d.code);

  it('refuses date − date with a hint to the functions that state whether the first day counts', () => {
    const d = check(head('calcola x = fine_anno - assunzione')).find((x) => x.code === 'date-arithmetic')!;
    expect(d).toBeDefined();
    expect(d.hint).toContain('giorni_tra');
    expect(codes('calcola x = assunzione + 5 giorni')).toContain('date-arithmetic');
  });

  it('refuses comparing a date with a number, and impossible date literals', () => {
    expect(codes('calcola x = assunzione > 2024')).toContain('date-compare');
    expect(codes('calcola x = assunzione > data 31/02/2024')).toContain('bad-date-literal');
    expect(codes('calcola x = assunzione > data 2024-13-01')).toContain('bad-date-literal');
    expect(codes('calcola x = assunzione > data 29/02/2024')).toEqual([]);
    expect(codes('calcola x = scala assunzione { da 1 → 1; altrimenti → 0 }')).toContain('date-compare');
  });

  it('wants months in aggiungi_mesi, a date in giorni_tra, and a per-person table of periods for absences', () => {
    expect(codes('calcola x = aggiungi_mesi(assunzione; 3 giorni)')).toContain('unit-mismatch');
    expect(codes('calcola x = aggiungi_mesi(assunzione; ore)')).toContain('unit-mismatch');
    expect(codes('calcola x = giorni_tra(assunzione; 5)')).toContain('type-mismatch');
    expect(codes('calcola x = giorni_servizio(assunzione; fine_anno; ore; ore)')).toContain('date-absences');
    expect(codes('calcola x = giorni_tra(assunzione)')).toContain('wrong-arguments');
  });

  it('types dates and days in --explain-types terms: a date is a date, days between are whole days', async () => {
    const { loadBundles } = await import('../../engine/pipeline.ts');
    const { inferredTypes, typeLines } = await import('../../engine/check/explain-types.ts');
    const { writeYear } = await import('./findings-helpers.ts');
    const y = writeYear(head('calcola fine_prova = aggiungi_mesi(assunzione; 6)\ncalcola durata = giorni_tra(assunzione; fine_anno)\ncalcola y = anno'), {});
    const [{ bundle }] = loadBundles([y.rules]);
    const lines = typeLines(inferredTypes(bundle.checked!)).join('\n');
    expect(lines).toMatch(/fine_prova \(persona\): una data/);
    expect(lines).toMatch(/durata \(persona\): giorni interi/);
    expect(lines).toMatch(/y \(persona\): un numero intero/);
  });

  it('keeps a declared name «anno» as the field it is, not the scheme year', () => {
    const src = `scheda t anno 2024 lingua it
dati persona {
  matricola: testo chiave
  anno: testo
}
calcola x = anno = "2020"
`;
    expect(check(src).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('formatting and translating dates', () => {
  it('prints gg/mm/aaaa in Italian and aaaa-mm-gg in English, and translates the year values and functions', () => {
    const src = `scheda t anno 2024 lingua it
dati persona {
  matricola: testo chiave
  cessazione: data facoltativo predefinito data 2024-12-31
}
calcola x = giorni_tra(data 1/3/2024; minore(cessazione; fine_anno)) + differenza_giorni(inizio_anno; data 2024-03-01)
calcola y = anno_di(cessazione) = anno
`;
    const ast = parse(src).ast;
    const it = format(ast);
    expect(it).toContain('cessazione: data facoltativo predefinito data 31/12/2024');
    expect(it).toContain('giorni_tra(data 01/03/2024; minore(cessazione; fine_anno))');
    const en = format(ast, 'en');
    expect(en).toContain('cessazione: date optional default date 2024-12-31');
    expect(en).toContain('days_between(date 2024-03-01, lesser(cessazione, year_end)) + days_difference(year_start, date 2024-03-01)');
    expect(en).toContain('compute y = year_of(cessazione) = year');
    expect(format(parse(en).ast, 'it')).toBe(it);
  });
});

describe('dates through a run', () => {
  const scheme = IT + `
esempio "Assunto il 10 gennaio, cessato il 15 marzo" {
  dato assunzione = data 10/01/2024
  dato cessazione = data 15/03/2024
  atteso giorni = 66 giorni
  atteso mesi = 2
  atteso fine_prova = data 10/07/2024
}
`;
  const data = {
    's-persone.csv': 'matricola;assunzione;cessazione\nA1;10/01/2024;15/03/2024\nA2;2023-05-31;\nA3;1/2/2024;\n',
    's-assenze.csv': 'matricola;dal;al\nA2;01/02/2024;20/02/2024\n',
  };

  it('writes dates as ISO texts in results.json and results.csv, and in Italian form in explain', async () => {
    const o = await outputs(scheme.replace('scheda t', 'scheda s'), data);
    const a1 = o.results.persone.find((p: { matricola?: string; chiave?: string }) => JSON.stringify(p).includes('"A1"'));
    expect(JSON.stringify(a1)).toContain('"2024-07-10"');
    const text = explanationText(explainPerson(o.run, 'A2')!);
    expect(text).toContain('dato assunzione = 31/05/2023');
    expect(text).toContain('dato cessazione = 31/12/2024'); // the stated default
    expect(text).toMatch(/fine_prova = 30\/11\/2023/);
  });

  it('writes gg/mm/aaaa for Italian Excel (--excel-it) and ISO otherwise; the examples pass', () => {
    const r = cli(scheme.replace('scheda t', 'scheda s'), data);
    expect(r.status, r.stderr).toBe(0);
    expect(r.file('results.csv')).toContain('2024-07-10');
    const x = cli(scheme.replace('scheda t', 'scheda s'), data, 'run', '$RULES', '--data', '$DATA', '--out', '$DATA/../x', '--excel-it');
    expect(x.status, x.stderr).toBe(0);
    const t = cli(scheme.replace('scheda t', 'scheda s'), data, 'test', '$RULES');
    expect(t.status, t.stdout + t.stderr).toBe(0);
  });

  it('refuses bad date cells with row and column: 31/02/2024, 2024-13-01, text', () => {
    const bad = cli(scheme.replace('scheda t', 'scheda s'), {
      's-persone.csv': 'matricola;assunzione;cessazione\nA1;31/02/2024;\nA2;2024-13-01;\nA3;ieri;\n',
      's-assenze.csv': 'matricola;dal;al\n',
    });
    expect(bad.status).toBe(1);
    const out = bad.stdout + bad.stderr;
    expect(out).toMatch(/riga 2.*assunzione|assunzione.*riga 2|:2\b.*assunzione/s);
    expect(out).toContain('31/02/2024');
    expect(out).toContain('2024-13-01');
    expect(out).toContain('ieri');
  });
});

describe('the README', () => {
  it('shows a dates example that checks and whose example passes', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { runExample } = await import('../../engine/run/examples.ts');
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const sample = readme.split('```\n').find((b) => b.startsWith('scheda servizio'))!;
    expect(sample).toBeDefined();
    const ir = compileSource(sample, 'servizio');
    expect(ir.examples.map((ex) => runExample(ir, ex))).toEqual([expect.objectContaining({ ok: true })]);
  });
});

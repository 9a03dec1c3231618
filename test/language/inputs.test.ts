// Inputs, hardened by real schemes (issue 7, "Inputs"): optional fields with a stated default, fields of a
// sub-population, keyed lookup into a table, named value sets, computed columns on table rows — each checked,
// compiled, run on CSV data (a small year run) and described by `scheda schema`; and every error case, with
// row and column for data, the person and the key for run-time errors. Small schemes, Italian and English.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleOf, diagnosticsOf } from '../check/helpers.ts';
import { runYear, type YearResult } from '../../engine/run/year.ts';
import { runExample } from '../../engine/run/examples.ts';
import { dataSchema } from '../../engine/run/data-schema.ts';
import { parse } from '../../engine/syntax/index.ts';
import { format } from '../../engine/format/format.ts';
import type { V } from '../../engine/run/population.ts';

const root = mkdtempSync(join(tmpdir(), 'scheda-inputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** Compiles `text` (it must have no errors) and runs its year on the CSV files given (`ente.csv` defaults to empty). */
async function year(text: string, files: Record<string, string>): Promise<YearResult> {
  const b = bundleOf(text);
  const errors = b.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`)).toEqual([]);
  const dir = join(root, `d${n++}`);
  mkdirSync(dir);
  for (const [f, body] of Object.entries({ 'ente.csv': 'nome;valore\n', ...files })) writeFileSync(join(dir, f), body);
  return runYear(b.irs, b.checked!.order, dir);
}

/** A successful run's value `name` per person key, as plain text. */
async function values(text: string, files: Record<string, string>, name: string): Promise<Record<string, string>> {
  const r = await year(text, files);
  if (!r.ok) throw new Error(JSON.stringify([...r.dataErrors, ...r.problems]));
  const run = r.runs.get('t')!;
  const show = (v: V) => (v !== null && typeof v === 'object' && 'toFixed' in v ? v.toFixed() : String(v));
  return Object.fromEntries(run.pop.persons.map((p, i) => [p.key, show(run.ev.value(name, { level: 'persona', p: i }))]));
}

const codes = (text: string) => diagnosticsOf(text).map((d) => d.code);

/** The examples of a scheme, run: each one's label and whether it passed (with its failure, if any). */
function examples(text: string) {
  const b = bundleOf(text);
  expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const ir = b.irs.get('t')!;
  return ir.examples.map((ex) => {
    const o = runExample(ir, ex);
    return { label: o.label, ok: o.ok, error: o.error?.code, failures: o.failures };
  });
}

// ---------------------------------------------------------------- optional fields

const OPTIONAL_IT = `scheda t anno 2025 lingua it
dati ente {
  maggiorazione: euro facoltativo predefinito 50 €
}
dati persona {
  matricola: testo chiave
  base: euro
  straordinari: euro facoltativo predefinito 0 € "Straordinari (vuoto: nessuno)"
}
calcola premio = base + straordinari + maggiorazione
esempio "Senza straordinari: il predefinito" {
  dato base = 100 €
  atteso premio = 150 €
}
`;

describe('optional fields with an explicit default', () => {
  it('an empty cell, a missing column and a missing entity fact read the stated default (year run, Italian)', async () => {
    expect(await values(OPTIONAL_IT, { 't-persone.csv': 'matricola;base;straordinari\nA;100;\nB;200;30\n' }, 'premio')).toEqual({ A: '150', B: '280' });
    expect(await values(OPTIONAL_IT, { 't-persone.csv': 'matricola;base\nA;100\n' }, 'premio')).toEqual({ A: '150' });
    expect(await values(OPTIONAL_IT, { 't-persone.csv': 'matricola;base\nA;100\n', 'ente.csv': 'nome;valore\nmaggiorazione;10\n' }, 'premio')).toEqual({ A: '110' });
  });

  it('reads the same in English (`optional default`)', async () => {
    const en = `scheme t year 2025 language en
inputs person {
  id: text key
  base: euro
  overtime: euro optional default 0 €
}
compute pay = base + overtime
`;
    expect(await values(en, { 't-persone.csv': 'id;base;overtime\nA;100;\nB;100;5\n' }, 'pay')).toEqual({ A: '100', B: '105' });
  });

  it('a non-optional empty cell stays an error with row and column: never a silent default', async () => {
    const r = await year(OPTIONAL_IT, { 't-persone.csv': 'matricola;base;straordinari\nA;;\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.dataErrors).toEqual([{ file: 't-persone.csv', line: 2, column: 'base', message: 'valore mancante' }]);
  });

  it('an example that does not give an optional field reads its default', () => {
    expect(examples(OPTIONAL_IT)).toEqual([{ label: 'Senza straordinari: il predefinito', ok: true, error: undefined, failures: [] }]);
  });

  it('the default must be a constant of the field\'s type, unit and range; a key cannot be optional', () => {
    const head = 'scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n';
    expect(codes(`${head}  x1: euro\n  x2: euro facoltativo predefinito x1\n}\n`)).toEqual(['default-not-constant']);
    expect(codes(`${head}  x2: euro facoltativo predefinito 3 punti\n}\n`)).toEqual(['unit-mismatch']);
    expect(codes(`${head}  x2: punti da 0 a 10 facoltativo predefinito 12 punti\n}\n`)).toEqual(['default-out-of-range']);
    expect(codes(`${head}  x2: sì_no facoltativo predefinito 0\n}\n`)).toEqual(['type-mismatch']);
    expect(codes('scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave facoltativo predefinito "x"\n}\n')).toEqual(['field-modifier-not-here']);
  });
});

// ---------------------------------------------------------------- fields of a sub-population

const GROUP_IT = `scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  categoria: uno_tra(B; C; D)
  base: euro
  posizione: euro solo se categoria = D "Retribuzione di posizione (solo categoria D)"
}
calcola premio = base + (se categoria = D allora posizione altrimenti 0 €)
calcola senza_guardia = base + posizione
calcola con_se_manca = base + se_manca(posizione; 0 €)
`;

describe('fields of a sub-population (`solo se` / `only if`)', () => {
  it('are read for the group and guarded for the others (year run)', async () => {
    const data = { 't-persone.csv': 'matricola;categoria;base;posizione\nA;D;100;40\nB;B;100;\nC;C;90;\n' };
    expect(await values(GROUP_IT.replace(/calcola senza_guardia.*\n/, ''), data, 'premio')).toEqual({ A: '140', B: '100', C: '90' });
    expect(await values(GROUP_IT.replace(/calcola senza_guardia.*\n/, ''), data, 'con_se_manca')).toEqual({ A: '140', B: '100', C: '90' });
  });

  it('are required for the group and must be empty for the others: data errors with row and column', async () => {
    const r = await year(GROUP_IT, { 't-persone.csv': 'matricola;categoria;base;posizione\nA;D;100;\nB;B;100;25\nC;C;90;\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.dataErrors.map((e) => [e.line, e.column, e.message])).toEqual([
      [2, 'posizione', 'valore mancante: «posizione» è richiesto quando categoria = D'],
      [3, 'posizione', '«posizione» deve restare vuoto: vale solo quando categoria = D, e questa riga non è così'],
    ]);
  });

  it('read unguarded for someone outside the group: a run-time error naming the condition and the person', async () => {
    const r = await year(GROUP_IT, { 't-persone.csv': 'matricola;categoria;base;posizione\nA;D;100;40\nB;B;100;\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ person: 'B', rule: 'senza_guardia' });
    expect(r.problems[0].message).toContain('«posizione» vale solo quando categoria = D, e per la persona B non è così');
  });

  it('reads the same in English, with a named set in the condition', async () => {
    const en = `scheme t year 2025 language en
set managerial = [D1, D2]
inputs person {
  id: text key
  grade: one_of(B1, D1, D2)
  allowance: euro only if grade in managerial
}
compute pay = if grade in managerial then allowance else 0 €
`;
    expect(await values(en, { 't-persone.csv': 'id;grade;allowance\nA;D2;70\nB;B1;\n' }, 'pay')).toEqual({ A: '70', B: '0' });
    const r = await year(en.replace('then allowance else 0 €', 'then allowance else allowance'), { 't-persone.csv': 'id;grade;allowance\nB;B1;\n' });
    expect(!r.ok && r.problems[0].message).toContain('The input «allowance» applies only when grade in managerial, which does not hold for person B');
  });

  it('the condition reads only always-present inputs of the same record; not on keys, tables or the entity', () => {
    const head = 'scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  categoria: uno_tra(B; D)\n';
    expect(codes(`${head}  x1: euro solo se totale > 10 punti\n}\n`)).toEqual(['only-if-reads']);
    expect(codes(`${head}  x1: euro solo se categoria = D\n  x2: euro solo se x1 > 0 €\n}\n`)).toEqual(['only-if-reads']);
    expect(codes(`${head}  x1: euro solo se x2 > 0 €\n}\ncalcola x2 = 1 €\n`)).toEqual(['only-if-reads']);
    expect(codes(`${head}}\ntabella t2 per ente {\n  codice: testo chiave\n  x: euro solo se codice = "a"\n}\n`)).toEqual(['field-modifier-not-here']);
    expect(codes(`${head}  x1: euro solo se categoria\n}\n`)).toEqual(['type-mismatch']);
  });

  it('`scheda schema` lists optional and sub-population fields as not required, with the default and the condition', () => {
    const ir = bundleOf(OPTIONAL_IT + 'calcola x = 1\n').irs.get('t')!;
    const s = dataSchema(ir) as { properties: Record<string, { items?: { required: string[]; properties: Record<string, Record<string, unknown>> }; required?: string[]; properties?: Record<string, Record<string, unknown>> }> };
    expect(s.properties.persone.items!.required).toEqual(['matricola', 'base']);
    expect(s.properties.persone.items!.properties.straordinari.default).toBe('0');
    expect(s.properties.ente.required).toEqual([]);
    expect(s.properties.ente.properties!.maggiorazione.default).toBe('50');
    const g = dataSchema(bundleOf(GROUP_IT).irs.get('t')!) as typeof s;
    expect(g.properties.persone.items!.required).toEqual(['matricola', 'categoria', 'base']);
    expect(g.properties.persone.items!.properties.posizione['x-solo-se']).toBe('categoria = D');
  });
});

// ---------------------------------------------------------------- keyed lookup

const LOOKUP_IT = `scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  categoria: uno_tra(B1; C1; D1)
  percentuale_tempo: percentuale
}
tabella importi per ente "Importo annuo per categoria" {
  categoria: testo chiave
  importo: euro
}
calcola premio = importi[categoria].importo * percentuale_tempo
calcola premio_d1 per ente = importi["D1"].importo
esempio "Una categoria, il suo importo" {
  dato categoria = C1
  dato percentuale_tempo = 50%
  dato importi.categoria = ["B1"; "C1"]
  dato importi.importo = [1.000 €; 1.200 €]
  atteso premio = 600 €
}
esempio "Due righe con la stessa chiave" {
  dato categoria = C1
  dato percentuale_tempo = 50%
  dato importi.categoria = ["C1"; "C1"]
  dato importi.importo = [1.000 €; 1.200 €]
  atteso premio = 600 €
}
`;

describe('keyed lookup `T[chiave].colonna`', () => {
  const persons = 'matricola;categoria;percentuale_tempo\nA;B1;100\nB;C1;50\nC;D1;100\n';

  it('reads the column of the row with that key (year run, Italian), at person and entity level', async () => {
    const data = { 't-persone.csv': persons, 't-importi.csv': 'categoria;importo\nD1;2000\nB1;1000\nC1;1200\n' };
    expect(await values(LOOKUP_IT, data, 'premio')).toEqual({ A: '1000', B: '600', C: '2000' });
    expect(await values(LOOKUP_IT, data, 'premio_d1')).toEqual({ A: '2000', B: '2000', C: '2000' });
  });

  it('a missing key is a run-time error naming the key, the table and the person, never 0', async () => {
    const r = await year(LOOKUP_IT, { 't-persone.csv': persons, 't-importi.csv': 'categoria;importo\nB1;1000\nD1;2000\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ person: 'B', rule: 'premio' });
    expect(r.problems[0].message).toContain('La tabella «importi» non ha una riga con chiave «C1», cercata per la persona B');
  });

  it('a duplicate key is a data error with row and column, never a silent sum', async () => {
    const r = await year(LOOKUP_IT, { 't-persone.csv': persons, 't-importi.csv': 'categoria;importo\nB1;1000\nC1;1200\nB1;900\nD1;1\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.dataErrors).toEqual([{ file: 't-importi.csv', line: 4, column: 'categoria', message: '«B1» compare due volte (già alla riga 2)' }]);
  });

  it('in examples: the key found, and a duplicate key refused', () => {
    expect(examples(LOOKUP_IT).map((e) => [e.ok, e.error])).toEqual([[true, undefined], [false, 'lookup-duplicate-key']]);
  });

  it('reads the same in English, with a numeric key', async () => {
    const en = `scheme t year 2025 language en
inputs person {
  id: text key
  level: integer from 1 to 3
}
table rates per entity {
  level: integer key
  rate: euro
}
compute pay = rates[level].rate
`;
    expect(await values(en, { 't-persone.csv': 'id;level\nA;1\nB;3\n', 't-rates.csv': 'level;rate\n3;30\n1;10\n2;20\n' }, 'pay')).toEqual({ A: '10', B: '30' });
  });

  it('the table must be an entity table with a key column; the column must exist; the key must have its type', () => {
    const head = 'scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  livello: intero\n}\n';
    expect(codes(`${head}tabella tb per ente {\n  k: testo\n  v: euro\n}\ncalcola x = tb["z"].v\n`)).toEqual(['lookup-not-keyed']);
    expect(codes(`${head}tabella tb per persona {\n  matricola: testo chiave\n  v: euro\n}\ncalcola x = tb[matricola].v\n`)).toEqual(['lookup-not-keyed']);
    expect(codes(`${head}tabella tb per ente {\n  k: testo chiave\n  v: euro\n}\ncalcola x = tb["z"].w\n`)).toEqual(['unknown-name']);
    expect(codes(`${head}tabella tb per ente {\n  k: testo chiave\n  v: euro\n}\ncalcola x = tb[livello].v\n`)).toEqual(['type-mismatch']);
    expect(codes(`${head}calcola x = nessuntb["z"].v\n`)).toEqual(['unknown-name-nosuggest']);
  });

  it('is indexed once: a thousand persons over a thousand keys read without scanning', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `K${i};${i}`).join('\n');
    const ps = Array.from({ length: 1000 }, (_, i) => `P${i};K${999 - i}`).join('\n');
    const text = 'scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  codice: testo\n}\ntabella v per ente {\n  codice: testo chiave\n  valore: numero\n}\ncalcola x = v[codice].valore\n';
    const t0 = performance.now();
    const out = await values(text, { 't-persone.csv': `matricola;codice\n${ps}\n`, 't-v.csv': `codice;valore\n${rows}\n` }, 'x');
    expect(out.P0).toBe('999');
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

// ---------------------------------------------------------------- named value sets

describe('named value sets (`insieme` / `set`)', () => {
  const SETS_IT = `scheda t anno 2025 lingua it
insieme dirigenziali = [D1; D2; D3]
insieme citati = ["B1"; "D1"]
dati persona {
  matricola: testo chiave
  categoria: uno_tra(B1; C1; D1; D2; D3)
}
calcola dirigente = categoria in dirigenziali
calcola altro = categoria non in dirigenziali
calcola citato = categoria in citati
calcola quanti per ente = conta(matricola dove categoria in dirigenziali)
`;

  it('are reused in `x in s` and `x non in s`, bare or quoted labels (year run)', async () => {
    const data = { 't-persone.csv': 'matricola;categoria\nA;D2\nB;B1\nC;C1\n' };
    expect(await values(SETS_IT, data, 'dirigente')).toEqual({ A: 'true', B: 'false', C: 'false' });
    expect(await values(SETS_IT, data, 'altro')).toEqual({ A: 'false', B: 'true', C: 'true' });
    expect(await values(SETS_IT, data, 'citato')).toEqual({ A: 'false', B: 'true', C: 'false' });
    expect(await values(SETS_IT, data, 'quanti')).toEqual({ A: '1', B: '1', C: '1' });
  });

  it('are type-checked against the enumeration at each use; a set is no value', () => {
    expect(codes(SETS_IT.replace('[D1; D2; D3]', '[D1; D2; D9]'))).toEqual(['bad-enum-label']);
    expect(codes(SETS_IT.replace('["B1"; "D1"]', '["B1"; "Z1"]'))).toEqual(['bad-enum-label']);
    expect(codes(SETS_IT + 'calcola y = dirigenziali\n')).toEqual(['set-misuse']);
    expect(codes(SETS_IT + 'calcola y = categoria in dirigenziale\n')).toEqual(['unknown-name']);
    expect(codes(SETS_IT + 'insieme numeri = [1; 2]\ncalcola y = categoria in numeri\n')).toEqual(['type-mismatch', 'type-mismatch']);
  });

  it('read the same in English and print in either language', async () => {
    const en = `scheme t year 2025 language en
set managerial = [D1, D2]
inputs person {
  id: text key
  grade: one_of(B1, D1, D2)
}
compute manager = grade in managerial
`;
    expect(await values(en, { 't-persone.csv': 'id;grade\nA;D1\nB;B1\n' }, 'manager')).toEqual({ A: 'true', B: 'false' });
    const it = format(parse(en).ast, 'it');
    expect(it).toContain('insieme managerial = [D1; D2]');
    expect(it).toContain('calcola manager = grade in managerial');
  });
});

// ---------------------------------------------------------------- computed columns

const COMPUTED_IT = `scheda t anno 2025 lingua it
dati ente {
  soglia: numero
}
dati persona {
  matricola: testo chiave
}
tabella timbrature per persona "Ore lavorate per giorno" {
  matricola: testo
  ore: numero
  calcola giorno_pieno "Giornata piena" = ore >= soglia
  calcola ore_extra = se giorno_pieno allora ore - soglia altrimenti 0
}
calcola giorni_pieni = conta(timbrature.giorno_pieno)
calcola righe = conta(timbrature.ore)
calcola ore_in_giorni_pieni = somma(timbrature.ore dove timbrature.giorno_pieno)
calcola extra = somma(timbrature.ore_extra)
calcola giorni_pieni_totali per ente = conta(timbrature.giorno_pieno)
`;

describe('computed columns on table rows', () => {
  const data = { 'ente.csv': 'nome;valore\nsoglia;6\n', 't-persone.csv': 'matricola\nA\nB\n', 't-timbrature.csv': 'matricola;ore\nA;8\nA;4\nA;6\nB;3\n' };

  it('are usable in every aggregate over the table, per person and per entity (year run)', async () => {
    expect(await values(COMPUTED_IT, data, 'giorni_pieni')).toEqual({ A: '2', B: '0' });
    expect(await values(COMPUTED_IT, data, 'righe')).toEqual({ A: '3', B: '1' });
    expect(await values(COMPUTED_IT, data, 'ore_in_giorni_pieni')).toEqual({ A: '14', B: '0' });
    expect(await values(COMPUTED_IT, data, 'extra')).toEqual({ A: '2', B: '0' });
    expect(await values(COMPUTED_IT, data, 'giorni_pieni_totali')).toEqual({ A: '2', B: '2' });
  });

  it('are not inputs: not in the data file, not in `scheda schema`', () => {
    const s = dataSchema(bundleOf(COMPUTED_IT).irs.get('t')!) as { properties: Record<string, { items: { required: string[] } }> };
    expect(s.properties.timbrature.items.required).toEqual(['matricola', 'ore']);
  });

  it('read the same in English, in examples too', () => {
    const en = `scheme t year 2025 language en
inputs person {
  id: text key
}
table shifts per person {
  id: text
  hours: number
  compute full_day = hours >= 6
}
compute full_days = count(shifts.full_day)
example "Two full days out of three" {
  given shifts.hours = [8, 4, 6]
  expect full_days = 2
}
`;
    expect(examples(en)).toEqual([{ label: 'Two full days out of three', ok: true, error: undefined, failures: [] }]);
  });

  it('read only the row and entity values, and columns declared above them', () => {
    const head = 'scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  punteggio: punti\n}\n';
    expect(codes(`${head}tabella r per persona {\n  matricola: testo\n  ore: numero\n  calcola c = ore > 0 e punteggio > 0 punti\n}\n`)).toEqual(['level-mismatch']);
    expect(codes(`${head}tabella r per persona {\n  matricola: testo\n  ore: numero\n  calcola c1 = c2\n  calcola c2 = ore > 0\n}\n`)).toEqual(['computed-column-order']);
    expect(codes(`${head}tabella r per persona {\n  matricola: testo\n  ore: numero\n  calcola ore = 1\n}\n`)).toEqual(['duplicate-name']);
  });
});

// ---------------------------------------------------------------- counts

describe('counts of rows and of yes values', () => {
  it('`conta` of a yes/no column counts the yes values; of any other column, the rows; `dove` filters first', async () => {
    const text = COMPUTED_IT + 'calcola pieni_lunghi = conta(timbrature.giorno_pieno dove timbrature.ore > 6)\ncalcola righe_lunghe = conta(timbrature.ore dove timbrature.ore > 5)\n';
    const data = { 'ente.csv': 'nome;valore\nsoglia;6\n', 't-persone.csv': 'matricola\nA\n', 't-timbrature.csv': 'matricola;ore\nA;8\nA;4\nA;6\n' };
    expect(await values(text, data, 'pieni_lunghi')).toEqual({ A: '1' });
    expect(await values(text, data, 'righe_lunghe')).toEqual({ A: '2' });
  });
});

// ---------------------------------------------------------------- formatting

describe('the formatter keeps every new construct, in either language', () => {
  for (const [what, text] of [['optional', OPTIONAL_IT], ['sub-population', GROUP_IT], ['lookup', LOOKUP_IT], ['computed', COMPUTED_IT]] as const) {
    it(`${what}: it → en → it is the canonical Italian text, and both check clean`, () => {
      const canon = format(parse(text).ast);
      const en = format(parse(canon).ast, 'en');
      expect(format(parse(en).ast, 'it')).toBe(canon);
      expect(diagnosticsOf(en).filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});

// Hostile and careless inputs (issue 6, «Inputs read exactly», «No quadratic paths», «Crashes at scale»,
// «Library use»): one test per finding, on a small scheme written here (helpers.ts) with generic names
// and data. Bad input is always a clear error naming file, row and column; never a crash, a hang, a
// silent default or a rounded value. The complexity tests count work (rows read, comparisons made);
// they time nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkIntervals } from '../../engine/check/tables.ts';
import type { Ty } from '../../engine/check/types.ts';
import { parseNumber } from '../../engine/data/convert.ts';
import { maxDataBytes, readTable, type RawTable } from '../../engine/data/read.ts';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.ts';
import { buildBundle } from '../../engine/pipeline.ts';
import { buildReport, buildResults } from '../../engine/report/tables.ts';
import { resultsCsv } from '../../engine/report/csv.ts';
import { reportHtml } from '../../engine/report/html.ts';
import { resultsJsonParts, writeParts } from '../../engine/report/results-json.ts';
import { D } from '../../engine/run/decimal.ts';
import { EvalError } from '../../engine/run/errors.ts';
import { Evaluator } from '../../engine/run/evaluate.ts';
import type { PersonData, Population, V } from '../../engine/run/population.ts';
import { runYear } from '../../engine/run/year.ts';
import type * as A from '../../engine/syntax/ast.ts';
import { parse } from '../../engine/syntax/index.ts';
import { compile, dataDir, defaultFiles, errorsWith, PERSONS_HEADER, removeDirs, runOn, runsWith, SCHEME } from './helpers.ts';

afterAll(removeDirs);

const ROOT = join(import.meta.dirname, '..', '..');
const PERSONS = 's-persone.csv';
const at = (e: { file: string; line?: number; column?: string }) => `${e.file}:${e.line}:${e.column}`;
const value = (run: Awaited<ReturnType<typeof runsWith>>, key: string, name: string): V => {
  const p = run.pop.persons.findIndex((x) => x.key === key);
  expect(p, `person ${key}`).toBeGreaterThanOrEqual(0);
  return run.ev.value(name, { level: 'persona', p });
};

describe('inputs read exactly: own properties only', () => {
  it('a JSON row missing fields named like inherited properties (constructor, toString) reads them as missing, not inherited', async () => {
    const rows: Record<string, string>[] = [
      { matricola: 'M1', ufficio: 'A', importo: '10', descrizione: 'x' },
      { matricola: 'M2', ufficio: 'A', importo: '20', descrizione: 'x', constructor: 'a', toString: 'b' },
    ];
    const errors = await errorsWith({ 's-persone.json': JSON.stringify(rows) }, [PERSONS]);
    expect(errors.map(at)).toEqual(['s-persone.json:1:constructor', 's-persone.json:1:toString']);
    for (const e of errors) expect(e.message).toMatch(/valore mancante/);
  });

  it('a unit code, a person key and a table key named __proto__ or constructor keep their rows in every value, table and report', async () => {
    const run = await runsWith({
      's-ufficio.csv': 'codice\n__proto__\nconstructor\nA\n',
      's-persone.csv': [PERSONS_HEADER, '__proto__;__proto__;10;x;a;b', 'constructor;__proto__;200;x;a;a', 'hasOwnProperty;__proto__;50;x;a;b',
        'toString;constructor;150;x;a;b', 'valueOf;constructor;150;x;a;b', 'M6;constructor;150;x;a;b', 'M7;A;1;x;a;b'].join('\n') + '\n',
      's-premi.csv': 'matricola;premio\n__proto__;5\n__proto__;6\nconstructor;7\ntoString;1\n',
      's-spese.csv': 'ufficio;spesa\n__proto__;100\nconstructor;50\n',
    });
    expect(run.units).toEqual(['A', '__proto__', 'constructor']);
    expect(String(value(run, '__proto__', 'premi_persona'))).toBe('11');
    expect(String(value(run, 'constructor', 'premi_persona'))).toBe('7');
    expect(String(value(run, 'hasOwnProperty', 'premi_persona'))).toBe('0');
    expect(String(run.ev.value('premi_ufficio', { level: 'unit', unit: '__proto__' }))).toBe('18');
    expect(String(run.ev.value('spese_ufficio', { level: 'unit', unit: '__proto__' }))).toBe('100');
    const rep = buildReport(run);
    // the per-unit report and the bands per unit: one row each, for each unit
    expect(rep.prospetti[0].tabella!.map((r) => r.valori[0])).toEqual(['A', '__proto__', 'constructor']);
    const perUnit = rep.statistiche.fasce[0].per_unita;
    expect(Object.keys(perUnit)).toEqual(['A', '__proto__', 'constructor']);
    expect(Object.hasOwn(perUnit, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(rep)).statistiche.fasce[0].per_unita).toHaveProperty(['__proto__']);
    expect(reportHtml(rep)).toMatch(/<td>__proto__<\/td>/);
    const results = JSON.parse(JSON.stringify(buildResults(run)));
    expect(Object.keys(results.unita)).toEqual(['A', '__proto__', 'constructor']);
    expect(results.unita.__proto__).toEqual({ premi_ufficio: '18.00', spese_ufficio: '100.00', addetti: '3' }); // money with two decimals
  });
});

describe('inputs read exactly: scalars, digits, precision', () => {
  it('an object or a list in a JSON scalar field is refused with file, row and column, not turned into text', async () => {
    const rows = [
      { matricola: 'M1', ufficio: 'A', importo: '10', descrizione: { testo: 'x' }, constructor: 'a', toString: 'b' },
      { matricola: 'M2', ufficio: 'A', importo: [10, 20], descrizione: 'x', constructor: 'a', toString: 'b' },
      { matricola: ['M3'], ufficio: 'A', importo: '10', descrizione: 'x', constructor: 'a', toString: 'b' },
    ];
    const errors = await errorsWith({ 's-persone.json': JSON.stringify(rows) }, [PERSONS]);
    expect(errors.map(at)).toEqual(['s-persone.json:1:descrizione', 's-persone.json:2:importo', 's-persone.json:3:matricola']);
    expect(errors[0].message).toMatch(/oggetto JSON/);
    expect(errors[1].message).toMatch(/«\[10, 20\]» è un elenco: qui serve un solo valore/);
  });

  it('a JSON field given twice in one row is refused, not the last one taken', async () => {
    const text = '[{"matricola": "M1", "ufficio": "A", "importo": "10", "importo": "99", "descrizione": "x", "constructor": "a", "toString": "b"}]';
    const errors = await errorsWith({ 's-persone.json': text }, [PERSONS]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 's-persone.json', line: 1 });
    expect(errors[0].message).toContain(`«importo» compare due volte nello stesso oggetto (riga 1, colonna ${text.indexOf('"importo": "99"') + 1})`);
  });

  it('digit grouping is validated: «12 34» is refused with row and column, «1 234,50» and «1.234,50» are read', async () => {
    expect(parseNumber('12 34')).toBeNull();
    expect(parseNumber('1 2')).toBeNull();
    expect(parseNumber('1 234 5')).toBeNull();
    expect(parseNumber('12\t34')).toBeNull();
    expect(parseNumber('1€2')).toBeNull();
    expect(parseNumber('€ 1 €')).toBeNull();
    expect(parseNumber('1 234,50')).toBe('1234.50');
    expect(parseNumber('1\u00a0234\u00a0567.5')).toBe('1234567.5');
    expect(parseNumber('-1 234 €')).toBe('-1234');
    expect(parseNumber('-€ 7,5')).toBe('-7.5');
    const errors = await errorsWith({ [PERSONS]: `${PERSONS_HEADER}\nM1;A;1 234,50;x;a;b\nM2;A;12 34;x;a;b\nM3;A;1.234,50;x;a;b\n` });
    expect(errors.map(at)).toEqual(['s-persone.csv:3:importo']);
    expect(errors[0].message).toMatch(/«12 34» non è un importo in euro/);
  });

  it('a 60-digit amount in the data is refused, not rounded to 40 digits (CSV and JSON); 40 digits are read exactly', async () => {
    const sixty = '123456789012345678901234567890123456789012345678901234567890';
    const csv = await errorsWith({ [PERSONS]: `${PERSONS_HEADER}\nM1;A;${sixty};x;a;b\nM2;A;0,${sixty};x;a;b\n` });
    expect(csv.map(at)).toEqual(['s-persone.csv:2:importo', 's-persone.csv:3:importo']);
    expect(csv[0].message).toMatch(/più di 40 cifre/);
    const row = (importo: string) => `{"matricola": "M1", "ufficio": "A", "importo": ${importo}, "descrizione": "x", "constructor": "a", "toString": "b"}`;
    const json = await errorsWith({ 's-persone.json': `[${row(sixty)}]` }, [PERSONS]);
    expect(json.map(at)).toEqual(['s-persone.json:1:importo']);
    const forty = '123456789012345678901234567890123456.7891'; // 40 digits
    const run = await runsWith({ 's-persone.json': `[${row(forty)}]` }, [PERSONS]);
    expect(run.pop.persons[0].inputs.get('importo')!.toString()).toBe(forty);
    for (const tiny of ['1e-50', '1e-9000000000000001', '1e9000000000000001']) {
      const exponent = await errorsWith({ 's-persone.json': `[${row(tiny)}]` }, [PERSONS]);
      expect(exponent.map(at), tiny).toEqual(['s-persone.json:1:importo']);
    }
  });

  it('a 60-digit literal in a rule file is an error at its line and column; a percentage literal is divided exactly', () => {
    const sixty = '123456789012345678901234567890123456789012345678901234567890';
    const text = `scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  x: numero\n}\ncalcola y = x + ${sixty}\n`;
    const r = parse(text, 't.scheda');
    const d = r.diagnostics.find((x) => x.code === 'number-too-precise');
    expect(d).toMatchObject({ severity: 'error', file: 't.scheda', span: { line: 6, col: 17 } });
    expect(d!.message).toMatch(/ha 60 cifre/);
    expect(buildBundle([{ id: 't', file: 't.scheda', text }]).ok).toBe(false);
    const ok = buildBundle([{ id: 't', file: 't.scheda', text: text.replace(sixty, '12,3456789012345678901234567890123456789%') }]);
    expect(ok.ok).toBe(true);
    expect(JSON.stringify(ok.irs.get('t')!.decls.find((x) => x.name === 'y')!.expr)).toContain('"0.123456789012345678901234567890123456789"');
  });

  it('Excel numbers are read at the 15 significant digits Excel shows: a cell computed as 0.1+0.2 is 0.3', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('dati');
    ws.addRow(PERSONS_HEADER.split(';'));
    ws.addRow(['M1', 'A', 0.1 + 0.2, 'x', 'a', 'b']);
    ws.addRow(['M2', 'A', null, 'x', 'a', 'b']);
    ws.getCell('C3').value = { formula: '0.1+0.2', result: 0.1 + 0.2 } as ExcelJS.CellFormulaValue;
    ws.addRow(['M3', 'A', 1234.5, 'x', 'a', 'b']);
    ws.addRow(['M4', 'A', 1 / 3, 'x', 'a', 'b']);
    const dir = dataDir({ ...defaultFiles() });
    await wb.xlsx.writeFile(join(dir, 's-persone.xlsx'));
    execFileSync('rm', [join(dir, PERSONS)]);
    const r = await runOn(dir);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const run = r.runs.get('s')!;
    expect(run.pop.persons.map((p) => `${p.key}=${p.inputs.get('importo')!.toString()}`)).toEqual(['M1=0.3', 'M2=0.3', 'M3=1234.5', 'M4=0.333333333333333']);
  });

  it('an Excel error value (#DIV/0!) is refused with row and column, not read as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('dati');
    ws.addRow(PERSONS_HEADER.split(';'));
    ws.addRow(['M1', 'A', 10, 'x', 'a', 'b']);
    ws.getCell('D2').value = { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
    const dir = dataDir({ ...defaultFiles() });
    await wb.xlsx.writeFile(join(dir, 's-persone.xlsx'));
    execFileSync('rm', [join(dir, PERSONS)]);
    const r = await runOn(dir);
    expect(r.ok).toBe(false);
    const errors = (r as { errors: { file: string; line?: number; column?: string; message: string }[] }).errors;
    expect(errors.map(at)).toEqual(['s-persone.xlsx:2:descrizione']);
    expect(errors[0].message).toMatch(/#DIV\/0!/);
  });
});

describe('inputs read exactly: keys', () => {
  it('keys are compared in Unicode NFC: a name composed and decomposed is one key, so given twice it is a duplicate', async () => {
    const composed = 'Jos\u00e9';
    const decomposed = 'Jose\u0301';
    const errors = await errorsWith({ [PERSONS]: `${PERSONS_HEADER}\n${composed};A;10;x;a;b\n${decomposed};A;10;x;a;b\n`, 's-premi.csv': `matricola;premio\n${decomposed};5\n` });
    expect(errors.map(at)).toEqual(['s-persone.csv:3:matricola']);
    expect(errors[0].message).toMatch(/compare due volte \(già alla riga 2\)/);
    // a unit code written decomposed in one file and composed in the other is the same unit
    const run = await runsWith({
      's-ufficio.csv': `codice\nUffici\u00f2\n`,
      [PERSONS]: `${PERSONS_HEADER}\nM1;Uffici\u006f\u0300;10;x;a;b\n`,
      's-premi.csv': 'matricola;premio\n', 's-spese.csv': 'ufficio;spesa\n',
    });
    expect(run.units).toEqual(['Uffici\u00f2']);
  });

  it.each([
    ['a zero-width space (U+200B)', 'M\u200b1', 'U+200B'],
    ['a zero-width joiner (U+200D)', 'M\u200d1', 'U+200D'],
    ['a word joiner (U+2060)', 'M\u20601', 'U+2060'],
    ['a BOM inside the key (U+FEFF)', 'M\ufeff1', 'U+FEFF'],
    ['a control character (BEL)', 'M\u00071', 'U+0007'],
    ['a tab inside the key', 'M\t1', 'U+0009'],
    ['a bidi override (U+202E)', 'M\u202e1', 'U+202E'],
  ])('a person key with %s is refused with row and column', async (_what, key, code) => {
    const errors = await errorsWith({ [PERSONS]: `${PERSONS_HEADER}\nM1;A;10;x;a;b\n${key};A;10;x;a;b\n`, 's-premi.csv': 'matricola;premio\n' });
    expect(errors.map(at)).toEqual(['s-persone.csv:3:matricola']);
    expect(errors[0].message).toContain(code);
    expect(errors[0].message).toMatch(/carattere (invisibile|di controllo)/);
  });

  it('a unit code and a table key with a zero-width character are refused where they are written', async () => {
    const errors = await errorsWith({
      's-ufficio.csv': 'codice\nA\nB\nC\u200c\n',
      's-premi.csv': 'matricola;premio\nM1\u200b;5\n',
      's-spese.csv': 'ufficio;spesa\nA\u2060;100\n',
    });
    expect(errors.map(at)).toEqual(['s-premi.csv:2:matricola', 's-spese.csv:2:ufficio', 's-ufficio.csv:4:codice']);
  });
});

describe('inputs read exactly: files', () => {
  it('a persons file with only a header is an error (file and row), not a run of 0 persons', async () => {
    const errors = await errorsWith({ [PERSONS]: `${PERSONS_HEADER}\n` });
    expect(errors.map(at)).toEqual(['s-persone.csv:1:undefined']);
    expect(errors[0].message).toMatch(/non ha righe di dati/);
    const json = await errorsWith({ 's-persone.json': '[]' }, [PERSONS]);
    expect(json.map((e) => e.file)).toEqual(['s-persone.json']);
    // the other tables may be empty: nobody had a prize, no office had expenses
    await runsWith({ 's-premi.csv': 'matricola;premio\n', 's-spese.json': '[]' }, ['s-spese.csv']);
  });

  it('scheda run on a persons file with only a header exits 1, names the file and row, and writes nothing', () => {
    const dir = dataDir({ ...defaultFiles(), [PERSONS]: `${PERSONS_HEADER}\n` });
    const rules = dataDir({ 's.scheda': SCHEME });
    const out = join(dir, 'out');
    const r = spawnSync(process.execPath, ['bin/scheda.mjs', 'run', rules, '--data', dir, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/s-persone\.csv:1: errore nei dati: il file non ha righe di dati/);
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('a data file that is a FIFO is refused at once, without waiting for a writer', async () => {
    const dir = dataDir({ ...defaultFiles() });
    execFileSync('rm', [join(dir, PERSONS)]);
    execFileSync('mkfifo', [join(dir, PERSONS)]);
    const r = await runOn(dir);
    expect(r.ok).toBe(false);
    const errors = (r as { errors: { file: string; message: string }[] }).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0].file).toBe(PERSONS);
    expect(errors[0].message).toMatch(/non è un file normale ma una pipe \(FIFO\)/);
  }, 10_000);

  it.skipIf(!existsSync('/dev/zero'))('a data file that links to /dev/zero is refused without reading a byte', async () => {
    const dir = dataDir({ ...defaultFiles() });
    execFileSync('rm', [join(dir, PERSONS)]);
    symlinkSync('/dev/zero', join(dir, PERSONS));
    const before = process.memoryUsage().rss;
    const r = await runOn(dir);
    expect(r.ok).toBe(false);
    expect((r as { errors: { message: string }[] }).errors[0].message).toMatch(/non è un file normale ma un dispositivo/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  }, 10_000);

  it('a data file over the size limit (an option, or SCHEDA_MAX_DATA_BYTES) is refused before it is read', async () => {
    const files = { ...defaultFiles(), [PERSONS]: `${PERSONS_HEADER}\n${'M1;A;10;x;a;b\n'.repeat(100)}` };
    const byOption = await runOn(dataDir(files), SCHEME, { maxBytes: 1000 });
    expect(byOption.ok).toBe(false);
    const e = (byOption as { errors: { file: string; message: string }[] }).errors;
    expect(e.map((x) => x.file)).toEqual([PERSONS]);
    expect(e[0].message).toMatch(/oltre il limite di 0[.,]001 MB/);
    const saved = process.env.SCHEDA_MAX_DATA_BYTES;
    try {
      process.env.SCHEDA_MAX_DATA_BYTES = '1K';
      expect(maxDataBytes()).toBe(1024);
      const byEnv = await runOn(dataDir(files));
      expect((byEnv as { errors: { file: string }[] }).errors.map((x) => x.file)).toEqual([PERSONS]);
      process.env.SCHEDA_MAX_DATA_BYTES = 'molto';
      const bad = await readTable(join(dataDir(files), PERSONS));
      expect((bad as { message: string }[])[0].message).toMatch(/SCHEDA_MAX_DATA_BYTES=«molto» non è una dimensione/);
    } finally {
      if (saved === undefined) delete process.env.SCHEDA_MAX_DATA_BYTES;
      else process.env.SCHEDA_MAX_DATA_BYTES = saved;
    }
    expect(maxDataBytes(undefined)).toBe(512 * 1024 * 1024);
    expect((await readTable(join(dataDir(files), PERSONS)) as RawTable).rows).toHaveLength(100);
  });

  it('a folder where a data file should be is refused with its name', async () => {
    const dir = dataDir({ ...defaultFiles() });
    execFileSync('rm', [join(dir, PERSONS)]);
    execFileSync('mkdir', [join(dir, PERSONS)]);
    const r = await runOn(dir);
    expect((r as { errors: { file: string; message: string }[] }).errors[0]).toMatchObject({ file: PERSONS, message: expect.stringMatching(/una cartella/) });
  });
});

describe('library use: lookups keyed by IR or data strings', () => {
  const { irs } = compile(SCHEME);
  const ir = irs.get('s')!;
  const pop: Population = { ente: new Map(), units: new Map(), persons: [], tables: new Map(), ext: new Map() };

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])('an IR operation «%s» is an unknown operation, not a property of Object', (op) => {
    const ev = new Evaluator(ir, pop);
    const node = JSON.parse(`{"${op}": []}`);
    let err: unknown;
    try {
      ev.evaluate(node, { scope: { level: 'ente' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EvalError);
    expect((err as EvalError).code).toBe('unknown-function');
  });

  it('IR that is not an operation at all (null, a number, an empty object) is an unknown operation, not a TypeError', () => {
    const ev = new Evaluator(ir, pop);
    for (const node of [null, 5, {}, [], { dec: 'molti' }]) {
      expect(() => ev.evaluate(node as never, { scope: { level: 'ente' } })).toThrow(EvalError);
    }
  });

  it('a row read from a table named like an inherited property is missing, not a crash', () => {
    const ev = new Evaluator(ir, pop);
    expect(() => ev.input('riga.constructor.x', { scope: { level: 'ente' }, rows: {} })).toThrow(EvalError);
    expect(() => ev.input('riga.__proto__.x', { scope: { level: 'ente' }, rows: {} })).toThrow(EvalError);
  });
});

describe('no quadratic paths (issue 7): work counted, not timed', () => {
  /** An array whose element reads are counted. */
  const counted = <T,>(xs: T[], count: { n: number }): T[] =>
    new Proxy(xs, {
      get(target, p, recv) {
        if (typeof p === 'string' && /^\d+$/.test(p)) count.n++;
        return Reflect.get(target, p, recv);
      },
    });

  it('a per-person (and per-unit) lookup into an input table reads its own rows, not every row: 20 k persons, 40 k rows', () => {
    const { irs } = compile(SCHEME);
    const ir = irs.get('s')!;
    const persons: PersonData[] = [];
    const prizes: Map<string, V>[] = [];
    const expenses: Map<string, V>[] = [];
    const units = new Map<string, Map<string, V>>();
    for (let u = 0; u < 100; u++) units.set(`U${u}`, new Map<string, V>([['codice', `U${u}`]]));
    for (let i = 0; i < 20_000; i++) {
      const key = `M${String(i).padStart(5, '0')}`;
      persons.push({ key, unit: `U${i % 100}`, inputs: new Map<string, V>([['matricola', key], ['ufficio', `U${i % 100}`]]) });
      for (let k = 0; k < 2; k++) prizes.push(new Map<string, V>([['matricola', key], ['premio', new D(k + 1)]]));
    }
    for (let u = 0; u < 100; u++) for (let k = 0; k < 10; k++) expenses.push(new Map<string, V>([['ufficio', `U${u}`], ['spesa', new D(1)]]));
    const reads = { n: 0 };
    const pop: Population = {
      ente: new Map(), units, persons, ext: new Map(),
      tables: new Map([['premi', counted(prizes, reads)], ['spese', counted(expenses, reads)]]),
    };
    const ev = new Evaluator(ir, pop);
    for (let p = 0; p < persons.length; p++) expect(String(ev.value('premi_persona', { level: 'persona', p }))).toBe('3');
    for (const unit of units.keys()) {
      expect(String(ev.value('premi_ufficio', { level: 'unit', unit }))).toBe('600');
      expect(String(ev.value('spese_ufficio', { level: 'unit', unit }))).toBe('10');
    }
    // each row is read when the table is indexed and when its owner reads it: a few reads per row
    // (a scan per person would be 20 000 × 41 000 = 820 million)
    const rows = prizes.length + expenses.length;
    expect(reads.n).toBeLessThanOrEqual(4 * rows);
  });

  it('finding a person by key does not scan the persons', () => {
    const { irs } = compile(SCHEME);
    const persons: PersonData[] = Array.from({ length: 20_000 }, (_, i) => ({ key: `K${i}`, unit: 'A', inputs: new Map<string, V>() }));
    const pop: Population = { ente: new Map(), units: new Map(), persons, tables: new Map(), ext: new Map() };
    const ev = new Evaluator(irs.get('s')!, pop);
    const reads = { n: 0 };
    pop.persons = counted(persons, reads);
    for (let i = 0; i < persons.length; i++) expect(ev.personIndex(`K${i}`)).toBe(i);
    expect(ev.personIndex('nobody')).toBe(-1);
    expect(reads.n).toBe(0);
  });

  // interval rows as the parser makes them: lo < x ≤ hi, with a first row up to 0 and a last one open
  const span: A.Span = { line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, endOffset: 0 };
  const q = (v: number): A.Quantity => ({ kind: 'quantity', value: String(v), text: String(v), unit: null, span });
  const row = (lo: number | undefined, loIncl: boolean, hi: number | undefined, hiIncl: boolean): A.ScaleRow => ({
    kind: 'scaleRow', when: { kind: 'range', lo: lo === undefined ? undefined : q(lo), loIncl, hi: hi === undefined ? undefined : q(hi), hiIncl, span },
    value: q(0), meta: { sources: [], notes: [] } as unknown as A.Meta, span,
  });
  const NUM: Ty = { t: 'num', unit: 'numero' };

  /** Decimal comparisons made by checking a table of n rows given in a shuffled order. */
  function comparisons(n: number): { count: number; out: Diagnostic[] } {
    const rows = [row(undefined, false, 0, true), ...Array.from({ length: n - 2 }, (_, i) => row(i, false, i + 1, true)), row(n - 2, false, undefined, false)];
    for (let i = rows.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    // every comparison method of decimal.js counted by a plain wrapper (a spy would keep every call's arguments)
    const proto = Object.getPrototypeOf(new Decimal(0)) as Record<string, (...a: unknown[]) => unknown>;
    const names = ['cmp', 'comparedTo', 'eq', 'lt', 'lte', 'gt', 'gte'];
    const saved = names.map((m) => proto[m]);
    let count = 0;
    names.forEach((m, i) => {
      proto[m] = function (this: unknown, ...a: unknown[]) {
        count++;
        return saved[i].apply(this, a);
      };
    });
    const out: Diagnostic[] = [];
    try {
      checkIntervals(rows, NUM, { min: new Decimal(-5), max: new Decimal(n + 5) }, 't.scheda', 'it', out, false);
      return { count, out };
    } finally {
      names.forEach((m, i) => (proto[m] = saved[i]));
    }
  }

  it('the coverage check of an interval table makes O(n log n) comparisons (10 k rows)', () => {
    const small = comparisons(5_000);
    const big = comparisons(10_000);
    expect(big.out).toEqual([]); // a table without gaps or overlaps, covering its domain
    // pairwise, 10 000 rows are 50 million pairs; sorted, about n·log2(n) ≈ 133 000 comparisons
    expect(big.count).toBeLessThan(30 * 10_000 * Math.log2(10_000));
    expect(big.count / small.count).toBeLessThan(2.5); // n log n doubles; n² would quadruple
  });

  it('the sweep reports an overlap for exactly the rows that overlap an earlier row, as the pairwise check did', () => {
    const ivArb = fc.tuple(fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }), fc.boolean(), fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }), fc.boolean())
      .filter(([lo, , hi]) => lo === undefined || hi === undefined || lo <= hi);
    fc.assert(fc.property(fc.array(ivArb, { minLength: 1, maxLength: 8 }), (ivs) => {
      const rows = ivs.map(([lo, li, hi, hi2]) => row(lo, li, hi, hi2));
      rows.forEach((r, i) => (r.span = { ...span, line: i + 1 }));
      const out: Diagnostic[] = [];
      checkIntervals(rows, NUM, {}, 't.scheda', 'it', out, false);
      const reported = new Set(out.filter((d) => d.code === 'table-overlap').map((d) => d.span.line));
      // the pairwise truth: a row overlaps when some other row shares a value with it and comes first
      // in the order of lower bounds (ties: the inclusive bound first, then the row order)
      const contains = (r: (typeof ivs)[number], x: number) =>
        (r[0] === undefined || x > r[0] || (x === r[0] && r[1])) && (r[2] === undefined || x < r[2] || (x === r[2] && r[3]));
      const share = (a: (typeof ivs)[number], b: (typeof ivs)[number]) => {
        for (let x = -1; x <= 13; x += 0.5) if (contains(a, x) && contains(b, x)) return true;
        return false;
      };
      const key = (r: (typeof ivs)[number]) => (r[0] === undefined ? -Infinity : r[0] + (r[1] ? 0 : 0.25));
      const order = ivs.map((r, i) => ({ r, i })).sort((a, b) => key(a.r) - key(b.r) || a.i - b.i);
      const truth = new Set<number>();
      order.forEach((b, j) => {
        if (order.slice(0, j).some((a) => share(a.r, b.r))) truth.add(b.i + 1);
      });
      expect([...reported].sort()).toEqual([...truth].sort());
    }), { numRuns: 300 });
  });
});

describe('crashes at scale', () => {
  // min, max, means and report statistics over 200 000 persons: `D.min(...values)` overflowed the stack
  const BIG = `scheda g "Scheda grande" anno 2025 lingua it

unità ufficio "Ufficio"

dati ufficio {
  codice: testo chiave
}

dati persona {
  matricola: testo chiave
  ufficio: ufficio
  punteggio: punti da 0 a 100
}

totale max 100 punti

voce risultato "Risultato" max 100 punti = punteggio

fasce fascia "Fascia" su totale {
  bassa sotto 50 → 0%
  alta da 50 a 100 → 100%
}

calcola minimo_ente per ente "Punteggio minimo" = minimo_di(totale)
calcola massimo_ente per ente "Punteggio massimo" = massimo_di(totale)
calcola minimo_ufficio per ufficio "Minimo dell'ufficio" = minimo_di(totale)
calcola premio "Premio" = se totale >= 50 punti allora 10,00 € altrimenti 0 €
calcola monte per ente "Monte premi" = somma(premio)

fondo produttivita "Fondo" = monte {
  pagato: premio
}

prospetto riepilogo "Riepilogo" {
  punteggio_minimo "Minimo" = minimo_ente
  punteggio_massimo "Massimo" = massimo_ente
}
`;

  it('200 000 persons are read, run and reported without a stack overflow', async () => {
    const n = 200_000;
    const lines = ['matricola;ufficio;punteggio'];
    for (let i = 0; i < n; i++) lines.push(`M${i};U${i % 100};${String(((i * 7919) % 10001) / 100).replace('.', ',')}`);
    const dir = dataDir({
      'g-ufficio.csv': 'codice\n' + Array.from({ length: 100 }, (_, u) => `U${u}`).join('\n') + '\n',
      'g-persone.csv': lines.join('\n') + '\n',
    });
    const b = buildBundle([{ id: 'g', file: 'g.scheda', text: BIG }]);
    expect(b.ok).toBe(true);
    const r = await runYear(b.irs, b.checked!.order, dir);
    if (!r.ok) throw new Error(JSON.stringify([...r.dataErrors, ...r.problems].slice(0, 3)));
    const run = r.runs.get('g')!;
    expect(run.pop.persons).toHaveLength(n);
    expect(String(run.ev.value('minimo_ente', { level: 'ente' }))).toBe('0');
    expect(String(run.ev.value('massimo_ente', { level: 'ente' }))).toBe('100');
    const rep = buildReport(run);
    expect(rep.statistiche.punteggio).toEqual({ minimo: '0', medio: '50', massimo: '100' });
    expect(rep.funds[0].distribuzione).toMatchObject({ minimo: '10.00', massimo: '10.00' });
    expect(reportHtml(rep)).toContain('<svg');
    expect(resultsCsv(run).split('\n')).toHaveLength(n + 2);
    const results = buildResults(run);
    expect(results.persone).toHaveLength(n);
    const parts = resultsJsonParts(results);
    expect(Math.max(...parts.slice(0, 1000).map((p) => p.length))).toBeLessThan(1_000_000);
    expect(parts.join('')).toBe(JSON.stringify(results, null, 2) + '\n');
  }, 180_000);

  it('results.json written in parts (a million persons exceed the longest string V8 makes) has the bytes of JSON.stringify', async () => {
    const run = await runsWith({});
    const results = buildResults(run);
    const dir = dataDir();
    writeParts(join(dir, 'results.json'), resultsJsonParts(results));
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe(JSON.stringify(results, null, 2) + '\n');
    const none = { ...results, persone: [] };
    expect(resultsJsonParts(none).join('')).toBe(JSON.stringify(none, null, 2) + '\n');
  });
});

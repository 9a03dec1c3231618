// Bad data is refused before anything runs, each problem named by file, row and column; a run that
// refuses its data writes nothing. Most cases run in-process through runYear (its data errors carry
// file, line and column); three go through `node bin/scheda.mjs run` (each spawn costs ~2 s) to see
// the exit code, the message the operator reads and that the output folder is never created.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DataError } from '../../engine/data/read.ts';
import { cells, copyData, csvRecords, editLines, readLines, ROOT, runCremona, scheda, setCell, tempDir, writeXlsx, YEAR } from './helpers.ts';

const tmp = tempDir('bad');
afterAll(tmp.remove);

const STAFF = 'comparto-persone.csv';

/** Drops `column` from every line of a `;`-separated file. */
const dropColumn = (column: string) => (lines: string[]) => {
  const i = cells(lines[0]).indexOf(column);
  for (let k = 0; k < lines.length; k++) {
    const eol = lines[k].match(/\r?\n$/)?.[0] ?? '';
    const c = cells(lines[k]);
    if (c.length < 2) continue;
    c.splice(i, 1);
    lines[k] = c.join(';') + eol;
  }
};

/** Ends the file in the middle of file line `n`: the lines after it are lost. */
const truncateAt = (n: number) => (lines: string[]) => {
  lines.splice(n);
  lines[n - 1] = lines[n - 1].slice(0, Math.floor(lines[n - 1].length / 2));
};

/** Copies the matricola of file line `from` into file line `to`. */
const duplicateKey = (from: number, to: number) => (lines: string[]) => setCell(lines, to, 'matricola', cells(lines[from - 1])[0]);

type Case = [what: string, edit: (lines: string[]) => void, expected: { line: number; column?: string; message: RegExp }];

const cases: Case[] = [
  ['a non-numeric score', (l) => setCell(l, 6, 'punti_obiettivi_gruppo', 'venti'), { line: 6, column: 'punti_obiettivi_gruppo', message: /«venti» non è un punteggio/ }],
  ['a missing column', dropColumn('punti_comportamenti'), { line: 1, column: 'punti_comportamenti', message: /manca la colonna «punti_comportamenti»/ }],
  ['a duplicate matricola', duplicateKey(7, 8), { line: 8, column: 'matricola', message: /«C01006» compare due volte \(già alla riga 7\)/ }],
  ['an unknown sector code', (l) => setCell(l, 10, 'settore', 'S99'), { line: 10, column: 'settore', message: /«S99» sconosciuto/ }],
  ['negative days in presenze', (l) => setCell(l, 12, 'presenze', '21|-3|20|20|20|20|20|20|20|20|20|20'), { line: 12, column: 'presenze', message: /elemento 2 della lista: -3 è sotto il minimo/ }],
  ['a value above the declared maximum (punti_comportamenti 11)', (l) => setCell(l, 14, 'punti_comportamenti', '11'), { line: 14, column: 'punti_comportamenti', message: /11 supera il massimo ammesso \(10\)/ }],
  ['an unknown value for sanzione', (l) => setCell(l, 16, 'sanzione', 'ammonizione'), { line: 16, column: 'sanzione', message: /«ammonizione» non è tra i valori ammessi/ }],
  ['an empty cell', (l) => setCell(l, 18, 'incentivi_legge', ''), { line: 18, column: 'incentivi_legge', message: /valore mancante/ }],
  ['a truncated file (cut in the middle of a line)', truncateAt(300), { line: 300, message: /la riga ha 3 colonne invece di 8/ }],
];

async function errorsFor(name: string, file: string, edit: (lines: string[]) => void): Promise<DataError[]> {
  const dir = copyData(tmp.dir, name);
  editLines(dir, file, edit);
  const r = await runCremona(dir);
  if (r.ok) return [];
  expect(r.problems).toEqual([]); // refused while reading, before any rule ran
  return r.dataErrors;
}

describe('bad data, in-process', () => {
  it.each(cases)('%s is refused with file, row and column', async (what, edit, exp) => {
    const errors = await errorsFor(what.replace(/\W+/g, '-'), STAFF, edit);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: STAFF, line: exp.line, ...(exp.column ? { column: exp.column } : {}) });
    expect(errors[0].message).toMatch(exp.message);
  });

  // a truncated row names the first column it lacks (here «punti_obiettivi_individuali», cut inside «presenze»)
  it('a truncated row names the first column it lacks', async () => {
    const errors = await errorsFor('truncated-column', STAFF, truncateAt(300));
    expect(errors[0]).toMatchObject({ file: STAFF, line: 300, column: 'punti_obiettivi_individuali' });
  });

  it('collects every problem of every file in one pass, each with its own row and column', async () => {
    const dir = copyData(tmp.dir, 'many');
    editLines(dir, STAFF, (l) => {
      setCell(l, 20, 'punti_obiettivi_gruppo', 'abc');
      setCell(l, 30, 'sanzione', 'boh');
      setCell(l, 40, 'punti_comportamenti', '10,01');
    });
    editLines(dir, 'eq-persone.csv', (l) => setCell(l, 5, 'mesi_incarico', '13'));
    const r = await runCremona(dir);
    expect(r.ok).toBe(false);
    const got = r.ok ? [] : r.dataErrors.map((e) => `${e.file}:${e.line}:${e.column}`);
    expect(got.sort()).toEqual([
      'comparto-persone.csv:20:punti_obiettivi_gruppo', 'comparto-persone.csv:30:sanzione', 'comparto-persone.csv:40:punti_comportamenti', 'eq-persone.csv:5:mesi_incarico',
    ]);
  });

  it('names the row of a comma-separated file (dirigenti-pagamenti.csv)', async () => {
    const errors = await errorsFor('comma', 'dirigenti-pagamenti.csv', (l) => setCell(l, 9, 'importo_netto', '12x', ','));
    expect(errors).toEqual([expect.objectContaining({ file: 'dirigenti-pagamenti.csv', line: 9, column: 'importo_netto' })]);
  });

  /** progetti-progetti.csv with P01's description quoted over two lines (joined by `inner`) and a bad
   *  amount in P03's row, which then starts on file line 5. */
  const multiline = (inner: string) => (l: string[]) => {
    setCell(l, 4, 'risorse_destinate', 'molte'); // P03, file line 4 before the edit
    l[1] = l[1].replace('Progetto strategico di ente', `"Progetto strategico${inner}di ente"`);
  };

  it('names the file line of a row that follows a quoted cell holding a line break (LF, as Excel writes it)', async () => {
    const errors = await errorsFor('multiline-lf', 'progetti-progetti.csv', multiline('\n'));
    expect(errors).toEqual([expect.objectContaining({ file: 'progetti-progetti.csv', line: 5, column: 'risorse_destinate' })]);
  });

  // a CRLF inside a quoted cell does not shift the row numbers of the rows after it
  it('names the file line of a row that follows a quoted cell holding a CRLF line break', async () => {
    const errors = await errorsFor('multiline-crlf', 'progetti-progetti.csv', multiline('\r\n'));
    expect(errors).toEqual([expect.objectContaining({ file: 'progetti-progetti.csv', line: 5, column: 'risorse_destinate' })]);
  });

  it('accepts the dataset as it is, including its Windows-1252 comparto-settore.csv', async () => {
    const bytes = readLines(join(ROOT, 'data/cremona-2024/comparto-settore.csv')).join('');
    expect(bytes).toContain('Unit\xe0'); // à as the single byte E0
    const r = await runCremona(join(ROOT, 'data/cremona-2024'));
    expect(r.ok).toBe(true);
  });
});

describe('bad data in .xlsx and .json', () => {
  /** A copy of the dataset whose comparto-persone table is an .xlsx of the CSV's cells, edited. */
  async function xlsxErrors(name: string, edit: (rows: (string | null)[][]) => void): Promise<DataError[]> {
    const dir = copyData(tmp.dir, name);
    const rows: (string | null)[][] = csvRecords(join(dir, STAFF));
    edit(rows);
    await writeXlsx(join(dir, 'comparto-persone.xlsx'), rows);
    rmSync(join(dir, STAFF));
    const r = await runCremona(dir);
    return r.ok ? [] : r.dataErrors;
  }

  it('a bad value in an .xlsx sheet is named by its sheet row and column', async () => {
    const errors = await xlsxErrors('xlsx-bad', (rows) => (rows[9][4] = 'abc')); // sheet row 10
    expect(errors).toEqual([{ file: 'comparto-persone.xlsx', line: 10, column: 'punti_obiettivi_gruppo', message: '«abc» non è un punteggio' }]);
  });

  // exceljs gives sparse rows: an empty cell in the middle of an .xlsx row is a missing value, as in a CSV
  it('an empty cell in the middle of an .xlsx row is a missing value, as in a CSV', async () => {
    const errors = await xlsxErrors('xlsx-empty', (rows) => {
      rows[5][6] = null;
      rows[9][4] = null;
    });
    expect(errors).toEqual([
      { file: 'comparto-persone.xlsx', line: 6, column: 'sanzione', message: 'valore mancante' },
      { file: 'comparto-persone.xlsx', line: 10, column: 'punti_obiettivi_gruppo', message: 'valore mancante' },
    ]);
  });

  // an empty key cell in an .xlsx is refused, never read as a key
  it('an empty key cell in an .xlsx is refused, not read as the text «undefined»', async () => {
    const errors = await xlsxErrors('xlsx-empty-key', (rows) => (rows[7][0] = null));
    expect(errors).toEqual([{ file: 'comparto-persone.xlsx', line: 8, column: 'matricola', message: 'valore mancante' }]);
  });

  it('a bad or missing value in a .json table is named by the position of its object and the field', async () => {
    const dir = copyData(tmp.dir, 'json-bad');
    const [head, ...body] = csvRecords(join(dir, STAFF));
    const objs: Record<string, string>[] = body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
    objs[4].punti_obiettivi_gruppo = 'abc';
    delete objs[6].sanzione;
    writeFileSync(join(dir, 'comparto-persone.json'), JSON.stringify(objs));
    rmSync(join(dir, STAFF));
    const r = await runCremona(dir);
    expect(r.ok ? [] : r.dataErrors).toEqual([
      { file: 'comparto-persone.json', line: 5, column: 'punti_obiettivi_gruppo', message: '«abc» non è un punteggio' },
      { file: 'comparto-persone.json', line: 7, column: 'sanzione', message: 'valore mancante' },
    ]);
  });
});

describe('bad data through `scheda run`', () => {
  const cli: [what: string, edit: (lines: string[]) => void, where: string][] = [
    ['a non-numeric score', cases[0][1], ':6 (colonna «punti_obiettivi_gruppo»)'],
    ['a missing column', cases[1][1], ':1 (colonna «punti_comportamenti»)'],
    ['a duplicate matricola', cases[2][1], ':8 (colonna «matricola»)'],
  ];
  it.each(cli)('%s: exit 1, file:row (colonna …) in the output, and no output folder', (what, edit, where) => {
    const base = join(tmp.dir, `cli-${what.replace(/\W+/g, '-')}`);
    const data = copyData(base, 'data');
    editLines(data, STAFF, edit);
    const out = join(base, 'out');
    const r = scheda('run', YEAR, '--data', relative(ROOT, data), '--out', out);
    expect(r.error).toBeUndefined();
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`${join(relative(ROOT, data), STAFF)}${where}: errore nei dati:`);
    expect(r.stdout).toMatch(/1 problema: nessun file scritto/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(base)).toEqual(['data']); // no half-written out.tmp-* either
  });
});

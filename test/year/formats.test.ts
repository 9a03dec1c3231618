// The same data in another format or encoding gives the same results and reports: every CSV of the
// dataset converted to .xlsx (one sheet, string cells written exactly as in the CSV, so Italian decimals
// stay strings), every CSV converted to .json (an array of objects of strings), a few tables in .json
// and .xlsx with native numbers, booleans and lists, and a Windows-1252 CSV with accents.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable, type RawTable } from '../../engine/data/read.ts';
import { copyData, csvFiles, csvRecords, DATA, rendered, runOk, tempDir, writeXlsx } from './helpers.ts';

const tmp = tempDir('formats');
afterAll(tmp.remove);

let original: Record<string, string>;
beforeAll(async () => {
  original = rendered(await runOk(DATA));
});

/** Every output file equal to the CSV run's, byte for byte. */
function expectSameOutputs(out: Record<string, string>) {
  expect(Object.keys(out).sort()).toEqual(Object.keys(original).sort());
  for (const f of Object.keys(original)) expect(out[f], f).toBe(original[f]);
}

const objects = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i]])));
const itNum = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));

describe('Excel', () => {
  it('every table as .xlsx with the CSV cells as strings gives identical results and reports', async () => {
    const dir = copyData(tmp.dir, 'xlsx');
    for (const f of csvFiles(dir)) {
      await writeXlsx(join(dir, f.replace(/\.csv$/, '.xlsx')), csvRecords(join(dir, f)));
      rmSync(join(dir, f));
    }
    expect(csvFiles(dir)).toEqual([]);
    const back = (await readTable(join(dir, 'comparto-persone.xlsx'))) as RawTable;
    expect(back.rows[0].cells).toEqual(csvRecords(join(DATA, 'comparto-persone.csv'))[1]); // strings, untouched
    expectSameOutputs(rendered(await runOk(dir)));
  });

  it('a table as .xlsx with native numbers gives identical results and reports', async () => {
    const dir = copyData(tmp.dir, 'xlsx-numbers');
    const rows = csvRecords(join(dir, 'dirigenti-persone.csv'));
    const numeric = rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (j < 2 ? c : itNum(c)))));
    await writeXlsx(join(dir, 'dirigenti-persone.xlsx'), numeric);
    rmSync(join(dir, 'dirigenti-persone.csv'));
    expectSameOutputs(rendered(await runOk(dir)));
  });
});

describe('JSON', () => {
  it('every table as .json (an array of objects of strings) gives identical results and reports', async () => {
    const dir = copyData(tmp.dir, 'json');
    for (const f of csvFiles(dir)) {
      writeFileSync(join(dir, f.replace(/\.csv$/, '.json')), JSON.stringify(objects(csvRecords(join(dir, f))), null, 1));
      rmSync(join(dir, f));
    }
    expectSameOutputs(rendered(await runOk(dir)));
  });

  it('tables as .json with native numbers, booleans and lists (and ente.json as an object) give identical results and reports', async () => {
    const dir = copyData(tmp.dir, 'json-native');
    const staff = objects(csvRecords(join(dir, 'comparto-persone.csv'))).map((o) => ({
      ...o,
      presenze: o.presenze.split('|').map(Number),
      punti_obiettivi_individuali: itNum(o.punti_obiettivi_individuali),
      punti_obiettivi_gruppo: itNum(o.punti_obiettivi_gruppo),
      punti_comportamenti: itNum(o.punti_comportamenti),
      incentivi_legge: itNum(o.incentivi_legge),
    }));
    writeFileSync(join(dir, 'comparto-persone.json'), JSON.stringify(staff));
    const residui = objects(csvRecords(join(dir, 'dirigenti-residui.csv'))).map((o) => ({
      titolo: Number(o.titolo), riscossioni: itNum(o.riscossioni), accertamenti: itNum(o.accertamenti),
    }));
    writeFileSync(join(dir, 'dirigenti-residui.json'), JSON.stringify(residui));
    const ente = Object.fromEntries(csvRecords(join(dir, 'ente.csv')).slice(1).map(([k, v]) => [k, v === 'sì' ? true : v === 'no' ? false : /^\d+$/.test(v) ? Number(v) : v]));
    expect(ente).toMatchObject({ equilibri_bilancio: true, posizione_sole24ore: 5 });
    writeFileSync(join(dir, 'ente.json'), JSON.stringify(ente));
    for (const f of ['comparto-persone.csv', 'dirigenti-residui.csv', 'ente.csv']) rmSync(join(dir, f));
    expectSameOutputs(rendered(await runOk(dir)));
  });
});

describe('Windows-1252', () => {
  it('comparto-settore.csv is Windows-1252 with accents, and reads back as «Unità»', async () => {
    const bytes = readFileSync(join(DATA, 'comparto-settore.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(bytes.includes(Buffer.from('Unit\xe0', 'latin1'))).toBe(true);
    const t = (await readTable(join(DATA, 'comparto-settore.csv'))) as RawTable;
    expect(t.rows.map((r) => r.cells[1])).toContain('Unità di Direzione Segretario');
  });

  it('ente.csv re-encoded as Windows-1252 («sì» as byte EC) is accepted and gives identical results and reports', async () => {
    const dir = copyData(tmp.dir, 'win1252');
    const text = readFileSync(join(dir, 'ente.csv'), 'utf8');
    expect(text).toContain('sì');
    writeFileSync(join(dir, 'ente.csv'), iconv.encode(text, 'win1252'));
    expect(readFileSync(join(dir, 'ente.csv')).includes(0xec)).toBe(true);
    expectSameOutputs(rendered(await runOk(dir)));
  });

  it('a UTF-8 file with a BOM is accepted and gives identical results and reports', async () => {
    const dir = copyData(tmp.dir, 'bom');
    writeFileSync(join(dir, 'comparto-persone.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(dir, 'comparto-persone.csv'))]));
    expectSameOutputs(rendered(await runOk(dir)));
  });
});

// Date cells: ISO and Italian texts (CSV, JSON strings), Excel date cells and — in a date column — Excel day
// serials; impossible days and numbers that are no dates refused; no day lost to a time zone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { convert } from '../../engine/data/convert.ts';
import { ExactNumber } from '../../engine/data/cell.ts';
import { readTable, type RawTable } from '../../engine/data/read.ts';

const DATE = { base: 'date' as const };
const val = (r: ReturnType<typeof convert>) => (r.ok ? r.value : `ERR ${r.message}`);

describe('date cells', () => {
  it.each([
    ['2024-02-29', '2024-02-29'], ['29/02/2024', '2024-02-29'], ['1/3/2024', '2024-03-01'], ['01-03-2024', '2024-03-01'],
    ['01.03.2024', '2024-03-01'], [' 31/12/2100 ', '2100-12-31'], ['29/02/2000', '2000-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(val(convert(text, DATE, 'it'))).toBe(iso);
  });

  it.each(['31/02/2024', '29/02/2100', '2024-13-01', '00/01/2024', '12/31/2024', 'ieri', '01/03/24', '2024-03-01T00:00:00.000Z'])('refuses %s with a plain message', (text) => {
    const r = convert(text, DATE, 'it');
    expect(r.ok).toBe(false);
    expect((r as { message: string }).message).toContain(text.trim());
  });

  it('refuses a number from JSON or CSV in a date column (it is no day), but reads an Excel number as a day serial', () => {
    expect(convert(new ExactNumber('45351'), DATE, 'it').ok).toBe(false);
    expect(convert(45351, DATE, 'it').ok).toBe(false);
    expect(val(convert(new ExactNumber('45351', { date1904: false }), DATE, 'it'))).toBe('2024-02-29');
    expect(val(convert(new ExactNumber('61', { date1904: false }), DATE, 'it'))).toBe('1900-03-01');
    expect(val(convert(new ExactNumber('59', { date1904: false }), DATE, 'it'))).toBe('1900-02-28');
    expect(convert(new ExactNumber('60', { date1904: false }), DATE, 'it').ok).toBe(false); // Excel's phantom 29/02/1900
    expect(val(convert(new ExactNumber('45351.75', { date1904: false }), DATE, 'it'))).toBe('2024-02-29'); // 18:00 is still that day
    expect(val(convert(new ExactNumber('43889', { date1904: true }), DATE, 'it'))).toBe('2024-02-29');
    expect(convert(new ExactNumber('-3', { date1904: false }), DATE, 'it').ok).toBe(false);
  });
});

describe('dates in workbooks', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  async function workbook(rows: unknown[][], numFmt?: string): Promise<RawTable> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    for (const r of rows) ws.addRow(r);
    if (numFmt) ws.getColumn(2).numFmt = numFmt;
    const file = join(mkdtempSync(join(tmpdir(), 'scheda-dates-')), 't.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    return (await readTable(file)) as RawTable;
  }

  for (const tz of ['Europe/Rome', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
    it(`reads an Excel date at midnight as that day, not the one before (TZ=${tz})`, async () => {
      process.env.TZ = tz;
      // how Excel stores a typed 29/02/2024: a day serial with no time zone; exceljs gives it as midnight UTC
      const t = await workbook([['matricola', 'assunzione', 'cessazione'], ['A1', new Date(Date.UTC(2024, 1, 29)), new Date(Date.UTC(2024, 11, 31, 23, 59, 59))]], 'dd/mm/yyyy');
      const [a, c] = [t.rows[0].cells[1], t.rows[0].cells[2]];
      expect(val(convert(a, DATE, 'it'))).toBe('2024-02-29');
      expect(val(convert(c, DATE, 'it'))).toBe('2024-12-31');
    });
  }

  it('reads a number cell of a date column as the day Excel counts, and text dates as written', async () => {
    const t = await workbook([['matricola', 'assunzione'], ['A1', 45351], ['A2', '01/03/2024'], ['A3', 'dopodomani']]);
    expect(t.rows.map((r) => val(convert(r.cells[1], DATE, 'it')))).toEqual(['2024-02-29', '2024-03-01', expect.stringContaining('ERR')]);
  });
});

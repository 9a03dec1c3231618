// Reading HR exports: CSV (UTF-8 with or without BOM, or Windows-1252; `,` or `;`), Excel .xlsx
// (first worksheet) and JSON. Every table comes back as a header and rows that remember their line,
// so every later error can name file, row and column. Nothing here guesses a value.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { Decimal } from 'decimal.js';
import type ExcelJS from 'exceljs';

export type Cell = string | number | boolean | null | Cell[];

export interface RawTable {
  file: string;
  header: string[];
  rows: { line: number; cells: Cell[] }[];
}

export interface DataError {
  file: string;
  line?: number;
  column?: string;
  message: string;
}

export const DATA_EXTS = ['.csv', '.xlsx', '.json'];

/** The file holding table `name` in `dir`, whichever of the supported formats it is in. */
export function findTable(dir: string, name: string): string | undefined {
  const found = DATA_EXTS.map((e) => join(dir, name + e)).filter((f) => existsSync(f));
  return found[0];
}

function decode(buf: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text.replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(buf, 'win1252');
  }
}

function readCsv(file: string): RawTable | DataError[] {
  // line breaks normalised first, so that rows are numbered as an editor shows them
  const text = decode(readFileSync(file)).replace(/\r\n?/g, '\n');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true, bom: true }) as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    return [{ file, line: err.lines, message: `il file CSV non si legge: ${err.message}` }];
  }
  if (records.length === 0) return [{ file, line: 1, message: 'il file è vuoto: manca la riga di intestazione' }];
  const [head, ...body] = records;
  return { file, header: head.record.map((h) => h.trim()), rows: body.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

function excelCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return excelCell((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text);
  return String(v);
}

async function readXlsx(file: string): Promise<RawTable | DataError[]> {
  const { default: Excel } = await import('exceljs'); // loaded only when a workbook is read (it is slow to load)
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    return [{ file, message: `il file Excel non si legge: ${(e as Error).message}` }];
  }
  const ws = wb.worksheets[0];
  if (!ws) return [{ file, message: 'il file Excel non ha fogli' }];
  const rows: { line: number; cells: Cell[] }[] = [];
  let header: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    // exceljs leaves holes for empty cells: read them as empty (null), never as `undefined`
    const raw = row.values as ExcelJS.CellValue[];
    const values = Array.from({ length: Math.max(raw.length - 1, header.length) }, (_, i) => {
      const v = excelCell(raw[i + 1]);
      // a number shown as a percentage (format «0%») is a fraction: 1.2 is 120%
      const fmt = row.getCell(i + 1).numFmt ?? '';
      return typeof v === 'number' && fmt.includes('%') ? `${new Decimal(v).times(100).toFixed()}%` : v;
    });
    if (header.length === 0) header = values.map((v) => String(v ?? '').trim());
    else rows.push({ line: n, cells: values });
  });
  if (header.length === 0) return [{ file, line: 1, message: 'il foglio è vuoto: manca la riga di intestazione' }];
  for (const r of rows) while (r.cells.length < header.length) r.cells.push(null);
  return { file, header, rows };
}

function readJson(file: string): RawTable | DataError[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return [{ file, message: `il file JSON non si legge: ${(e as Error).message}` }];
  }
  const rows = Array.isArray(data) ? data : data && typeof data === 'object' ? Object.entries(data).map(([nome, valore]) => ({ nome, valore })) : null;
  if (!rows || rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) {
    return [{ file, message: 'il file JSON deve contenere un elenco di oggetti (una riga per oggetto)' }];
  }
  const header = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
  return {
    file, header,
    rows: rows.map((r, i) => ({ line: i + 1, cells: header.map((h) => (h in (r as object) ? ((r as Record<string, Cell>)[h] ?? null) : null)) })),
  };
}

export async function readTable(file: string): Promise<RawTable | DataError[]> {
  const name = basename(file).toLowerCase();
  if (name.endsWith('.xlsx')) return readXlsx(file);
  if (name.endsWith('.json')) return readJson(file);
  return readCsv(file);
}

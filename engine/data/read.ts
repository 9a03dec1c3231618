// Reading HR exports: CSV (UTF-8 with or without BOM, or Windows-1252; `,` or `;`), Excel .xlsx
// (first worksheet) and JSON. Every table comes back as a header and rows that remember their line,
// so every later error can name file, row and column. Nothing here guesses a value.
//
// A data file must be a regular file (not a FIFO, a device or a folder, also through a link) no larger
// than the size limit (512 MB unless SCHEDA_MAX_DATA_BYTES or the caller says otherwise): it is checked
// before a byte is read, and read with that bound, so nothing can hang the run or fill the memory.
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import type ExcelJS from 'exceljs';
import { type Cell, ExactNumber, Unreadable } from './cell.ts';
import { parseCsvBytes, parseJsonBytes } from './parse.ts';
import { readCsvStream } from './csv-stream.ts';
import { D } from '../run/decimal.ts';

export type { Cell } from './cell.ts';
export { ExactNumber, Unreadable } from './cell.ts';

export type { DataError, RawTable } from './parse.ts';
import type { DataError, RawTable } from './parse.ts';

export interface ReadOptions {
  /** the largest data file read, in bytes (default: SCHEDA_MAX_DATA_BYTES, else 512 MB) */
  maxBytes?: number;
}

export { DATA_EXTS } from './parse.ts';
import { DATA_EXTS } from './parse.ts';

export const DEFAULT_MAX_DATA_BYTES = 512 * 1024 * 1024;

/** The size limit for data files: `SCHEDA_MAX_DATA_BYTES` (bytes, or with K/M/G) or 512 MB. */
export function maxDataBytes(env: string | undefined = process.env.SCHEDA_MAX_DATA_BYTES): number {
  if (env === undefined || env.trim() === '') return DEFAULT_MAX_DATA_BYTES;
  const m = /^\s*(\d+)\s*([kmg]i?b?)?\s*$/i.exec(env);
  if (!m) throw new Error(`SCHEDA_MAX_DATA_BYTES=«${env}» non è una dimensione (scrivi ad esempio 536870912 o 512M)`);
  const mult = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').charAt(0).toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  return Number(m[1]) * mult;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 3 : 0)} MB`;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'una cartella';
  if (st.isFIFO()) return 'una pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'un dispositivo';
  if (st.isSocket()) return 'un socket';
  return 'un file speciale';
}

/**
 * The bytes of a data file, or why they are not read. The path is stat-ed first (following links):
 * only a regular file within the limit is opened, without blocking, and checked again once open.
 */
export function readDataFile(file: string, maxBytes = maxDataBytes()): Buffer | DataError {
  const opened = openDataFile(file, maxBytes);
  if (!('fd' in opened)) return opened;
  const { fd, st } = opened;
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 1, 64 * 1024 * 1024));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { file, message: tooBig(maxBytes) };
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (e) {
    return { file, message: `il file non si legge: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

const tooBig = (maxBytes: number) => `il file supera il limite di ${mb(maxBytes)} per un file di dati (SCHEDA_MAX_DATA_BYTES)`;

/** A data file checked (a regular file within the limit) and opened, without blocking; the caller closes it. */
function openDataFile(file: string, maxBytes: number): { fd: number; st: Stats } | DataError {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    return { file, message: `il file non si apre: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const refuse = (s: Stats): DataError | undefined => {
    if (!s.isFile()) return { file, message: `non è un file normale ma ${kindOf(s)}: i dati si leggono solo da file` };
    if (s.size > maxBytes) return { file, message: `il file è di ${mb(s.size)}, oltre il limite di ${mb(maxBytes)} per un file di dati (SCHEDA_MAX_DATA_BYTES)` };
    return undefined;
  };
  const bad = refuse(st);
  if (bad) return bad;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { file, message: `il file non si apre: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  let again: DataError | undefined;
  try {
    again = refuse(fstatSync(fd)); // replaced between the check and the opening?
  } catch (e) {
    closeSync(fd);
    return { file, message: `il file non si legge: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (again) {
    closeSync(fd);
    return again;
  }
  return { fd, st };
}

/** The file holding table `name` in `dir`, whichever of the supported formats it is in. */
export function findTable(dir: string, name: string): string | undefined {
  const found = DATA_EXTS.map((e) => join(dir, name + e)).filter((f) => existsSync(f));
  return found[0];
}

/**
 * A number as Excel holds it, read as Excel shows it: to 15 significant digits. A cell computed as
 * 0.1 + 0.2 holds the double 0.30000000000000004 and reads 0.3; a typed 1234.5 reads 1234.5.
 */
export function excelNumber(v: number, date1904 = false): Cell {
  if (!Number.isFinite(v)) return new Unreadable(`il numero ${v} di Excel`);
  return new ExactNumber(new D(v.toPrecision(15)).toFixed(), { date1904 });
}

function excelCell(v: ExcelJS.CellValue, date1904 = false): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return excelNumber(v, date1904);
  // a date cell: exceljs gives the day at 00:00 UTC (no time zone in a workbook), so its UTC day is the day
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? new Unreadable('una data di Excel non valida') : excelDay(v);
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'object' && 'error' in v) return new Unreadable(`l'errore di Excel ${String((v as ExcelJS.CellErrorValue).error)}`);
  if (typeof v === 'object' && 'result' in v) return excelCell((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, date1904);
  if (typeof v === 'object' && 'formula' in v) return new Unreadable('una formula di Excel senza risultato salvato (apri e salva il file in Excel)');
  if (typeof v === 'object' && 'richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) {
    const t = (v as { text: unknown }).text;
    return typeof t === 'string' ? t : excelCell(t as ExcelJS.CellValue);
  }
  return new Unreadable('un valore di Excel che non è né testo né numero');
}

async function readXlsx(file: string, bytes: Buffer): Promise<RawTable | DataError[]> {
  const { default: Excel } = await import('exceljs'); // loaded only when a workbook is read (it is slow to load)
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return [{ file, message: `il file Excel non si legge: ${(e as Error).message}` }];
  }
  const ws = wb.worksheets[0];
  if (!ws) return [{ file, message: 'il file Excel non ha fogli' }];
  const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  const rows: { line: number; cells: Cell[] }[] = [];
  let header: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    // exceljs leaves holes for empty cells: read them as empty (null), never as `undefined`
    const raw = row.values as ExcelJS.CellValue[];
    const values = Array.from({ length: Math.max(raw.length - 1, header.length) }, (_, i) => {
      const v = excelCell(raw[i + 1], date1904);
      // a number shown as a percentage (format «0%») is a fraction: 1.2 is 120%
      const fmt = row.getCell(i + 1).numFmt ?? '';
      return v instanceof ExactNumber && fmt.includes('%') ? `${new D(`${v.text}e2`).toFixed()}%` : v;
    });
    if (header.length === 0) header = values.map((v) => (v === null || v instanceof Unreadable || Array.isArray(v) ? '' : String(v)).trim());
    else rows.push({ line: n, cells: values });
  });
  if (header.length === 0) return [{ file, line: 1, message: 'il foglio è vuoto: manca la riga di intestazione' }];
  for (const r of rows) while (r.cells.length < header.length) r.cells.push(null);
  return { file, header, rows };
}

/**
 * The day of an Excel date cell, as ISO text. A time of day is dropped (the cell is a day); a value a few
 * milliseconds before midnight, from a serial's floating point, is the next day, not the one before.
 */
function excelDay(v: Date): string {
  const rounded = new Date(Math.round(v.getTime() / 1000) * 1000); // to the second: 23:59:59.9996 is midnight
  return rounded.toISOString().slice(0, 10);
}

export async function readTable(file: string, options: ReadOptions = {}): Promise<RawTable | DataError[]> {
  let limit: number;
  try {
    limit = options.maxBytes ?? maxDataBytes();
  } catch (e) {
    return [{ file, message: (e as Error).message }];
  }
  const name = basename(file).toLowerCase();
  if (!name.endsWith('.xlsx') && !name.endsWith('.json')) {
    // a CSV file is parsed as it is read, block by block (csv-stream.ts): never its bytes or text whole
    const opened = openDataFile(file, limit);
    if (!('fd' in opened)) return [opened];
    try {
      return await readCsvStream(file, opened.fd, limit, tooBig(limit));
    } catch (e) {
      return [{ file, message: `il file non si legge: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }];
    } finally {
      closeSync(opened.fd);
    }
  }
  const bytes = readDataFile(file, limit);
  if (!Buffer.isBuffer(bytes)) return [bytes];
  if (name.endsWith('.xlsx')) return readXlsx(file, bytes);
  if (name.endsWith('.json')) return parseJsonBytes(file, bytes);
  return parseCsvBytes(file, bytes, (b) => iconv.decode(Buffer.from(b), 'win1252')); // not reached: CSV is streamed above
}

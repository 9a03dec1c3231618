// Parsing data files already read (CSV and JSON bytes) into tables: no file access, so it runs in a
// browser too (the editor's preview); reading files from disk, with their size bounds, and Excel
// workbooks are read.ts's (Node only).
import { parse as parseCsv } from 'csv-parse/sync';
import { type Cell, Unreadable } from './cell.ts';
import { JsonError, parseJson, type JsonValue } from './json.ts';

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

function decode(buf: Uint8Array, legacy: (b: Uint8Array) => string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return legacy(buf);
  }
}

/** A CSV file's bytes as a table (UTF-8 with or without BOM, else the legacy decoding; `,` or `;`). */
export function parseCsvBytes(file: string, bytes: Uint8Array, legacy: (b: Uint8Array) => string = windows1252): RawTable | DataError[] {
  // line breaks normalised first, so that rows are numbered as an editor shows them
  const text = decode(bytes, legacy).replace(/\r\n?/g, '\n');
  const nl = text.indexOf('\n');
  const firstLine = nl < 0 ? text : text.slice(0, nl);
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

/** A JSON value as a cell: numbers exact, lists as lists, objects refused. */
function jsonCell(v: JsonValue): Cell {
  if (v instanceof Map) return new Unreadable('un oggetto JSON ({…})');
  if (Array.isArray(v)) return v.map(jsonCell);
  return v;
}

/** A JSON file's bytes as a table: an array of rows, or one object of entity facts. */
export function parseJsonBytes(file: string, bytes: Uint8Array): RawTable | DataError[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return [{ file, message: 'il file JSON non è in UTF-8' }];
  }
  let data: JsonValue;
  try {
    data = parseJson(text);
  } catch (e) {
    if (e instanceof JsonError) return [{ file, line: e.line, message: `il file JSON non si legge: ${e.message}` }];
    throw e;
  }
  // an array of rows, or one object of entity facts (nome → valore)
  const rows: Map<string, JsonValue>[] | null = Array.isArray(data)
    ? (data.every((r) => r instanceof Map) ? (data as Map<string, JsonValue>[]) : null)
    : data instanceof Map ? [...data].map(([nome, valore]) => new Map<string, JsonValue>([['nome', nome], ['valore', valore]])) : null;
  if (!rows) return [{ file, message: 'il file JSON deve contenere un elenco di oggetti (una riga per oggetto)' }];
  const seen = new Set<string>();
  const header: string[] = [];
  for (const r of rows) for (const k of r.keys()) if (!seen.has(k)) { seen.add(k); header.push(k); }
  return {
    file, header,
    // own fields only: a field a row lacks is empty, whatever its name (`constructor`, `toString`, …)
    rows: rows.map((r, i) => ({ line: i + 1, cells: header.map((h) => (r.has(h) ? jsonCell(r.get(h)!) : null)) })),
  };
}


/** Windows-1252 (the legacy encoding of Italian HR exports), as the browser's and Node's TextDecoder know it. */
const windows1252 = (b: Uint8Array) => new TextDecoder('windows-1252').decode(b);

export const DATA_EXTS = ['.csv', '.xlsx', '.json'];

/** A data file already read (its name and bytes) as a table; an Excel workbook is refused here (read.ts reads it). */
export function parseTableBytes(file: string, bytes: Uint8Array, legacy?: (b: Uint8Array) => string): RawTable | DataError[] {
  const name = file.toLowerCase();
  if (name.endsWith('.xlsx')) return [{ file, message: 'un file Excel si legge con «scheda run», non qui: salvalo anche come CSV per vederlo nell\'anteprima' }];
  if (name.endsWith('.json')) return parseJsonBytes(file, bytes);
  return parseCsvBytes(file, bytes, legacy);
}

// Helpers for the year-run tests: the Cremona 2024 bundle compiled once per test file, a run of it on
// a data folder in-process, the files `scheda run` would write (rendered exactly as cmdRun renders
// them), copies of the dataset in temp folders, and byte-preserving edits of CSV files.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import type { IrScheme } from '../../engine/compile/ir.ts';
import { loadBundles } from '../../engine/pipeline.ts';
import { runYear, type SchemeRun, type YearResult } from '../../engine/run/year.ts';
import { buildReport, buildResults } from '../../engine/report/tables.ts';
import { resultsCsv } from '../../engine/report/csv.ts';
import { reportHtml } from '../../engine/report/html.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const YEAR = 'rules/cremona/2024';
export const DATA = join(ROOT, 'data', 'cremona-2024');
export const GOLDEN = join(ROOT, 'test', 'fixtures', 'year', 'golden');
export const SCHEMES = ['progetti', 'comparto', 'dirigenti', 'eq'];

let compiled: { irs: Map<string, IrScheme>; order: string[] } | undefined;

/** The Cremona 2024 bundle, parsed, checked and compiled once (it must have no errors). */
export function cremona(): { irs: Map<string, IrScheme>; order: string[] } {
  if (compiled) return compiled;
  const [{ bundle }] = loadBundles([join(ROOT, YEAR)]);
  if (!bundle.ok) throw new Error(bundle.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.span.line} ${d.code}: ${d.message}`).join('\n'));
  compiled = { irs: bundle.irs, order: bundle.checked!.order };
  return compiled;
}

/** Runs the Cremona 2024 year on `dataDir` in-process. */
export function runCremona(dataDir: string): Promise<YearResult> {
  const { irs, order } = cremona();
  return runYear(irs, order, dataDir);
}

/** Runs and insists on success, showing the data errors and problems otherwise. */
export async function runOk(dataDir: string): Promise<Map<string, SchemeRun>> {
  const r = await runCremona(dataDir);
  if (!r.ok) throw new Error(`run failed:\n${JSON.stringify([...r.dataErrors, ...r.problems].slice(0, 10), null, 2)}`);
  return r.runs;
}

/** The files `scheda run` writes, path -> text, rendered exactly as engine/cli/main.ts cmdRun does. */
export function rendered(runs: Map<string, SchemeRun>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, run] of runs) {
    const rep = buildReport(run);
    out[`${id}/results.json`] = JSON.stringify(buildResults(run), null, 2) + '\n';
    out[`${id}/results.csv`] = resultsCsv(run);
    out[`${id}/report.json`] = JSON.stringify(rep, null, 2) + '\n';
    out[`${id}/report.html`] = reportHtml(rep);
  }
  return out;
}

/** A temp folder; removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `scheda-year-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the Cremona dataset at `dir/name`. */
export function copyData(dir: string, name = 'data'): string {
  const to = join(dir, name);
  cpSync(DATA, to, { recursive: true });
  return to;
}

export const csvFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();

/** A CSV file as lines with their terminators, byte for byte (latin1 maps each byte to one char). */
export function readLines(file: string): string[] {
  return readFileSync(file, 'latin1').split(/(?<=\n)/);
}

export function writeLines(file: string, lines: string[]) {
  writeFileSync(file, lines.join(''), 'latin1');
}

/** Edits one CSV file of a data folder as lines (header = lines[0]; file line n = lines[n - 1]). */
export function editLines(dataDir: string, file: string, edit: (lines: string[]) => void) {
  const p = join(dataDir, file);
  const lines = readLines(p);
  edit(lines);
  writeLines(p, lines);
}

const EOL = /\r?\n$/;

/** Splits a line (without its terminator) into cells by the file's delimiter. */
export function cells(line: string, sep = ';'): string[] {
  return line.replace(EOL, '').split(sep);
}

/** Replaces the cell of `column` in file line `n` (1-based) of a `;`-separated CSV. */
export function setCell(lines: string[], n: number, column: string, value: string, sep = ';') {
  const header = cells(lines[0], sep);
  const i = header.indexOf(column);
  if (i < 0) throw new Error(`no column ${column}`);
  const eol = lines[n - 1].match(EOL)?.[0] ?? '';
  const c = cells(lines[n - 1], sep);
  c[i] = value;
  lines[n - 1] = c.join(sep) + eol;
}

/** The cells of one CSV as the engine's reader sees them: decoded (UTF-8, else Windows-1252), split. */
export function csvRecords(file: string): string[][] {
  const buf = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    text = iconv.decode(buf, 'win1252');
  }
  const first = text.split(/\r?\n/, 1)[0];
  const sep = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  return parseCsv(text, { delimiter: sep, skip_empty_lines: true }) as string[][];
}

/** Writes rows as a one-sheet .xlsx workbook (null leaves the cell empty). */
export async function writeXlsx(file: string, rows: (string | number | boolean | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('dati');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

export { seeded, shuffle } from '../../data/random.ts';

/** `node bin/scheda.mjs …` from the project root. */
export function scheda(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/scheda.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

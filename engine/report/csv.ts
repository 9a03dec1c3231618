// results.csv: one row per person, for the operator (private: never published). HR opens it in a
// spreadsheet, so no cell may be read as a formula (OWASP, CSV injection): a cell that starts with
// = + - @, a tab or a carriage return — or does so once a reader trims its leading blanks — is
// prefixed with a single quote, unless it is a plain number such as -12.50. Every cell holding the
// separator, a comma, a double quote, a carriage return or a line feed is quoted, so each person is
// exactly one record whatever their data holds. Nothing is trimmed.
//
// Two layouts: the default (`;`-separated, decimal point, LF, no BOM — stable for scripts and diffs)
// and `excelIt` for Italian Excel (UTF-8 BOM so accents read right, `;`, decimal comma, CRLF).
import { isDec, type Dec } from '../run/decimal.ts';
import type { V } from '../run/population.ts';
import type { SchemeRun } from '../run/year.ts';
import { italianDate, personColumns } from './values.ts';

export interface CsvOptions {
  /** Italian Excel: UTF-8 BOM, `;` separator, decimal comma, CRLF line ends. */
  excelIt?: boolean;
}

const SEP = ';';
/** A formula trigger, straight or full-width, after any leading blanks; or a leading tab, CR or LF. */
const FORMULA = /^(?:[\s\u200b-\u200d\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/;
const PLAIN = { point: /^-?\d+(?:\.\d+)?$/, comma: /^-?\d+(?:,\d+)?$/ };

/** One cell, neutralised and quoted as needed. */
export function csvCell(text: string, excelIt = false): string {
  let s = text;
  const plain = (excelIt ? PLAIN.comma : PLAIN.point).test(s);
  if (plain) return s; // a number, left for the spreadsheet to read as one (its decimal comma unquoted)
  if (FORMULA.test(s)) s = `'${s}`;
  return /[;,"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function number(d: Dec, excelIt: boolean, money = false): string {
  const s = money && d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed(); // money: 3493.00, 1989.10
  return excelIt ? s.replace('.', ',') : s;
}

function text(v: V, excelIt: boolean, money = false, lang: 'it' | 'en' = 'it'): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? (lang === 'it' ? 'sì' : 'yes') : 'no';
  if (Array.isArray(v)) return v.map((x) => text(x, excelIt, money, lang)).join('|');
  if (isDec(v)) return number(v as Dec, excelIt, money);
  return String(v);
}

export function resultsCsv(run: SchemeRun, o: CsvOptions = {}): string {
  return [...resultsCsvParts(run, o)].join('');
}

/** Persons rendered per part of results.csv. */
const PER_PART = 1000;

/**
 * results.csv as parts, made as they are asked for (a thousand persons a part): the same bytes as
 * `resultsCsv`, without one string of every person (written as a stream by `scheda run`).
 */
export function* resultsCsvParts(run: SchemeRun, o: CsvOptions = {}): Generator<string> {
  const { ir, ev } = run;
  const excelIt = !!o.excelIt;
  const decls = personColumns(ir);
  const cols = decls.map((d) => d.name);
  const eol = excelIt ? '\r\n' : '\n';
  const row = (cells: string[]) => cells.map((c) => csvCell(c, excelIt)).join(SEP) + eol;
  yield (excelIt ? '\ufeff' : '') + row([ir.personKey ?? (ir.lang === 'it' ? 'chiave' : 'key'), ir.unit ?? (ir.lang === 'it' ? 'unita' : 'unit'), ...cols]);
  const persons = run.pop.persons;
  for (let start = 0; start < persons.length; start += PER_PART) {
    let part = '';
    for (let i = start; i < Math.min(start + PER_PART, persons.length); i++) {
      const p = persons[i];
      const vals = decls.map((d) => {
        const v = ev.value(d.name, { level: 'persona', p: i });
        // a date: ISO (2024-12-31) for scripts, 31/12/2024 for Italian Excel, as numbers take its decimal comma
        return excelIt && d.type?.base === 'date' && typeof v === 'string' ? italianDate(v) : text(v, excelIt, d.type?.unit === 'euro', ir.lang);
      });
      part += row([String(p.key), p.unit ?? '', ...vals]);
    }
    yield part;
  }
}

// One cell -> one typed value, by the type the scheme declares. Errors say what was found and what
// was expected, in plain words; an empty cell is an error, never a default. Values are read exactly:
// a number that needs more digits than the engine computes with is refused, never rounded; a list or
// an object where one value is expected is refused, never turned into text; keys are compared in
// Unicode NFC, and a key holding a control or invisible character is refused.
import type { IrType } from '../compile/ir.ts';
import { D, digitsNeeded, PRECISION } from '../run/decimal.ts';
import type { V } from '../run/population.ts';
import { type Cell, ExactNumber, Unreadable } from './cell.ts';
import { convertDate } from './dates.ts';

export type Converted = { ok: true; value: V } | { ok: false; message: string };

const TRUE = new Set(['sì', 'si', 's', 'vero', 'true', '1', 'x', 'yes', 'y']);
const FALSE = new Set(['no', 'n', 'falso', 'false', '0']);

export type Parsed = string | { ambiguous: true } | null;

/**
 * Parses a number as an HR export writes it, whatever the scheme's language: `1.234,56` and `1234,56`
 * (Italian), `1,234.56` and `1234.56` (English), with € or spaces. A number that reads two ways —
 * `1.500` or `1,500` (thousands, or a decimal with three places?) — is refused, never guessed.
 */
export function parseNumber(text: string): Parsed {
  // the euro sign once, before or after the number (or after its sign), with or without a space
  let t = text.trim();
  let euro = false;
  if (t.startsWith('€')) [t, euro] = [t.slice(1).trimStart(), true];
  if (t.endsWith('€')) {
    if (euro) return null;
    [t, euro] = [t.slice(0, -1).trimEnd(), true];
  }
  let sign = '';
  if (t.startsWith('-') || t.startsWith('+')) [sign, t] = [t.startsWith('-') ? '-' : '', t.slice(1)];
  if (!euro && t.startsWith('€')) t = t.slice(1).trimStart();
  // spaces only as thousands separators, in groups of three: «1 234 567,89»; «12 34» is refused
  if (/[\s\u00a0\u202f]/.test(t)) {
    const m = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?:[.,](\d+))?$/.exec(t);
    return m ? sign + m[1].replace(/\D/g, '') + (m[2] !== undefined ? '.' + m[2] : '') : null;
  }
  if (/^\d+$/.test(t)) return sign + t;
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(t) || /^\d{1,3}(\.\d{3}){2,}$/.test(t)) return sign + t.replace(/\./g, '').replace(',', '.');
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(t) || /^\d{1,3}(,\d{3}){2,}$/.test(t)) return sign + t.replace(/,/g, '');
  if (/^\d{1,3}[.,]\d{3}$/.test(t)) return { ambiguous: true };
  if (/^\d+,\d+$/.test(t)) return sign + t.replace(',', '.');
  if (/^\d+\.\d+$/.test(t)) return sign + t;
  return null;
}

/** A key (person, unit, table row) holding a control or invisible character: the character and where. */
export function keyProblem(text: string): string | undefined {
  const m = /[\p{Cc}\p{Cf}]/u.exec(text);
  if (!m) return undefined;
  const code = `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = /\p{Cc}/u.test(m[0]) ? 'un carattere di controllo' : 'un carattere invisibile';
  const shown = text.replace(/[\p{Cc}\p{Cf}]/gu, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
  return `la chiave «${shown}» contiene ${what} (${code}, al carattere ${[...text.slice(0, m.index)].length + 1}): due chiavi che si leggono uguali sarebbero persone diverse; riscrivila senza`;
}

/** How a cell is shown in a message. */
const show = (c: Cell): string => (Array.isArray(c) ? `[${c.map(show).join(', ')}]` : String(c));

const UNIT_IT: Record<string, string> = {
  punti: 'un punteggio', euro: 'un importo in euro', percentuale: 'una percentuale', giorni: 'un numero di giorni',
  mesi: 'un numero di mesi', ore: 'un numero di ore', numero: 'un numero', intero: 'un numero intero',
};

export interface ConvertOptions {
  /** the column is a key or refers to one (person key, unit code, a table's key): NFC, no invisible characters */
  key?: boolean;
}

/**
 * Conversions of a text cell to a number or a label, remembered per declared type (a bounded number of
 * distinct texts each): a column repeats few values (days 0–31, points, categories), so most cells are
 * converted once and share one immutable value — no Decimal per cell, no regular expressions per cell.
 */
const MEMO = new WeakMap<IrType, Map<string, Converted>>();
const MEMO_SIZE = 4096;

export function convert(cell: Cell, t: IrType, lang: 'it' | 'en', options: ConvertOptions = {}): Converted {
  if (typeof cell !== 'string' || (t.base !== 'num' && t.base !== 'enum') || options.key) return convertCell(cell, t, lang, options);
  let m = MEMO.get(t);
  if (!m) MEMO.set(t, (m = new Map()));
  const k = lang + '\u0000' + cell;
  const hit = m.get(k);
  if (hit) return hit;
  const r = convertCell(cell, t, lang, options);
  if (m.size < MEMO_SIZE) m.set(k, r);
  return r;
}

function convertCell(cell: Cell, t: IrType, lang: 'it' | 'en', options: ConvertOptions = {}): Converted {
  if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) return { ok: false, message: 'valore mancante' };
  if (cell instanceof Unreadable) return { ok: false, message: `la cella contiene ${cell.why}, che non è un valore: serve ${expected(t)}` };
  if (Array.isArray(cell) && t.base !== 'list') return { ok: false, message: `«${show(cell)}» è un elenco: qui serve un solo valore (${expected(t)})` };
  if (options.key && typeof cell === 'string') {
    const bad = keyProblem(cell);
    if (bad) return { ok: false, message: bad };
  }
  switch (t.base) {
    case 'num': {
      let text: Parsed;
      const isPercentText = typeof cell === 'string' && cell.trim().endsWith('%');
      // a number given as a number: exact text (JSON, Excel), or a double read as Excel shows it (15 digits)
      if (cell instanceof ExactNumber) {
        // an exponent far beyond the precision (1e-9999999999999999 would underflow to 0 in decimal.js)
        if (Math.abs(Number(/e([+-]?\d+)$/i.exec(cell.text)?.[1] ?? 0)) > 1000) return tooPrecise(cell);
        text = cell.text;
      }
      else if (typeof cell === 'number') text = Number.isFinite(cell) ? new D(cell.toPrecision(15)).toFixed() : null;
      else if (typeof cell === 'string') text = parseNumber(cell.replace(/%\s*$/, ''));
      else text = null;
      if (text !== null && typeof text === 'object') {
        return { ok: false, message: `«${String(cell)}» si legge in due modi (migliaia o decimali?): scrivi ${String(cell).replace(/[.,]/, '')} oppure usa la virgola o il punto per i decimali con più o meno di tre cifre` };
      }
      if (text === null) return { ok: false, message: `«${String(cell)}» non è ${expected(t)}` };
      let v = new D(text);
      if (digitsNeeded(v) > PRECISION) return tooPrecise(cell);
      if (t.unit === 'percentuale') {
        // percentages are written in points (42 or 42%) and held as 0.42; 0 < x ≤ 1 without % is ambiguous
        if (!isPercentText && v.gt(0) && v.lte(1)) {
          return { ok: false, message: `«${String(cell)}» è ambiguo per una percentuale: scrivi ${v.times(100).toFixed()}% oppure ${v.toFixed().replace('.', ',')}%` };
        }
        v = new D(`${v.toFixed()}e-2`); // exact, where div(100) would round to the precision
        if (digitsNeeded(v) > PRECISION) return tooPrecise(cell);
      }
      if ((t.unit === 'intero' || t.whole) && !v.isInteger()) return { ok: false, message: `«${String(cell)}» non è un numero intero` };
      const min = t.min !== undefined ? new D(t.min) : t.unit === 'giorni' || t.unit === 'mesi' || t.unit === 'ore' || t.unit === 'euro' || t.unit === 'punti' ? new D(0) : undefined;
      if (min !== undefined && v.lt(min)) return { ok: false, message: `${String(cell)} è sotto il minimo ammesso (${min.toFixed()})` };
      if (t.max !== undefined && v.gt(t.max)) return { ok: false, message: `${String(cell)} supera il massimo ammesso (${new D(t.max).toFixed()})` };
      return { ok: true, value: v };
    }
    case 'bool': {
      if (typeof cell === 'boolean') return { ok: true, value: cell };
      const s = String(cell).trim().toLowerCase();
      if (TRUE.has(s)) return { ok: true, value: true };
      if (FALSE.has(s)) return { ok: true, value: false };
      return { ok: false, message: `«${String(cell)}» non è sì/no` };
    }
    case 'enum': {
      const s = String(cell).trim().normalize('NFC');
      const hit = t.values?.find((v) => v.normalize('NFC').toLowerCase() === s.toLowerCase());
      return hit ? { ok: true, value: hit } : { ok: false, message: `«${s}» non è tra i valori ammessi (${t.values?.join(', ')})` };
    }
    case 'list': {
      const parts = Array.isArray(cell) ? cell : String(cell).split('|');
      const out: V[] = [];
      for (let i = 0; i < parts.length; i++) {
        const c = convert(parts[i], t.of!, lang, options); // each element remembered as a cell of its own
        if (!c.ok) return { ok: false, message: `elemento ${i + 1} della lista: ${c.message}` };
        out.push(c.value);
      }
      return { ok: true, value: out };
    }
    case 'text':
    case 'unitref':
      return { ok: true, value: String(cell).trim().normalize('NFC') };
    case 'date':
      return convertDate(cell);
  }
}

function tooPrecise(cell: Cell): Converted {
  const s = show(cell);
  const shown = s.length > 80 ? `${s.slice(0, 40)}…${s.slice(-20)}` : s;
  return { ok: false, message: `«${shown}» ha più di ${PRECISION} cifre: scheda calcola esattamente fino a ${PRECISION} cifre e non arrotonda un dato (scrivilo con meno cifre)` };
}

function expected(t: IrType): string {
  switch (t.base) {
    case 'num': return (Object.hasOwn(UNIT_IT, t.unit ?? 'numero') ? UNIT_IT[t.unit ?? 'numero'] : undefined) ?? 'un numero';
    case 'bool': return 'sì o no';
    case 'enum': return `uno tra ${t.values?.join(', ')}`;
    case 'list': return 'un elenco';
    case 'date': return 'una data (gg/mm/aaaa o aaaa-mm-gg)';
    default: return 'un testo';
  }
}

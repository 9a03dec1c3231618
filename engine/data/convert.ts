// One cell -> one typed value, by the type the scheme declares. Errors say what was found and what
// was expected, in plain words; an empty cell is an error, never a default.
import type { IrType } from '../compile/ir.ts';
import { D } from '../run/decimal.ts';
import type { V } from '../run/population.ts';
import type { Cell } from './read.ts';

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
  const t = text.replace(/[€\s\u00a0]/g, '').replace(/^\+/, '');
  if (/^-?\d+$/.test(t)) return t;
  if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(t) || /^-?\d{1,3}(\.\d{3}){2,}$/.test(t)) return t.replace(/\./g, '').replace(',', '.');
  if (/^-?\d{1,3}(,\d{3})+\.\d+$/.test(t) || /^-?\d{1,3}(,\d{3}){2,}$/.test(t)) return t.replace(/,/g, '');
  if (/^-?\d{1,3}[.,]\d{3}$/.test(t)) return { ambiguous: true };
  if (/^-?\d+,\d+$/.test(t)) return t.replace(',', '.');
  if (/^-?\d+\.\d+$/.test(t)) return t;
  return null;
}

const UNIT_IT: Record<string, string> = {
  punti: 'un punteggio', euro: 'un importo in euro', percentuale: 'una percentuale', giorni: 'un numero di giorni',
  mesi: 'un numero di mesi', numero: 'un numero', intero: 'un numero intero',
};

export function convert(cell: Cell, t: IrType, lang: 'it' | 'en'): Converted {
  if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) return { ok: false, message: 'valore mancante' };
  switch (t.base) {
    case 'num': {
      let text: Parsed;
      const isPercentText = typeof cell === 'string' && cell.trim().endsWith('%');
      if (typeof cell === 'number') text = Number.isFinite(cell) ? new D(cell).toFixed() : null;
      else if (typeof cell === 'string') text = parseNumber(cell.replace(/%\s*$/, ''));
      else text = null;
      if (text !== null && typeof text === 'object') {
        return { ok: false, message: `«${String(cell)}» si legge in due modi (migliaia o decimali?): scrivi ${String(cell).replace(/[.,]/, '')} oppure usa la virgola o il punto per i decimali con più o meno di tre cifre` };
      }
      if (text === null) return { ok: false, message: `«${String(cell)}» non è ${UNIT_IT[t.unit ?? 'numero'] ?? 'un numero'}` };
      let v = new D(text);
      if (t.unit === 'percentuale') {
        // percentages are written in points (42 or 42%) and held as 0.42; 0 < x ≤ 1 without % is ambiguous
        if (!isPercentText && v.gt(0) && v.lte(1)) {
          return { ok: false, message: `«${String(cell)}» è ambiguo per una percentuale: scrivi ${v.times(100).toFixed()}% oppure ${v.toFixed().replace('.', ',')}%` };
        }
        v = v.div(100);
      }
      if (t.unit === 'intero' && !v.isInteger()) return { ok: false, message: `«${String(cell)}» non è un numero intero` };
      const min = t.min !== undefined ? new D(t.min) : t.unit === 'giorni' || t.unit === 'mesi' || t.unit === 'euro' || t.unit === 'punti' ? new D(0) : undefined;
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
      const s = String(cell).trim();
      const hit = t.values?.find((v) => v.toLowerCase() === s.toLowerCase());
      return hit ? { ok: true, value: hit } : { ok: false, message: `«${s}» non è tra i valori ammessi (${t.values?.join(', ')})` };
    }
    case 'list': {
      const parts = Array.isArray(cell) ? cell : String(cell).split('|');
      const out: V[] = [];
      for (let i = 0; i < parts.length; i++) {
        const c = convert(parts[i], t.of!, lang);
        if (!c.ok) return { ok: false, message: `elemento ${i + 1} della lista: ${c.message}` };
        out.push(c.value);
      }
      return { ok: true, value: out };
    }
    case 'text':
    case 'unitref':
      return { ok: true, value: String(cell).trim() };
  }
}

// The date literal: `data 31/12/2024` (gg/mm/aaaa) or `data 2024-12-31` (aaaa-mm-gg), in either language.
// The lexer reads `31/12/2024` as three numbers and two divisions, so a date is written after the word
// `data` / `date` (never guessed from the numbers: `31/12/2024` alone stays a division), and its parts must
// touch (`31 / 12 / 2024` is a division). An impossible day (31/02/2024) keeps value '' and the checker says so.
import type { IToken } from 'chevrotain';
import type { Expr, Span } from './ast.ts';
import { isoOf, isValidCivil } from '../run/calendar.ts';

export function dateLiteral(parts: IToken[], seps: IToken[], span: Span): Extract<Expr, { kind: 'date' }> {
  const all = [...parts, ...seps].sort((a, b) => a.startOffset - b.startOffset);
  const text = all.map((t) => t.image).join('');
  const touching = all.every((t, i) => i === 0 || t.startOffset === (all[i - 1].endOffset ?? all[i - 1].startOffset) + 1);
  let value = '';
  const [a, b, c] = parts.map((t) => t.image);
  if (touching && parts.length === 3 && seps.length === 2) {
    const n = [a, b, c].map(Number);
    if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text) && isValidCivil(n[2], n[1], n[0])) value = isoOf({ y: n[2], m: n[1], d: n[0] });
    else if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(text) && isValidCivil(n[0], n[1], n[2])) value = isoOf({ y: n[0], m: n[1], d: n[2] });
  }
  // as written only when it is no day (for the message): a valid date is its ISO value, whatever the form
  return value ? { kind: 'date', value, span } : { kind: 'date', value, text: touching ? text : all.map((t) => t.image).join(' '), span };
}

/**
 * The scheme's year as values: a name of the language only where the scheme declares nothing so named
 * (a field `anno` stays the field). `anno` / `year` is the header's year, a whole number; `inizio_anno` /
 * `year_start` and `fine_anno` / `year_end` are its 1 January and 31 December.
 */
export const YEAR_VALUES = {
  anno: { it: 'anno', en: 'year' },
  inizio_anno: { it: 'inizio_anno', en: 'year_start' },
  fine_anno: { it: 'fine_anno', en: 'year_end' },
} as const;

export type YearValue = keyof typeof YEAR_VALUES;

export function yearValueByWord(w: string, lang: 'it' | 'en'): YearValue | undefined {
  for (const [k, v] of Object.entries(YEAR_VALUES)) if (v[lang] === w) return k as YearValue;
  return undefined;
}

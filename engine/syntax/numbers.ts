// Number literals as written in each language <-> canonical decimal strings ('.' point, no grouping).
import type { Lang } from './keywords.ts';
import { PRECISION } from '../run/decimal.ts';

export { PRECISION };

/** The digits a canonical decimal needs to be held exactly: integer digits plus decimal places. */
export function literalDigits(canonical: string): number {
  const [i, f = ''] = canonical.replace(/^-/, '').split('.');
  return i.replace(/^0+/, '').length + f.replace(/0+$/, '').length;
}

export function canonicalNumber(image: string, lang: Lang): string {
  if (lang === 'it') return image.replace(/\./g, '').replace(',', '.');
  return image.replace(/_/g, '');
}

/** Prints a canonical decimal string in the file's language; Italian euro amounts get thousands dots. */
export function printNumber(text: string, lang: Lang, group: boolean): string {
  const neg = text.startsWith('-');
  const [intPart, frac] = (neg ? text.slice(1) : text).split('.');
  let i = intPart;
  if (lang === 'it' && group && i.length > 3) i = i.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sep = lang === 'it' ? ',' : '.';
  return (neg ? '-' : '') + i + (frac !== undefined ? sep + frac : '');
}

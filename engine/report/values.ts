// Values as text: exact decimal strings for JSON, and Italian display strings for people.
import type { IrType } from '../compile/ir.ts';
import { isDec, type Dec } from '../run/decimal.ts';
import type { V } from '../run/population.ts';

/** JSON form: decimals as exact strings, never floats. */
export function jsonValue(v: V): unknown {
  if (v === null) return null;
  if (isDec(v)) return (v as Dec).toFixed();
  if (Array.isArray(v)) return v.map(jsonValue);
  return v;
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function itNumber(d: Dec, places?: number): string {
  const s = places === undefined ? d.toFixed() : d.toFixed(places);
  const neg = s.startsWith('-');
  const [i, f] = (neg ? s.slice(1) : s).split('.');
  return (neg ? '-' : '') + group(i) + (f ? ',' + f : '');
}

/** Display form, by the value's unit: 1.245,83 € · 49,34% · 48,18 · 553 · sì. */
export function display(v: V, t?: IrType): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? 'sì' : 'no';
  if (Array.isArray(v)) return v.map((x) => display(x, t?.of)).join(' | ');
  if (!isDec(v)) return String(v);
  const d = v as Dec;
  switch (t?.unit) {
    case 'euro': return `${itNumber(d, 2)} €`;
    case 'percentuale': return `${itNumber(d.times(100).toDecimalPlaces(2))}%`;
    case 'punti': return itNumber(d.toDecimalPlaces(2));
    default: return itNumber(d.decimalPlaces() > 4 ? d.toDecimalPlaces(4) : d);
  }
}

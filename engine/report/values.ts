// Values as text: exact decimal strings for JSON, and Italian display strings for people.
import type { IrScheme, IrType } from '../compile/ir.ts';
import { isDec, type Dec } from '../run/decimal.ts';
import type { V } from '../run/population.ts';
import { italianOf, parseIso } from '../run/calendar.ts';

/** A date (ISO text inside the engine) as Italian readers write it: 31/12/2024. */
export function italianDate(v: string): string {
  const c = parseIso(v);
  return c ? italianOf(c) : v;
}

/** JSON form: decimals as exact strings, never floats; money always with (at least) two decimals: 3493.00. */
export function jsonValue(v: V, t?: IrType): unknown {
  if (v === null) return null;
  if (isDec(v)) return t?.unit === 'euro' && (v as Dec).decimalPlaces() <= 2 ? (v as Dec).toFixed(2) : (v as Dec).toFixed();
  if (Array.isArray(v)) return v.map((x) => jsonValue(x, t?.of));
  return v;
}

/** The columns of a scheme's per-person results: `totale` only with a score, `ammesso` only with gates. */
export function personColumns(ir: IrScheme) {
  const scored = ir.decls.some((d) => d.kind === 'item' || d.kind === 'section' || d.kind === 'penalty');
  const gated = ir.decls.some((d) => d.kind === 'gate');
  return ir.decls.filter((d) => d.level === 'persona' && (d.kind !== 'total' || scored) && (d.kind !== 'eligible' || gated));
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
  if (t?.base === 'date' && typeof v === 'string') return italianDate(v); // 31/12/2024
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

/** Display form in the scheme's language: Italian as `display`; English 1,245.83 € · 49.34% · 48.18 · yes. */
export function displayIn(v: V, t: IrType | undefined, lang: 'it' | 'en'): string {
  if (lang === 'it') return display(v, t);
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => displayIn(x, t?.of, lang)).join(' | ');
  if (!isDec(v)) return String(v);
  const d = v as Dec;
  const en = (x: Dec, places?: number) => {
    const s = places === undefined ? x.toFixed() : x.toFixed(places);
    const [i, f] = s.split('.');
    return i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? '.' + f : '');
  };
  switch (t?.unit) {
    case 'euro': return `${en(d, 2)} €`;
    case 'percentuale': return `${en(d.times(100).toDecimalPlaces(2))}%`;
    case 'punti': return en(d.toDecimalPlaces(2));
    default: return en(d.decimalPlaces() > 4 ? d.toDecimalPlaces(4) : d);
  }
}

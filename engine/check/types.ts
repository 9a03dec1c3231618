// Types the checker infers for names and expressions, and the levels at which values vary.
//
// A number's unit is a product of powers of base units (euro, punti, giorni, mesi, ore): `euro/punti` is
// what `pot / Σ points` gives, and `× points` brings it back to `euro`. Percentages are dimensionless
// ratios: `percentuale` is the dimensionless unit shown as a percentage, `numero` the one shown as a
// number, `intero` a dimensionless whole number. The unit is written as a canonical string (`euro`,
// `euro/punti`, `punti^2`, `1/giorni`), which is also what the IR carries.
import type { UnitName } from '../syntax/ast.ts';

export type Ty =
  // unit null: a bare number that takes the unit of its context. dp: the most decimals the value can have
  // (0 for a whole number, 2 after `arrotonda(…; 2)`), when the checker knows it.
  | { t: 'num'; unit: UnitName | string | null; dp?: number }
  | { t: 'bool' }
  | { t: 'text' }
  | { t: 'date' } // a calendar day (not a number: days between dates are a function's result)
  | { t: 'enum'; values: string[] }
  | { t: 'list'; of: Ty }
  | { t: 'unitref' }
  | { t: 'any' }; // after an error, to avoid cascades

export type NumTy = Extract<Ty, { t: 'num' }>;

export type LevelName = 'ente' | 'unit' | 'persona';
export const LEVEL_RANK: Record<LevelName, number> = { ente: 0, unit: 1, persona: 2 };

export const ANY: Ty = { t: 'any' };
export const BOOL: Ty = { t: 'bool' };
export const TEXT: Ty = { t: 'text' };
export const DATE: Ty = { t: 'date' };
export const num = (unit: UnitName | string | null, dp?: number): NumTy => {
  if (unit === 'intero') return { t: 'num', unit, dp: 0 };
  return dp === undefined ? { t: 'num', unit } : { t: 'num', unit, dp };
};

/** The base units: the dimensions a value can have. */
export const BASE_UNITS = ['euro', 'punti', 'giorni', 'mesi', 'ore'] as const;

export type Dims = Map<string, number>;

const DIMENSIONLESS = new Set(['numero', 'intero', 'percentuale']);

/** The powers of base units of a canonical unit string; null for a bare number. */
export function dimsOf(unit: string | null): Dims | null {
  if (unit === null) return null;
  const d: Dims = new Map();
  if (DIMENSIONLESS.has(unit)) return d;
  const [num, den] = unit.split('/');
  const add = (part: string | undefined, sign: number) => {
    for (const f of (part ?? '').split('*')) {
      if (!f || f === '1') continue;
      const [name, pow] = f.split('^');
      d.set(name, (d.get(name) ?? 0) + sign * (pow ? Number(pow) : 1));
    }
  };
  add(num, 1);
  add(den, -1);
  for (const [k, v] of d) if (v === 0) d.delete(k);
  return d;
}

/** The canonical unit string of some dimensions: `euro`, `euro/punti`, `punti^2`, `1/giorni`. */
export function unitOfDims(d: Dims, dimensionless: 'numero' | 'intero' | 'percentuale' = 'numero'): string {
  const keys = [...d.keys()].filter((k) => d.get(k)).sort();
  if (!keys.length) return dimensionless;
  const pw = (k: string, p: number) => (p === 1 ? k : `${k}^${p}`);
  const up = keys.filter((k) => d.get(k)! > 0).map((k) => pw(k, d.get(k)!));
  const down = keys.filter((k) => d.get(k)! < 0).map((k) => pw(k, -d.get(k)!));
  return (up.length ? up.join('*') : '1') + (down.length ? '/' + down.join('*') : '');
}

export function combineDims(a: Dims, b: Dims, sign: 1 | -1): Dims {
  const d: Dims = new Map(a);
  for (const [k, v] of b) d.set(k, (d.get(k) ?? 0) + sign * v);
  for (const [k, v] of d) if (v === 0) d.delete(k);
  return d;
}

export function sameDims(a: Dims, b: Dims): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export const isDimensionless = (u: string | null): boolean => u !== null && DIMENSIONLESS.has(u);

/**
 * The unit that counts for compatibility, leniently: null for bare and dimensionless numbers (a plain number
 * may stand for anything), else the canonical unit string. Strict checks use dimsOf/sameDims.
 */
export function dim(u: string | null): string | null {
  if (u === null || DIMENSIONLESS.has(u)) return null;
  return unitOfDims(dimsOf(u)!);
}

/** Is the value known to be a whole number? */
export const isWhole = (ty: Ty): boolean => ty.t === 'num' && ty.dp === 0;

export function maxLevel(a: LevelName, b: LevelName): LevelName {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

const UNIT_NAMES: Record<string, [string, string]> = {
  punti: ['punti', 'points'], euro: ['euro', 'euro'], giorni: ['giorni', 'days'], mesi: ['mesi', 'months'], ore: ['ore', 'hours'],
};

/** A unit as the reader writes it: `euro`, `euro/punti`, `giorni`, `%`… */
export function unitWords(u: string, lang: 'it' | 'en'): string {
  const d = dimsOf(u);
  if (!d || !d.size) return u === 'percentuale' ? '%' : '';
  const w = (k: string) => UNIT_NAMES[k]?.[lang === 'it' ? 0 : 1] ?? k;
  return unitOfDims(d).replace(/[a-zà-ù_][a-zà-ù_0-9]*/gi, (k) => w(k)).replace(/\*/g, '·');
}

export function describe(ty: Ty, lang: 'it' | 'en'): string {
  const it = lang === 'it';
  switch (ty.t) {
    case 'num': {
      const whole = ty.dp === 0;
      if (ty.unit === null) return it ? 'un numero' : 'a number';
      if (ty.unit === 'percentuale') return it ? 'una percentuale' : 'a percentage';
      const d = dimsOf(ty.unit)!;
      if (!d.size) return whole ? (it ? 'un numero intero' : 'a whole number') : it ? 'un numero' : 'a number';
      const w = unitWords(ty.unit, lang);
      if (d.size === 1 && [...d.values()][0] === 1) return whole ? (it ? `${w} interi` : `whole ${w}`) : w;
      return it ? `un valore in ${w}` : `a value in ${w}`;
    }
    case 'bool':
      return it ? 'un sì/no' : 'a yes/no';
    case 'text':
      return it ? 'un testo' : 'a text';
    case 'date':
      return it ? 'una data' : 'a date';
    case 'enum':
      return (it ? 'uno tra ' : 'one of ') + ty.values.join(', ');
    case 'list':
      return (it ? 'una lista di ' : 'a list of ') + describe(ty.of, lang);
    case 'unitref':
      return it ? "un'unità organizzativa" : 'an organisational unit';
    default:
      return it ? 'un valore' : 'a value';
  }
}

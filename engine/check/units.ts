// The algebra of units: what +, −, ×, / and the functions do to a number's unit and to what is known of
// its decimals. Units are products of powers of base units (types.ts); percentages are dimensionless.
import { combineDims, dimsOf, num, sameDims, unitOfDims, type NumTy } from './types.ts';

const isPct = (t: NumTy) => t.unit === 'percentuale';
const bare = (t: NumTy) => t.unit === null;

/**
 * The decimals of a literal as written (`16` → 0, `1.000,00 €` → 2, `5%` = 0,05 → 2, `2,5%` → 3): an upper
 * bound on its decimals, which says what the author meant (100,00 € is an amount in cents).
 */
export function literalDp(text: string, unit: string | null): number {
  const frac = /\.(\d*)/.exec(text)?.[1] ?? '';
  return frac.length + (unit === 'percentuale' ? 2 : 0);
}

const both = (a: number | undefined, b: number | undefined, f: (x: number, y: number) => number) => (a === undefined || b === undefined ? undefined : f(a, b));

/** A dimensionless result: shown as a percentage, a whole number or a number. */
function plain(pct: boolean, dp: number | undefined): NumTy {
  return num(pct ? 'percentuale' : dp === 0 ? 'intero' : 'numero', dp);
}

function withDims(d: ReturnType<typeof dimsOf>, pct: boolean, dp: number | undefined): NumTy {
  if (!d || !d.size) return plain(pct, dp);
  return num(unitOfDims(d), dp);
}

/** Do two numbers have the same dimensions (a bare number has any)? */
export function compatibleUnits(a: NumTy, b: NumTy): boolean {
  if (bare(a) || bare(b)) return true;
  return sameDims(dimsOf(a.unit)!, dimsOf(b.unit)!);
}

/** `a + b`, `a − b`, the branches of an alternative: one dimension, the larger number of decimals. Null: no common unit. */
export function sumUnit(a: NumTy, b: NumTy): NumTy | null {
  const dp = both(a.dp, b.dp, Math.max);
  if (bare(a) && bare(b)) return num(null, dp);
  if (bare(a) || bare(b)) {
    const t = bare(a) ? b : a;
    return t.unit === 'numero' || t.unit === 'intero' ? plain(false, dp) : num(t.unit, dp);
  }
  const da = dimsOf(a.unit)!;
  if (!sameDims(da, dimsOf(b.unit)!)) return null;
  return withDims(da, isPct(a) && isPct(b), dp);
}

/** `a × b`: powers add; a percentage of something keeps that something's unit (a plain number stays plain). */
export function productUnit(a: NumTy, b: NumTy): NumTy {
  const dp = both(a.dp, b.dp, (x, y) => x + y);
  if (bare(a) && bare(b)) return num(null, dp);
  const d = combineDims(dimsOf(a.unit) ?? new Map(), dimsOf(b.unit) ?? new Map(), 1);
  // 150 × 10% is the number 15, not the percentage 1.500%: only a percentage of a percentage is one
  const pct = isPct(a) && isPct(b);
  return withDims(d, pct, dp);
}

/** `a / b`: powers subtract; dividing by a percentage keeps the unit (`100 € / 50%` is euro). */
export function quotientUnit(a: NumTy, b: NumTy): NumTy {
  if (bare(a) && bare(b)) return num(null);
  const d = combineDims(dimsOf(a.unit) ?? new Map(), dimsOf(b.unit) ?? new Map(), -1);
  const pct = isPct(a) && !isPct(b);
  return withDims(d, pct, undefined);
}

/** `arrotonda(x; n)`, `tronca(x; n)`: at most n decimals. */
export function roundedUnit(a: NumTy, n: number): NumTy {
  const dp = a.dp === undefined ? n : Math.min(a.dp, n);
  if (a.unit === 'numero' || a.unit === 'intero') return plain(false, dp);
  return num(a.unit, dp);
}

/** The same unit, nothing known of the decimals (a mean, a weighted mean). */
export function anyDecimals(a: NumTy): NumTy {
  if (a.unit === 'intero') return num('numero');
  return num(a.unit);
}

/**
 * Does a value of unit `found` conflict with the unit `want` a declaration needs? A bare or plain number
 * (numero, intero) may stand for anything; a percentage is not an amount, nor an amount a percentage.
 */
export function unitConflict(found: NumTy, want: NumTy): boolean {
  if (found.unit === null || found.unit === 'numero' || found.unit === 'intero' || want.unit === null || want.unit === 'numero' || want.unit === 'intero') return false;
  return !sameDims(dimsOf(found.unit)!, dimsOf(want.unit)!);
}

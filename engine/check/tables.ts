// Static checks of interval tables (scales and bands): overlaps are errors; gaps between rows and
// values left uncovered are warnings. Granularity follows what the checker knows of the subject's
// decimals (whole numbers step by 1, `arrotonda(x; 2)` by 0,01), else its unit: euro by the cent,
// everything else is continuous.
import { Decimal } from 'decimal.js';
import type * as A from '../syntax/ast.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SchemeSymbols } from './symbols.ts';
import type { Ty } from './types.ts';

interface Iv {
  lo: Decimal | null;
  loIncl: boolean;
  hi: Decimal | null;
  hiIncl: boolean;
  row: number;
  span: A.Span;
}

const fmt = (d: Decimal, lang: 'it' | 'en') => (lang === 'it' ? d.toFixed().replace('.', ',') : d.toFixed());

function toIv(rows: A.ScaleRow[]): Iv[] {
  const out: Iv[] = [];
  rows.forEach((r, i) => {
    if (r.when.kind !== 'range') return;
    const w = r.when;
    out.push({ lo: w.lo ? new Decimal(w.lo.value) : null, loIncl: w.loIncl, hi: w.hi ? new Decimal(w.hi.value) : null, hiIncl: w.hiIncl, row: i + 1, span: r.span });
  });
  return out;
}

function cmpLo(a: Iv, b: Iv): number {
  if (a.lo === null) return b.lo === null ? 0 : -1;
  if (b.lo === null) return 1;
  const c = a.lo.comparedTo(b.lo);
  if (c !== 0) return c;
  return a.loIncl === b.loIncl ? 0 : a.loIncl ? -1 : 1;
}

/** True when some value is in both intervals. */
function overlaps(a: Iv, b: Iv): Decimal | null {
  const lo = a.lo === null ? b.lo : b.lo === null ? a.lo : Decimal.max(a.lo, b.lo);
  const hi = a.hi === null ? b.hi : b.hi === null ? a.hi : Decimal.min(a.hi, b.hi);
  if (lo === null || hi === null) return lo ?? hi ?? new Decimal(0);
  const c = lo.comparedTo(hi);
  if (c < 0) return lo;
  if (c > 0) return null;
  const inA = (a.lo === null || !lo.eq(a.lo) || a.loIncl) && (a.hi === null || !lo.eq(a.hi) || a.hiIncl);
  const inB = (b.lo === null || !lo.eq(b.lo) || b.loIncl) && (b.hi === null || !lo.eq(b.hi) || b.hiIncl);
  return inA && inB ? lo : null;
}

/**
 * The smallest difference between two values of the subject: 1 for whole numbers (an integer input, a sum or
 * count of them, `tronca(x; 0)`), 10^-n after `arrotonda(x; n)`; euro amounts go by the cent; else continuous.
 */
function step(ty: Ty): Decimal | null {
  if (ty.t !== 'num') return null;
  if (ty.dp !== undefined) return new Decimal(10).pow(-ty.dp);
  if (ty.unit === 'euro') return new Decimal('0.01');
  return null;
}

/** Is the open-or-closed gap between a's upper and b's lower bound empty at the subject's granularity? */
function gapBetween(a: Iv, b: Iv, st: Decimal | null): { from: Decimal; to: Decimal; example: Decimal } | null {
  if (a.hi === null || b.lo === null) return null;
  const c = a.hi.comparedTo(b.lo);
  if (c > 0) return null;
  if (c === 0) return a.hiIncl || b.loIncl ? null : { from: a.hi, to: b.lo, example: a.hi };
  // a.hi < b.lo: values strictly between, plus the excluded endpoints
  const first = a.hiIncl ? (st ? a.hi.plus(st) : null) : a.hi;
  const last = b.loIncl ? (st ? b.lo.minus(st) : null) : b.lo;
  if (st && first && last && first.gt(last)) return null;
  const example = first ?? (st ? a.hi.plus(st) : a.hi.plus(b.lo).div(2));
  return { from: a.hi, to: b.lo, example };
}

/** Does `a` reach further up than `b` (a higher upper bound, or the same one included)? */
function reachesFurther(a: Iv, b: Iv): boolean {
  if (b.hi === null) return false;
  if (a.hi === null) return true;
  const c = a.hi.comparedTo(b.hi);
  return c > 0 || (c === 0 && a.hiIncl && !b.hiIncl);
}

/**
 * Overlaps, gaps and coverage in one pass over the rows sorted by their lower bound: O(n log n).
 * A row overlaps some row before it exactly when it overlaps the one reaching furthest up (every
 * earlier row starts at or below it), so each overlapping row is reported once, against that row;
 * a gap is a hole between everything before a row and the row.
 */
export function checkIntervals(
  rows: A.ScaleRow[], subject: Ty, domain: { min?: Decimal; max?: Decimal; step?: Decimal }, file: string, lang: 'it' | 'en', out: Diagnostic[], hasOtherwise: boolean,
): void {
  const ivs = toIv(rows).sort(cmpLo);
  const st = domain.step ?? step(subject); // a rounded total steps by its last decimal
  let reach: Iv | undefined;
  for (const iv of ivs) {
    if (reach) {
      const v = overlaps(reach, iv);
      if (v) out.push(diag('table-overlap', file, iv.span, lang, { a: reach.row, b: iv.row, value: fmt(v, lang) }));
      // with an `altrimenti` row the author has said what happens between the rows too
      const g = hasOtherwise || v ? null : gapBetween(reach, iv, st);
      if (g) out.push(diag('table-gap', file, iv.span, lang, { from: fmt(g.from, lang), to: fmt(g.to, lang), example: fmt(g.example, lang) }));
    }
    if (!reach || reachesFurther(iv, reach)) reach = iv;
  }
  if (hasOtherwise || ivs.length === 0) return;
  const first = ivs[0];
  const last = ivs.reduce((m, x) => (x.hi === null || (m.hi !== null && x.hi.gt(m.hi)) ? x : m), ivs[0]);
  const { min, max } = domain;
  if (min !== undefined && first.lo !== null && (first.lo.gt(min) || (first.lo.eq(min) && !first.loIncl))) {
    out.push(diag('table-uncovered', file, first.span, lang, { value: fmt(min, lang) }));
  }
  if (max !== undefined && last.hi !== null && (last.hi.lt(max) || (last.hi.eq(max) && !last.hiIncl))) {
    out.push(diag('table-uncovered', file, last.span, lang, { value: fmt(max, lang) }));
  }
}

/** The values of `rows` that pay nothing: rows whose value is a literal zero. */
export function zeroRows(rows: A.ScaleRow[]): A.ScaleRow[] {
  return rows.filter((r) => r.value.kind === 'quantity' && new Decimal(r.value.value).isZero());
}

/** Does [q, +∞) (or (q, +∞)) meet a zero-paying row or an uncovered value? Returns the first such value. */
export function admittedUnpaid(rows: A.ScaleRow[], q: Decimal, incl: boolean): Decimal | null {
  const gate: Iv = { lo: q, loIncl: incl, hi: null, hiIncl: false, row: 0, span: rows[0]?.span };
  for (const r of zeroRows(rows)) {
    const [iv] = toIv([r]);
    if (!iv) continue;
    const v = overlaps(gate, iv);
    if (v) return v;
  }
  // uncovered right at the gate's threshold
  const ivs = toIv(rows);
  if (incl && !ivs.some((iv) => overlaps({ ...gate, hi: q, hiIncl: true }, iv))) return q;
  return null;
}

/** The declared range of a subject, when it is a plain reference to a bounded input or the total. */
export function domainOf(e: A.Expr, s: SchemeSymbols): { min?: Decimal; max?: Decimal; step?: Decimal } {
  if (e.kind === 'builtin' && e.name === 'totale') {
    const t = s.ast.decls.find((d) => d.kind === 'total') as Extract<A.Decl, { kind: 'total' }> | undefined;
    // `totale … arrotondando a N decimali`: the total takes only values with N decimals
    const step = t?.rounding && /^\d+$/.test(t.rounding.places.value) && Number(t.rounding.places.value) <= 20 ? { step: new Decimal(10).pow(-Number(t.rounding.places.value)) } : {};
    if (t) return { min: new Decimal(t.min?.value ?? 0), max: new Decimal(t.max.value), ...step };
  }
  if (e.kind === 'ref' && e.path.length === 1) {
    const f = s.names.get(e.path[0].name)?.decl as A.Field | undefined;
    if (f?.kind === 'field' && f.type.kind === 'num' && f.type.min && f.type.max) return { min: new Decimal(f.type.min.value), max: new Decimal(f.type.max.value) };
  }
  return {};
}

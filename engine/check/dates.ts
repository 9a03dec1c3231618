// Checking dates: the scheme's year as values, what operators do to dates, and the calendar functions.
// A date is not a number: `fine - inizio` is refused with a hint to the function that says whether the
// first day counts (giorni_tra: both ends included, as agreements write periods; differenza_giorni: b − a).
import type * as A from '../syntax/ast.ts';
import type { FunctionName } from '../syntax/keywords.ts';
import { yearValueByWord } from '../syntax/dates.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Domain, Resolutions, Typed } from './expr-base.ts';
import type { SchemeSymbols } from './symbols.ts';
import { ANY, BOOL, DATE, describe, dimsOf, maxLevel, num, type LevelName, type Ty } from './types.ts';

/** `anno`, `inizio_anno`, `fine_anno` (`year`, `year_start`, `year_end`) where the scheme declares no such name. */
export function yearValue(e: Extract<A.Expr, { kind: 'ref' }>, lang: 'it' | 'en', res: Resolutions): Typed | undefined {
  const which = yearValueByWord(e.path[0].name, lang);
  if (!which) return undefined;
  res.refs.set(e, { ns: 'year', which });
  return { ty: which === 'anno' ? num('intero') : DATE, level: 'ente' };
}

/** An operator with a date on either side: comparisons of two dates, or an error; undefined when no date is involved. */
export function dateOperation(op: A.BinOp, l: Ty, r: Ty, span: A.Span, file: string, lang: 'it' | 'en', out: Diagnostic[]): Ty | undefined {
  if (l.t !== 'date' && r.t !== 'date') return undefined;
  if (op === 'e' || op === 'o') return undefined;
  const other = l.t === 'date' ? r : l;
  if (['=', '<>', '<', '<=', '>', '>='].includes(op)) {
    if (other.t !== 'date' && other.t !== 'any') out.push(diag('date-compare', file, span, lang, {}));
    return BOOL;
  }
  out.push(diag('date-arithmetic', file, span, lang, { op }));
  return ANY;
}

/** What the checker lends to `checkDateCall`. */
export interface DateHost {
  lang: 'it' | 'en';
  expr(e: A.Expr): Typed;
  withDomain<T>(d: Domain | undefined, f: () => T): T;
  names: SchemeSymbols['names'];
  file: string;
  out: Diagnostic[];
}

// each function: its arguments (d: a date, y: a date or a year, n: a whole number of days / months, i: a whole number)
const SIGNATURES: Partial<Record<FunctionName, { args: string; result: Ty }>> = {
  giorni_tra: { args: 'dd', result: num('giorni', 0) },
  differenza_giorni: { args: 'dd', result: num('giorni', 0) },
  mesi_interi: { args: 'dd', result: num('mesi', 0) },
  aggiungi_giorni: { args: 'dG', result: DATE },
  aggiungi_mesi: { args: 'dM', result: DATE },
  giorno_di: { args: 'd', result: num('intero') },
  mese_di: { args: 'd', result: num('intero') },
  anno_di: { args: 'd', result: num('intero') },
  fine_mese: { args: 'd', result: DATE },
  bisestile: { args: 'y', result: BOOL },
  data_da: { args: 'iii', result: DATE },
  giorni_servizio: { args: 'dd', result: num('giorni', 0) },
  giorni_servizio_mese: { args: 'dd', result: { t: 'list', of: num('giorni', 0) } },
};

/** The functions that may also read a table of absence periods: two more arguments, `T.dal; T.al`. */
const WITH_ABSENCES = new Set<FunctionName>(['giorni_servizio', 'giorni_servizio_mese']);

export function checkDateCall(h: DateHost, e: Extract<A.Expr, { kind: 'call' }>, fn: FunctionName, res: Resolutions): Typed {
  const it = h.lang === 'it';
  const sig = SIGNATURES[fn]!;
  const err = (code: Parameters<typeof diag>[0], span: A.Span, args: Record<string, string | number>) => h.out.push(diag(code, h.file, span, h.lang, args));
  const n = sig.args.length;
  const absences = WITH_ABSENCES.has(fn) && e.args.length === n + 2;
  if (e.args.length !== n && !absences) {
    err('wrong-arguments', e.span, { name: e.fn.name, expected: WITH_ABSENCES.has(fn) ? `${n} ${it ? 'o' : 'or'} ${n + 2}` : String(n), found: e.args.length });
  }
  let level: LevelName = 'ente';
  const want = (ty: Ty, kind: string, at: A.Expr) => {
    if (ty.t === 'any') return;
    const dateLike = ty.t === 'date';
    const whole = (unit: string) => ty.t === 'num' && (ty.unit === null || !dimsOf(ty.unit)!.size || ty.unit === unit);
    const ok = kind === 'd' ? dateLike : kind === 'y' ? dateLike || whole('') : kind === 'G' ? whole('giorni') : kind === 'M' ? whole('mesi') : whole('');
    if (ok) return;
    const expected = kind === 'd' ? (it ? 'una data' : 'a date')
      : kind === 'y' ? (it ? 'una data o un anno' : 'a date or a year')
        : kind === 'G' ? (it ? 'un numero di giorni' : 'a number of days')
          : kind === 'M' ? (it ? 'un numero di mesi' : 'a number of months') : it ? 'un numero intero' : 'a whole number';
    err(ty.t === 'num' && kind !== 'd' ? 'unit-mismatch' : 'type-mismatch', at.span, ty.t === 'num' && kind !== 'd'
      ? { op: it ? 'usare come argomento' : 'use as argument', left: expected, right: describe(ty, h.lang) }
      : { expected, found: describe(ty, h.lang) });
  };
  e.args.slice(0, n).forEach((a, i) => {
    const t = h.expr(a);
    level = maxLevel(level, t.level);
    want(t.ty, sig.args[i], a);
  });
  if (absences) {
    // `T.dal; T.al`: two date columns of one per-person table, read on each of the person's rows
    const [a, b] = e.args.slice(n);
    const table = a.kind === 'ref' && a.path.length === 2 ? h.names.get(a.path[0].name) : undefined;
    const other = b.kind === 'ref' && b.path.length === 2 ? b.path[0].name : undefined;
    if (!table || table.kind !== 'table' || other !== table.name || table.level !== 'persona') {
      err('date-absences', a.span, { name: e.fn.name });
      return { ty: sig.result, level: 'persona' };
    }
    const dom: Domain = { kind: 'table', name: table.name };
    for (const x of [a, b]) want(h.withDomain(dom, () => h.expr(x)).ty, 'd', x);
    res.dateTables ??= new Map();
    res.dateTables.set(e, table.name);
    level = 'persona';
  }
  return { ty: sig.result, level };
}

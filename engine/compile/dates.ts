// Dates in the IR: `{date: "2024-12-31"}`, the scheme's year (`{scheme_year: "year" | "start" | "end"}`) and one
// operation per calendar function (schemas/make-ir-schema.mjs lists them).
import type * as A from '../syntax/ast.ts';
import type { FunctionName } from '../syntax/keywords.ts';
import type { YearValue } from '../syntax/dates.ts';
import type { JL } from './ir.ts';

export const DATE_OPS: Partial<Record<FunctionName, string>> = {
  giorni_tra: 'days_between', differenza_giorni: 'days_difference', mesi_interi: 'whole_months', aggiungi_giorni: 'add_days',
  aggiungi_mesi: 'add_months', giorno_di: 'day_of', mese_di: 'month_of', anno_di: 'year_of', fine_mese: 'month_end', bisestile: 'leap_year',
  data_da: 'date_of', giorni_servizio: 'service_days', giorni_servizio_mese: 'service_days_by_month',
};

export const yearJL = (which: YearValue): JL => ({ scheme_year: which === 'anno' ? 'year' : which === 'inizio_anno' ? 'start' : 'end' });

/** A calendar function's call; `table`: the per-person table of absence periods its last two arguments read. */
export function dateCall(fn: FunctionName, e: Extract<A.Expr, { kind: 'call' }>, c: (x: A.Expr) => JL, table?: string): JL {
  const op = DATE_OPS[fn]!;
  if (op !== 'service_days' && op !== 'service_days_by_month') return { [op]: e.args.map(c) };
  const [from, to, af, at] = e.args;
  return { [op]: { from: c(from), to: c(to), ...(table && af && at ? { absences: { over: { table }, from: c(af), to: c(at) } } : {}) } };
}

// The calendar operations of the IR, over dates held as ISO texts (calendar.ts does the arithmetic in whole
// days). Each states its convention: `days_between` counts both ends (a period as agreements write it, «dal
// 01/03 al 31/03» is 31 days; a period that ends before it starts has 0), `days_difference` is b − a,
// `add_months` clamps to the month's last day (31/01 + 1 month = 29/02/2024), `whole_months` counts the
// months n with a + n months ≤ b. Service days are those of [from, to] in the scheme's year, less absences.
import type { JL } from '../compile/ir.ts';
import {
  addMonths, civilFromDays, daysFromCivil, isLeap, isoOf, isValidCivil, MAX_YEAR, MIN_YEAR, monthDays, parseIso,
  serviceByMonth, wholeMonths, type Civil,
} from './calendar.ts';
import { D } from './decimal.ts';
import { EvalError } from './errors.ts';
import type { Env, Evaluator } from './evaluate.ts';
import type { V } from './population.ts';

type Op = (ev: Evaluator, a: any, env: Env) => V;

export const isDateV = (v: V): v is string => typeof v === 'string' && parseIso(v) !== undefined;

function asDate(ev: Evaluator, v: V): Civil {
  const c = typeof v === 'string' ? parseIso(v) : undefined;
  if (!c) throw new EvalError('type-mismatch', { expected: ev.ir.lang === 'it' ? 'una data' : 'a date', found: String(v) });
  return c;
}

function invalid(ev: Evaluator, it: string, en: string): never {
  throw new EvalError('date-invalid', { name: ev.current ?? '', why: ev.ir.lang === 'it' ? it : en });
}

function whole(ev: Evaluator, v: V, what: string): number {
  const n = ev.num(v);
  if (!n.isInteger() || n.abs().gt(1e6)) invalid(ev, `${n.toFixed()} non è un numero intero di ${what}`, `${n.toFixed()} is not a whole number of ${what === 'giorni' ? 'days' : 'months'}`);
  return n.toNumber();
}

function dateOut(ev: Evaluator, c: Civil): string {
  if (c.y < MIN_YEAR || c.y > MAX_YEAR) invalid(ev, `la data cade nell'anno ${c.y}, fuori dal calendario ammesso (${MIN_YEAR}–${MAX_YEAR})`, `the date falls in year ${c.y}, outside the calendar allowed (${MIN_YEAR}–${MAX_YEAR})`);
  return isoOf(c);
}

const dates = (ev: Evaluator, a: JL[], env: Env) => a.map((x) => asDate(ev, ev.evaluate(x, env)));
const days = (c: Civil) => daysFromCivil(c);

function schemeYear(ev: Evaluator): number {
  const y = Number(ev.ir.year);
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) invalid(ev, `l'anno della scheda (${ev.ir.year}) non è un anno del calendario`, `the scheme's year (${ev.ir.year}) is not a calendar year`);
  return y;
}

type Service = { from: JL; to: JL; absences?: { over: { table: string }; from: JL; to: JL } };

function service(ev: Evaluator, a: Service, env: Env): number[] {
  const [from, to] = dates(ev, [a.from, a.to], env);
  const periods: [Civil, Civil][] = [];
  if (a.absences) {
    const t = a.absences.over.table;
    for (const row of ev.rowsOf(t, env.scope)) {
      const renv = { ...env, rows: { ...env.rows, [t]: row } };
      const [af, at] = dates(ev, [a.absences.from, a.absences.to], renv);
      if (days(at) < days(af)) invalid(ev, `un periodo della tabella ${t} finisce (${isoOf(at)}) prima di iniziare (${isoOf(af)})`, `a period of table ${t} ends (${isoOf(at)}) before it starts (${isoOf(af)})`);
      periods.push([af, at]);
    }
  }
  return serviceByMonth(schemeYear(ev), from, to, periods);
}

export const DATE_TABLE: Record<string, Op> = {
  date: (ev, a: string) => {
    if (typeof a !== 'string' || !parseIso(a)) throw new EvalError('type-mismatch', { expected: 'una data', found: String(a) }); // unvalidated IR
    return a;
  },
  scheme_year: (ev, a: 'year' | 'start' | 'end') => {
    const y = schemeYear(ev);
    if (a === 'year') return new D(y);
    return isoOf(a === 'start' ? { y, m: 1, d: 1 } : { y, m: 12, d: 31 });
  },
  days_between: (ev, a: JL[], env) => {
    const [x, y] = dates(ev, a, env);
    return new D(Math.max(0, days(y) - days(x) + 1));
  },
  days_difference: (ev, a: JL[], env) => {
    const [x, y] = dates(ev, a, env);
    return new D(days(y) - days(x));
  },
  whole_months: (ev, a: JL[], env) => {
    const [x, y] = dates(ev, a, env);
    return new D(wholeMonths(x, y));
  },
  add_days: (ev, a: JL[], env) => {
    const d = asDate(ev, ev.evaluate(a[0], env));
    return dateOut(ev, civilFromDays(days(d) + whole(ev, ev.evaluate(a[1], env), 'giorni')));
  },
  add_months: (ev, a: JL[], env) => {
    const d = asDate(ev, ev.evaluate(a[0], env));
    return dateOut(ev, addMonths(d, whole(ev, ev.evaluate(a[1], env), 'mesi')));
  },
  day_of: (ev, a: JL[], env) => new D(dates(ev, a, env)[0].d),
  month_of: (ev, a: JL[], env) => new D(dates(ev, a, env)[0].m),
  year_of: (ev, a: JL[], env) => new D(dates(ev, a, env)[0].y),
  month_end: (ev, a: JL[], env) => {
    const c = dates(ev, a, env)[0];
    return isoOf({ ...c, d: monthDays(c.y, c.m) });
  },
  leap_year: (ev, a: JL[], env) => {
    const v = ev.evaluate(a[0], env);
    return isLeap(typeof v === 'string' ? asDate(ev, v).y : whole(ev, v, 'anni'));
  },
  date_of: (ev, a: JL[], env) => {
    const [y, m, d] = a.map((x) => ev.num(ev.evaluate(x, env)));
    if (![y, m, d].every((n) => n.isInteger()) || !isValidCivil(y.toNumber(), m.toNumber(), d.toNumber())) {
      invalid(ev, `${d.toFixed()}/${m.toFixed()}/${y.toFixed()} non è un giorno del calendario`, `${y.toFixed()}-${m.toFixed()}-${d.toFixed()} is not a day of the calendar`);
    }
    return isoOf({ y: y.toNumber(), m: m.toNumber(), d: d.toNumber() });
  },
  service_days: (ev, a: Service, env) => new D(service(ev, a, env).reduce((s, x) => s + x, 0)),
  service_days_by_month: (ev, a: Service, env) => service(ev, a, env).map((x) => new D(x)),
};

/** The earliest or latest of some dates (ISO texts order as the days they name); undefined when they are not all dates. */
export function extremeDate(vs: V[], which: 'min' | 'max'): string | undefined {
  if (vs.length === 0 || !vs.every(isDateV)) return undefined;
  let m = vs[0] as string;
  for (const v of vs as string[]) if (which === 'min' ? v < m : v > m) m = v;
  return m;
}

/** Two dates compared (−1, 0, 1); undefined when either is not a date. */
export function compareDates(x: V, y: V): number | undefined {
  if (!isDateV(x) || !isDateV(y)) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

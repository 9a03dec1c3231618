// Calendar days, exactly: a date is a civil day (year, month, day) with no time and no time zone, held as
// its ISO text `aaaa-mm-gg` (so that dates compare as texts and print as they are in results.json) and
// counted as whole days since 1970-01-01 for arithmetic (H. Hinnant's days_from_civil, proleptic Gregorian).
// Nothing here touches JavaScript's Date: there is no hour at which a day could slip to the one before.

export interface Civil {
  y: number;
  m: number; // 1–12
  d: number; // 1–31
}

/** The years a date may have: four digits, so that ISO texts order as the days they name. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

export const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function monthDays(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Is (y, m, d) a day of the calendar (31/02 is not; 29/02 only in a leap year)? */
export function isValidCivil(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= monthDays(y, m);
}

export function daysFromCivil({ y, m, d }: Civil): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z0: number): Civil {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export const isoOf = (c: Civil): string => `${pad(c.y, 4)}-${pad(c.m, 2)}-${pad(c.d, 2)}`;

/** `gg/mm/aaaa`, as Italian readers write a date. */
export const italianOf = (c: Civil): string => `${pad(c.d, 2)}/${pad(c.m, 2)}/${pad(c.y, 4)}`;

/** A strict ISO day `aaaa-mm-gg` (the engine's own form), or undefined. */
export function parseIso(s: string): Civil | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const c = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidCivil(c.y, c.m, c.d) ? c : undefined;
}

export type DateText = { ok: true; civil: Civil } | { ok: false; why: string };

/**
 * A date as people and exports write it: ISO `aaaa-mm-gg`, or Italian `gg/mm/aaaa` (also `g/m/aaaa`, and
 * `gg-mm-aaaa` / `gg.mm.aaaa`). The year has four digits: `01/02/24` is refused, never guessed. A time of day
 * is refused too (`2024-03-01T00:00:00Z` may be the 29th of February in Rome): a date is a day.
 */
export function parseDateText(text: string): DateText {
  const t = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(t))) [d, mo, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
  else if (/^\d{4}-\d{1,2}-\d{1,2}[T ]\d/.test(t)) return { ok: false, why: `«${t}» ha anche un'ora: serve solo il giorno (aaaa-mm-gg o gg/mm/aaaa)` };
  else if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(t)) return { ok: false, why: `«${t}» ha l'anno in due cifre: scrivi l'anno per intero (gg/mm/aaaa)` };
  else return { ok: false, why: `«${t}» non è una data (scrivi gg/mm/aaaa, ad esempio 31/12/2024, oppure aaaa-mm-gg)` };
  if (mo < 1 || mo > 12) return { ok: false, why: `«${t}» non è una data: il mese ${mo} non esiste` };
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, why: `«${t}»: l'anno ${y} è fuori dall'intervallo ammesso (${MIN_YEAR}–${MAX_YEAR})` };
  if (d < 1 || d > monthDays(y, mo)) return { ok: false, why: `«${t}» non è una data: ${mo === 2 && d === 29 ? `il ${y} non è bisestile` : `il mese ${mo} del ${y} ha ${monthDays(y, mo)} giorni`}` };
  return { ok: true, civil: { y, m: mo, d } };
}

/** Calendar-month addition: the same day n months on, or the month's last day when it has fewer (31/01 + 1 → 28 or 29/02). */
export function addMonths(c: Civil, n: number): Civil {
  const k = c.y * 12 + (c.m - 1) + n;
  const y = Math.floor(k / 12);
  const m = k - y * 12 + 1;
  return { y, m, d: Math.min(c.d, monthDays(y, m)) };
}

/** Whole calendar months from a to b: the largest n with a + n months ≤ b (negative, symmetrically, when b is before a). */
export function wholeMonths(a: Civil, b: Civil): number {
  const da = daysFromCivil(a);
  const db = daysFromCivil(b);
  if (db < da) return -wholeMonths(b, a);
  let n = (b.y - a.y) * 12 + (b.m - a.m);
  while (n > 0 && daysFromCivil(addMonths(a, n)) > db) n--;
  return n;
}

/**
 * Days of [from, to] (both included) in each month of `year`, less the days covered by the absence periods
 * (each [from, to], both included; overlapping absences count once). Twelve counts, January first.
 */
export function serviceByMonth(year: number, from: Civil, to: Civil, absences: [Civil, Civil][] = []): number[] {
  const lo = Math.max(daysFromCivil(from), daysFromCivil({ y: year, m: 1, d: 1 }));
  const hi = Math.min(daysFromCivil(to), daysFromCivil({ y: year, m: 12, d: 31 }));
  const out = new Array<number>(12).fill(0);
  if (hi < lo) return out;
  // the absences clipped to the service and merged, so that a day absent twice is subtracted once
  const cuts = absences.map(([a, b]) => [Math.max(daysFromCivil(a), lo), Math.min(daysFromCivil(b), hi)] as [number, number]).filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const c of cuts) {
    const last = merged[merged.length - 1];
    if (last && c[0] <= last[1] + 1) last[1] = Math.max(last[1], c[1]);
    else merged.push([c[0], c[1]]);
  }
  // the days a..b added to (or taken from) their months
  const add = (a: number, b: number, sign: 1 | -1) => {
    for (let x = a; x <= b;) {
      const c = civilFromDays(x);
      const end = Math.min(b, daysFromCivil({ y: c.y, m: c.m, d: monthDays(c.y, c.m) }));
      out[c.m - 1] += sign * (end - x + 1);
      x = end + 1;
    }
  };
  add(lo, hi, 1);
  for (const [a, b] of merged) add(a, b, -1);
  return out;
}

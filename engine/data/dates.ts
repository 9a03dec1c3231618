// A date cell: ISO `aaaa-mm-gg` or Italian `gg/mm/aaaa` text (CSV, JSON strings, Excel text), an Excel date
// cell (already its ISO day, see read.ts), or — in a column the scheme declares a date — an Excel number,
// read as the day serial Excel counts (1 = 01/01/1900, with Excel's phantom 29/02/1900; 0 = 01/01/1904 in
// workbooks of the 1904 system). Numbers from JSON or CSV are not dates: they are refused.
import { civilFromDays, daysFromCivil, isoOf, MAX_YEAR, MIN_YEAR, parseDateText } from '../run/calendar.ts';
import { type Cell, ExactNumber } from './cell.ts';

export type DateCell = { ok: true; value: string } | { ok: false; message: string };

export function convertDate(cell: Cell): DateCell {
  if (cell instanceof ExactNumber) {
    if (!cell.excel) return { ok: false, message: `${cell.text} è un numero, non una data (scrivi la data come testo: "31/12/2024" o "2024-12-31")` };
    return excelSerial(cell.text, cell.excel.date1904);
  }
  if (typeof cell === 'number' || typeof cell === 'boolean') return { ok: false, message: `«${String(cell)}» non è una data (scrivi gg/mm/aaaa o aaaa-mm-gg)` };
  const r = parseDateText(String(cell));
  return r.ok ? { ok: true, value: isoOf(r.civil) } : { ok: false, message: r.why };
}

function excelSerial(text: string, date1904: boolean): DateCell {
  const n = Number(text);
  const day = Math.floor(n); // a time of day (the fraction) is dropped: the cell is a day
  const refuse = { ok: false as const, message: `${text} non è una data di Excel (il numero del giorno di una data tra il ${MIN_YEAR} e il ${MAX_YEAR}): formatta la colonna come data o scrivi gg/mm/aaaa` };
  if (!Number.isFinite(n) || n < 0) return refuse;
  let days: number;
  if (date1904) days = daysFromCivil({ y: 1904, m: 1, d: 1 }) + day;
  else {
    if (day < 1 || day === 60) return refuse; // 0 is «00/01/1900», 60 the 29/02/1900 that Excel counts and the calendar has not
    days = daysFromCivil({ y: 1899, m: 12, d: 31 }) + day - (day > 60 ? 1 : 0);
  }
  const c = civilFromDays(days);
  if (c.y < MIN_YEAR || c.y > MAX_YEAR) return refuse;
  return { ok: true, value: isoOf(c) };
}

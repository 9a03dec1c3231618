// Synthetic data for the FICTIONAL Azienda Sanitaria Locale di Valtorrente, 2025
// (rules/valtorrente/2025). Seeded: `npx tsx data/generate-valtorrente.ts` writes the same files every
// time. Nothing here is tuned to a figure the rules compute: scores, dates, absences and part-time
// shares are drawn from plain distributions; only the edge cases below are placed on purpose.
//
// Edge cases placed on purpose:
//   - V0001: a leave that began in the leap February of 2024 (29/02/2024) and ends on 31/01/2025;
//   - V0002: hired on 29/02/2024 (a leap day), in service all year;
//   - V0003: hired on 31/12/2025, the last day of the year (one day of service);
//   - sector S07 has 2 persons (exercises the disclosure control);
//   - M001: a manager appointed on 18/10/2025 (75 days: 2 months of 30 days and a rest of exactly 15).
// The persons' and absences' files are Excel workbooks, as an HR system exports them: the persons'
// dates as ISO text (2025-03-01), the absences' dates as Excel date cells.
// The workbooks' cells are the same on every run; their bytes are not (exceljs stamps each zip entry with the
// time of writing), so regenerating shows the .xlsx files as changed in git although nothing read from them is.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { seeded } from "./random.js";

const OUT = join(import.meta.dirname, "valtorrente-2025");
const rnd = seeded(20250131);

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const between = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const pad = (n: number, w: number): string => String(n).padStart(w, "0");
const iso = (y: number, m: number, d: number): string => `${y}-${pad(m, 2)}-${pad(d, 2)}`;
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** A random day of 2025 (month 1..12). */
const dayOf2025 = (mLo = 1, mHi = 12): [number, number, number] => {
  const m = between(mLo, mHi);
  return [2025, m, between(1, daysIn(2025, m))];
};
const half = (lo: number, hi: number): number => between(lo * 2, hi * 2) / 2;

const sectors = [
  { code: "S01", name: "Emergency and intensive care", priority: 2, size: 38 },
  { code: "S02", name: "Surgery", priority: 3, size: 34 },
  { code: "S03", name: "Medicine", priority: 1, size: 40 },
  { code: "S04", name: "Primary care districts", priority: 5, size: 27 },
  { code: "S05", name: "Prevention", priority: 4, size: 18 },
  { code: "S06", name: "Administration", priority: 6, size: 21 },
  { code: "S07", name: "Rare diseases registry", priority: 7, size: 2 },
];
const roles = ["nurse", "technician", "administrative", "support"] as const;

type Row = Record<string, string | number | Date>;
const staff: Row[] = [];
const absences: Row[] = [];
let n = 0;
for (const s of sectors) {
  for (let i = 0; i < s.size; i++) {
    n++;
    const id = `V${pad(n, 4)}`;
    const role = s.code === "S06" ? pick(["administrative", "administrative", "support"]) : pick(roles);
    // Hire: most before 2025, some during it.
    const hired = rnd() < 0.88 ? iso(between(1990, 2024), between(1, 12), between(1, 28)) : iso(...dayOf2025());
    const row: Row = { id, sector: s.code, role, hire_date: hired, goals: half(20, 60), behaviour: half(12, 40) };
    if (rnd() < 0.06) row.leave_date = iso(...dayOf2025(2, 12));
    if (rnd() < 0.15) row.part_time = pick(["50%", "60%", "75%", "83,33%"]);
    if (rnd() < 0.03) row.sanction = "sì";
    // Leave dates before the hire would be wrong data: drop them (not tuned, only consistent).
    if (row.leave_date !== undefined && String(row.leave_date) < String(row.hire_date)) delete row.leave_date;
    staff.push(row);
    const k = rnd() < 0.35 ? between(1, 3) : 0;
    for (let j = 0; j < k; j++) {
      const [y, m, d] = dayOf2025();
      const start = new Date(Date.UTC(y, m - 1, d));
      const length = rnd() < 0.85 ? between(1, 20) : between(30, 150);
      const end = new Date(start.getTime() + (length - 1) * 86400000);
      absences.push({ id, first_day: start, last_day: end });
    }
  }
}
// The edge cases (overwrite the drawn dates of the first three persons).
Object.assign(staff[0], { hire_date: "2015-09-01" });
delete staff[0].leave_date;
for (let i = absences.length - 1; i >= 0; i--) if (absences[i].id === "V0001") absences.splice(i, 1);
absences.push({ id: "V0001", first_day: new Date(Date.UTC(2024, 1, 29)), last_day: new Date(Date.UTC(2025, 0, 31)) });
Object.assign(staff[1], { hire_date: "2024-02-29" });
delete staff[1].leave_date;
Object.assign(staff[2], { hire_date: "2025-12-31" });
delete staff[2].leave_date;
for (let i = absences.length - 1; i >= 0; i--) if (absences[i].id === "V0003") absences.splice(i, 1);
absences.sort((a, b) => String(a.id).localeCompare(String(b.id)) || +a.first_day - +b.first_day);

const managers: Row[] = [];
let m = 0;
for (const s of sectors) {
  const count = s.code === "S07" ? 1 : between(2, 4);
  for (let i = 0; i < count; i++) {
    m++;
    const row: Row = {
      id: `M${pad(m, 3)}`,
      sector: s.code,
      position: i === 0 ? "complex_unit" : pick(["simple_unit", "professional"]),
      hire_date: rnd() < 0.8 ? iso(between(2000, 2024), between(1, 12), between(1, 28)) : iso(...dayOf2025()),
      objectives: half(35, 70),
      leadership: half(12, 30),
    };
    if (rnd() < 0.1) row.leave_date = iso(...dayOf2025(3, 12));
    if (row.leave_date !== undefined && String(row.leave_date) < String(row.hire_date)) delete row.leave_date;
    managers.push(row);
  }
}
Object.assign(managers[0], { hire_date: "2025-10-18" });
delete managers[0].leave_date;

async function xlsx(file: string, columns: string[], rows: Row[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2026, 0, 15));
  wb.modified = wb.created;
  const ws = wb.addWorksheet("export");
  ws.addRow(columns);
  for (const r of rows) ws.addRow(columns.map((c) => r[c] ?? null));
  for (const c of columns) if (c.endsWith("_day")) ws.getColumn(columns.indexOf(c) + 1).numFmt = "dd/mm/yyyy";
  await wb.xlsx.writeFile(join(OUT, file));
}
const csv = (file: string, columns: string[], rows: Row[]): void =>
  writeFileSync(join(OUT, file), [columns.join(";"), ...rows.map((r) => columns.map((c) => r[c] ?? "").join(";"))].join("\n") + "\n");

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "ente.csv"), "nome;valore\nperformance_fund;412.750,00\nmanagers_fund;186.400,00\n");
csv("staff-sector.csv", ["code", "name", "priority"], sectors);
csv("staff-role_coefficients.csv", ["role", "coefficient"], [
  { role: "nurse", coefficient: "1,10" },
  { role: "technician", coefficient: "1,05" },
  { role: "administrative", coefficient: "1,00" },
  { role: "support", coefficient: "0,90" },
]);
await xlsx("staff-persone.xlsx", ["id", "sector", "role", "hire_date", "leave_date", "part_time", "goals", "behaviour", "sanction"], staff);
await xlsx("staff-absences.xlsx", ["id", "first_day", "last_day"], absences);
csv("managers-sector.csv", ["code"], sectors);
csv("managers-positions.csv", ["position", "weight"], [
  { position: "complex_unit", weight: "1,50" },
  { position: "simple_unit", weight: "1,20" },
  { position: "professional", weight: "1,00" },
]);
await xlsx("managers-persone.xlsx", ["id", "sector", "position", "hire_date", "leave_date", "objectives", "leadership"], managers);
console.log(`valtorrente-2025: ${staff.length} staff, ${absences.length} absences, ${managers.length} managers`);

// Synthetic data for the fictional Provincia di Roccaserena 2025 (rules/roccaserena/2025): seeded, not tuned to
// any figure the rules compute. Run: npx tsx data/generate-roccaserena.ts
// The persons file writes dates as gg/mm/aaaa, the absences file as ISO aaaa-mm-gg.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seeded } from './random.ts';

const rnd = seeded(20250917);
const OUT = join(import.meta.dirname, 'roccaserena-2025');
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
const half = (a: number, b: number) => (a * 2 + Math.floor(rnd() * ((b - a) * 2 + 1))) / 2;
const comma = (x: number) => String(x).replace('.', ',');

const SECTORS = [
  { codice: 'S1', nome: 'Viabilità e trasporti', coefficiente: '120%', size: 46 },
  { codice: 'S2', nome: 'Edilizia scolastica', coefficiente: '110%', size: 34 },
  { codice: 'S3', nome: 'Ambiente e territorio', coefficiente: '100%', size: 30 },
  { codice: 'S4', nome: 'Servizi finanziari e personale', coefficiente: '100%', size: 28 },
  { codice: 'S5', nome: 'Avvocatura', coefficiente: '100%', size: 2 },
];

interface Day { y: number; m: number; d: number }
const mdays = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const it = (x: Day) => `${String(x.d).padStart(2, '0')}/${String(x.m).padStart(2, '0')}/${x.y}`;
const iso = (x: Day) => `${x.y}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;
const ord = (x: Day) => Date.UTC(x.y, x.m - 1, x.d) / 86400000;
const fromOrd = (n: number): Day => {
  const t = new Date(n * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const randomDay = (y: number, m1 = 1, m2 = 12): Day => {
  const m = int(m1, m2);
  return { y, m, d: int(1, mdays(y, m)) };
};

const persons: string[][] = [];
const absences: string[][] = [];
let n = 0;
for (const s of SECTORS) {
  for (let i = 0; i < s.size; i++) {
    n++;
    const matricola = `R${String(n).padStart(4, '0')}`;
    const categoria = pick(['OP', 'OE', 'OE', 'IS', 'IS', 'IS', 'FU', 'FU'] as const);
    // Most were hired years ago; about one in ten during 2025.
    let assunzione: Day = rnd() < 0.1 ? randomDay(2025) : randomDay(int(1985, 2024));
    let cessazione: Day | undefined = rnd() < 0.07 ? randomDay(2025) : undefined;
    if (cessazione && ord(cessazione) <= ord(assunzione)) cessazione = undefined;
    const partTime = rnd() < 0.15 ? pick(['50', '66,67', '75', '83,33']) : '';
    let obiettivi = half(20, 60);
    const comportamenti = half(15, 40);
    if (rnd() < 0.05) obiettivi = half(5, 25); // a few poor evaluations
    const sanzioni = rnd() < 0.04 ? String(int(1, 2)) : '';
    const incentivi = rnd() < 0.2 ? comma(int(20000, 600000) / 100) : '';
    persons.push([matricola, s.codice, categoria, it(assunzione), cessazione ? it(cessazione) : '', partTime,
      comma(obiettivi), comma(comportamenti), sanzioni, incentivi]);
    // About a quarter have one or two absence periods (unpaid leave), within their service in 2025.
    const k = rnd() < 0.25 ? int(1, 2) : 0;
    const first = Math.max(ord(assunzione), ord({ y: 2025, m: 1, d: 1 }));
    const last = cessazione ? ord(cessazione) : ord({ y: 2025, m: 12, d: 31 });
    for (let j = 0; j < k && last - first > 10; j++) {
      const start = int(first, last - 3);
      const end = Math.min(last, start + int(2, 60));
      absences.push([matricola, iso(fromOrd(start)), iso(fromOrd(end))]);
    }
  }
}

// Edge cases, written by hand over the drawn values (dates only: scores stay as drawn).
const set = (m: string, col: number, v: string) => (persons.find((p) => p[0] === m)![col] = v);
set('R0001', 4, '15/07/2025');               // leaves mid-year: July has 15 days, not a useful month
set('R0002', 3, '16/04/2025');               // hired on the 16th of a 30-day month: 16-30 is 15 days, not useful
set('R0003', 3, '16/01/2025');               // hired on the 16th: January has 16 days, a useful month
set('R0004', 3, '17/01/2025');               // hired on the 17th: January has 15 days, not useful
set('R0005', 3, '29/02/2024');               // hired on a leap day
set('R0006', 4, '31/03/2025');               // leaves on a month end
set('R0047', 3, '29/02/2024');
set('R0048', 9, '1.500,00');                 // exactly at the balancing threshold: no cut
set('R0049', 9, '1.500,01');                 // one cent over: 25%
set('R0050', 9, '4.000,00');                 // top of the 25% row
set('R0081', 3, '01/11/2025');               // two months only: not admitted
// Drawn absences outside a service changed above are dropped.
const parse = (t: string): number => {
  const [d, m, y] = t.split('/').map(Number);
  return ord({ y, m, d });
};
const window = new Map(persons.map((p) => [p[0], [parse(p[3]), p[4] ? parse(p[4]) : ord({ y: 2025, m: 12, d: 31 })]]));
const parseIso = (t: string): number => {
  const [y, m, d] = t.split('-').map(Number);
  return ord({ y, m, d });
};
for (let i = absences.length - 1; i >= 0; i--) {
  const [from, to] = window.get(absences[i][0])!;
  if (parseIso(absences[i][1]) < from || parseIso(absences[i][2]) > to) absences.splice(i, 1);
}
absences.push(['R0007', '2025-01-20', '2025-02-10'], ['R0007', '2025-02-25', '2025-03-16']); // across month ends
absences.push(['R0008', '2025-02-14', '2025-02-28']);  // February 2025 has 28 days: 13 left
absences.push(['R0009', '2025-05-01', '2025-05-20'], ['R0009', '2025-05-10', '2025-05-31']); // overlapping periods

mkdirSync(OUT, { recursive: true });
const csv = (rows: string[][]) => rows.map((r) => r.join(';')).join('\n') + '\n';
writeFileSync(join(OUT, 'ente.csv'), csv([['nome', 'valore'], ['fondo_performance', '187.450,37']]));
writeFileSync(join(OUT, 'personale-settore.csv'),
  csv([['codice', 'nome', 'coefficiente'], ...SECTORS.map((s) => [s.codice, s.nome, s.coefficiente])]));
writeFileSync(join(OUT, 'personale-persone.csv'), csv([['matricola', 'settore', 'categoria', 'assunzione',
  'cessazione', 'part_time', 'punti_obiettivi', 'punti_comportamenti', 'sanzioni', 'incentivi_legge'], ...persons]));
writeFileSync(join(OUT, 'personale-assenze.csv'), csv([['matricola', 'dal', 'al'],
  ...absences.sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]))]));
console.log(`${persons.length} persons, ${absences.length} absence periods in ${OUT}`);

// Generates the SYNTHETIC Cremona 2024 dataset in data/cremona-2024/: invented people, drawn from plain
// distributions that are NOT tuned to any figure the rules compute. What is taken from the Relazione sulla
// performance 2024 are (1) the entity's inputs it states — funds, receivables, rankings, the service
// indicators' totals, the ten projects' pots, reported spending, beneficiaries and premium range, the interim
// amount, one anticorruption penalty — and (2) the sizes of the populations: 13 directions with one manager
// each, 35 EQ of whom 27 for the whole year, and 553 non-managerial staff with at least 6 months of service
// (the heads of the sector budgets, «personale avente diritto»; persons with fewer months are drawn along
// the way, as many as the presence model gives). Scores, presences, sector sizes, sanctions, incentives,
// managers' and EQ ratings are drawn without looking at published outcomes: the published score statistics
// (33 / 48,18 / 50), the 5 penalised directions, the band amounts and the EQ premiums come out as they come
// (README, «The bundled Cremona 2024 data is synthetic», says which published figures the data reproduce).
// Seeded: the same seed writes the same bytes. Run: npx tsx data/generate.ts [seed]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { seeded, shuffle as shuffleWith } from './random.ts';

const OUT = join(import.meta.dirname, 'cremona-2024');
const seed = Number(process.argv[2] ?? 2024);

const rnd = seeded(seed);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
const shuffle = <T>(xs: T[]): T[] => shuffleWith(xs, rnd);
const it = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

function csv(name: string, header: string[], rows: (string | number)[][], opts: { sep?: string; encoding?: 'win1252' } = {}) {
  const sep = opts.sep ?? ';';
  const text = [header, ...rows].map((r) => r.join(sep)).join('\r\n') + '\r\n';
  writeFileSync(join(OUT, name + '.csv'), opts.encoding ? iconv.encode(text, opts.encoding) : text);
}

mkdirSync(OUT, { recursive: true });

// ---- sectors (13 directions) ----
const SECTORS = [
  'Polizia Locale', 'Politiche Educative e Istruzione', 'Politiche Sociali', 'Risorse Umane', 'Unità di Direzione Segretario',
  'Area Tecnica e Lavori Pubblici', 'Pianificazione Urbanistica', 'Ambiente e Mobilità', 'Cultura, Musei e Turismo',
  'Servizi Demografici', 'Bilancio e Tributi', 'Patrimonio ed Economato', 'Sistemi Informativi',
].map((name, i) => ({ code: `S${String(i + 1).padStart(2, '0')}`, name }));
// relative sizes of the directions: drawn, not fitted
const SIZE = SECTORS.map(() => 0.4 + rnd() * 1.2);
const pickSector = () => {
  let x = rnd() * SIZE.reduce((a, b) => a + b, 0);
  for (let i = 0; i < SECTORS.length; i++) if ((x -= SIZE[i]) < 0) return SECTORS[i].code;
  return SECTORS[SECTORS.length - 1].code;
};

// ---- comparto ----
interface Staff { id: string; sector: string; ind: number; grp: number; beh: number; presence: number[]; sanction: string; law: number }
const staff: Staff[] = [];
let serial = 1000;
const nextId = () => `C${String(++serial).padStart(5, '0')}`;
/** Days present in each month: a month in service has 14-22 days, now and then fewer (leave, illness);
 *  one person in ten joins or leaves during the year. */
function presence(): number[] {
  const days = Array.from({ length: 12 }, () => (rnd() < 0.04 ? int(0, 11) : int(14, 22)));
  if (rnd() < 0.1) {
    const inService = int(1, 11);
    const joins = rnd() < 0.5;
    for (let m = 0; m < 12; m++) if (joins ? m < 12 - inService : m >= inService) days[m] = 0;
  }
  return days;
}
/** Points of up to `n` weighted objectives on a maximum, in cents: most objectives are fully reached. */
function objectivesPoints(max: number, n: number): number {
  const w = Array.from({ length: n }, () => 1 + rnd());
  const reach = w.map(() => (rnd() < 0.8 ? 100 : int(40, 99)));
  const weighted = w.reduce((s, x, i) => s + x * reach[i], 0) / w.reduce((s, x) => s + x, 0);
  return Math.round((max * 100 * weighted) / 100);
}
const behaviour = () => Array.from({ length: 4 }, () => pick([150, 200, 200, 250, 250, 250, 250])).reduce((a, b) => a + b, 0);
const SANCTIONS = ['rimprovero_scritto', 'multa', 'sospensione_fino_10g', 'sospensione_11g_1m', 'sospensione_oltre_1m'];
const monthsWorked = (p: number[]) => p.filter((d) => d >= 12).length;

let heads = 0;
while (heads < 553) {
  const p = presence();
  if (monthsWorked(p) >= 6) heads++;
  staff.push({
    id: nextId(), sector: pickSector(), ind: objectivesPoints(15, int(1, 2)), grp: objectivesPoints(25, int(1, 2)), beh: behaviour(),
    presence: p, sanction: rnd() < 0.01 ? pick(SANCTIONS) : 'nessuna', law: rnd() < 0.03 ? int(20000, 300000) : 0,
  });
}
csv('comparto-settore', ['codice', 'denominazione'], SECTORS.map((s) => [s.code, s.name]), { encoding: 'win1252' });
csv(
  'comparto-persone',
  ['matricola', 'settore', 'presenze', 'punti_obiettivi_individuali', 'punti_obiettivi_gruppo', 'punti_comportamenti', 'sanzione', 'incentivi_legge'],
  staff.map((p) => [p.id, p.sector, p.presence.join('|'), it(p.ind), it(p.grp), it(p.beh), p.sanction, it(p.law)]),
);

// ---- EQ: 35, of whom 27 for the whole year (drawn here: they may also be project beneficiaries) ----
const eqs = Array.from({ length: 35 }, (_, i) => ({
  id: `E${String(i + 1).padStart(3, '0')}`, sector: SECTORS[i % 13].code, months: i < 27 ? 12 : int(4, 11),
  ind: int(85, 100) / 10, beh: Array.from({ length: 6 }, () => (rnd() < 0.75 ? 5 : 4)),
}));

// ---- progetti ----
const PROJECTS = [
  { code: 'P01', sector: 'obiettivo trasversale', name: 'Progetto strategico di ente', n: 579, max: 47000, min: 3970, dest: 4000000, rend: 3997860 },
  { code: 'P02', sector: "POLIZIA LOCALE", name: 'Contrasto alle violazioni del codice della strada, educazione stradale', n: 60, max: 746000, min: 3708, dest: 6600000, rend: 6599690 },
  { code: 'P03', sector: "POLITICHE EDUCATIVE ISTRUZIONE", name: 'Ristorazione scolastica del sistema integrato 0-6', n: 9, max: 320000, min: 30000, dest: 800000, rend: 800000 },
  { code: 'P04', sector: "POLITICHE EDUCATIVE ISTRUZIONE", name: 'Coordinamento del Sistema 0-6', n: 12, max: 160000, min: 100000, dest: 1600000, rend: 1600000 },
  { code: 'P05', sector: "UNITA' DIR. SEGRETARIO (Informagiovani)", name: 'Attività di orientamento (Informagiovani)', n: 4, max: 170000, min: 40000, dest: 400000, rend: 400000 },
  { code: 'P06', sector: "UNITA' DIR. SEGRETARIO (Controllo di Gestione)", name: 'Contabilità analitica', n: 7, max: 130000, min: 30000, dest: 500000, rend: 460000 },
  { code: 'P07', sector: "RISORSE UMANE", name: 'Reclutamento del personale (PIAO 2024-2026)', n: 12, max: 60000, min: 15000, dest: 400000, rend: 400000 },
  { code: 'P08', sector: "POLITICHE SOCIALI", name: 'Sistema integrato di interventi e servizi sociali', n: 1, max: 500000, min: 500000, dest: 500000, rend: 500000 },
  { code: 'P09', sector: "UNITA' DIR. SEGRETARIO (Informagiovani)", name: 'Sistema coordinato regionale Informagiovani', n: 3, max: 755858, min: 226757, dest: 1750000, rend: 1322751 },
  { code: 'P10', sector: "POLIZIA LOCALE", name: 'Sicurezza urbana e stradale', n: 12, max: 39364, min: 9469, dest: 435000, rend: 300751 },
];

function amounts(n: number, min: number, max: number, total: number): number[] {
  if (n === 1) return [total];
  const rest = total - min - max;
  const w = Array.from({ length: n - 2 }, () => 0.2 + rnd());
  const free = rest - (n - 2) * min;
  let a = w.map((x) => Math.min(max, min + Math.floor((free * x) / w.reduce((s, y) => s + y, 0))));
  let left = rest - a.reduce((s, x) => s + x, 0);
  for (let i = 0; left !== 0; i = (i + 1) % a.length) {
    const step = left > 0 ? Math.min(left, max - a[i]) : Math.max(left, min - a[i]);
    a[i] += step;
    left -= step;
  }
  return shuffle([max, min, ...a]);
}
const premi: [string, string, string][] = [];
const beneficiaries = new Map<string, string>();
for (const p of PROJECTS) {
  const people = shuffle([...staff, ...eqs]).slice(0, p.n);
  amounts(p.n, p.min, p.max, p.rend).forEach((c, i) => {
    premi.push([people[i].id, p.code, it(c)]);
    beneficiaries.set(people[i].id, people[i].sector);
  });
}
csv('progetti-progetti', ['codice', 'descrizione', 'settore', 'risorse_destinate', 'risorse_rendicontate'], PROJECTS.map((p) => [p.code, p.name, p.sector, it(p.dest), it(p.rend)]));
csv('progetti-premi', ['matricola', 'progetto', 'premio'], premi.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1)));
csv('progetti-persone', ['matricola', 'settore'], [...beneficiaries.entries()].sort().map(([id, s]) => [id, s]));

// ---- entity facts ----
csv('ente', ['nome', 'valore'], [
  ['equilibri_bilancio', 'sì'], ['equilibri_deroga', 'no'], ['posizione_sole24ore', 5], ['posizione_italiaoggi', 25], ['progetto_di_ente', 'P01'],
  // funds the Relazione states (§3.1, §3.2, §3.3): the rules derive the published shares and pots from them
  ['fondo_produttivita_individuale', '531.354,00'], ['fondo_dirigenza', '649.343,00'],
  ['eq_stanziamento', '359.546,00'], ['eq_incremento', '4.440,00'], ['eq_posizione_erogata', '271.945,62'],
]);
csv('dirigenti-residui', ['titolo', 'riscossioni', 'accertamenti'], [
  [1, '11.666.146,58', '17.823.035,16'], [2, '4.188.239,34', '10.473.394,19'], [3, '7.577.601,91', '13.828.552,50'], [4, '4.954.860,81', '15.404.940,46'],
]);

// ---- dirigenti: one manager per direction ----
// service indicators: 441 improved, 156 unchanged, 118 worsened, 20 not evaluable, spread over 13 directions
function spread(total: number, parts: number): number[] {
  const w = Array.from({ length: parts }, () => 0.5 + rnd());
  const a = w.map((x) => Math.floor((total * x) / w.reduce((s, y) => s + y, 0)));
  for (let i = 0; a.reduce((s, x) => s + x, 0) < total; i++) a[i % parts]++;
  return a;
}
const [imp, unc, wor, nev] = [spread(441, 13), spread(156, 13), spread(118, 13), spread(20, 13)];
csv('dirigenti-settore', ['codice', 'indicatori_migliorati', 'indicatori_invariati', 'indicatori_peggiorati', 'indicatori_non_valutabili'],
  SECTORS.map((s, i) => [s.code, imp[i], unc[i], wor[i], nev[i]]));
const pagamenti: (string | number)[][] = [];
SECTORS.forEach((s, i) => {
  const late = i === 7; // one direction pays late on average
  for (let j = 0; j < int(8, 20); j++) pagamenti.push([s.code, late ? int(-5, 30) : int(-30, 4), (int(20000, 5000000) / 100).toFixed(2)]);
});
csv('dirigenti-pagamenti', ['settore', 'giorni_ritardo', 'importo_netto'], pagamenti, { sep: ',' });

const managers = SECTORS.map((s, i) => ({
  id: `D${String(i + 1).padStart(3, '0')}`, sector: s.code, months: i === 12 ? 3 : i === 11 ? 8 : 12,
  f: [int(18, 25) / 10, int(18, 25) / 10, int(20, 25) / 10, int(18, 25) / 10], pian: pick([0.5, 1]), fasi: int(18, 30) / 10, eq: pick([0.5, 1]),
  survey: (int(300, 420) / 100), pen: i === 4 ? 1 : 0, interim: i === 2 ? 175494 : 0,
}));
const f2 = (x: number) => x.toFixed(2).replace('.', ',');
csv('dirigenti-persone',
  ['matricola', 'settore', 'mesi_incarico', 'indirizzi_efficacia', 'indirizzi_partecipazione', 'indirizzi_interazione', 'indirizzi_innovazione',
    'presidio_pianificazione', 'presidio_fasi', 'presidio_obiettivi_eq', 'media_sondaggio', 'penalita_anticorruzione', 'risultato_interim'],
  managers.map((m) => [m.id, m.sector, m.months, ...m.f.map(f2), f2(m.pian), f2(m.fasi), f2(m.eq), f2(m.survey), f2(m.pen), it(m.interim)]));
/** A table of objectives: for each person, a few weights adding up to 100 and their achievement. */
function objectives(name: string, ids: string[], min: number, max: number, achievements: number[]) {
  const rows: (string | number)[][] = [];
  for (const id of ids) {
    const n = int(min, max);
    const w = spread(100, n);
    for (let j = 0; j < n; j++) rows.push([id, w[j], pick(achievements)]);
  }
  csv(name, ['matricola', 'peso_obiettivo', 'raggiungimento'], rows);
}
objectives('dirigenti-obiettivi', managers.map((m) => m.id), 2, 4, [100, 100, 100, 95, 90, 80]);

// ---- EQ ----
csv('eq-persone',
  ['matricola', 'settore', 'mesi_incarico', 'punti_indicatori', 'comportamento_ruolo', 'comportamento_miglioramento', 'comportamento_interazione',
    'comportamento_problem_solving', 'comportamento_clienti', 'comportamento_risorse'],
  eqs.map((e) => [e.id, e.sector, e.months, f2(e.ind), ...e.beh]));
objectives('eq-obiettivi', eqs.map((e) => e.id), 3, 5, [100, 100, 100, 100, 95, 90]);

console.log(`scritto ${OUT}: ${staff.length} comparto, ${premi.length} premi di progetto, ${managers.length} dirigenti, ${eqs.length} EQ (seme ${seed})`);

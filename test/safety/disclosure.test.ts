// Issue 6, «Published data that reveals individuals»: one test per finding, on small schemes written
// here and on the bundled Cremona reports, and an outsider's attack (test/safety/attacker.ts, written
// without engine/report/disclosure.ts) on random small populations.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { IrScheme } from '../../engine/compile/ir.ts';
import { buildBundle } from '../../engine/pipeline.ts';
import { runYear } from '../../engine/run/year.ts';
import { buildReport, DisclosureError, WITHHELD, type ReportJson } from '../../engine/report/tables.ts';
import { reportHtml } from '../../engine/report/html.ts';
import { DATA, runOk, tempDir } from '../year/helpers.ts';
import { attack, type Knowledge } from './attacker.ts';

const tmp = tempDir('safety');
afterAll(tmp.remove);

function compile(id: string, text: string): IrScheme {
  const b = buildBundle([{ id, file: `${id}.scheda`, text }]);
  const errors = b.diagnostics.filter((d) => d.severity === 'error');
  if (!b.ok || errors.length) throw new Error(errors.map((d) => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`).join('\n'));
  return b.irs.get(id)!;
}

let n = 0;
/** Runs a one-scheme bundle on the CSV files given (name → text) and builds its report. */
async function report(ir: IrScheme, files: Record<string, string>): Promise<ReportJson> {
  const dir = join(tmp.dir, `run-${++n}`);
  mkdirSync(dir);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  const r = await runYear(new Map([[ir.id, ir]]), [ir.id], dir);
  rmSync(dir, { recursive: true, force: true });
  if (!r.ok) throw new Error(JSON.stringify([...r.dataErrors, ...r.problems]));
  return buildReport(r.runs.get(ir.id)!);
}

// ---- a scheme with bands aligned to the histogram's bins, a gate, and a per-unit table of counts ----
const BANDS = compile('alfa', `scheda alfa "Schema di prova" anno 2024 lingua it
unità ufficio "Ufficio"

dati persona {
  matricola: testo chiave
  ufficio: ufficio
  p: punti da 0 a 100
}

totale max 100 punti
voce v "Valutazione" max 100 punti = p
requisito sufficiente "Almeno 10 punti": totale >= 10 punti

fasce livello "Livelli" su totale {
  quarta da 0 sotto 30 → 0%
  terza da 30 sotto 50 → 10%
  seconda da 50 sotto 80 → 50%
  prima da 80 a 100 → 100%
}

calcola addetti per ufficio "Persone dell'ufficio" = conta(matricola <> "")
calcola in_prima per ufficio "Persone dell'ufficio in prima fascia" = conta(livello = prima)

prospetto organico "Organico" per ufficio {
  persone_ufficio "Persone valutate" = addetti
  fascia_prima "In prima fascia" = in_prima
}
`);
const BAND_VALUES = ['quarta', 'terza', 'seconda', 'prima'];
const bandOf = (p: number) => (p < 30 ? 'quarta' : p < 50 ? 'terza' : p < 80 ? 'seconda' : 'prima');
const binOf = (p: number) => Math.min(9, Math.floor(p / 10));
/** What an outsider knows of «alfa» from its text: which column counts a unit, which bins make a band. */
const BANDS_KNOW: Knowledge = {
  sizes: { prospetto: 'organico', column: 'persone_ufficio' },
  bandColumns: [{ prospetto: 'organico', column: 'fascia_prima', bands: 'livello', value: 'prima' }],
  bandBins: { bands: 'livello', bins: { quarta: [0, 1, 2], terza: [3, 4], seconda: [5, 6, 7], prima: [8, 9] }, notAdmitted: 'quarta' },
};

type Person = { unit: string; p: number };
const personsCsv = (ps: Person[]) => ['matricola;ufficio;p', ...ps.map((x, i) => `M${String(i + 1).padStart(4, '0')};${x.unit};${x.p}`)].join('\n') + '\n';
const many = (unit: string, count: number, p: number): Person[] => Array.from({ length: count }, () => ({ unit, p }));

/** The true value of every cell the attacker reads, from the test's own data. */
function truth(ps: Person[]): Map<string, number> {
  const t = new Map<string, number>();
  const inc = (k: string) => t.set(k, (t.get(k) ?? 0) + 1);
  const units = [...new Set(ps.map((x) => x.unit))].sort();
  t.set('persone', ps.length);
  t.set('ammessi', ps.filter((x) => x.p >= 10).length);
  for (let b = 0; b < 10; b++) t.set(`bin.${b}`, 0);
  for (const v of BAND_VALUES) {
    t.set(`fasce.livello.${v}`, 0);
    for (const u of units) t.set(`fasce.livello.${u}.${v}`, 0);
  }
  for (const u of units) {
    t.set(`prospetto.organico.${u}.persone_ufficio`, 0);
    t.set(`prospetto.organico.${u}.fascia_prima`, 0);
  }
  for (const x of ps) {
    if (x.p >= 10) inc(`bin.${binOf(x.p)}`);
    inc(`fasce.livello.${bandOf(x.p)}`);
    inc(`fasce.livello.${x.unit}.${bandOf(x.p)}`);
    inc(`prospetto.organico.${x.unit}.persone_ufficio`);
    if (bandOf(x.p) === 'prima') inc(`prospetto.organico.${x.unit}.fascia_prima`);
  }
  return t;
}

/** The attacker's verdict: no withheld cell exact, every withheld 1 or 2 uncertain by at least 2. */
function expectSafe(rep: ReportJson, truths: Map<string, number>, know: Knowledge = BANDS_KNOW) {
  const a = attack(rep, know);
  for (const [key, v] of a.cells) if (v !== null && truths.has(key)) expect(v, `published ${key}`).toBe(truths.get(key));
  for (const [key, { lo, hi }] of a.intervals) {
    const t = truths.get(key);
    expect(lo <= t! && t! <= hi, `${key} = ${t} outside [${lo}, ${hi}]: the attacker's model is wrong`).toBe(true);
    expect(hi - lo, `${key} = ${t} recovered exactly`).toBeGreaterThanOrEqual(1);
    if (t === 1 || t === 2) expect(hi - lo, `${key} = ${t} only within [${lo}, ${hi}]`).toBeGreaterThanOrEqual(2);
  }
  return a;
}

const bands = (rep: ReportJson) => rep.statistiche.fasce.find((f) => f.nome === 'livello')!;
const organico = (rep: ReportJson, u: string) => {
  const p = rep.prospetti.find((x) => x.nome === 'organico')!;
  const row = p.tabella!.find((r) => r.valori[0] === u)!;
  return Object.fromEntries(p.colonne!.map((c, j) => [c.nome, row.valori[j]]));
};

describe('issue 6: published data that reveals individuals', () => {
  it('a unit row 1 | 3 | 9 | 73 whose size (86) is published elsewhere: the 1 is not recoverable', async () => {
    const ps = [...many('U1', 1, 20), ...many('U1', 3, 40), ...many('U1', 9, 60), ...many('U1', 73, 90),
      ...many('U2', 5, 20), ...many('U2', 6, 40), ...many('U2', 7, 60), ...many('U2', 8, 90),
      ...many('U3', 4, 25), ...many('U3', 4, 45), ...many('U3', 4, 55), ...many('U3', 4, 85)];
    const rep = await report(BANDS, { 'alfa-persone.csv': personsCsv(ps) });
    const b = bands(rep);
    expect(b.per_unita.U1.quarta).toBe(WITHHELD);
    const published = organico(rep, 'U1').persone_ufficio;
    // the row alone: size − the published cells must not leave just the 1
    const row = BAND_VALUES.map((v) => b.per_unita.U1[v]);
    const hiddenInRow = row.filter((c) => c === WITHHELD).length;
    if (published !== null) expect(hiddenInRow, 'U1 row: with its size published, one hidden cell is the difference').toBeGreaterThanOrEqual(2);
    // the column alone: the band total − the other units' cells
    const col = Object.values(b.per_unita).map((r) => r.quarta);
    if (typeof b.conteggi.quarta === 'number') expect(col.filter((c) => c === WITHHELD).length).toBeGreaterThanOrEqual(2);
    const a = expectSafe(rep, truth(ps));
    expect(a.intervals.has('fasce.livello.U1.quarta')).toBe(true);
  });

  it('a band total of 4 made of four cells of 1 is not published next to its four withheld cells', async () => {
    const ps = ['U1', 'U2', 'U3', 'U4'].flatMap((u) => [...many(u, 1, 40), ...many(u, 5, 60), ...many(u, 6, 90)]);
    const rep = await report(BANDS, { 'alfa-persone.csv': personsCsv(ps) });
    const b = bands(rep);
    const col = Object.values(b.per_unita).map((r) => r.terza);
    expect(col.every((c) => c === WITHHELD)).toBe(true);
    // a published 4 over four withheld cells, each at least 1, gives 1 in each
    expect(b.conteggi.terza === col.length, 'band total equal to the number of its withheld cells').toBe(false);
    expectSafe(rep, truth(ps));
  });

  it('a histogram bin is never the only one withheld next to published totals, and the minimum of a withheld bin is not published', async () => {
    // one admitted person at 15 (bin 10–20), everybody else at 65 or 95: the minimum is that person's score
    const ps = [{ unit: 'U1', p: 15 }, ...many('U1', 6, 65), ...many('U1', 7, 95), ...many('U2', 5, 65), ...many('U2', 4, 95)];
    const rep = await report(BANDS, { 'alfa-persone.csv': personsCsv(ps) });
    const bins = rep.statistiche.distribuzione_punteggi;
    expect(bins[1].persone).toBe(WITHHELD);
    const hidden = bins.filter((x) => x.persone === WITHHELD).length;
    if (typeof rep.statistiche.ammessi === 'number') expect(hidden, 'bins withheld while «ammessi» is published').toBeGreaterThanOrEqual(2);
    expect(rep.statistiche.punteggio!.minimo).not.toBe('15');
    // the minimum is shown only when its bin is shown
    const lo = rep.statistiche.punteggio!.minimo;
    if (lo !== '') expect(bins[binOf(Number(lo))].persone).not.toBe(WITHHELD);
    expect(JSON.stringify(rep)).not.toMatch(/"15(\.0+)?"/);
    expect(reportHtml(rep)).not.toMatch(/minimo 15\b/);
    expectSafe(rep, truth(ps));
  });
});

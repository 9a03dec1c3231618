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

/** The attacker's verdict: every withheld 1 or 2 uncertain by at least 2 (3 possible values), and no cell of a
 *  unit withheld whole recovered exactly. A cell of 3 or more withheld only to protect another is not itself
 *  confidential: recovering it exactly tells nothing about anyone (sdcTable and τ-ARGUS protect primary cells). */
function expectSafe(rep: ReportJson, truths: Map<string, number>, know: Knowledge = BANDS_KNOW) {
  const a = attack(rep, know);
  for (const [key, v] of a.cells) if (v !== null && truths.has(key)) expect(v, `published ${key}`).toBe(truths.get(key));
  for (const [key, { lo, hi }] of a.intervals) {
    const t = truths.get(key);
    expect(lo <= t! && t! <= hi, `${key} = ${t} outside [${lo}, ${hi}]: the attacker's model is wrong`).toBe(true);
    // a cell known to be 0 (its band has a published total of 0: nobody anywhere) says nothing of anyone
    if (hi > 0 && (t! < 3 || smallUnits(rep).has(key.split('.')[2]))) expect(hi - lo, `${key} = ${t} recovered exactly`).toBeGreaterThanOrEqual(1);
    if (t === 1 || t === 2) expect(hi - lo, `${key} = ${t} only within [${lo}, ${hi}]`).toBeGreaterThanOrEqual(2);
  }
  return a;
}

/** Units withheld whole (fewer than 3 persons), as report.json says. */
const smallUnits = (rep: ReportJson) => new Set(rep.soppressioni.filter((x) => x.motivo.startsWith('unità')).map((x) => x.cella.split('.')[2]));

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

// ---- a per-row report over an entity table (projects), with amounts over groups ----
const PROJECTS = compile('beta', `scheda beta "Progetti di prova" anno 2024 lingua it
unità ufficio "Ufficio"

dati persona {
  matricola: testo chiave
  ufficio: ufficio
  p: punti da 0 a 100
}

tabella progetti per ente "Progetti" {
  codice: testo chiave
  risorse: euro
}

tabella premi per persona "Premi per progetto" {
  matricola: testo
  progetto: testo
  premio: euro
}

totale max 100 punti
voce v "Valutazione" max 100 punti = p

fasce livello "Livelli" su totale {
  bassa da 0 sotto 90 → 0%
  alta da 90 a 100 → 100%
}

calcola premio_totale "Premi da progetti" = somma(premi.premio)
calcola premi_pagati per ente = somma(premio_totale)
calcola beneficiari per ente = conta(premio_totale > 0 €)

parità: matricola crescente

prospetto sintesi "Sintesi per progetto" per progetti {
  beneficiari_progetto "Beneficiari" = conta(premi.premio dove premi.progetto = progetti.codice)
  premi_progetto "Premi attribuiti" = somma(premi.premio dove premi.progetto = progetti.codice)
  premio_minimo "Premio minimo" = minimo_di(premi.premio dove premi.progetto = progetti.codice)
  premio_massimo "Premio massimo" = massimo_di(premi.premio dove premi.progetto = progetti.codice)
  risorse_progetto "Risorse" = progetti.risorse
}

prospetto totali "Totali" {
  premi_tutti "Premi pagati" = premi_pagati
  beneficiari_tutti "Beneficiari" = beneficiari
  premi_alta "Premi alla fascia alta" = somma(premio_totale dove livello = alta)
  persone_alta "Persone in fascia alta" = conta(livello = alta)
}
`);

describe('issue 6: amounts of groups of fewer than 3 persons', () => {
  // P1 has one beneficiary (777,77 €); P2 four; P3 five. Two persons score 95 (fascia alta).
  const persons = Array.from({ length: 12 }, (_, i) => `B${String(i + 1).padStart(2, '0')};U${(i % 2) + 1};${i < 2 ? 95 : 50}`);
  const premi = [
    'B01;P1;777,77',
    'B02;P2;100,00', 'B03;P2;110,00', 'B04;P2;120,00', 'B05;P2;130,00',
    'B06;P3;200,00', 'B07;P3;210,00', 'B08;P3;220,00', 'B09;P3;230,00', 'B10;P3;240,00',
    'B02;P3;250,00',
  ];
  const files = {
    'beta-persone.csv': ['matricola;ufficio;p', ...persons].join('\n') + '\n',
    'beta-progetti.csv': 'codice;risorse\nP1;1000,00\nP2;1000,00\nP3;2000,00\n',
    'beta-premi.csv': ['matricola;progetto;premio', ...premi].join('\n') + '\n',
  };
  let rep: ReportJson;
  const get = async () => (rep ??= await report(PROJECTS, files));

  it('a per-row report withholds the count and the amounts (sum, min, max) of a row with a single beneficiary', async () => {
    const r = await get();
    const p = r.prospetti.find((x) => x.nome === 'sintesi')!;
    const col = (name: string) => p.colonne!.findIndex((c) => c.nome === name);
    const p1 = p.tabella![0];
    for (const name of ['beneficiari_progetto', 'premi_progetto', 'premio_minimo', 'premio_massimo']) {
      expect(p1.valori[col(name)], name).toBe(null);
      expect(p1.testi[col(name)], name).toBe(WITHHELD);
    }
    const json = JSON.stringify(r);
    expect(json).not.toContain('777.77');
    expect(reportHtml(r)).not.toContain('777,77');
    const counts = p.tabella!.map((row) => row.valori[col('beneficiari_progetto')]);
    expect(counts.filter((x) => x === null).length).toBeGreaterThanOrEqual(1);
  });

  it('the amount of a single-beneficiary row is not the entity total minus the other rows', async () => {
    // every premium belongs to one project, so «Premi pagati» (Σ over persons of their premiums) is the sum of
    // the rows' «Premi attribuiti»: with P2 and P3 and the total published, P1's one premium is the difference
    const r = await get();
    const p = r.prospetti.find((x) => x.nome === 'sintesi')!;
    const j = p.colonne!.findIndex((c) => c.nome === 'premi_progetto');
    const sums = p.tabella!.map((row) => row.valori[j]);
    const tot = r.prospetti.find((x) => x.nome === 'totali')!.righe.find((x) => x.nome === 'premi_tutti')!.valore;
    const others = sums.slice(1);
    if (tot !== null && others.every((x) => x !== null)) {
      const recovered = others.reduce((s: number, x) => s - Number(x), Number(tot));
      expect(recovered.toFixed(2), 'P1 = Premi pagati − P2 − P3').not.toBe('777.77');
    }
    if (tot !== null) expect(sums.filter((x) => x === null).length, 'only P1 withheld next to the published total').toBeGreaterThanOrEqual(2);
  });

  it('a row somma(x dove …) over a group whose count is withheld is withheld', async () => {
    const r = await get();
    const rows = Object.fromEntries(r.prospetti.find((x) => x.nome === 'totali')!.righe.map((x) => [x.nome, x]));
    expect(rows.persone_alta.valore).toBe(null);
    expect(rows.persone_alta.testo).toBe(WITHHELD);
    expect(rows.premi_alta.valore, 'the premiums of the 2 persons of fascia alta').toBe(null);
    expect(rows.premi_alta.testo).toBe(WITHHELD);
    expect(bands(r).conteggi.alta).toBe(WITHHELD);
    // 777,77 + 100 + 250 = 1127,77: nowhere
    expect(JSON.stringify(r)).not.toContain('1127.77');
  });
});

// ---- a bonus of one fixed value per person, paid to a few ----
const BONUS = compile('gamma', `scheda gamma "Bonus di prova" anno 2024 lingua it
unità ufficio "Ufficio"

dati persona {
  matricola: testo chiave
  ufficio: ufficio
  p: punti da 0 a 100
}

dati ente {
  fondo_bonus: euro "Fondo per i bonus"
}

totale max 100 punti
voce v "Valutazione" max 100 punti = p

calcola valore_bonus per ente "Bonus a persona" = 500,00 €
calcola bonus "Bonus" = se totale >= 90 punti allora valore_bonus altrimenti 0 €
calcola spesa per ente = somma(bonus)

parità: matricola crescente

fondo bonus_fondo "Fondo bonus" = fondo_bonus {
  pagato: bonus
  resto economie "Economie": fondo_bonus - spesa
}

prospetto riepilogo "Riepilogo bonus" {
  valore "Bonus a persona" = valore_bonus
  spesa_bonus "Spesa per i bonus" = spesa
  vincitori "Persone con bonus" = conta(bonus > 0 €)
}
`);

describe('issue 6: a count derivable as total ÷ unit value', () => {
  it('the total paid to fewer than 3 persons of the same unit value is withheld wherever it would appear', async () => {
    const persons = Array.from({ length: 10 }, (_, i) => `G${String(i + 1).padStart(2, '0')};U1;${i < 2 ? 95 : 50}`);
    const r = await report(BONUS, { 'gamma-persone.csv': ['matricola;ufficio;p', ...persons].join('\n') + '\n', 'ente.csv': 'nome;valore\nfondo_bonus;5000,00\n' });
    const rows = Object.fromEntries(r.prospetti[0].righe.map((x) => [x.nome, x]));
    expect(rows.vincitori.valore).toBe(null);
    expect(rows.spesa_bonus.valore, 'spesa = 2 × 500').toBe(null);
    const f = r.funds[0];
    expect(f.paid).toBe(WITHHELD);
    // the fund: amount = paid + remainder; with the amount published the remainder must be withheld too
    if (f.amount !== WITHHELD) expect(f.remainders.economie).toBe(WITHHELD);
    expect(f.distribuzione?.beneficiari).toBe(WITHHELD);
    // no published amount is the count times the unit value
    const json = JSON.stringify(r);
    expect(json).not.toMatch(/"1000(\.00?)?"/);
    expect(json).not.toMatch(/"4000(\.00?)?"/); // the remainder 5000 − 1000
    expect(reportHtml(r)).not.toMatch(/\b1\.000,00 €|\b4\.000,00 €/);
    // either the unit value or the total is withheld (here: the total; the unit value is in the scheme's text)
    expect(rows.valore.valore === null || rows.spesa_bonus.valore === null).toBe(true);
  });
});

/** Every count 1 or 2 published under a key that holds persons (and in count columns of the prospetti). */
function smallCounts(rep: ReportJson): string[] {
  const out: string[] = [];
  const KEYS = new Set(['persone', 'ammessi', 'beneficiari', 'conteggi', 'per_unita', 'importi_distinti']);
  const walk = (x: unknown, path: string, inside: boolean) => {
    if (typeof x === 'number' && inside && (x === 1 || x === 2)) out.push(`${path} = ${x}`);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`, inside || KEYS.has(k));
  };
  walk(rep, '', false);
  for (const p of rep.prospetti) {
    for (const r of p.righe) if (r.unita === 'intero' && (r.valore === '1' || r.valore === '2' || r.valore === 1 || r.valore === 2)) out.push(`${p.nome}.${r.nome} = ${r.valore}`);
    (p.tabella ?? []).forEach((row, i) => row.valori.forEach((v, j) => {
      if (p.colonne![j].unita === 'intero' && (v === '1' || v === '2' || v === 1 || v === 2)) out.push(`${p.nome}[${i}].${p.colonne![j].nome} = ${v}`);
    }));
  }
  return out;
}

describe('issue 6: what the published files say', () => {
  const ps = [...many('U1', 1, 20), ...many('U1', 3, 40), ...many('U1', 9, 60), ...many('U1', 73, 90),
    ...many('U2', 2, 20), ...many('U2', 6, 40), ...many('U2', 7, 60), ...many('U2', 1, 90), ...many('U3', 2, 65)];

  it('the built-in band table says what it counts (everyone evaluated), in report.json and in the HTML caption', async () => {
    // a prospetto counting admitted staff only next to the built-in table counting everyone
    const rep = await report(BANDS, { 'alfa-persone.csv': personsCsv([...ps, ...many('U2', 4, 5)]) });
    const b = bands(rep);
    expect(b.conta).toMatch(/tutte le persone valutate, ammesse o no/);
    const html = reportHtml(rep);
    const caption = html.match(/<caption>([^<]*persone per fascia[^<]*)<\/caption>/)?.[1];
    expect(caption).toBeDefined();
    expect(caption).toContain(b.conta);
    // the histogram says it counts the admitted only
    expect(html).toMatch(/<figcaption>Distribuzione dei punteggi delle sole persone ammesse/);
  });

  it('report.json and report.html hold no value of a withheld cell and no count of 1 or 2', async () => {
    const rep = await report(BANDS, { 'alfa-persone.csv': personsCsv(ps) });
    const t = truth(ps);
    expect(rep.soppressioni.length).toBeGreaterThan(0);
    expect(smallCounts(rep)).toEqual([]);
    for (const p of rep.prospetti) {
      for (const r of p.righe) if (r.testo === WITHHELD) expect(r.valore).toBe(null);
      for (const row of p.tabella ?? []) row.testi.forEach((x, j) => { if (x === WITHHELD) expect(row.valori[j]).toBe(null); });
    }
    // the soppressioni list names cells and reasons, never values
    for (const s of rep.soppressioni) expect(Object.keys(s).sort()).toEqual(['cella', 'descrizione', 'motivo']);
    for (const s of rep.soppressioni) expect(`${s.descrizione} ${s.motivo}`).not.toMatch(/\b[12] person/);
    // U3 (2 persons) is withheld whole: its size appears nowhere
    expect(organico(rep, 'U3').persone_ufficio).toBe(null);
    expect(Object.values(bands(rep).per_unita.U3).every((c) => c === WITHHELD)).toBe(true);
    const html = reportHtml(rep);
    expect(html).not.toMatch(/<td class="n">[12]<\/td>/);
    expect(html).not.toMatch(/>[12]<\/text>/);
    expect(html).not.toMatch(/: [12]<\/title>/);
    // the projects' report too
    expectSafe(rep, t);
  });

  it('the projects report holds no count of 1 or 2', async () => {
    const persons = Array.from({ length: 12 }, (_, i) => `B${String(i + 1).padStart(2, '0')};U${(i % 2) + 1};${i < 2 ? 95 : 50}`);
    const rep = await report(PROJECTS, {
      'beta-persone.csv': ['matricola;ufficio;p', ...persons].join('\n') + '\n',
      'beta-progetti.csv': 'codice;risorse\nP1;1000,00\nP2;1000,00\n',
      'beta-premi.csv': 'matricola;progetto;premio\nB01;P1;300,00\nB02;P1;310,00\nB03;P2;100,00\nB04;P2;110,00\nB05;P2;120,00\n',
    });
    expect(smallCounts(rep)).toEqual([]);
    expect(JSON.stringify(rep)).not.toContain('610'); // P1's two premiums
  });
});

// ---- the outsider's attack on random small populations ----
const population: fc.Arbitrary<Person[]> = fc
  .array(fc.oneof(fc.constantFrom(1, 2), fc.integer({ min: 3, max: 12 })), { minLength: 1, maxLength: 5 })
  .chain((sizes) => fc.tuple(...sizes.map((s, i) => fc.array(
    fc.oneof(fc.constantFrom(5, 15, 29, 30, 49, 50, 79, 80, 100), fc.integer({ min: 0, max: 100 })),
    { minLength: s, maxLength: s },
  ).map((scores) => scores.map((p) => ({ unit: `U${i + 1}`, p }))))))
  .map((units) => units.flat());

// SDC_RUNS / SDC_SEED widen the search; SDC_STRONG=1 lets the attacker also use that a unit withheld whole has
// at most 2 persons and a published one at least 3 (as soppressioni's «motivo» says): that stronger reader narrows
// a lone person's cell to width 1 when everyone is in one band, which avvisi already announces.
describe('issue 6: an independent attacker', () => {
  it('rebuilds the linear system from report.json alone and recovers no withheld cell (random populations)', async () => {
    let refused = 0, withheld = 0;
    await fc.assert(
      fc.asyncProperty(population, async (ps) => {
        let rep: ReportJson;
        try {
          rep = await report(BANDS, { 'alfa-persone.csv': personsCsv(ps) });
        } catch (e) {
          if (e instanceof DisclosureError) return void refused++; // nothing published: safe
          throw e;
        }
        const a = expectSafe(rep, truth(ps), process.env.SDC_STRONG ? { ...BANDS_KNOW, smallUnitsKnown: true } : BANDS_KNOW);
        withheld += a.intervals.size;
        expect(smallCounts(rep)).toEqual([]);
      }),
      { numRuns: Number(process.env.SDC_RUNS ?? 40), seed: Number(process.env.SDC_SEED ?? 6) },
    );
    expect(withheld, 'the populations exercised suppression').toBeGreaterThan(0);
    expect(refused, 'runs refused with DisclosureError').toBeLessThan(40);
  }, 60_000);

  it('the attacker finds what is there to find (a total published over cells of 1)', async () => {
    const ps = ['U1', 'U2', 'U3', 'U4'].flatMap((u) => [...many(u, 1, 40), ...many(u, 5, 60), ...many(u, 6, 90)]);
    const rep = await report(BANDS, { 'alfa-persone.csv': personsCsv(ps) });
    const leaked = structuredClone(rep);
    const b = bands(leaked);
    for (const u of Object.keys(b.per_unita)) b.per_unita[u].terza = WITHHELD;
    b.conteggi.terza = 4;
    b.conteggi.quarta = 0;
    const a = attack(leaked, {});
    expect(a.intervals.get('fasce.livello.U1.terza')).toEqual({ lo: 1, hi: 1 });
  });
});

// ---- the bundled Cremona reports ----
describe('issue 6: the bundled Cremona 2024 reports', () => {
  it('pass the same attacker on their band tables and histogram, and publish no count under 3', async () => {
    const runs = await runOk(DATA);
    const know: Record<string, Knowledge> = {
      comparto: { sizes: { prospetto: 'per_settore', column: 'valutati' } },
      dirigenti: { partialBands: ['fascia_risultato'] },
    };
    for (const [id, run] of runs) {
      const rep = buildReport(run);
      expect(smallCounts(rep), id).toEqual([]);
      const a = attack(rep, know[id] ?? {});
      // every withheld cell: not exact (a 0 forced by a published total of 0 is nobody's), and the cells of
      // fewer than 3 persons are not known without the data; wide enough for any 1 or 2 hidden there
      for (const [key, { lo, hi }] of a.intervals) if (hi > 0) expect(hi - lo, `${id}: ${key} in [${lo}, ${hi}]`).toBeGreaterThanOrEqual(2);
      const html = reportHtml(rep);
      expect(html, id).not.toMatch(/<td class="n">[12]<\/td>/);
    }
  }, 120_000);
});

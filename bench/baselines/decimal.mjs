// Baseline (a): the bench scheme (bench/comparto/comparto.scheda) hand-written as a plain decimal.js loop,
// one object per person, every figure a Decimal (40 significant digits, half-up: scheda's settings).
// The same rules, rounding points and tie rule as the scheme; nothing shared with the engine.
//   read(dir) → data;  compute(data) → persons with their figures;  write(file, persons)
import { Decimal } from 'decimal.js';
import { join } from 'node:path';
import { eachRow, readEnte, readSectors, writeResults } from './csv.mjs';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const ZERO = new D(0);
const num = (s) => new D(s.replace(',', '.'));
const SANCTION = { nessuna: '0', rimprovero_scritto: '0.10', multa: '0.15', sospensione_fino_10g: '0.20', sospensione_11g_1m: '0.25', sospensione_oltre_1m: '0.30' };

export async function read(dir) {
  const persons = [];
  await eachRow(join(dir, 'comparto-persone.csv'), (f) => {
    // presences are whole days: counted as plain integers, the rest in Decimal
    let mesi = 0;
    let giorni = 0;
    for (const x of f[2].split('|')) {
      const d = Number(x);
      if (d >= 12) mesi++;
      giorni += d;
    }
    persons.push({
      key: f[0], sector: f[1], mesi, giorni: new D(giorni),
      oi: num(f[3]), og: num(f[4]), oc: num(f[5]), sanzione: f[6], incentivi: num(f[7]), progetti: num(f[8]),
    });
  });
  return { persons, sectors: readSectors(dir), fund: num(readEnte(dir).get('fondo_produttivita_individuale')) };
}

/** Balancing threshold on whole euros: from 1.500 → 100%, 1.001 to 1.499 → 50%, up to 1.000 → 0%. */
const threshold = (amount) => {
  const e = amount.trunc();
  return e.gte(1500) ? new D(1) : e.gte(1001) ? new D('0.5') : ZERO;
};

/** The tie rule: totale, obiettivi_gruppo, obiettivi_individuali, giorni_presenza descending, then the key. */
const byTies = (a, b) => b.totale.cmp(a.totale) || b.og.cmp(a.og) || b.oi.cmp(a.oi) || b.giorni.cmp(a.giorni) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Largest remainder in cents: parts add up to the pot; equal remainders go by the tie rule. */
function allocate(pot, members, weight, set) {
  const total = pot.toDecimalPlaces(2, D.ROUND_HALF_UP);
  const W = members.reduce((s, p) => s.plus(weight(p)), ZERO);
  if (W.isZero()) { for (const p of members) set(p, ZERO); return; }
  const parts = members.map((p) => {
    const w = weight(p);
    const exact = total.times(w).div(W);
    const cents = exact.toDecimalPlaces(2, D.ROUND_DOWN);
    // remainders compared at 20 decimals, as scheda does: equal remainders (the same fraction of W) come
    // out of a 40-digit division with different last digits when the shares have different integer
    // digits (887,29… and 1.139,09…), and that noise must not decide a cent — the tie rule does
    return { p, w, cents, rem: exact.minus(cents).toDecimalPlaces(20, D.ROUND_HALF_UP) };
  });
  let left = total.minus(parts.reduce((s, x) => s.plus(x.cents), ZERO)).times(100).toNumber();
  const byRem = parts.filter((x) => !x.w.isZero()).sort((a, b) => b.rem.cmp(a.rem) || byTies(a.p, b.p));
  for (const x of byRem) {
    if (left <= 0) break;
    x.cents = x.cents.plus('0.01');
    left--;
  }
  for (const x of parts) set(x.p, x.cents);
}

export function compute({ persons, sectors, fund }) {
  for (const p of persons) {
    p.totale = p.oi.plus(p.og).plus(p.oc);
    p.seiMesi = p.mesi >= 6;
    p.ammesso = p.seiMesi && p.totale.gte(30);
    p.bilanciamento = D.max(threshold(p.progetti), threshold(p.incentivi));
    p.sanzione = new D(SANCTION[p.sanzione]);
  }
  const aventi = persons.filter((p) => p.seiMesi).length;
  const ammessi = persons.filter((p) => p.ammesso).length;
  const dieci = new D(aventi).times('0.1');
  const attribuibili = dieci.trunc().eq(dieci) ? dieci : dieci.trunc().plus(1);
  const valore = new D('0.33').times(fund).div(aventi).toDecimalPlaces(2, D.ROUND_HALF_UP);
  const fondoMagg = attribuibili.times('0.33').times(fund).div(aventi).toDecimalPlaces(2, D.ROUND_HALF_UP);
  const fondoNetto = fund.minus(fondoMagg);

  // sectors: their persons, the top 10% of the admitted (rounded down), the sector budget split by weight
  const bySector = new Map(sectors.map((s) => [s, []]));
  for (const p of persons) bySector.get(p.sector).push(p);
  for (const members of bySector.values()) {
    const cands = members.filter((p) => p.ammesso).sort(byTies);
    const n = new D('0.1').times(cands.length).toDecimalPlaces(0, D.ROUND_FLOOR).toNumber();
    for (const p of members) p.vincitore = false;
    for (const p of cands.slice(0, n)) p.vincitore = true;
    const budget = fondoNetto.times(cands.length).div(aventi).toDecimalPlaces(2, D.ROUND_HALF_UP);
    allocate(budget, members, (p) => (p.ammesso ? p.totale.times(p.mesi) : ZERO), (p, v) => (p.premioBase = v));
  }
  let trattenute = ZERO;
  for (const p of persons) {
    p.trattenutaBil = p.premioBase.times(p.bilanciamento).toDecimalPlaces(2, D.ROUND_HALF_UP);
    trattenute = trattenute.plus(p.trattenutaBil);
  }
  allocate(trattenute, persons, (p) => (p.bilanciamento.isZero() ? p.premioBase : ZERO), (p, v) => (p.redistribuzione = v));
  for (const p of persons) {
    p.trattenutaSanz = p.premioBase.minus(p.trattenutaBil).times(p.sanzione).toDecimalPlaces(2, D.ROUND_HALF_UP);
    p.maggiorazione = p.vincitore ? valore.times(new D(1).minus(p.bilanciamento)).toDecimalPlaces(2, D.ROUND_HALF_UP) : ZERO;
    p.premio = p.premioBase.minus(p.trattenutaBil).minus(p.trattenutaSanz).plus(p.redistribuzione).plus(p.maggiorazione);
  }
  return persons;
}

export function write(file, persons) {
  return writeResults(file, persons.map((p) => p.key), (i) => {
    const p = persons[i];
    return [p.vincitore ? 'sì' : 'no', ...[p.premioBase, p.trattenutaBil, p.redistribuzione, p.trattenutaSanz, p.maggiorazione, p.premio].map((v) => v.toFixed(2))];
  });
}

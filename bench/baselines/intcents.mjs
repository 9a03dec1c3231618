// Baseline (b): the bench scheme (bench/comparto/comparto.scheda) hand-written in plain JS on integers:
// money in cents, points in hundredths, percentages in whole percent, columns in typed arrays. A product
// that could pass 2^53 is done in BigInt (mulDiv), nowhere else. Every rounding is the scheme's: half-up
// at the cent where it says «arrotonda», largest remainder with the tie rule in «ripartisci».
//   read(dir) → columns;  compute(columns) → per-person cents;  write(file, data, out)
import { join } from 'node:path';
import { eachRow, readEnte, readSectors, writeResults } from './csv.mjs';

const SAFE = Number.MAX_SAFE_INTEGER;
const SANCTION = { nessuna: 0, rimprovero_scritto: 10, multa: 15, sospensione_fino_10g: 20, sospensione_11g_1m: 25, sospensione_oltre_1m: 30 };

/** «1499,5» / «1499,50» / «7» → hundredths (1499,50 → 149950); more than two decimals is refused. */
export function hundredths(s) {
  const c = s.indexOf(',');
  if (c < 0) return Number(s) * 100;
  const frac = s.slice(c + 1);
  if (frac.length > 2) throw new Error(`more than two decimals: ${s}`);
  return Number(s.slice(0, c)) * 100 + Number(frac.padEnd(2, '0'));
}

/** floor(x / y) for integers 0 ≤ x, 0 < y below 2^53, exact (the float quotient corrected by one step). */
function floorDiv(x, y) {
  let q = Math.floor(x / y);
  if (q * y > x) q--;
  else if ((q + 1) * y <= x) q++;
  return q;
}

/** round half-up of a·b / c for a, b ≥ 0, c > 0, exactly (BigInt only when 2·a·b + c could pass 2^53). */
export function mulDivHalfUp(a, b, c) {
  const ab = a * b;
  if (ab <= (SAFE - c) / 2) return floorDiv(2 * ab + c, 2 * c);
  return Number((2n * BigInt(a) * BigInt(b) + BigInt(c)) / (2n * BigInt(c)));
}

export async function read(dir) {
  const sectors = readSectors(dir);
  const sectorIdx = new Map(sectors.map((s, i) => [s, i]));
  let cap = 1024;
  let n = 0;
  let cols = alloc(cap);
  const keys = [];
  await eachRow(join(dir, 'comparto-persone.csv'), (f) => {
    if (n === cap) {
      const bigger = alloc((cap *= 2));
      for (const k of Object.keys(cols)) bigger[k].set(cols[k]);
      cols = bigger;
    }
    keys.push(f[0]);
    const s = sectorIdx.get(f[1]);
    if (s === undefined) throw new Error(`unknown sector ${f[1]}`);
    cols.sector[n] = s;
    let mesi = 0;
    let giorni = 0;
    for (const d of f[2].split('|')) {
      const x = Number(d);
      if (x >= 12) mesi++;
      giorni += x;
    }
    cols.mesi[n] = mesi;
    cols.giorni[n] = giorni;
    cols.oi[n] = hundredths(f[3]);
    cols.og[n] = hundredths(f[4]);
    cols.oc[n] = hundredths(f[5]);
    cols.sanzione[n] = SANCTION[f[6]];
    cols.incentivi[n] = hundredths(f[7]);
    cols.progetti[n] = hundredths(f[8]);
    n++;
  });
  for (const k of Object.keys(cols)) cols[k] = cols[k].subarray(0, n);
  return { n, keys, sectors, cols, fund: hundredths(readEnte(dir).get('fondo_produttivita_individuale')) };
}

function alloc(cap) {
  return {
    sector: new Int32Array(cap), mesi: new Int8Array(cap), giorni: new Int32Array(cap), oi: new Int32Array(cap), og: new Int32Array(cap), oc: new Int32Array(cap),
    sanzione: new Int8Array(cap), incentivi: new Float64Array(cap), progetti: new Float64Array(cap),
  };
}

/** Balancing threshold in percent on whole euros (cents → euros, truncated). */
const threshold = (cents) => {
  const e = Math.floor(cents / 100);
  return e >= 1500 ? 100 : e >= 1001 ? 50 : 0;
};

/**
 * Largest remainder: splits `pot` cents over `members` (person indices) by integer `weight`s; equal
 * remainders go to the better `rank` (the tie rule). Writes each share into `out`.
 */
function allocate(pot, members, weight, rank, out) {
  let W = 0;
  let maxW = 0;
  for (const i of members) {
    W += weight[i];
    if (weight[i] > maxW) maxW = weight[i];
  }
  if (W === 0) { for (const i of members) out[i] = 0; return; }
  const big = pot * maxW > SAFE || W > SAFE;
  const rems = [];
  let given = 0;
  if (!big) {
    for (const i of members) {
      const pw = pot * weight[i];
      const q = floorDiv(pw, W);
      out[i] = q;
      given += q;
      if (weight[i] > 0) rems.push({ i, r: pw - q * W });
    }
  } else {
    const P = BigInt(pot);
    const WB = BigInt(W);
    for (const i of members) {
      const pw = P * BigInt(weight[i]);
      const q = pw / WB;
      out[i] = Number(q);
      given += out[i];
      if (weight[i] > 0) rems.push({ i, r: Number(pw - q * WB) }); // < W ≤ 2^53: exact
    }
  }
  let left = pot - given;
  if (left > 0) {
    rems.sort((a, b) => b.r - a.r || rank[a.i] - rank[b.i]);
    for (let k = 0; k < left; k++) out[rems[k].i]++;
  }
}

export function compute({ n, keys, sectors, cols, fund }) {
  const { sector, mesi, giorni, oi, og, oc, sanzione, incentivi, progetti } = cols;
  const S = sectors.length;
  const totale = new Int32Array(n);
  const ammesso = new Uint8Array(n);
  const bil = new Int8Array(n);
  const aventiS = new Int32Array(S);
  const ammessiS = new Int32Array(S);
  let aventi = 0;
  let ammessi = 0;
  for (let i = 0; i < n; i++) {
    totale[i] = oi[i] + og[i] + oc[i];
    const sei = mesi[i] >= 6;
    ammesso[i] = sei && totale[i] >= 3000 ? 1 : 0;
    if (sei) { aventi++; aventiS[sector[i]]++; }
    if (ammesso[i]) { ammessi++; ammessiS[sector[i]]++; }
    bil[i] = Math.max(threshold(progetti[i]), threshold(incentivi[i]));
  }
  const attribuibili = Math.ceil(aventi / 10);
  const valore = mulDivHalfUp(33, fund, 100 * aventi);
  const fondoMagg = mulDivHalfUp(attribuibili * 33, fund, 100 * aventi);
  const fondoNetto = fund - fondoMagg;

  // the tie rule as one rank per person: totale, gruppo, individuali, giorni descending, then the key
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => totale[b] - totale[a] || og[b] - og[a] || oi[b] - oi[a] || giorni[b] - giorni[a] || (keys[a] < keys[b] ? -1 : 1));
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]] = r;

  // top 10% of each sector's admitted, rounded down: the first in tie order
  const vincitore = new Uint8Array(n);
  const taken = new Int32Array(S);
  for (const i of order) {
    const s = sector[i];
    if (ammesso[i] && taken[s] < Math.floor(ammessiS[s] / 10)) { vincitore[i] = 1; taken[s]++; }
  }

  // members of each sector (in person order), the sector budget split by totale × mesi
  const start = new Int32Array(S + 1);
  for (let i = 0; i < n; i++) start[sector[i] + 1]++;
  for (let s = 0; s < S; s++) start[s + 1] += start[s];
  const members = new Int32Array(n);
  const fill = start.slice(0, S);
  for (let i = 0; i < n; i++) members[fill[sector[i]]++] = i;
  const peso = new Float64Array(n);
  for (let i = 0; i < n; i++) peso[i] = ammesso[i] ? totale[i] * mesi[i] : 0;
  const premioBase = new Float64Array(n);
  for (let s = 0; s < S; s++) {
    const budget = mulDivHalfUp(fondoNetto, ammessiS[s], aventi);
    allocate(budget, members.subarray(start[s], start[s + 1]), peso, rank, premioBase);
  }

  const trBil = new Float64Array(n);
  let trattenute = 0;
  for (let i = 0; i < n; i++) {
    trBil[i] = mulDivHalfUp(premioBase[i], bil[i], 100);
    trattenute += trBil[i];
  }
  const pesoRed = new Float64Array(n);
  for (let i = 0; i < n; i++) pesoRed[i] = bil[i] === 0 ? premioBase[i] : 0;
  const redistribuzione = new Float64Array(n);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  allocate(trattenute, all, pesoRed, rank, redistribuzione);

  const trSanz = new Float64Array(n);
  const maggiorazione = new Float64Array(n);
  const premio = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    trSanz[i] = mulDivHalfUp(premioBase[i] - trBil[i], sanzione[i], 100);
    maggiorazione[i] = vincitore[i] ? mulDivHalfUp(valore, 100 - bil[i], 100) : 0;
    premio[i] = premioBase[i] - trBil[i] - trSanz[i] + redistribuzione[i] + maggiorazione[i];
  }
  return { vincitore, premioBase, trBil, redistribuzione, trSanz, maggiorazione, premio };
}

const euro = (c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

export function write(file, data, r) {
  return writeResults(file, data.keys, (i) => [r.vincitore[i] ? 'sì' : 'no', euro(r.premioBase[i]), euro(r.trBil[i]), euro(r.redistribuzione[i]), euro(r.trSanz[i]), euro(r.maggiorazione[i]), euro(r.premio[i])]);
}

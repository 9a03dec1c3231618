// Seeded generator of a population for the bench scheme (bench/comparto/comparto.scheda): N persons
// across many bodies (each about `bodySize` persons) and their sectors (`sectorsPerBody` each, of
// uneven sizes), in the shape of the Cremona comparto data (data/generate.ts): 12 monthly presences,
// three score items in half or quarter points (so that totals tie, also at the top-10% cut), a few
// scores at 29,99/30,00, project premiums and legal incentives at the balancing thresholds exactly
// (1.000,99 1.001,00 1.499,00 1.499,50 1.500,00 …), disciplinary sanctions, and about 2% of persons
// who copy the previous one (tied on every tie key, only the person key separates them).
//
// Written as the CSV files `scheda run` reads (README «Data for scheda run»): comparto-persone.csv,
// comparto-settore.csv, ente.csv. Streaming: rows go out in blocks with backpressure, so a million
// persons need no more memory than a few thousand.
//
//   node bench/generate.mjs --persons N --out DIR [--seed S] [--body-size B] [--sectors-per-body K]
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

/** A small deterministic generator (mulberry32): the same seed gives the same files. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SANCTIONS = ['rimprovero_scritto', 'multa', 'sospensione_fino_10g', 'sospensione_11g_1m', 'sospensione_oltre_1m'];
// amounts at and around the balancing thresholds (whole euros 1.000 / 1.001 / 1.499 / 1.500)
const EDGES = ['1000,00', '1000,99', '1001,00', '1200,00', '1499,00', '1499,50', '1499,99', '1500,00', '2500,00'];

/** «12,5» from 1250 hundredths (Italian decimal comma, always two decimals). */
const hundredths = (h) => `${Math.floor(h / 100)},${String(h % 100).padStart(2, '0')}`;

/**
 * Writes the three files for `persons` persons into `dir`.
 * @returns {{ persons: number, bodies: number, sectors: number, fund: string }}
 */
export async function generate(dir, { persons, seed = 2024, bodySize = 650, sectorsPerBody = 14 } = {}) {
  if (!Number.isInteger(persons) || persons < 1) throw new Error('persons: a positive integer');
  mkdirSync(dir, { recursive: true });
  const rnd = rng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const bodies = Math.ceil(persons / bodySize);
  const sectorCode = (b, s) => `E${String(b + 1).padStart(4, '0')}-S${String(s + 1).padStart(2, '0')}`;
  const sectors = [];
  for (let b = 0; b < bodies; b++) for (let s = 0; s < sectorsPerBody; s++) sectors.push(sectorCode(b, s));
  writeFileSync(join(dir, 'comparto-settore.csv'), 'codice\n' + sectors.join('\n') + '\n');
  // the fund: about 930 € a person, with cents that do not divide evenly
  const fundCents = persons * 93_000 + 37 + (persons % 89);
  const fund = hundredths(fundCents);
  writeFileSync(join(dir, 'ente.csv'), `nome;valore\nfondo_produttivita_individuale;${fund}\n`);

  const out = createWriteStream(join(dir, 'comparto-persone.csv'));
  out.write('matricola;settore;presenze;punti_obiettivi_individuali;punti_obiettivi_gruppo;punti_comportamenti;sanzione;incentivi_legge;premi_progetti\n');
  const width = Math.max(6, String(persons).length);
  let block = [];
  let prev;
  // uneven sector sizes: sector s of a body weighs s + 2
  const sw = Array.from({ length: sectorsPerBody }, (_, s) => s + 2);
  const swTotal = sw.reduce((a, b) => a + b, 0);
  const pickSector = () => {
    let r = rnd() * swTotal;
    for (let s = 0; s < sectorsPerBody; s++) if ((r -= sw[s]) < 0) return s;
    return sectorsPerBody - 1;
  };
  const amount = () => {
    const r = rnd();
    if (r < 0.82) return '0,00';
    if (r < 0.91) return EDGES[int(0, EDGES.length - 1)];
    return hundredths(int(1, 300_000));
  };
  for (let i = 0; i < persons; i++) {
    const key = `P${String(i + 1).padStart(width, '0')}`;
    const body = Math.floor((i * bodies) / persons); // bodies of even sizes
    if (prev && prev.body === body && rnd() < 0.02) {
      // a twin of the previous person: same sector, scores and presences
      block.push(`${key};${prev.rest}\n`);
    } else {
      const sector = sectorCode(body, pickSector());
      const longAbsence = rnd() < 0.05;
      const months = [];
      for (let m = 0; m < 12; m++) {
        if (longAbsence && m >= int(3, 8)) months.push(int(0, 13));
        else months.push(rnd() < 0.1 ? int(8, 14) : int(15, 23));
      }
      let oi, og, oc;
      const r = rnd();
      if (r < 0.03) {
        // at the 30-point gate: exactly 30,00 or 29,99
        oi = 1000;
        og = rnd() < 0.5 ? 1500 : 1499;
        oc = 500;
      } else if (r < 0.06) {
        oi = int(0, 20) * 50; og = int(10, 40) * 50; oc = int(0, 30) * 25; // low scores
      } else {
        // whole points for the objectives, half points for conduct: totals tie often, also at the cut
        oi = int(8, 15) * 100; og = int(16, 25) * 100; oc = int(12, 20) * 50;
      }
      const sanction = rnd() < 0.04 ? SANCTIONS[int(0, SANCTIONS.length - 1)] : 'nessuna';
      const rest = `${sector};${months.join('|')};${hundredths(oi)};${hundredths(og)};${hundredths(oc)};${sanction};${amount()};${amount()}`;
      block.push(`${key};${rest}\n`);
      prev = { body, rest };
    }
    if (block.length >= 4096) {
      if (!out.write(block.join(''))) await once(out, 'drain');
      block = [];
    }
  }
  out.end(block.join(''));
  await once(out, 'finish');
  return { persons, bodies, sectors: sectors.length, fund };
}

// (bundled into dist/comparto.bench.mjs, import.meta.url is the bundle's: test the script's name too)
if (/generate\.mjs$/.test(process.argv[1] ?? '') && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, d) => {
    const i = process.argv.indexOf(`--${name}`);
    return i < 0 ? d : process.argv[i + 1];
  };
  const dir = arg('out');
  if (!dir) throw new Error('usage: node bench/generate.mjs --persons N --out DIR [--seed S] [--body-size B] [--sectors-per-body K]');
  const r = await generate(dir, {
    persons: Number(arg('persons', '651')), seed: Number(arg('seed', '2024')),
    bodySize: Number(arg('body-size', '650')), sectorsPerBody: Number(arg('sectors-per-body', '14')),
  });
  console.log(`generated ${r.persons} persons, ${r.bodies} bodies, ${r.sectors} sectors, fund ${r.fund} € in ${dir}`);
}

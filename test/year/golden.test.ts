// The Cremona 2024 year, end to end and in-process: the bundle compiled by loadBundles, run by runYear
// on the synthetic dataset, rendered by buildReport/buildResults. The outputs are compared with the
// stored golden files (regenerate them with `npx tsx test/year/update-golden.ts` only when a change is
// intended), and the figures the Relazione sulla performance 2024 publishes are asserted one by one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemeRun } from '../../engine/run/year.ts';
import { buildReport, buildResults, type ReportJson } from '../../engine/report/tables.ts';
import { DATA, GOLDEN, rendered, runOk, SCHEMES } from './helpers.ts';

let runs: Map<string, SchemeRun>;
let files: Record<string, string>;
const reports = new Map<string, ReportJson>();

beforeAll(async () => {
  runs = await runOk(DATA);
  files = rendered(runs);
  for (const [id, run] of runs) reports.set(id, buildReport(run));
});

const row = (scheme: string, name: string) => {
  const r = reports.get(scheme)!.prospetti.flatMap((p) => p.righe).find((x) => x.nome === name);
  if (!r) throw new Error(`no report row ${scheme}.${name}`);
  return r;
};

describe('the Cremona 2024 year on the synthetic dataset', () => {
  it('runs the four schemes in dependency order', () => {
    expect([...runs.keys()]).toEqual(SCHEMES);
  });

  it.each(SCHEMES)('gives the golden report.json for %s', (scheme) => {
    const golden = readFileSync(join(GOLDEN, scheme, 'report.json'), 'utf8');
    expect(files[`${scheme}/report.json`]).toBe(golden);
  });

  it.each(SCHEMES)('gives the golden per-person results.csv for %s', (scheme) => {
    const golden = readFileSync(join(GOLDEN, scheme, 'results.csv'), 'utf8');
    expect(files[`${scheme}/results.csv`]).toBe(golden);
  });
});

describe('the published comparto figures', () => {
  // Produced by the rules from the seed's inputs (the fund, 531.354,00 €, in ente.csv) and the size of the
  // population the generator is given (553 staff with at least 6 months): not from tuned outcomes.
  const published: [what: string, row: string, valore: string, testo: string][] = [
    ['553 staff entitled (heads of the sector budgets)', 'aventi', '553', '553'],
    ['an average bonus of 960,86 €', 'riga_b', '960.86', '960,86 €'],
    ['56 increases funded (10% of 553, rounded up)', 'riga_c', '56', '56'],
    ['an increase worth 317,08 €', 'riga_d', '317.08', '317,08 €'],
    ['an average of 928,75 € without the increase', 'riga_e', '928.75', '928,75 €'],
    ['an average of 1.245,83 € with the increase', 'riga_f', '1245.83', '1.245,83 €'],
    ['a maximum score of 50', 'riga_i', '50', '50'],
    ['17.756,64 € for the increase', 'risorse_b', '17756.64', '17.756,64 €'],
    ['513.597,36 € net of the increase', 'risorse_netto', '513597.36', '513.597,36 €'],
  ];
  it.each(published)('the comparto report publishes %s', (_what, name, valore, testo) => {
    const r = row('comparto', name);
    expect(r.valore).toBe(valore);
    expect(r.testo).toBe(testo);
  });

  it('the score statistics come out of the untuned data (not the published 33 / 48,18), over the admitted', () => {
    const s = reports.get('comparto')!.statistiche;
    expect(s.ammessi).toBe(Number(row('comparto', 'riga_a').valore));
    expect(s.punteggio?.medio).toBe(row('comparto', 'riga_h').valore);
    expect(s.punteggio?.massimo).toBe('50');
  });

  it('the dirigenti report holds the receivables ratio 0.4934, shown as 49,34%', () => {
    const r = row('dirigenti', 'residui_percentuale');
    expect(r.valore).toBe('0.4934');
    expect(r.unita).toBe('percentuale');
    expect(r.testo).toBe('49,34%');
  });

  it('the dirigenti report holds the fund split 499.994,00 / 149.349,00 € and the indicator shares 60 / 21,23 / 16,05 / 2,72%', () => {
    expect(row('dirigenti', 'fondo_posizione').testo).toBe('499.994,00 €');
    expect(row('dirigenti', 'fondo_risultato').testo).toBe('149.349,00 €');
    expect(['indicatori_migliorati_quota', 'indicatori_invariati_quota', 'indicatori_peggiorati_quota', 'indicatori_non_valutabili_quota'].map((n) => row('dirigenti', n).testo))
      .toEqual(['60%', '21,23%', '16,05%', '2,72%']);
  });

  it('the dirigenti band amounts are the first band times 90, 80, 75, 70%, half-up to the cent', () => {
    const first = new Decimal(String(row('dirigenti', 'importo_prima').valore));
    const shares: [string, string][] = [['importo_seconda', '0.9'], ['importo_terza', '0.8'], ['importo_quarta', '0.75'], ['importo_quinta', '0.7']];
    for (const [n, q] of shares) expect(row('dirigenti', n).valore, n).toBe(first.times(q).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
  });

  it('the eq report holds 363.986,00 € in all and the result share 25,29%', () => {
    expect(row('eq', 'risorse_totale').testo).toBe('363.986,00 €');
    expect(row('eq', 'risorse_b').testo).toBe('92.040,38 €');
    expect(row('eq', 'risorse_quota').testo).toBe('25,29%');
  });
});

describe('fund conservation', () => {
  it('every fund in every report has amount = paid + the sum of its remainders, exactly', () => {
    let n = 0;
    for (const scheme of SCHEMES) {
      for (const f of reports.get(scheme)!.funds) {
        n++;
        const sum = Object.values(f.remainders).reduce((s, r) => s.plus(r), new Decimal(f.paid));
        expect(sum.eq(f.amount), `${scheme}.${f.name}: ${f.amount} ≠ ${f.paid} + ${Object.values(f.remainders).join(' + ')}`).toBe(true);
        expect(f.amount).toMatch(/^\d+\.\d\d$/);
      }
    }
    expect(n).toBe(4);
  });

  it('every fund of the run balances at full precision, not only at the cent', () => {
    for (const [id, run] of runs) {
      for (const f of run.funds) {
        const sum = f.remainders.reduce((s, r) => s.plus(r.amount.toFixed()), new Decimal(f.paid.toFixed()));
        expect(f.balanced, `${id}.${f.name}`).toBe(true);
        expect(sum.eq(f.amount.toFixed()), `${id}.${f.name}`).toBe(true);
      }
    }
  });
});

describe('the comparto increase (maggiorazione) on the synthetic data', () => {
  type Person = { chiave: string; unita: string; valori: Record<string, unknown> };
  let persons: Person[];
  beforeAll(() => {
    persons = buildResults(runs.get('comparto')!).persone as Person[];
  });

  it('goes to at most 10% of the admitted of each sector, rounded down', () => {
    const bySector = new Map<string, { admitted: number; winners: number }>();
    for (const p of persons) {
      const s = bySector.get(p.unita) ?? { admitted: 0, winners: 0 };
      if (p.valori.ammesso === true) s.admitted++;
      if (p.valori.vincitore === true) s.winners++;
      bySector.set(p.unita, s);
    }
    for (const [unit, s] of bySector) expect(s.winners, unit).toBe(Math.floor(s.admitted / 10));
  });

  it('pays 317,08 € to each winner, scaled by what balancing leaves of the individual premium', () => {
    const winners = persons.filter((p) => p.valori.vincitore === true);
    expect(winners.length).toBeGreaterThan(0);
    for (const p of winners) {
      const kept = new Decimal(1).minus(p.valori.bilanciamento as string);
      expect(p.valori.maggiorazione, p.chiave).toBe(new Decimal('317.08').times(kept).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    }
    expect(new Set(persons.filter((p) => p.valori.vincitore !== true).map((p) => p.valori.maggiorazione))).toEqual(new Set(['0.00']));
  });

  it('keeps what is not paid of the 17.756,64 € as a named remainder of the fund', () => {
    const f = reports.get('comparto')!.funds.find((x) => x.name === 'produttivita_individuale')!;
    const paid = persons.reduce((s, p) => s.plus(p.valori.maggiorazione as string), new Decimal(0));
    expect(f.remainders.maggiorazioni_non_attribuite).toBe(new Decimal('17756.64').minus(paid).toFixed(2));
    expect(row('comparto', 'risorse_non_attribuite').valore).toBe(f.remainders.maggiorazioni_non_attribuite);
  });
});

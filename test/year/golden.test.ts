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
  const published: [what: string, row: string, valore: string, testo: string][] = [
    ['553 staff evaluated positively', 'riga_a', '553', '553'],
    ['an average bonus of 960,86 €', 'riga_b', '960.86', '960,86 €'],
    ['56 staff with the increase', 'riga_c', '56', '56'],
    ['an increase worth 317,08 €', 'riga_d', '317.08', '317,08 €'],
    ['an average of 928,75 € without the increase', 'riga_e', '928.75', '928,75 €'],
    ['an average of 1.245,83 € with the increase', 'riga_f', '1245.83', '1.245,83 €'],
    ['a minimum score of 33', 'riga_g', '33', '33'],
    ['a mean score of 48,18', 'riga_h', '48.18', '48,18'],
    ['a maximum score of 50', 'riga_i', '50', '50'],
    ['17.756,64 € for the increase', 'risorse_b', '17756.64', '17.756,64 €'],
    ['513.597,36 € net of the increase', 'risorse_netto', '513597.36', '513.597,36 €'],
  ];
  it.each(published)('the comparto report publishes %s', (_what, name, valore, testo) => {
    const r = row('comparto', name);
    expect(r.valore).toBe(valore);
    expect(r.testo).toBe(testo);
  });

  it('the comparto score statistics are mean 48.18, max 50 over 553 eligible; the built-in minimum is withheld (its bin is)', () => {
    const s = reports.get('comparto')!.statistiche;
    expect(s.ammessi).toBe(553);
    // the lowest score falls in a histogram bin of fewer than 3 persons: publishing it would pin one person in it
    expect(s.punteggio).toEqual({ minimo: '', medio: '48.18', massimo: '50' });
    expect(s.distribuzione_punteggi.find((b) => b.da === '30')!.persone).toBe('n.p.');
    // the scheme's own table publishes the minimum the seed publishes (riga g): a rule of the scheme
    expect(row('comparto', 'riga_g').testo).toBe('33');
  });

  it('the dirigenti report holds the receivables ratio 0.4934, shown as 49,34%', () => {
    const r = row('dirigenti', 'residui_percentuale');
    expect(r.valore).toBe('0.4934');
    expect(r.unita).toBe('percentuale');
    expect(r.testo).toBe('49,34%');
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

describe('the comparto increase (maggiorazione) to the cent', () => {
  type Person = { chiave: string; valori: Record<string, unknown> };
  let winners: Person[];
  beforeAll(() => {
    const res = buildResults(runs.get('comparto')!);
    winners = (res.persone as Person[]).filter((p) => p.valori.vincitore === true);
  });

  it('goes to 56 winners: 40 get 317,08 € and 16 get 317,09 €, adding up to 17.756,64 €', () => {
    expect(winners).toHaveLength(56);
    const amounts = winners.map((p) => p.valori.maggiorazione as string);
    expect(amounts.filter((a) => a === '317.08')).toHaveLength(40);
    expect(amounts.filter((a) => a === '317.09')).toHaveLength(16);
    expect(amounts.reduce((s, a) => s.plus(a), new Decimal(0)).toFixed(2)).toBe('17756.64');
  });

  it('gives nothing to the 526 non-winners', () => {
    const res = buildResults(runs.get('comparto')!);
    const others = res.persone.filter((p) => p.valori.vincitore !== true);
    expect(others).toHaveLength(582 - 56);
    expect(new Set(others.map((p) => p.valori.maggiorazione))).toEqual(new Set(['0.00']));
  });

  it('gives the 16 extra cents to the first 16 winners by the tie rule (totale, obiettivi_gruppo, obiettivi_individuali desc; matricola asc)', () => {
    const d = (p: Person, k: string) => new Decimal(p.valori[k] as string);
    const order = [...winners].sort(
      (a, b) =>
        d(b, 'totale').comparedTo(d(a, 'totale')) ||
        d(b, 'obiettivi_gruppo').comparedTo(d(a, 'obiettivi_gruppo')) ||
        d(b, 'obiettivi_individuali').comparedTo(d(a, 'obiettivi_individuali')) ||
        (a.chiave < b.chiave ? -1 : a.chiave > b.chiave ? 1 : 0),
    );
    const extra = order.map((p) => p.valori.maggiorazione === '317.09');
    expect(extra).toEqual([...Array(16).fill(true), ...Array(40).fill(false)]);
  });

  it('reports where the cents went: 17.756,48 € in whole shares and 16 cents by the tie rule', () => {
    const a = reports.get('comparto')!.ripartizioni.find((x) => x.regola === 'maggiorazione');
    expect(a).toMatchObject({
      gruppo: 'ente', importo: '17756.64', beneficiari: 56, quote_al_centesimo_inferiore: '17756.48', centesimi_assegnati_con_la_regola_di_parita: 16,
    });
  });
});

// The readings of the Cremona 2024 rules that issue 7 settled against the seed (Relazione sulla performance
// 2024, §3), each run on a small population built here, so that no reading is "proven" by the bundled
// synthetic data:
// - comparto: the bonus quota per sector is 10% rounded DOWN (never above «non superiore al 10%»), while the
//   bonus pot funds 10% of those entitled rounded UP (553 → 56, as published); each winner gets the bonus
//   value, reduced by balancing like the individual premium (nothing when it is fully withheld); what is not
//   paid is a named remainder of the fund; ties on every criterion are broken by days of presence;
// - dirigenti: the result pot is 23% of the fund (an entity input), the first band amount the per-capita
//   value of the pot left after the bonus reserve, the other bands its shares; the differentiation penalty
//   counts the staff's bands, which follow the managers' band system (so a large sector escapes it without
//   rating anybody below 30); the indicator shares add up to 100% by largest remainder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { buildResults } from '../../engine/report/tables.ts';
import { jsonValue } from '../../engine/report/values.ts';
import { runYear, type SchemeRun } from '../../engine/run/year.ts';
import { cremona, tempDir } from '../year/helpers.ts';

const tmp = tempDir('reading');
afterAll(tmp.remove);

interface Staff { id: string; sector: string; ind: string; grp: string; beh: string; days?: number; law?: string; project?: string }
interface Case { staff: Staff[]; sectors: string[]; fundDirigenza?: string; indicators?: [number, number, number, number] }

const FULL = (d = 20) => Array(12).fill(d).join('|');
let n = 0;

/** Writes a data folder for progetti, comparto and dirigenti (one manager per sector) and runs the three. */
async function run(c: Case): Promise<Map<string, SchemeRun>> {
  const dir = join(tmp.dir, `case-${++n}`);
  mkdirSync(dir);
  const w = (name: string, lines: string[]) => writeFileSync(join(dir, name), lines.join('\n') + '\n');
  w('ente.csv', ['nome;valore', 'equilibri_bilancio;sì', 'equilibri_deroga;no', 'posizione_sole24ore;5', 'posizione_italiaoggi;25',
    'progetto_di_ente;P01', 'fondo_produttivita_individuale;531354,00', `fondo_dirigenza;${c.fundDirigenza ?? '649343,00'}`]);
  // projects: P02 pays what the case says; P01 (the entity project, not balanced) pays 10 € to the first person
  const last = c.staff[c.staff.length - 1];
  if (!c.staff.some((s) => s.project)) last.project = '100,00';
  const premi = c.staff.filter((s) => s.project).map((s) => `${s.id};P02;${s.project}`);
  const p02 = c.staff.filter((s) => s.project).reduce((t, s) => t.plus(s.project!.replace(',', '.')), new Decimal(0));
  premi.push(`${c.staff[0].id};P01;10,00`);
  w('progetti-progetti.csv', ['codice;descrizione;settore;risorse_destinate;risorse_rendicontate', 'P01;Ente;ente;10,00;10,00',
    `P02;Progetto;settore;${p02.toFixed(2).replace('.', ',')};${p02.toFixed(2).replace('.', ',')}`]);
  w('progetti-premi.csv', ['matricola;progetto;premio', ...premi]);
  const beneficiaries = [...new Set(premi.map((l) => l.split(';')[0]))];
  w('progetti-persone.csv', ['matricola;settore', ...beneficiaries.map((id) => `${id};${c.staff.find((s) => s.id === id)!.sector}`)]);
  w('comparto-settore.csv', ['codice', ...c.sectors]);
  w('comparto-persone.csv', ['matricola;settore;presenze;punti_obiettivi_individuali;punti_obiettivi_gruppo;punti_comportamenti;sanzione;incentivi_legge',
    ...c.staff.map((s) => `${s.id};${s.sector};${FULL(s.days)};${s.ind};${s.grp};${s.beh};nessuna;${s.law ?? '0'}`)]);
  const ind = c.indicators ?? [10, 5, 3, 1];
  w('dirigenti-settore.csv', ['codice;indicatori_migliorati;indicatori_invariati;indicatori_peggiorati;indicatori_non_valutabili',
    ...c.sectors.map((s, i) => (i === 0 ? `${s};${ind.join(';')}` : `${s};0;0;0;0`))]);
  w('dirigenti-pagamenti.csv', ['settore;giorni_ritardo;importo_netto', ...c.sectors.map((s) => `${s};-5;1000,00`)]);
  w('dirigenti-persone.csv', ['matricola;settore;mesi_incarico;indirizzi_efficacia;indirizzi_partecipazione;indirizzi_interazione;indirizzi_innovazione;presidio_pianificazione;presidio_fasi;presidio_obiettivi_eq;media_sondaggio;penalita_anticorruzione;risultato_interim',
    ...c.sectors.map((s, i) => `D${i + 1};${s};12;2,5;2,5;2,5;2,5;1;3;1;5;0;0`)]);
  w('dirigenti-obiettivi.csv', ['matricola;peso_obiettivo;raggiungimento', ...c.sectors.map((_, i) => `D${i + 1};100;100`)]);
  w('dirigenti-residui.csv', ['titolo;riscossioni;accertamenti', '1;50,00;100,00']);
  const { irs } = cremona();
  const r = await runYear(irs, ['progetti', 'comparto', 'dirigenti'], dir);
  if (!r.ok) throw new Error(JSON.stringify([...r.dataErrors, ...r.problems].slice(0, 5)));
  return r.runs;
}

type Values = Record<string, unknown>;
const persons = (runs: Map<string, SchemeRun>, scheme: string) =>
  new Map((buildResults(runs.get(scheme)!).persone as { chiave: string; valori: Values }[]).map((p) => [p.chiave, p.valori]));
/** An entity-level value of a scheme, as results.json would write it (the report may withhold it). */
const ente = (runs: Map<string, SchemeRun>, scheme: string, name: string) => String(jsonValue(runs.get(scheme)!.ev.value(name, { level: 'ente' })));
const remainder = (runs: Map<string, SchemeRun>, scheme: string, name: string) =>
  runs.get(scheme)!.funds.flatMap((f) => f.remainders).find((r) => r.name === name)!.amount.toFixed(2);

/** `count` staff in `sector`, scores spread from 50 down by `step` (individual objectives absorb the spread). */
function sector(code: string, count: number, step = 0.1, prefix = code): Staff[] {
  return Array.from({ length: count }, (_, i) => {
    const total = 50 - i * step;
    const ind = Math.max(0, 15 - (50 - total));
    const grp = 25 - Math.max(0, (50 - total) - 15);
    return { id: `${prefix}-${String(i + 1).padStart(3, '0')}`, sector: code, ind: ind.toFixed(2).replace('.', ','), grp: grp.toFixed(2).replace('.', ','), beh: '10' };
  });
}

describe('comparto: the bonus quota per sector is rounded down, never above 10%', () => {
  it('19 admitted give 1 winner (not 2), 9 give none, 20 give 2; the funded count rounds up over the entity', async () => {
    const staff = [...sector('A', 19), ...sector('B', 9), ...sector('C', 20)];
    const runs = await run({ staff, sectors: ['A', 'B', 'C'] });
    const p = persons(runs, 'comparto');
    const winners = (s: string) => [...p].filter(([k, v]) => k.startsWith(`${s}-`) && v.vincitore === true).map(([k]) => k);
    expect(winners('A')).toEqual(['A-001']);
    expect(winners('B')).toEqual([]);
    expect(winners('C')).toEqual(['C-001', 'C-002']);
    // 48 entitled: 4,8 → 5 bonuses funded, 3 chosen
    expect(ente(runs, 'comparto', 'maggiorazioni_attribuibili')).toBe('5');
    expect(ente(runs, 'comparto', 'vincitori')).toBe('3');
    expect(runs.get('comparto')!.findings).toEqual([]); // the per-sector 10% constraint holds: no warning
  });
});

describe('comparto: a winner whose individual premium is withheld by balancing', () => {
  it('gets no bonus when the premium is fully withheld, half when it is halved; the place is not passed on', async () => {
    const staff = [...sector('A', 20)];
    staff[0].project = '1600,00'; // ≥ 1.500 €: no right to the individual premium
    staff[1].law = '1200,00'; // 1.001-1.499 €: half of it
    const runs = await run({ staff, sectors: ['A'] });
    const p = persons(runs, 'comparto');
    const a1 = p.get('A-001')!;
    const a2 = p.get('A-002')!;
    expect([a1.vincitore, a1.bilanciamento, a1.maggiorazione]).toEqual([true, '1', '0.00']);
    expect(a1.premio).toBe('0.00');
    expect([a2.vincitore, a2.bilanciamento]).toEqual([true, '0.5']);
    const value = new Decimal(ente(runs, 'comparto', 'valore_maggiorazione'));
    expect(a2.maggiorazione).toBe(value.times('0.5').toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    expect(p.get('A-003')!.vincitore).toBe(false);
    expect(p.get('A-003')!.maggiorazione).toBe('0.00');
    const pot = new Decimal(ente(runs, 'comparto', 'fondo_maggiorazione'));
    expect(remainder(runs, 'comparto', 'maggiorazioni_non_attribuite')).toBe(pot.minus(a2.maggiorazione as string).toFixed(2));
  });
});

describe('comparto: ties', () => {
  it('on score and objectives, more days of presence wins before the person key', async () => {
    const staff = [...sector('A', 10, 1)].map((s) => ({ ...s }));
    staff[1] = { ...staff[0], id: 'A-000', days: 19 }; // same points as A-001, fewer days, smaller key
    staff[0].days = 20;
    const runs = await run({ staff, sectors: ['A'] });
    const p = persons(runs, 'comparto');
    expect(p.get('A-001')!.vincitore).toBe(true);
    expect(p.get('A-000')!.vincitore).toBe(false);
  });
});

describe('dirigenti: the differentiation penalty reads the staff bands of the entity band system', () => {
  it('a sector of more than 40 staff, all at 30 points or more, in 4 bands: no penalty; in 3 bands: -3; in 1: -5', async () => {
    // 45 staff from 50 down by 0.4: 50 … 32.4, bands prima, seconda, terza, quarta, quinta → no penalty
    const four = sector('A', 45, 0.4);
    // 45 staff from 50 down by 0.2: 50 … 41.2: prima, seconda, terza → 3 bands, -3
    const three = sector('B', 45, 0.2);
    // 45 staff from 50 down by 0.05: 50 … 47.8: all in prima → 1 band, -5
    const one = sector('C', 45, 0.05);
    const runs = await run({ staff: [...four, ...three, ...one], sectors: ['A', 'B', 'C'] });
    const d = persons(runs, 'dirigenti');
    expect([d.get('D1')!.fasce_usate, d.get('D1')!.mancata_differenziazione]).toEqual(['5', '0']);
    expect(Number(d.get('D1')!.fasce_usate)).toBeGreaterThanOrEqual(4);
    expect([d.get('D2')!.fasce_usate, d.get('D2')!.mancata_differenziazione]).toEqual(['3', '3']);
    expect([d.get('D3')!.fasce_usate, d.get('D3')!.mancata_differenziazione]).toEqual(['1', '5']);
    const staffRows = persons(runs, 'comparto');
    expect([...staffRows.values()].every((v) => v.ammesso === true)).toBe(true); // nobody rated below 30
    expect(ente(runs, 'dirigenti', 'direzioni_penalizzate')).toBe('2');
  });
});

describe('dirigenti: the result pot and the bands come from the fund, not from a published outcome', () => {
  it('the 77/23 split of the fund gives 499.994,00 and 149.349,00 €; a different fund gives a different pot and first band', async () => {
    // staff rated in 4 bands (50, 47, 44, 41, 38): no differentiation penalty, the managers score 100 or nearly
    const staff = [...sector('A', 5, 3), ...sector('B', 5, 3), ...sector('C', 5, 3)];
    const a = await run({ staff, sectors: ['A', 'B', 'C'] });
    expect(ente(a, 'dirigenti', 'risorse_posizione')).toBe('499994');
    expect(ente(a, 'dirigenti', 'risorse_risultato')).toBe('149349');
    const b = await run({ staff, sectors: ['A', 'B', 'C'], fundDirigenza: '700000,00' });
    expect(ente(b, 'dirigenti', 'risorse_posizione')).toBe('539000');
    expect(ente(b, 'dirigenti', 'risorse_risultato')).toBe('161000');
    // three managers, a full year each: per capita 161.000 / 3; two bonuses of 30% set aside; the rest / 3
    const perCapita = new Decimal('161000').div(3).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(ente(b, 'dirigenti', 'valore_medio_pro_capite')).toBe(perCapita.toFixed(2));
    const bonus = perCapita.times('0.3').toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const first = new Decimal('161000').minus(bonus.times(2)).div(3).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    const d = persons(b, 'dirigenti');
    const paid = [...d.values()].reduce((s, v) => s.plus(v.erogato as string), new Decimal(0));
    expect(d.get('D2')!.totale).toBe('100');
    expect(d.get('D2')!.retribuzione_fascia).toBe(first.toFixed(2)); // 100 points: first band
    expect(paid.lte(161000)).toBe(true);
    expect([...d.values()].filter((v) => v.migliore === true).map((v) => v.maggiorazione)).toEqual([bonus.toFixed(2), bonus.toFixed(2)]);
  });

  it('the indicator shares add up to 100% by largest remainder (1, 1, 1 of 3: 33,34 + 33,33 + 33,33)', async () => {
    const runs = await run({ staff: sector('A', 3), sectors: ['A'], indicators: [1, 1, 1, 0] });
    const shares = ['quota_migliorati', 'quota_invariati', 'quota_peggiorati', 'quota_non_valutabili'].map((n) => ente(runs, 'dirigenti', n));
    expect(shares).toEqual(['0.3334', '0.3333', '0.3333', '0']);
  });
});

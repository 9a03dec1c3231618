// Provincia di Roccaserena 2025 (a fictional body, written from the README alone): service months from hire and
// leaving dates and absence periods (a month counts with more than 15 days), a pot split among sectors by weighted
// headcount then within each sector, a two-way table by area and band, two named readings. The year must check
// cleanly, pass its examples in every reading, and run on its synthetic data with the fund balanced to the cent;
// a few figures are checked against a computation done by hand (see the comments).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Decimal } from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundles } from '../../engine/pipeline.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RULES = 'rules/roccaserena/2025';
const DATA = 'data/roccaserena-2025';
const VARIANTS = ['assenze_escluse', 'tutto_il_personale'];

const temp = mkdtempSync(join(tmpdir(), 'scheda-roccaserena-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const scheda = (...args: string[]) => spawnSync(process.execPath, ['bin/scheda.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });

interface Person { chiave: string; unita: string; valori: Record<string, unknown> & { giorni_mese?: string[] } }
const runYear = (variant?: string) => {
  const out = join(temp, variant ?? 'main');
  const r = scheda('run', RULES, '--data', DATA, '--out', out, ...(variant ? ['--variant', variant] : []));
  const read = (f: string) => JSON.parse(readFileSync(join(out, 'personale', f), 'utf8'));
  return { r, report: r.status === 0 ? read('report.json') : undefined, results: r.status === 0 ? read('results.json') : undefined };
};

describe('rules/roccaserena/2025', () => {
  it('checks without errors or warnings and declares its two readings', () => {
    const [{ bundle }] = loadBundles([join(ROOT, RULES)]);
    const problems = bundle.diagnostics
      .filter((d) => d.severity === 'error' || d.severity === 'warning')
      .map((d) => `${basename(d.file)}:${d.span.line}:${d.span.col} ${d.code}: ${d.message}`);
    expect(problems).toEqual([]);
    const r = scheda('check', '--json', RULES);
    expect(r.status).toBe(0);
    const declared = (JSON.parse(r.stdout) as { code: string; message: string }[]).filter((d) => d.code === 'variant-declared');
    expect(declared.map((d) => d.message.match(/«(\w+)»/)![1]).sort()).toEqual(VARIANTS);
  });

  it('passes its examples in the main reading and under each variant', () => {
    for (const v of [undefined, ...VARIANTS]) {
      const r = scheda('test', ...(v ? ['--variant', v] : []), RULES);
      expect(r.status, `${v ?? 'main'}: ${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
    }
  });

  describe('scheda run on the synthetic data', () => {
    const main = runYear();
    const person = (key: string) => (main.results.persone as Person[]).find((p) => p.chiave === key)!.valori;

    it('succeeds and balances the fund to the cent: amount = tiers + remainders', () => {
      expect(main.r.status, main.r.stderr).toBe(0);
      const [f] = main.report.funds;
      const tiers = Object.values(f.tiers as Record<string, string>).reduce((a, v) => a.plus(v), new Decimal(0));
      const rest = Object.values(f.remainders as Record<string, string>).reduce((a, v) => a.plus(v), new Decimal(0));
      expect(tiers.toFixed(2)).toBe(new Decimal(f.paid).toFixed(2));
      expect(tiers.plus(rest).toFixed(2)).toBe('187450.37');
      // reserve = 187.450,37 × 6% = 11.247,0222 → 11.247,02; five bonuses of 453,06 € each: 11.247,02 − 2.265,30
      expect(f.tiers.maggiorazioni).toBe('2265.30');
      expect(f.remainders.riserva_residua).toBe('8981.72');
      expect(f.remainders.non_ripartito).toBe('0.00');
    });

    it('counts service months from dates and absence periods as worked out by hand', () => {
      // absences 20/01–10/02 and 25/02–16/03, 19/04–29/05, 17/12–31/12: Jan 19, Feb 14, Mar 15, Apr 18, May 2, Dec 16
      expect(person('R0007').giorni_mese).toEqual(['19', '14', '15', '18', '2', '30', '31', '31', '30', '31', '30', '16']);
      expect(person('R0007').mesi_utili).toBe('9');
      expect(person('R0003').mesi_utili).toBe('12'); // hired 16/01: January has 16 days
      expect(person('R0002').mesi_utili).toBe('8'); // hired 16/04: April has 15 days, not useful
      expect(person('R0001').mesi_utili).toBe('6'); // left 15/07: July has 15 days
      expect(person('R0009').giorni_mese?.[4]).toBe('0'); // two overlapping absences cover May once
      expect(person('R0005').mesi_anzianita).toBe('22'); // hired 29/02/2024: 29/12/2025 is 22 months on
      expect(person('R0081').ammesso).toBe(false); // two months only
    });

    it('pays R0049 what the hand computation gives', () => {
      // S2: 26 admitted × 110% = 28,6 of 122,2 weighted heads; budget 176.203,35 € → 41.239,0819… → 41.239,08 €
      // R0049: base band 70% × funzionari 130% × full time × 12/12 = 0,91 of the sector's 19,9775
      //   → 41.239,08 × 0,91 / 19,9775 = 1.878,4914… → 1.878,49 €; incentives 1.500,01 € → cut 25% → 1.408,8675 → 1.408,87 €
      expect(main.report.ripartizioni.find((a: { gruppo: string }) => a.gruppo === 'u:S2').importo).toBe('41239.08');
      expect(person('R0049').peso).toBe('0.91');
      expect(person('R0049').premio_lordo).toBe('1878.49');
      expect(person('R0049').premio).toBe('1408.87');
      expect(person('R0048').compensazione).toBe('0'); // exactly 1.500,00 €: no cut
    });

    it('gives the bonus to the best 5% of the eligible (104 → 5), 30% of the average bonus (1.510,20 €)', () => {
      const best = (main.results.persone as Person[]).filter((p) => p.valori.eccellente === true);
      expect(best.map((p) => p.chiave)).toEqual(['R0043', 'R0086', 'R0097', 'R0100', 'R0140']);
      for (const p of best) expect(p.valori.maggiorazione).toBe('453.06');
    });

    it('runs under each named variant, and the reports name it', () => {
      const runs = new Map(VARIANTS.map((v) => [v, runYear(v)]));
      for (const [v, y] of runs) {
        expect(y.r.status, y.r.stderr).toBe(0);
        expect(y.report.variante.nome).toBe(v);
        expect(y.results.persone.length).toBe(140);
      }
      // absences do not reduce service under «assenze_escluse»: R0007 has twelve useful months
      const r0007 = (runs.get('assenze_escluse')!.results.persone as Person[]).find((p) => p.chiave === 'R0007')!;
      expect(r0007.valori.mesi_utili).toBe('12');
    });
  });
});

// Azienda Sanitaria Locale di Valtorrente 2025 (a FICTIONAL body, written from the README alone, English keyword
// set): a staff scheme and a managers' scheme that reads the staff results (`uses staff`). Service from ISO dates
// in Excel exports, a pot split among sectors with cents contested by sectors going by a unit field (priority), a
// computed category by if/else in a two-way table sector × rating, a user function used twice, local names,
// integer quotient/remainder (30-day months), a keyed lookup into a table, a second fund tier paid from the first
// tier's savings, an entity constraint and a per-person warning, and three named readings, one of them
// (`strict_months`) declared in both schemes. The year must check cleanly, pass its examples in every reading, run
// on its synthetic data with the funds balanced to the cent; figures marked «by hand» were worked out on paper.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Decimal } from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundles } from '../../engine/pipeline.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RULES = 'rules/valtorrente/2025';
const DATA = 'data/valtorrente-2025';
const VARIANTS = ['by_eligible', 'strict_months'];

const temp = mkdtempSync(join(tmpdir(), 'scheda-valtorrente-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const scheda = (...args: string[]) => spawnSync(process.execPath, ['bin/scheda.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });

type Values = Record<string, unknown>;
interface Person { chiave: string; unita: string; valori: Values }
interface Fund { amount: string; paid: string; tiers?: Record<string, string>; remainders: Record<string, string> }

function runYear(variant?: string) {
  const out = join(temp, variant ?? 'main');
  const r = scheda('run', RULES, '--data', DATA, '--out', out, ...(variant ? ['--variant', variant] : []));
  const read = (scheme: string, f: string) => JSON.parse(readFileSync(join(out, scheme, f), 'utf8'));
  const ok = r.status === 0;
  const people = (scheme: string) => new Map<string, Person>((read(scheme, 'results.json').persone as Person[]).map((p) => [p.chiave, p]));
  return {
    r,
    staff: ok ? people('staff') : new Map<string, Person>(),
    managers: ok ? people('managers') : new Map<string, Person>(),
    staffUnits: ok ? (read('staff', 'results.json').unita as Record<string, Values>) : {},
    funds: ok ? [...(read('staff', 'report.json').funds as Fund[]), ...(read('managers', 'report.json').funds as Fund[])] : [],
    staffReport: ok ? read('staff', 'report.json') : undefined,
  };
}

const sum = (xs: Iterable<string>) => [...xs].reduce((a, v) => a.plus(v), new Decimal(0));

describe('rules/valtorrente/2025', () => {
  it('checks without errors or warnings and declares its readings, strict_months in both schemes', () => {
    const [{ bundle }] = loadBundles([join(ROOT, RULES)]);
    const problems = bundle.diagnostics
      .filter((d) => d.severity === 'error' || d.severity === 'warning')
      .map((d) => `${basename(d.file)}:${d.span.line}:${d.span.col} ${d.code}: ${d.message}`);
    expect(problems).toEqual([]);
    const r = scheda('check', '--json', RULES);
    expect(r.status).toBe(0);
    const declared = (JSON.parse(r.stdout) as { code: string; file: string; message: string }[]).filter((d) => d.code === 'variant-declared');
    expect([...new Set(declared.map((d) => d.message.match(/«(\w+)»/)![1]))].sort()).toEqual(VARIANTS);
    // one line per variant name, naming every declaration it changes, in both schemes
    const strictLine = declared.find((d) => d.message.includes('«strict_months»'))!.message;
    expect(strictLine).toContain('managers.months_in_office');
    expect(strictLine).toContain('staff.months_served');
  });

  it('passes its examples in the main reading and under each variant, and is in canonical layout', () => {
    for (const v of [undefined, ...VARIANTS]) {
      const r = scheda('test', ...(v ? ['--variant', v] : []), RULES);
      expect(r.status, `${v ?? 'main'}: ${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/[1-9]\d* passed, 0 failed/);
    }
    expect(scheda('fmt', '--check', RULES).status).toBe(0);
  });

  describe('scheda run on the synthetic data', () => {
    const main = runYear();
    const strict = runYear('strict_months');
    const eligibleReading = runYear('by_eligible');
    const s = (k: string) => main.staff.get(k)!.valori;
    const m = (k: string) => main.managers.get(k)!.valori;

    it('runs in every reading with both funds balanced to the cent: amount = tiers + remainders', () => {
      for (const run of [main, strict, eligibleReading]) {
        expect(run.r.status, run.r.stderr).toBe(0);
        expect(run.staff.size).toBe(180);
        expect(run.funds.map((f) => f.amount)).toEqual(['412750.00', '186400.00']);
        for (const f of run.funds) {
          const paid = f.tiers ? sum(Object.values(f.tiers)) : new Decimal(f.paid);
          expect(paid.toFixed(2)).toBe(new Decimal(f.paid).toFixed(2));
          expect(paid.plus(sum(Object.values(f.remainders))).toFixed(2)).toBe(f.amount);
        }
        // the tiers are the persons' figures added up
        const [staffFund, managersFund] = run.funds;
        expect(sum([...run.staff.values()].map((p) => p.valori.bonus as string)).toFixed(2)).toBe(staffFund.tiers!.result);
        expect(sum([...run.staff.values()].map((p) => p.valori.excellence_bonus as string)).toFixed(2)).toBe(staffFund.tiers!.excellence);
        expect(sum([...run.managers.values()].map((p) => p.valori.result_pay as string)).toFixed(2)).toBe(managersFund.paid);
      }
    });

    it('counts service from the Excel dates as worked out by hand (leap February, last day of the year)', () => {
      // V0001: on leave from 29/02/2024 (a leap day) to 31/01/2025: January is lost, 31 days, 11 months
      expect(s('V0001').days_by_month).toEqual(['0', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31']);
      expect(s('V0001').absence_days).toBe('31');
      expect(s('V0001').months_served).toBe('11');
      // V0002: hired on 29/02/2024, the whole of 2025
      expect(s('V0002').months_served).toBe('12');
      // V0003: hired on 31/12/2025: one day, no month, not eligible
      expect(s('V0003').days_by_month).toEqual([...Array(11).fill('0'), '1']);
      expect(s('V0003').months_served).toBe('0');
      expect(s('V0003').ammesso).toBe(false);
      // M001: appointed 18/10/2025: 14 + 30 + 31 = 75 days = 2 × 30 + 15: 3 months, 2 under strict_months
      expect(m('M001').days_in_office).toBe('75');
      expect(m('M001').months_in_office).toBe('3');
      expect(strict.managers.get('M001')!.valori.months_in_office).toBe('2');
      expect(strict.managers.get('M001')!.valori.ammesso).toBe(false);
    });

    it('pays the two persons of sector S07 as worked out by hand', () => {
      // The pot 412.750,00 € by headcount (180 persons): S07 (2 persons) 4.586,1111 → 4.586,11 €; the two cents
      // left over by the seven sectors go to the largest remainders, S02 (…,888) and S06 (…,666), not to S07.
      const alloc = (main.staffReport.ripartizioni as { regola: string; gruppo: string; importo: string }[]).filter((a) => a.regola === 'share');
      expect(alloc.find((a) => a.gruppo === 'u:S02')!.importo).toBe('77963.89');
      expect(alloc.find((a) => a.gruppo === 'u:S06')!.importo).toBe('48154.17');
      expect(alloc.find((a) => a.gruppo === 'u:S07')!.importo).toBe('n.p.'); // published: withheld (2 persons)
      expect(sum([s('V0179').share as string, s('V0180').share as string]).toFixed(2)).toBe('4586.11');
      // In S07: V0179 good (100%) × nurse 1,10 × 100% = 1,1; V0180 adequate (80%) × 1,10 = 0,88.
      // 4.586,11 × 1,1 / 1,98 = 2.547,8388… and × 0,88 / 1,98 = 2.038,2711…: floors 2.547,83 + 2.038,27 leave one
      // cent, to the larger remainder (V0179).
      expect(s('V0179').pay_weight).toBe('1.1');
      expect(s('V0180').pay_weight).toBe('0.88');
      expect(s('V0179').share).toBe('2547.84');
      expect(s('V0180').share).toBe('2038.27');
      // V0180 served 11 months: 2.038,27 × 11 / 12 = 1.868,4141… → 1.868,41 €; V0179 12 months: the share itself
      expect(s('V0180').bonus).toBe('1868.41');
      expect(s('V0179').bonus).toBe('2547.84');
      // Savings of the first tier: 412.750,00 − 388.115,04 = 24.634,96 €, in equal shares among the 14 excellent
      // without a sanction (15 excellent, one sanctioned): 1.759,64 € each, exactly; V0179 is S07's best.
      const excellent = [...main.staff.values()].filter((p) => p.valori.excellent === true);
      expect(excellent.length).toBe(15);
      expect(excellent.filter((p) => p.valori.sanction_cut === '0').length).toBe(14);
      expect(s('V0179').excellence_share).toBe('1759.64');
      expect(s('V0179').excellence_bonus).toBe('1759.64');
    });

    it('pays manager M005 as worked out by hand', () => {
      // Eligible managers' weights (score × position weight) add up to 1.151,95; M005 (complex unit, 74 points):
      // 111. 186.400 × 111 / 1.151,95 = 17.961,1962… → floor 17.961,19; its remainder (0,6232 cents) is the
      // 2nd largest of 12, and 5 cents are left over: 17.961,20 €. In office from 21/04: 255 days = 8 × 30 + 15,
      // 9 months: 17.961,20 × 9 / 12 = 13.470,90 €. Its sector's staff ratings are differentiated (3): no cut.
      const weights = [...main.managers.values()].map((p) => p.valori.pay_weight as string);
      expect(sum(weights).toFixed(2)).toBe('1151.95');
      expect(m('M005').pay_weight).toBe('111');
      expect(m('M005').days_in_office).toBe('255');
      expect(m('M005').result_share).toBe('17961.20');
      expect(m('M005').months_in_office).toBe('9');
      expect(m('M005').staff_differentiated).toBe(true);
      expect(m('M005').result_pay).toBe('13470.90');
      expect(strict.managers.get('M005')!.valori.months_in_office).toBe('8');
    });

    it('switches what each variant should switch, and nothing else', () => {
      // strict_months: a staff month counts only above 15 days; fewer or equal months for everyone, fewer exactly
      // for those with a month of exactly 15 days
      for (const [k, p] of main.staff) {
        const days = p.valori.days_by_month as string[];
        const diff = Number(p.valori.months_served) - Number(strict.staff.get(k)!.valori.months_served);
        expect(diff, k).toBe(days.filter((d) => d === '15').length);
      }
      // by_eligible: each sector weighs its eligible staff; the managers' results do not depend on it
      for (const [code, u] of Object.entries(eligibleReading.staffUnits)) {
        const eligible = [...main.staff.values()].filter((p) => p.unita === code && p.valori.ammesso === true).length;
        expect(u.sector_weight, code).toBe(String(eligible));
        expect(main.staffUnits[code].sector_weight, code).toBe(String([...main.staff.values()].filter((p) => p.unita === code).length));
      }
      for (const [k, p] of main.managers) expect(eligibleReading.managers.get(k)!.valori, k).toEqual(p.valori);
      expect(eligibleReading.staff.get('V0179')!.valori.share).not.toBe(s('V0179').share);
    });

    it('withholds the sector of two persons in the published tables, and warns about long absences', () => {
      const bySector = main.staffReport.prospetti.find((p: { nome: string }) => p.nome === 'by_sector');
      const s07 = bySector.tabella.find((row: { valori: unknown[] }) => row.valori[0] === 'S07');
      expect(s07.valori.slice(1)).toEqual([null, null, null, null]);
      const cross = main.staffReport.prospetti.find((p: { nome: string }) => p.nome === 'by_rating');
      const persons = cross.due_entrate.tabelle[0];
      expect(persons.righe.find((r: { etichetta: string }) => r.etichetta === 'S07').valori.every((v: unknown) => v === null)).toBe(true);
      expect(main.r.stdout).toMatch(/Absences over 120 days are reported to the board/);
      expect(JSON.stringify(main.staffReport)).not.toMatch(/V0\d{3}/);
    });
  });
});

// scheda diff --data: both versions on the same data; totals equal the runs' to the cent; the public part
// holds aggregates only (no key, no count under 3), the private part names the persons.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';
import { runYear, type SchemeRun } from '../../engine/run/year.ts';
import { impactOf, NP } from '../../engine/review/impact.ts';
import { impactHtml, impactPrivateHtml } from '../../engine/review/impact-html.ts';
import { D } from '../../engine/run/decimal.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILE = 'rules/example-town/2025/staff.scheda';
const DATA = join(ROOT, 'data/example-town-2025');
const TEXT = readFileSync(join(ROOT, FILE), 'utf8');

async function run(text: string): Promise<Map<string, SchemeRun>> {
  const b = buildBundle([{ id: 'staff', file: FILE, text }]);
  expect(b.ok, b.diagnostics.map((d) => d.message).join('\n')).toBe(true);
  const r = await runYear(b.irs, b.checked!.order, DATA);
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.runs;
}

describe('impact of a change of rules', async () => {
  const NEW = TEXT.replace('best 5% by total', 'best 10% by total').replace('fair from 50 under 70 → 60%', 'fair from 50 under 80 → 60%').replace('good from 70 under 90 → 80%', 'good from 80 under 90 → 80%');
  expect(NEW).not.toBe(TEXT);
  const a = await run(TEXT);
  const b = await run(NEW);
  const im = impactOf(a, b);
  const s = im.schemes[0];
  const paid = (runs: Map<string, SchemeRun>) => [...runs.values()][0].funds.reduce((x, f) => x.plus(f.paid), D(0)).toFixed(2);

  it('reports the paid totals of both runs to the cent, as decimal strings', () => {
    expect(s.old.paid).toBe(paid(a));
    expect(s.new.paid).toBe(paid(b));
    expect(s.old.paid).toMatch(/^-?\d+\.\d{2}$/);
    expect(D(s.delta).eq(D(s.new.paid).minus(D(s.old.paid)))).toBe(true);
  });

  it('counts who changes band and who gains or loses, consistently with the private list', () => {
    const moved = im.persons.staff.filter((p) => Object.values(p.bands).some(([x, y]) => x !== y)).length;
    expect(moved).toBeGreaterThan(0);
    const band = s.bands.find((x) => x.bands === 'grade')!;
    if (band.moved !== NP) expect(band.moved).toBe(moved);
    const gain = im.persons.staff.filter((p) => D(p.delta).gt(0)).length;
    if (s.pay.gain !== NP) expect(s.pay.gain).toBe(gain);
  });

  it('publishes no key and no count of 1 or 2; the private part has the keys', () => {
    const pub = JSON.stringify(s) + impactHtml(im, [], { old: 'a', new: 'b', data: 'd' }, 'it');
    const keys = [...b.values()][0].pop.persons.map((p) => p.key);
    for (const k of keys) expect(pub.includes(`>${k}<`) || pub.includes(`"${k}"`)).toBe(false);
    const counts = [s.eligibility.gained, s.eligibility.lost, s.pay.gain, s.pay.loss, s.pay.same, ...s.bands.flatMap((x) => [x.moved, x.up, x.down]), ...s.sectors.flatMap((x) => [x.persons, x.gain, x.loss]), ...s.distribution.map((x) => x.persons)];
    for (const c of counts) if (typeof c === 'number') expect(c === 0 || c >= 3).toBe(true);
    const priv = impactPrivateHtml(im, { old: 'a', new: 'b', data: 'd' }, 'it');
    expect(priv).toContain('RISERVATO');
    for (const p of im.persons.staff.slice(0, 3)) expect(priv).toContain(p.key);
  });

  it('gives no change on the same rules', async () => {
    const same = impactOf(a, await run(TEXT)).schemes[0];
    expect(same.delta).toBe('0.00');
    expect(same.pay.gain === 0 || same.pay.gain === NP).toBe(true);
  });
});

// The impact of a change of rules: both versions run on the same data (each year run whole, so what one
// scheme reads from another — `usa` — changes with it), compared person by person. The public part is
// aggregated and goes through the same disclosure control as report.html (engine/report/disclosure.ts);
// the private part names the persons and is written apart.
import { Disclosure, THRESHOLD, type FactSpec } from '../report/disclosure.ts';
import { D, type Dec } from '../run/decimal.ts';
import type { SchemeRun } from '../run/year.ts';
import type { V } from '../run/population.ts';
import type { JL } from '../compile/ir.ts';

export const NP = 'n.p.';
export type Cell = number | string; // a count, a decimal string, or n.p.

export interface PersonChange {
  key: string;
  unit: string | null;
  oldPaid: string;
  newPaid: string;
  delta: string;
  eligible: [boolean | null, boolean | null];
  bands: Record<string, [string | null, string | null]>;
  penalties: Record<string, [string | null, string | null]>;
}

export interface SchemeImpact {
  scheme: string;
  old: { paid: string; persons: number; eligible: Cell };
  new: { paid: string; persons: number; eligible: Cell };
  delta: string;
  funds: { fund: string; label?: string; old: { amount: string; paid: string; remainders: string } | null; new: { amount: string; paid: string; remainders: string } | null }[];
  eligibility: { gained: Cell; lost: Cell };
  bands: { bands: string; label?: string; moved: Cell; up: Cell; down: Cell }[];
  penalties: { penalty: string; label?: string; changed: Cell; more: Cell; less: Cell }[];
  pay: { gain: Cell; loss: Cell; same: Cell; gains: Cell; losses: Cell };
  sectors: { unit: string; persons: Cell; old_paid: Cell; new_paid: Cell; gain: Cell; loss: Cell }[];
  distribution: { from: string; to: string; persons: Cell }[];
  withheld: string[];
  notes: string[];
}

export interface Impact {
  schemes: SchemeImpact[];
  /** private: who changes, by key */
  persons: Record<string, PersonChange[]>;
}

const idx = (n: number) => Array.from({ length: n }, (_, i) => i);

function paidOf(run: SchemeRun | undefined, i: number | undefined): Dec {
  if (!run || i === undefined) return D(0);
  return run.funds.reduce((s, f) => s.plus(f.perPerson[i] ?? 0), D(0));
}

function valueOf(run: SchemeRun | undefined, name: string, i: number | undefined): V | undefined {
  if (!run || i === undefined || !run.ev.decl(name)) return undefined;
  try {
    return run.ev.value(name, { level: 'persona', p: i });
  } catch {
    return undefined;
  }
}

const asText = (v: V | undefined): string | null => (v === undefined || v === null ? null : typeof v === 'object' && !Array.isArray(v) ? (v as Dec).toString() : String(v));

/** Lower bound of each band row, for «up» and «down». */
function bandRanks(run: SchemeRun | undefined, name: string): Map<string, number> {
  const m = new Map<string, number>();
  const d = run?.ir.decls.find((x) => x.name === name);
  const rows = ((d?.expr as { bands?: { rows?: { name?: string; when?: Record<string, unknown> }[] } } | undefined)?.bands?.rows) ?? [];
  for (const r of rows) {
    const w = r.when ?? {};
    const lo = (w.gt ?? w.gte) as JL | undefined;
    const n = typeof lo === 'string' ? Number(lo) : typeof lo === 'object' && lo && 'dec' in lo ? Number((lo as { dec: string }).dec) : -Infinity;
    if (r.name) m.set(r.name, n);
  }
  return m;
}

function countFact(members: number[]): FactSpec {
  return { quantity: 'conta', domain: 'persone', members, value: D(members.length), contributors: members.length };
}
function sumFact(q: string, members: number[], f: (i: number) => Dec): FactSpec {
  let value = D(0);
  let contributors = 0;
  let signed = false;
  for (const i of members) {
    const x = f(i);
    value = value.plus(x);
    if (!x.isZero()) contributors++;
    if (x.isNeg()) signed = true;
  }
  return { quantity: q, domain: 'persone', members, value, contributors, signed };
}
const fewestOf = (fs: FactSpec[]) => fs.reduce((m, f) => (f.contributors > 0 ? Math.min(m, f.contributors) : m), Infinity);

/** Bins of the pay difference: losses and gains in steps that depend on the largest change. */
function bins(deltas: Dec[]): { from: Dec; to: Dec }[] {
  const max = deltas.reduce((m, d) => (d.abs().gt(m) ? d.abs() : m), D(0));
  if (max.isZero()) return [];
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
  const step = D(steps.find((s) => max.div(s).lte(5)) ?? Math.ceil(max.div(5).toNumber()));
  const out: { from: Dec; to: Dec }[] = [];
  const lo = max.div(step).ceil().neg();
  const hi = max.div(step).ceil();
  for (let k = lo.toNumber(); k < hi.toNumber(); k++) out.push({ from: step.times(k), to: step.times(k + 1) });
  return out;
}

/** One scheme's impact; `oldRun` or `newRun` is missing for a scheme added or removed. */
export function schemeImpact(scheme: string, oldRun: SchemeRun | undefined, newRun: SchemeRun | undefined): { pub: SchemeImpact; persons: PersonChange[] } {
  const base = (newRun ?? oldRun)!;
  // the persons of both runs, by key (the same data: normally the same persons)
  const keys = [...new Set([...(oldRun?.pop.persons.map((p) => p.key) ?? []), ...(newRun?.pop.persons.map((p) => p.key) ?? [])])].sort();
  const oi = new Map(oldRun?.pop.persons.map((p, i) => [p.key, i]) ?? []);
  const ni = new Map(newRun?.pop.persons.map((p, i) => [p.key, i]) ?? []);
  const unitOf = (k: string) => (newRun?.pop.persons[ni.get(k) ?? -1]?.unit ?? oldRun?.pop.persons[oi.get(k) ?? -1]?.unit ?? null) as string | null;
  const all = idx(keys.length);
  const oldPaid = keys.map((k) => paidOf(oldRun, oi.get(k)));
  const newPaid = keys.map((k) => paidOf(newRun, ni.get(k)));
  const delta = all.map((i) => newPaid[i].minus(oldPaid[i]));
  const elig = (run: SchemeRun | undefined, m: Map<string, number>) => keys.map((k) => {
    const v = valueOf(run, 'ammesso', m.get(k));
    return v === undefined ? null : v === true;
  });
  const eo = elig(oldRun, oi);
  const en = elig(newRun, ni);
  const bandNames = [...new Set([...(oldRun?.ir.decls ?? []), ...(newRun?.ir.decls ?? [])].filter((d) => d.kind === 'bands' && d.level === 'persona').map((d) => d.name))].sort();
  const penNames = [...new Set([...(oldRun?.ir.decls ?? []), ...(newRun?.ir.decls ?? [])].filter((d) => d.kind === 'penalty' && d.level === 'persona').map((d) => d.name))].sort();
  const labelOf = (n: string) => (newRun?.ir.decls.find((d) => d.name === n) ?? oldRun?.ir.decls.find((d) => d.name === n))?.label;

  const dc = new Disclosure();
  const item = (id: string, label: string, facts: FactSpec[], isCount = false) => dc.add({ id, label, facts, fewest: fewestOf(facts), isCount });
  const money = (i: number, xs: Dec[]) => xs[i];
  item('persone', 'persone', [countFact(all)], true);
  item('old.paid', 'pagato prima', [sumFact('old', all, (i) => money(i, oldPaid))]);
  item('new.paid', 'pagato dopo', [sumFact('new', all, (i) => money(i, newPaid))]);
  const gained = all.filter((i) => eo[i] !== true && en[i] === true);
  const lost = all.filter((i) => eo[i] === true && en[i] !== true);
  item('old.eligible', 'ammessi prima', [countFact(all.filter((i) => eo[i] === true))], true);
  item('new.eligible', 'ammessi dopo', [countFact(all.filter((i) => en[i] === true))], true);
  item('eligibility.gained', 'diventano ammessi', [countFact(gained)], true);
  item('eligibility.lost', 'non più ammessi', [countFact(lost)], true);
  const gain = all.filter((i) => delta[i].gt(0));
  const loss = all.filter((i) => delta[i].lt(0));
  const same = all.filter((i) => delta[i].isZero());
  item('pay.gain', 'guadagnano', [countFact(gain)], true);
  item('pay.loss', 'perdono', [countFact(loss)], true);
  item('pay.same', 'invariati', [countFact(same)], true);
  item('pay.gains', 'somma dei guadagni', [sumFact('delta', gain, (i) => delta[i])]);
  item('pay.losses', 'somma delle perdite', [sumFact('delta', loss, (i) => delta[i])]);
  const bandRows: { name: string; moved: number[]; up: number[]; down: number[] }[] = [];
  const personBands: Record<string, [string | null, string | null]>[] = all.map(() => ({}));
  for (const b of bandNames) {
    const ro = bandRanks(oldRun, b);
    const rn = bandRanks(newRun, b);
    const moved: number[] = [];
    const up: number[] = [];
    const down: number[] = [];
    for (const i of all) {
      const x = asText(valueOf(oldRun, b, oi.get(keys[i])));
      const y = asText(valueOf(newRun, b, ni.get(keys[i])));
      personBands[i][b] = [x, y];
      if (x === y) continue;
      moved.push(i);
      const a = x === null ? -Infinity : ro.get(x) ?? -Infinity;
      const c = y === null ? -Infinity : rn.get(y) ?? -Infinity;
      if (c > a) up.push(i);
      else if (c < a) down.push(i);
    }
    bandRows.push({ name: b, moved, up, down });
    item(`bands.${b}.moved`, `fascia ${b}: cambiano`, [countFact(moved)], true);
    item(`bands.${b}.up`, `fascia ${b}: salgono`, [countFact(up)], true);
    item(`bands.${b}.down`, `fascia ${b}: scendono`, [countFact(down)], true);
  }
  const penRows: { name: string; changed: number[]; more: number[]; less: number[] }[] = [];
  const personPen: Record<string, [string | null, string | null]>[] = all.map(() => ({}));
  for (const p of penNames) {
    const changed: number[] = [];
    const more: number[] = [];
    const less: number[] = [];
    for (const i of all) {
      const x = valueOf(oldRun, p, oi.get(keys[i]));
      const y = valueOf(newRun, p, ni.get(keys[i]));
      const dx = x instanceof Object && !Array.isArray(x) && typeof x !== 'boolean' ? (x as Dec) : D(0);
      const dy = y instanceof Object && !Array.isArray(y) && typeof y !== 'boolean' ? (y as Dec) : D(0);
      personPen[i][p] = [asText(x), asText(y)];
      if (dx.eq(dy)) continue;
      changed.push(i);
      (dy.gt(dx) ? more : less).push(i);
    }
    penRows.push({ name: p, changed, more, less });
    item(`penalties.${p}.changed`, `penalità ${p}: cambia`, [countFact(changed)], true);
    item(`penalties.${p}.more`, `penalità ${p}: aumenta`, [countFact(more)], true);
    item(`penalties.${p}.less`, `penalità ${p}: diminuisce`, [countFact(less)], true);
  }
  const units = [...new Set(keys.map(unitOf).filter((u): u is string => u !== null))].sort();
  for (const u of units) {
    const m = all.filter((i) => unitOf(keys[i]) === u);
    const whole = m.length < THRESHOLD;
    const add = (id: string, label: string, facts: FactSpec[], isCount = false) => dc.add({ id, label, facts, fewest: fewestOf(facts), isCount, wholeGroup: whole });
    add(`sectors.${u}.persons`, `${u}: persone`, [countFact(m)], true);
    add(`sectors.${u}.old_paid`, `${u}: pagato prima`, [sumFact('old', m, (i) => oldPaid[i])]);
    add(`sectors.${u}.new_paid`, `${u}: pagato dopo`, [sumFact('new', m, (i) => newPaid[i])]);
    add(`sectors.${u}.gain`, `${u}: guadagnano`, [countFact(m.filter((i) => delta[i].gt(0)))], true);
    add(`sectors.${u}.loss`, `${u}: perdono`, [countFact(m.filter((i) => delta[i].lt(0)))], true);
  }
  const bs = bins(delta.filter((d) => !d.isZero()));
  const inBin = (d: Dec, k: number) => !d.isZero() && d.gte(bs[k].from) && (d.lt(bs[k].to) || (k === bs.length - 1 && d.lte(bs[k].to)));
  bs.forEach((b, k) => item(`distribution.${k}`, `differenza ${b.from.toFixed(2)}…${b.to.toFixed(2)}`, [countFact(all.filter((i) => inBin(delta[i], k)))], true));
  // published identities: persons = gain + loss + same is found from the counts' members; old/new paid by fund add up
  const prot = dc.protect();
  const failed = prot.failures.length > 0;
  const hidden = (id: string) => failed || prot.withheld.has(id);
  const cnt = (id: string, n: number): Cell => (hidden(id) ? NP : n);
  const amt = (id: string, x: Dec): Cell => (hidden(id) ? NP : x.toFixed(2));
  const sum = (xs: Dec[]) => xs.reduce((s, x) => s.plus(x), D(0));
  const fundNames = [...new Set([...(oldRun?.funds ?? []), ...(newRun?.funds ?? [])].map((f) => f.name))];
  const fundSide = (run: SchemeRun | undefined, n: string) => {
    const f = run?.funds.find((x) => x.name === n);
    return f ? { amount: f.amount.toFixed(2), paid: f.paid.toFixed(2), remainders: f.remainders.reduce((s, r) => s.plus(r.amount), D(0)).toFixed(2) } : null;
  };
  const pub: SchemeImpact = {
    scheme,
    // totals of the whole scheme: what report.json publishes as the funds' paid
    old: { paid: sum(oldPaid).toFixed(2), persons: oldRun?.pop.persons.length ?? 0, eligible: cnt('old.eligible', all.filter((i) => eo[i] === true).length) },
    new: { paid: sum(newPaid).toFixed(2), persons: newRun?.pop.persons.length ?? 0, eligible: cnt('new.eligible', all.filter((i) => en[i] === true).length) },
    delta: sum(newPaid).minus(sum(oldPaid)).toFixed(2),
    funds: fundNames.map((n) => ({ fund: n, label: (newRun ?? oldRun)?.funds.find((f) => f.name === n)?.label, old: fundSide(oldRun, n), new: fundSide(newRun, n) })),
    eligibility: { gained: cnt('eligibility.gained', gained.length), lost: cnt('eligibility.lost', lost.length) },
    bands: bandRows.map((b) => ({ bands: b.name, label: labelOf(b.name), moved: cnt(`bands.${b.name}.moved`, b.moved.length), up: cnt(`bands.${b.name}.up`, b.up.length), down: cnt(`bands.${b.name}.down`, b.down.length) })),
    penalties: penRows.map((p) => ({ penalty: p.name, label: labelOf(p.name), changed: cnt(`penalties.${p.name}.changed`, p.changed.length), more: cnt(`penalties.${p.name}.more`, p.more.length), less: cnt(`penalties.${p.name}.less`, p.less.length) })),
    pay: { gain: cnt('pay.gain', gain.length), loss: cnt('pay.loss', loss.length), same: cnt('pay.same', same.length), gains: amt('pay.gains', sum(gain.map((i) => delta[i]))), losses: amt('pay.losses', sum(loss.map((i) => delta[i]))) },
    sectors: units.map((u) => {
      const m = all.filter((i) => unitOf(keys[i]) === u);
      return {
        unit: u, persons: cnt(`sectors.${u}.persons`, m.length), old_paid: amt(`sectors.${u}.old_paid`, sum(m.map((i) => oldPaid[i]))), new_paid: amt(`sectors.${u}.new_paid`, sum(m.map((i) => newPaid[i]))),
        gain: cnt(`sectors.${u}.gain`, m.filter((i) => delta[i].gt(0)).length), loss: cnt(`sectors.${u}.loss`, m.filter((i) => delta[i].lt(0)).length),
      };
    }),
    distribution: bs.map((b, k) => ({ from: b.from.toFixed(2), to: b.to.toFixed(2), persons: cnt(`distribution.${k}`, all.filter((i) => inBin(delta[i], k)).length) })),
    withheld: failed ? ['*'] : prot.list.map((w) => w.id).sort(),
    notes: failed ? ['Il controllo di riservatezza non riesce a proteggere ogni cella: le tabelle di questa scheda sono omesse.'] : [],
  };
  void base;
  const persons: PersonChange[] = all
    .filter((i) => !delta[i].isZero() || eo[i] !== en[i] || Object.values(personBands[i]).some(([a, b]) => a !== b) || Object.values(personPen[i]).some(([a, b]) => a !== b))
    .map((i) => ({ key: keys[i], unit: unitOf(keys[i]), oldPaid: oldPaid[i].toFixed(2), newPaid: newPaid[i].toFixed(2), delta: delta[i].toFixed(2), eligible: [eo[i], en[i]], bands: personBands[i], penalties: personPen[i] }));
  return { pub, persons };
}

export function impactOf(oldRuns: Map<string, SchemeRun>, newRuns: Map<string, SchemeRun>): Impact {
  const ids = [...new Set([...oldRuns.keys(), ...newRuns.keys()])].sort();
  const schemes: SchemeImpact[] = [];
  const persons: Record<string, PersonChange[]> = {};
  for (const id of ids) {
    const r = schemeImpact(id, oldRuns.get(id), newRuns.get(id));
    schemes.push(r.pub);
    persons[id] = r.persons;
  }
  return { schemes, persons };
}

// Allocation among units: `ripartisci(pot; peso) tra settore secondo w`. The pot (rounded to the cent) is
// split among the units by largest remainder on their weight `w` (a unit-level value), ties among units
// by the stated order (the units' order in their file, a unit-level value, else their codes); then each
// unit's share is split among its persons by largest remainder on `peso`, ties by the scheme's `parità`.
//
// A unit whose persons all weigh 0 (or that has no persons) cannot pay its share to anyone: it is left out
// of the split among units (its weight counts as 0), so the pot goes whole to the units that can pay it,
// as a person of weight 0 gets nothing and the others share everything in a plain `ripartisci`. The run
// warns, naming the units left out. When no unit can pay, nobody is paid and the run warns that the
// allocation has no recipient (the fund must then show the pot as a remainder, or it does not balance).
import type { JL } from '../compile/ir.ts';
import { D, type Dec } from '../run/decimal.ts';
import { EvalError } from '../run/errors.ts';
import type { Env, Evaluator } from '../run/evaluate.ts';
import { compareV } from '../run/operations.ts';
import type { V } from '../run/population.ts';
import { allocateCents } from './largest-remainder.ts';

export interface UnitSplitArgs {
  pot: JL;
  weight: JL;
  unitWeight: JL;
  ties: { order: true } | { code: true } | { by: JL; dir: 'asc' | 'desc' };
}

export interface UnitShare {
  unit: string;
  /** the unit's weight as computed */
  weight: Dec;
  /** false: every person of the unit weighs 0 (or it has none), so it was left out of the split among units */
  payable: boolean;
  exact: Dec;
  share: Dec;
  extraCent: boolean;
  persons: number;
  recipients: number;
  /** 1-based rank of the unit in the tie order among units */
  tieRank: number;
}

export interface UnitSplitRecord {
  rule: string;
  pot: Dec;
  ties: 'order' | 'code' | 'by';
  units: UnitShare[];
  /** per person index: the person's weight and the total weight of the unit's persons */
  personWeight: Map<number, { weight: Dec; unitTotal: Dec }>;
}

/** The unit splits of each evaluator, in the order they were computed (one per rule). */
const SPLITS = new WeakMap<Evaluator, UnitSplitRecord[]>();

export function unitSplitsOf(ev: Evaluator): UnitSplitRecord[] {
  return SPLITS.get(ev) ?? [];
}

const weightOf = (ev: Evaluator, v: V): Dec => {
  const n = v === null ? new D(0) : ev.num(v);
  if (n.isNegative()) throw new EvalError('type-mismatch', { expected: 'un peso ≥ 0', found: n.toFixed() });
  return n;
};

export function allocateUnits(ev: Evaluator, a: UnitSplitArgs, env: Env): V {
  if (env.scope.level !== 'persona') throw new EvalError('level-mismatch', { name: ev.current ?? '', level: env.scope.level, other: '', otherLevel: 'persona' });
  const p = env.scope.p;
  const res = ev.perGroup(a, 'ente', () => split(ev, a, p));
  return res[p];
}

function split(ev: Evaluator, a: UnitSplitArgs, p: number): V[] {
  const rule = ev.current ?? '';
  const pot = ev.num(ev.evaluate(a.pot, { scope: { level: 'persona', p } })).toDecimalPlaces(2, D.ROUND_HALF_UP);
  const units = ev.unitList();
  const members = units.map((u) => ev.groupOf({ level: 'unit', unit: u }));
  const personW = members.map((g) => g.map((i) => weightOf(ev, ev.evaluate(a.weight, { scope: { level: 'persona', p: i } }))));
  const unitW = units.map((u) => weightOf(ev, ev.evaluate(a.unitWeight, { scope: { level: 'unit', unit: u } })));
  const payable = personW.map((ws) => ws.some((w) => !w.isZero()));
  const order = unitOrder(ev, a.ties, units);
  const shares = allocateCents(pot, unitW.map((w, k) => (payable[k] ? w : new D(0))), order);
  const out: V[] = [];
  const personWeight = new Map<number, { weight: Dec; unitTotal: Dec }>();
  const rank = new Map(order.map((k, r) => [k, r + 1]));
  units.forEach((u, k) => {
    const g = members[k];
    const total = personW[k].reduce((s, w) => s.plus(w), new D(0));
    g.forEach((i, j) => personWeight.set(i, { weight: personW[k][j], unitTotal: total }));
    if (!g.length) return;
    const tie = ev.tiePositions(g);
    const inner = allocateCents(shares[k].cents, personW[k], tie);
    g.forEach((i, j) => (out[i] = inner[j].cents));
    if (!shares[k].cents.isZero()) {
      // as a plain per-unit allocation: the report shows where each unit's cents went, under disclosure control
      const extra = inner.filter((x) => x.extraCent).length;
      ev.allocations.push({
        rule, group: `u:${u}`, pot: shares[k].cents, persons: g.length, recipients: personW[k].filter((w) => !w.isZero()).length, extraCents: extra,
        floorTotal: inner.reduce((s, x) => s.plus(x.cents), new D(0)).minus(new D(extra).div(100)),
        members: g, recipientIdx: g.filter((_, j) => !personW[k][j].isZero()),
      });
    }
  });
  const record: UnitSplitRecord = {
    rule, pot, ties: 'order' in a.ties ? 'order' : 'by' in a.ties ? 'by' : 'code', personWeight,
    units: units.map((u, k) => ({
      unit: u, weight: unitW[k], payable: payable[k], exact: shares[k].exact, share: shares[k].cents, extraCent: shares[k].extraCent,
      persons: members[k].length, recipients: personW[k].filter((w) => !w.isZero()).length, tieRank: rank.get(k)!,
    })),
  };
  let list = SPLITS.get(ev);
  if (!list) SPLITS.set(ev, (list = []));
  list.push(record);
  for (const i of ev.groupOf({ level: 'ente' })) if (out[i] === undefined) out[i] = new D(0); // a person in no unit gets nothing
  return out;
}

/** Indices of `units` in the tie order among units: first wins a contested cent. */
function unitOrder(ev: Evaluator, ties: UnitSplitArgs['ties'], units: string[]): number[] {
  const idx = units.map((_, k) => k);
  if ('order' in ties) {
    // the order of the units' file (pop.units keeps it); units not in it (none when the file was read) after, by code
    const filePos = new Map([...ev.pop.units.keys()].map((u, r) => [u, r]));
    return idx.sort((x, y) => (filePos.get(units[x]) ?? Infinity) - (filePos.get(units[y]) ?? Infinity) || (units[x] < units[y] ? -1 : 1));
  }
  if ('by' in ties) {
    const key = units.map((u) => ev.evaluate(ties.by, { scope: { level: 'unit', unit: u } }));
    return idx.sort((x, y) => {
      const c = compareV(key[x], key[y]);
      if (c !== 0) return ties.dir === 'desc' ? -c : c;
      return units[x] < units[y] ? -1 : 1;
    });
  }
  return idx; // unitList() is sorted by code
}

/** For `explain`: the unit's share of the pot, then the person's share of the unit's (empty when `rule` is no split among units). */
export function explainSplit(ev: Evaluator, rule: string, p: number, lang: 'it' | 'en'): { name: string; value: unknown; text: string }[] {
  const s = unitSplitsOf(ev).find((x) => x.rule === rule);
  if (!s) return [];
  const unit = ev.pop.persons[p].unit ?? '';
  const u = s.units.find((x) => x.unit === unit);
  const pw = s.personWeight.get(p);
  if (!u || !pw) return [];
  const it = lang === 'it';
  const e = (x: Dec) => (it ? x.toFixed(2).replace('.', ',') : x.toFixed(2)) + ' €';
  const paid = ev.value(rule, { level: 'persona', p }) as Dec;
  const totalW = s.units.filter((x) => x.payable).reduce((a, x) => a.plus(x.weight), new D(0));
  const tie = s.ties === 'order' ? (it ? "ordine nel file delle unità" : "order in the units' file") : s.ties === 'by' ? (it ? 'campo dichiarato' : 'stated field') : (it ? 'codice' : 'code');
  const unitText = !u.payable
    ? (it ? `nessuna quota: nessuna persona dell'unità ha peso maggiore di zero (unità esclusa)` : `no share: no person of the unit has a weight above zero (unit left out)`)
    : `${e(u.share)} = ${e(s.pot)} × ${u.weight.toFixed()} / ${totalW.toFixed()}${u.extraCent ? (it ? ` (+1 centesimo del resto; parità: ${tie}, ${u.tieRank}ª)` : ` (+1 cent of the remainder; ties: ${tie}, #${u.tieRank})`) : ''}`;
  const personText = `${e(paid)} = ${e(u.share)} × ${pw.weight.toFixed()} / ${pw.unitTotal.toFixed()}`;
  return [
    { name: it ? `quota dell'unità ${unit}` : `share of unit ${unit}`, value: u.share.toFixed(2), text: unitText },
    { name: it ? 'quota della persona nell\'unità' : "the person's share in the unit", value: paid.toFixed(2), text: personText },
  ];
}

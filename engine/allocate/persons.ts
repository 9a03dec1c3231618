// `ripartisci(pot; peso)` among persons (the entity's, or each unit's): the group's weights read once, the
// tie order once, largest remainder (largest-remainder.ts); positions are array indices, never Map lookups.
import type { JL } from '../compile/ir.ts';
import { D } from '../run/decimal.ts';
import { EvalError } from '../run/errors.ts';
import type { Env, Evaluator } from '../run/evaluate.ts';
import type { V } from '../run/population.ts';
import { allocateCents } from './largest-remainder.ts';

export function allocatePersons(ev: Evaluator, a: { pot: JL; weight: JL; group: 'ente' | 'unit' }, env: Env): V {
  if (env.scope.level !== 'persona') throw new EvalError('level-mismatch', { name: ev.current ?? '', level: env.scope.level, other: '', otherLevel: 'persona' });
  const p = env.scope.p;
  const group = a.group === 'unit' ? ev.groupOf({ level: 'persona', p }) : ev.groupOf({ level: 'ente' });
  const gk = a.group === 'unit' ? `u:${ev.pop.persons[p].unit ?? ''}` : 'ente';
  const res = ev.perGroup(a, gk, () => {
    const pot = ev.num(ev.evaluate(a.pot, { scope: { level: 'persona', p } }));
    const weights = group.map((i) => {
      const w = ev.evaluate(a.weight, { scope: { level: 'persona', p: i } });
      const n = w === null ? new D(0) : ev.num(w);
      if (n.isNegative()) throw new EvalError('type-mismatch', { expected: 'un peso ≥ 0', found: n.toFixed() });
      return n;
    });
    const order = ev.tiePositions(group);
    const shares = allocateCents(pot, weights, order);
    let extra = 0;
    let floorTotal = new D(0);
    for (const s of shares) {
      if (s.extraCent) extra++;
      floorTotal = floorTotal.plus(s.cents);
    }
    ev.allocations.push({
      rule: ev.current ?? '', group: gk, pot: pot.toDecimalPlaces(2, D.ROUND_HALF_UP), persons: group.length,
      recipients: weights.filter((w) => !w.isZero()).length, extraCents: extra,
      floorTotal: floorTotal.minus(new D(extra).div(100)),
      members: group, recipientIdx: group.filter((_, k) => !weights[k].isZero()),
    });
    const out: V[] = [];
    group.forEach((i, k) => (out[i] = shares[k].cents));
    return out;
  });
  return res[p];
}

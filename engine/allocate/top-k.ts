// `migliori k% per x entro settore tra c`: the candidates sorted by score (descending), ties by the scheme's
// `parità`, the first k taken. Scores are read and settled once into an array; the comparison looks up nothing.
import type { JL } from '../compile/ir.ts';
import { D, settle, type Dec } from '../run/decimal.ts';
import { EvalError } from '../run/errors.ts';
import type { Env, Evaluator } from '../run/evaluate.ts';
import { compareV } from '../run/operations.ts';
import type { V } from '../run/population.ts';
import { quotaCount } from './largest-remainder.ts';

export interface BestArgs {
  share?: string;
  count?: string;
  by: JL;
  within: boolean;
  among: JL;
  rounding: 'up' | 'down' | 'nearest';
}

export function best(ev: Evaluator, a: BestArgs, env: Env): V {
  if (env.scope.level !== 'persona') throw new EvalError('level-mismatch', { name: ev.current ?? '', level: env.scope.level, other: '', otherLevel: 'persona' });
  const p = env.scope.p;
  const group = a.within ? ev.groupOf({ level: 'persona', p }) : ev.groupOf({ level: 'ente' });
  const gk = a.within ? `u:${ev.pop.persons[p].unit ?? ''}` : 'ente';
  const res = ev.perGroup(a, gk, () => {
    const cands = group.filter((i) => a.among === true || ev.bool(ev.evaluate(a.among, { scope: { level: 'persona', p: i } })));
    const n = a.count !== undefined ? Math.min(Number(a.count), cands.length) : quotaCount(new D(a.share!), cands.length, a.rounding);
    // by position in `cands`: the score (settled once) and the place in the tie order
    const by: Dec[] = cands.map((i) => settle(ev.num(ev.evaluate(a.by, { scope: { level: 'persona', p: i } }))));
    const tie = ev.tiePositions(cands);
    const rank = new Int32Array(cands.length);
    for (let r = 0; r < tie.length; r++) rank[tie[r]] = r;
    const sorted = Array.from({ length: cands.length }, (_, k) => k).sort((x, y) => by[y].comparedTo(by[x]) || rank[x] - rank[y]);
    const out: V[] = [];
    for (const i of group) out[i] = false;
    for (let r = 0; r < n; r++) out[cands[sorted[r]]] = true;
    // a tie across the cut: the tie rule, not the score, chose who is in (run-time warning)
    const last = n > 0 ? by[sorted[n - 1]] : undefined;
    // tied on the score and on every tie key but the last (the person key): only an arbitrary order chose
    const keys = ev.ir.ties.slice(0, -1);
    const sameKeys = (i: number, j: number) => keys.every((k) => compareV(ev.named(k.name, { level: 'persona', p: i }), ev.named(k.name, { level: 'persona', p: j })) === 0);
    const tiedOut: number[] = [];
    if (last !== undefined) {
      const lastP = cands[sorted[n - 1]];
      for (let r = n; r < sorted.length; r++) if (by[sorted[r]].eq(last) && sameKeys(cands[sorted[r]], lastP)) tiedOut.push(cands[sorted[r]]);
    }
    ev.cuts.push({ rule: ev.current ?? '', group: gk, taken: n, candidates: cands.length, tiedOut });
    return out;
  });
  return res[p];
}

// What an outsider can derive about one withheld figure from everything published: its smallest and
// largest value, by two linear programs (yalps) over the atoms of the population. `equal`: the published
// figures (the sum of their atoms' contents); `atLeastOne`: withheld counts a reader knows are not 0;
// contents are ≥ 0 unless some contribution is negative (`signed`: each atom then a difference of two).
import { solve, type Coefficients, type Constraint } from 'yalps';

export interface Bounds {
  lo: number;
  hi: number;
}

export function attack(target: number[], equal: { atoms: number[]; value: number }[], atLeastOne: number[][], signed: boolean): Bounds {
  const constraints = new Map<string, Constraint>();
  const vars = new Map<string, Map<string, number>>();
  const inTarget = new Set(target);
  const coef = (a: number) => {
    let c = vars.get(`a${a}`);
    if (!c) {
      vars.set(`a${a}`, (c = new Map()));
      if (inTarget.has(a)) c.set('obj', 1);
    }
    return c;
  };
  for (const a of target) coef(a);
  const add = (name: string, atoms: number[], c: Constraint) => {
    constraints.set(name, c);
    for (const a of atoms) coef(a).set(name, 1);
  };
  equal.forEach((e, i) => add(`e${i}`, e.atoms, { equal: e.value }));
  atLeastOne.forEach((atoms, i) => add(`g${i}`, atoms, { min: 1 }));
  const variables = new Map<string, Coefficients>();
  for (const [name, c] of vars) {
    variables.set(name, c);
    if (signed) variables.set(`${name}-`, new Map([...c].map(([k, v]) => [k, -v])));
  }
  const run = (direction: 'minimize' | 'maximize') => {
    const s = solve({ direction, objective: 'obj', constraints, variables }, { maxPivots: 100000 });
    if (s.status === 'optimal') return s.result;
    if (s.status === 'unbounded') return direction === 'maximize' ? Infinity : -Infinity;
    return NaN; // infeasible through rounding, or cycled: counts as not protected (fail safe)
  };
  return { lo: run('minimize'), hi: run('maximize') };
}

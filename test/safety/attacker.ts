// An outsider's attack on a published report.json, written without the engine's disclosure code: the
// linear system anyone can write from the published figures and the public definitions of the tables
// (which prospetto column counts a unit's persons, which band a histogram bin falls into), with every
// withheld count an unknown integer, bounded by integer linear programming (yalps, min and max).
import { solve, type Coefficients, type Constraint } from 'yalps';
import type { ReportJson } from '../../engine/report/tables.ts';

export interface Knowledge {
  /** per-unit prospetto column that counts the unit's persons (its size) */
  sizes?: { prospetto: string; column: string };
  /** per-unit prospetto columns that count one band's persons in the unit (the per-unit band cell) */
  bandColumns?: { prospetto: string; column: string; bands: string; value: string }[];
  /** band totals made of histogram bins: total(value) = Σ bins (+ persone − ammessi for the band of the not admitted) */
  bandBins?: { bands: string; bins: Record<string, number[]>; notAdmitted?: string };
  /** the bands of these band tables do not cover every person (their totals do not add up to `persone`) */
  partialBands?: string[];
  /** the stronger reader: a unit withheld whole has fewer than 3 persons, a unit published has 3 or more */
  smallUnitsKnown?: boolean;
}

/** Cell keys: persone, ammessi, fasce.<b>.<v>, fasce.<b>.<u>.<v>, bin.<k>, prospetto.<p>.<u>.<col> */
export type Cells = Map<string, number | null>;

export interface Attack {
  cells: Cells;
  /** interval of each withheld cell */
  intervals: Map<string, { lo: number; hi: number }>;
  equations: number;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);

/** The published counts as the attacker reads them (null: withheld). */
export function readCells(rep: ReportJson, k: Knowledge = {}): Cells {
  const cells: Cells = new Map();
  cells.set('persone', num(rep.statistiche.persone));
  cells.set('ammessi', num(rep.statistiche.ammessi));
  rep.statistiche.distribuzione_punteggi.forEach((b, i) => cells.set(`bin.${i}`, num(b.persone)));
  for (const f of rep.statistiche.fasce) {
    for (const [v, c] of Object.entries(f.conteggi)) cells.set(`fasce.${f.nome}.${v}`, num(c));
    for (const [u, row] of Object.entries(f.per_unita)) for (const [v, c] of Object.entries(row)) cells.set(`fasce.${f.nome}.${u}.${v}`, num(c));
  }
  const cols = [k.sizes, ...(k.bandColumns ?? [])].filter((x) => x) as { prospetto: string; column: string }[];
  for (const { prospetto, column } of cols) {
    const p = rep.prospetti.find((x) => x.nome === prospetto)!;
    const j = p.colonne!.findIndex((c) => c.nome === column);
    for (const row of p.tabella!) cells.set(`prospetto.${prospetto}.${row.valori[0]}.${column}`, num(row.valori[j]));
  }
  return cells;
}

export function attack(rep: ReportJson, k: Knowledge = {}): Attack {
  const cells = readCells(rep, k);
  const eqs: [number, string][][] = []; // Σ coef · cell = 0
  const sum = (keys: string[], total: string) => eqs.push([...keys.map((x): [number, string] => [1, x]), [-1, total]]);
  const bandTables = rep.statistiche.fasce;
  const units = bandTables.length ? Object.keys(bandTables[0].per_unita) : [];
  for (const f of bandTables) {
    const values = Object.keys(f.conteggi);
    for (const v of values) if (units.length) sum(units.map((u) => `fasce.${f.nome}.${u}.${v}`), `fasce.${f.nome}.${v}`);
    if (!k.partialBands?.includes(f.nome)) {
      sum(values.map((v) => `fasce.${f.nome}.${v}`), 'persone');
      if (k.sizes) for (const u of units) sum(values.map((v) => `fasce.${f.nome}.${u}.${v}`), `prospetto.${k.sizes.prospetto}.${u}.${k.sizes.column}`);
    }
  }
  if (k.sizes) sum(units.map((u) => `prospetto.${k.sizes!.prospetto}.${u}.${k.sizes!.column}`), 'persone');
  for (const c of k.bandColumns ?? []) for (const u of units) eqs.push([[1, `prospetto.${c.prospetto}.${u}.${c.column}`], [-1, `fasce.${c.bands}.${u}.${c.value}`]]);
  const nBins = rep.statistiche.distribuzione_punteggi.length;
  if (nBins) sum(Array.from({ length: nBins }, (_, i) => `bin.${i}`), 'ammessi');
  if (k.bandBins && nBins) {
    for (const [v, bins] of Object.entries(k.bandBins.bins)) {
      const terms: [number, string][] = [[-1, `fasce.${k.bandBins.bands}.${v}`], ...bins.map((b): [number, string] => [1, `bin.${b}`])];
      if (v === k.bandBins.notAdmitted) terms.push([1, 'persone'], [-1, 'ammessi']);
      eqs.push(terms);
    }
  }

  // the unknowns and what a reader knows of them
  const reasons = new Map(rep.soppressioni.map((s) => [s.cella, s.motivo]));
  const wholeUnit = (key: string) => {
    const m = key.match(/^fasce\.[^.]+\.([^.]+)\.[^.]+$/) ?? key.match(/^prospetto\.[^.]+\.([^.]+)\.[^.]+$/);
    if (!m) return false;
    return [...reasons].some(([id, why]) => why.startsWith('unità con meno') && id.split('.').includes(m[1]));
  };
  const unknowns = [...cells].filter(([, v]) => v === null).map(([key]) => key);
  const lower = new Map(unknowns.map((u) => [u, wholeUnit(u) ? 0 : 1]));
  const upper = new Map<string, number>();
  if (k.smallUnitsKnown && k.sizes) {
    for (const u of units) {
      const key = `prospetto.${k.sizes.prospetto}.${u}.${k.sizes.column}`;
      if (cells.get(key) !== null) continue;
      if (wholeUnit(key)) upper.set(key, 2);
      else lower.set(key, 3);
    }
  }

  const constraints = new Map<string, Constraint>();
  const vars = new Map<string, Map<string, number>>(unknowns.map((u) => [u, new Map()]));
  eqs.forEach((eq, i) => {
    let rhs = 0;
    let any = false;
    for (const [c, key] of eq) {
      const v = cells.get(key);
      if (v === undefined) throw new Error(`no cell ${key}`);
      if (v === null) {
        const m = vars.get(key)!;
        m.set(`e${i}`, (m.get(`e${i}`) ?? 0) + c);
        any = true;
      } else rhs -= c * v;
    }
    if (any) constraints.set(`e${i}`, { equal: rhs });
    else if (rhs !== 0) throw new Error(`published figures contradict equation ${i}: ${JSON.stringify(eq)}`);
  });
  for (const u of unknowns) {
    vars.get(u)!.set(`lo:${u}`, 1);
    constraints.set(`lo:${u}`, upper.has(u) ? { min: lower.get(u)!, max: upper.get(u)! } : { min: lower.get(u)! });
  }
  const intervals = new Map<string, { lo: number; hi: number }>();
  for (const t of unknowns) {
    const variables = new Map<string, Coefficients>([...vars].map(([name, c]) => [name, new Map([...c, ...(name === t ? [['obj', 1] as [string, number]] : [])])]));
    const run = (direction: 'minimize' | 'maximize') => {
      const s = solve({ direction, objective: 'obj', constraints, variables, integers: true });
      if (s.status === 'optimal') return s.result;
      if (s.status === 'unbounded') return direction === 'maximize' ? Infinity : -Infinity;
      throw new Error(`attack on ${t}: ${s.status}`);
    };
    intervals.set(t, { lo: Math.round(run('minimize')), hi: Math.round(run('maximize')) });
  }
  return { cells, intervals, equations: eqs.length };
}

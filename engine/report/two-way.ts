// Two-way report tables (`prospetto P per righe e colonne { … }`): rows by one category, columns by another
// (the unit's codes, or an enumeration's labels in declared order), each line of the block one table whose
// cells count, sum or average the persons of the cell, with row and column totals and a grand total.
// Every cell and every total is a published figure registered with its facts (the persons it counts or
// sums), so the disclosure control relates cells, margins and the other tables of the report through
// their atoms: primary suppression of small cells, complementary suppression along rows and columns, and
// the audit that no withheld cell can be narrowed from what is shown.
import type { IrCategory, IrScheme, JL } from '../compile/ir.ts';
import { D, isDec, type Dec } from '../run/decimal.ts';
import type { SchemeRun } from '../run/year.ts';
import type { V } from '../run/population.ts';
import { fewestOf, personSum, type Disclosure, type FactSpec } from './disclosure.ts';
import { display } from './values.ts';

type Report = IrScheme['reports'][number];
type Agg = { over: Record<string, unknown>; args: JL[]; where: JL };

export interface TwoWayJson {
  righe_per: string;
  colonne_per: string;
  tabelle: {
    nome: string;
    etichetta?: string;
    /** what each cell holds: conta, somma or media of the persons of the cell */
    cella: 'conta' | 'somma' | 'media';
    unita?: string;
    /** column labels, then «Totale» */
    colonne: string[];
    /** one row per row label, then the row «Totale»; each: the label, the cells, the row total */
    righe: { etichetta: string; valori: unknown[]; testi: string[] }[];
  }[];
}

export const TOTAL_LABEL = 'Totale';

interface Grid {
  name: string;
  label?: string;
  kind: 'count' | 'sum' | 'mean';
  quantity: JL;
  type?: Report['columns'] extends (infer C)[] | undefined ? C extends { type?: infer T } ? T : never : never;
  /** per person of the table: row index, column index, value (null: not counted) */
  rowLabels: string[];
  colLabels: string[];
  at: (r: number | 'all', c: number | 'all') => number[];
  value: (i: number) => Dec;
}

const labelsOf = (run: SchemeRun, c: IrCategory): string[] => (c.kind === 'unit' ? run.units : c.values);

function categoryOf(run: SchemeRun, c: IrCategory, p: number): V {
  if (c.kind === 'unit') return run.pop.persons[p].unit ?? null;
  const scope = { level: 'persona' as const, p };
  return c.kind === 'input' ? run.ev.input(`persona.${c.name}`, { scope }) : run.ev.value(c.name, scope);
}

/** The grids of a two-way report, one per line of its block, computed once. */
const GRIDS = new WeakMap<Report, Grid[]>();

function grids(run: SchemeRun, r: Report): Grid[] {
  const hit = GRIDS.get(r);
  if (hit) return hit;
  const { ev } = run;
  const tw = r.twoWay!;
  const rowLabels = labelsOf(run, tw.rows);
  const colLabels = labelsOf(run, tw.cols);
  const rowIx = new Map(rowLabels.map((l, i) => [l, i]));
  const colIx = new Map(colLabels.map((l, i) => [l, i]));
  const persons = run.pop.persons.map((_, p) => p);
  // each person's cell (persons with no label on either side — no band — are in no cell)
  const place = persons.map((p) => {
    const a = categoryOf(run, tw.rows, p);
    const b = categoryOf(run, tw.cols, p);
    const i = typeof a === 'string' ? rowIx.get(a) : undefined;
    const j = typeof b === 'string' ? colIx.get(b) : undefined;
    return i === undefined || j === undefined ? undefined : [i, j] as const;
  });
  const out: Grid[] = (r.columns ?? []).map((c) => {
    const op = Object.keys(c.expr as object)[0];
    const a = (c.expr as Record<string, Agg>)[op];
    const kind = op === 'count' ? 'count' : op === 'sum' ? 'sum' : 'mean';
    const vals = new Map<number, Dec>();
    const members: number[][][] = rowLabels.map(() => colLabels.map(() => []));
    for (const p of persons) {
      const at = place[p];
      if (!at) continue;
      const env = { scope: { level: 'persona' as const, p } };
      if (a.where !== true && !ev.bool(ev.evaluate(a.where, env))) continue;
      const v = a.args.length ? ev.evaluate(a.args[0], env) : true;
      if (kind === 'count' ? (typeof v === 'boolean' ? !v : v === null) : v === null) continue;
      vals.set(p, kind === 'count' ? new D(1) : isDec(v) ? (v as Dec) : ev.num(v));
      members[at[0]][at[1]].push(p);
    }
    const at = (ri: number | 'all', ci: number | 'all') => {
      const rs = ri === 'all' ? rowLabels.map((_, k) => k) : [ri];
      const cs = ci === 'all' ? colLabels.map((_, k) => k) : [ci];
      return rs.flatMap((x) => cs.flatMap((y) => members[x][y]));
    };
    return { name: c.name, label: c.label, kind, quantity: a.args[0] ?? true, type: c.type, rowLabels, colLabels, at, value: (i: number) => vals.get(i) ?? new D(0) } as Grid;
  });
  GRIDS.set(r, out);
  return out;
}

const cellId = (r: Report, g: Grid, ri: number | 'all', ci: number | 'all') =>
  `prospetti.${r.name}.${g.name}.${ri === 'all' ? 'totale' : g.rowLabels[ri]}.${ci === 'all' ? 'totale' : g.colLabels[ci]}`;

function facts(g: Grid, members: number[]): FactSpec[] {
  const count: FactSpec = { quantity: 'conta', domain: 'persone', members, value: new D(members.length), contributors: members.length };
  if (g.kind === 'count') return [count];
  const sum = personSum(JSON.stringify(g.quantity), members, (i) => g.value(i));
  // a mean shows the sum once its count is known, and is one person's value in a cell of one: both facts
  return g.kind === 'mean' ? [sum, count] : [sum];
}

/** Registers every cell, row total, column total and grand total of a two-way report with the disclosure control. */
export function registerTwoWay(run: SchemeRun, r: Report, dc: Disclosure, smallUnit: (u: string) => boolean): void {
  const tw = r.twoWay!;
  for (const g of grids(run, r)) {
    const rows: (number | 'all')[] = [...g.rowLabels.map((_, k) => k), 'all'];
    const cols: (number | 'all')[] = [...g.colLabels.map((_, k) => k), 'all'];
    for (const ri of rows) for (const ci of cols) {
      const members = g.at(ri, ci);
      const fs = facts(g, members);
      const fewest = fewestOf(fs);
      // a unit of fewer than 3 persons is withheld whole, as in every per-unit table
      const whole = (tw.rows.kind === 'unit' && ri !== 'all' && smallUnit(g.rowLabels[ri])) || (tw.cols.kind === 'unit' && ci !== 'all' && smallUnit(g.colLabels[ci]));
      const rl = ri === 'all' ? TOTAL_LABEL : g.rowLabels[ri];
      const cl = ci === 'all' ? TOTAL_LABEL : g.colLabels[ci];
      dc.add({ id: cellId(r, g, ri, ci), label: `${r.label ?? r.name}: ${g.label ?? g.name}, ${rl} × ${cl}`, facts: fs, fewest: g.kind === 'mean' && members.length ? Math.min(fewest, members.length) : fewest, isCount: g.kind === 'count', wholeGroup: whole });
    }
  }
}

/** The published form of a two-way report: withheld cells shown as the one mark, with no value. */
export function twoWayJson(run: SchemeRun, r: Report, hidden: (id: string) => boolean, withheld: string): TwoWayJson {
  const tw = r.twoWay!;
  const name = (c: IrCategory) => (c.kind === 'unit' ? run.ir.unit ?? 'unit' : c.name);
  return {
    righe_per: name(tw.rows),
    colonne_per: name(tw.cols),
    tabelle: grids(run, r).map((g) => {
      const cell = (ri: number | 'all', ci: number | 'all') => {
        if (hidden(cellId(r, g, ri, ci))) return { valore: null, testo: withheld };
        const m = g.at(ri, ci);
        if (g.kind === 'count') return { valore: m.length, testo: display(new D(m.length)) };
        const sum = m.reduce((s, i) => s.plus(g.value(i)), new D(0));
        if (g.kind === 'sum') return { valore: g.type?.unit === 'euro' ? sum.toFixed(2) : sum.toFixed(), testo: display(sum, g.type) };
        if (!m.length) return { valore: null, testo: '—' }; // a mean of nobody: nothing to show
        const mean = sum.div(m.length).toDecimalPlaces(2, D.ROUND_HALF_UP);
        return { valore: mean.toFixed(2), testo: display(mean, g.type) };
      };
      const line = (ri: number | 'all') => {
        const cs = [...g.colLabels.map((_, k) => cell(ri, k)), cell(ri, 'all')];
        return { etichetta: ri === 'all' ? TOTAL_LABEL : g.rowLabels[ri], valori: cs.map((c) => c.valore), testi: cs.map((c) => c.testo) };
      };
      return {
        nome: g.name, ...(g.label ? { etichetta: g.label } : {}), cella: g.kind === 'count' ? 'conta' as const : g.kind === 'sum' ? 'somma' as const : 'media' as const,
        ...(g.type?.unit && g.kind !== 'count' ? { unita: g.type.unit } : {}),
        colonne: [...g.colLabels, TOTAL_LABEL],
        righe: [...g.rowLabels.map((_, k) => line(k)), line('all')],
      };
    }),
  };
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** report.html: each line of a two-way report as a table with its margins. */
export function twoWayHtml(title: string, t: TwoWayJson): string {
  return t.tabelle.map((g) => `<div class="wide"><table><caption>${esc(title)}: ${esc(g.etichetta ?? g.nome)} (${esc(t.righe_per)} × ${esc(t.colonne_per)})</caption>` +
    `<tr><th>${esc(t.righe_per)} \\ ${esc(t.colonne_per)}</th>${g.colonne.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>` +
    g.righe.map((row) => `<tr><th>${esc(row.etichetta)}</th>${row.testi.map((x) => `<td class="n">${esc(x)}</td>`).join('')}</tr>`).join('') + '</table></div>').join('\n');
}

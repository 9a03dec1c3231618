// Running a year: the bundle's schemes in dependency order, each on its own population, each able to
// read the results of the schemes it uses (by person key, by unit, or entity-wide). Everything is
// computed before anything is written; a failing rule stops the run with the person and the rule.
import type { IrScheme } from '../compile/ir.ts';
import type { DataError, ReadOptions } from '../data/read.ts';
import { loadPopulation, TableCache } from '../data/population.ts';
import { sides } from '../compile/constraints.ts';
import { D, type Dec } from './decimal.ts';
import { EvalError } from './errors.ts';
import { diag } from '../diagnostics/diagnostic.ts';
import { Evaluator, type Scope } from './evaluate.ts';
import type { ExtSource, Population, V } from './population.ts';

export interface FundResult {
  name: string;
  label?: string;
  amount: Dec;
  paid: Dec;
  perPerson: Dec[]; // what each person was paid from the fund, in person order
  remainders: { name: string; label?: string; amount: Dec }[];
  balanced: boolean;
}

export interface SchemeRun {
  ir: IrScheme;
  ev: Evaluator;
  pop: Population;
  units: string[];
  funds: FundResult[];
}

export interface RunProblem {
  scheme: string;
  person?: string;
  rule?: string;
  line?: number;
  message: string;
}

export type YearResult =
  | { ok: true; runs: Map<string, SchemeRun> }
  | { ok: false; dataErrors: DataError[]; problems: RunProblem[] };

function extSource(run: SchemeRun): ExtSource {
  const index = new Map(run.pop.persons.map((p, i) => [p.key, i]));
  const inputs = new Map(run.ir.inputs.map((i) => [i.name, i]));
  const units = new Set(run.units);
  return {
    get(name, scope) {
      const decl = run.ev.decl(name);
      const level = decl?.level ?? inputs.get(name)?.level;
      if (!level) return undefined;
      let s: Scope;
      if (level === 'ente') s = { level: 'ente' };
      else if (level === 'unit') {
        const unit = scope.level === 'ente' ? undefined : scope.unit;
        if (unit === undefined || !units.has(unit)) return undefined;
        s = { level: 'unit', unit };
      } else {
        if (scope.level !== 'persona') return undefined;
        const p = index.get(scope.key);
        if (p === undefined) return undefined;
        s = { level: 'persona', p };
      }
      return decl ? run.ev.value(name, s) : run.ev.input(`${level}.${name}`, { scope: s });
    },
  };
}

export function describeEvalError(e: EvalError, lang: 'it' | 'en'): string {
  const a = e.args;
  const it = lang === 'it';
  switch (e.code) {
    case 'missing-input': return it ? `manca il dato «${a.name}»` : `input «${a.name}» is missing`;
    case 'division-by-zero': return it ? `divisione per zero in «${a.name}»` : `division by zero in «${a.name}»`;
    case 'aggregate-empty': return it ? `«${a.name}»: media, minimo o massimo di nessun valore` : `«${a.name}»: mean, minimum or maximum of no values`;
    case 'item-over-max': return it ? `la voce «${a.name}» vale ${a.value}, oltre il massimo di ${a.max} punti` : `item «${a.name}» is ${a.value}, over its maximum of ${a.max} points`;
    case 'table-no-match-runtime': return it ? `il valore ${a.value} non ricade in nessuna riga della tabella` : `value ${a.value} falls in no row of the table`;
    case 'type-mismatch': return it ? `serve ${a.expected}, ma il valore è ${a.found}` : `${a.expected} is needed, but the value is ${a.found}`;
    case 'value-cycle': return it ? `«${a.name}» dipende da se stesso` : `«${a.name}» depends on itself`;
    default: {
      // any other code: its catalogue message, with the hint that says the next step
      const d = diag(e.code, '', { line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, endOffset: 0 }, lang, a);
      return d.hint ? `${d.message} ${d.hint}` : d.message;
    }
  }
}

async function evaluateAll(run: SchemeRun, problems: RunProblem[], tick: (persons: number) => Promise<void>) {
  const { ir, ev, pop } = run;
  const fail = (e: unknown, person?: string) => {
    if (!(e instanceof EvalError)) throw e;
    const d = e.rule ? ir.decls.find((x) => x.name === e.rule) : undefined;
    problems.push({ scheme: ir.id, person, rule: e.rule, line: d?.line, message: describeEvalError(e, ir.lang) });
  };
  for (const d of ir.decls) {
    try {
      if (d.level === 'ente') ev.value(d.name, { level: 'ente' });
      else if (d.level === 'unit') for (const u of run.units) ev.value(d.name, { level: 'unit', unit: u });
    } catch (e) {
      fail(e);
      if (problems.length > 50) return;
    }
  }
  for (let p = 0; p < pop.persons.length; p++) {
    if (p % 200 === 199) await tick(200);
    for (const d of ir.decls) {
      if (d.level !== 'persona') continue;
      try {
        ev.value(d.name, { level: 'persona', p });
      } catch (e) {
        fail(e, pop.persons[p].key);
        if (problems.length > 50) return;
        break;
      }
    }
  }
  // the columns of per-row and per-unit reports, so that a failing one is reported, not a crash later
  for (const r of ir.reports) {
    if (!r.per) continue;
    const scopes = r.perUnit ? run.units.map((unit) => ({ scope: { level: 'unit' as const, unit } })) : (pop.tables.get(r.per) ?? []).map((row) => ({ scope: { level: 'ente' as const }, rows: { [r.per!]: row } }));
    for (const env of scopes) {
      for (const col of r.columns ?? []) {
        try {
          ev.evaluate(col.expr, env);
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
          problems.push({ scheme: ir.id, rule: `${r.name}.${col.name}`, line: r.line, message: describeEvalError(e, ir.lang) });
          return;
        }
      }
    }
  }
  for (const c of ir.constraints) {
    try {
      if (ev.evaluate(c.expr, { scope: { level: 'ente' } }) === false) {
        problems.push({ scheme: ir.id, line: c.line, message: `vincolo non rispettato: ${c.label ?? ''}${sides(ev, c.expr, ir.lang)}${c.sources?.length ? `; fonte: ${c.sources.join('; ')}` : ''}` });
      }
    } catch (e) {
      fail(e);
    }
  }
}

function funds(run: SchemeRun, problems: RunProblem[]): FundResult[] {
  const { ir, ev, pop } = run;
  const out: FundResult[] = [];
  for (const f of ir.funds) {
    try {
      const amount = ev.num(ev.evaluate(f.amount, { scope: { level: 'ente' } }));
      const perPerson = pop.persons.map((_, p) => ev.num(ev.evaluate(f.paid, { scope: { level: 'persona', p } })));
      const paid = perPerson.reduce((s, x) => s.plus(x), new D(0));
      const remainders = f.remainders.map((r) => ({ name: r.name, label: r.label, amount: ev.num(ev.evaluate(r.expr, { scope: { level: 'ente' } })) }));
      const sum = remainders.reduce((s, r) => s.plus(r.amount), paid);
      const balanced = sum.toDecimalPlaces(2).eq(amount.toDecimalPlaces(2)) && sum.eq(amount);
      if (!balanced) {
        problems.push({
          scheme: ir.id, line: f.line,
          message: `il fondo «${f.label ?? f.name}» non quadra: ${amount.toFixed(2)} € stanziati, ${paid.toFixed(2)} € pagati, ${sum.minus(paid).toFixed(2)} € nei resti; differenza ${amount.minus(sum).toFixed()} €`,
        });
      }
      out.push({ name: f.name, label: f.label, amount, paid, perPerson, remainders, balanced });
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      problems.push({ scheme: ir.id, line: f.line, message: describeEvalError(e, ir.lang) });
    }
  }
  return out;
}

/**
 * Runs a year; `onProgress` hears of every 200 persons evaluated (the run yields then, so a terminal can
 * redraw); `read` bounds the data files read (their size limit, else SCHEDA_MAX_DATA_BYTES or 512 MB).
 */
export async function runYear(
  irs: Map<string, IrScheme>, order: string[], dataDir: string, onProgress?: (done: number, total: number, label: string) => void, read: ReadOptions = {},
): Promise<YearResult> {
  const cache = new TableCache(dataDir, read);
  const dataErrors: DataError[] = [];
  const pops = new Map<string, Omit<Population, 'ext'>>();
  for (const id of order) pops.set(id, await loadPopulation(irs.get(id)!, cache, dataErrors));
  if (dataErrors.length) {
    // a file shared by several schemes (ente.csv) is reported once
    const seen = new Set<string>();
    const unique = dataErrors.filter((e) => {
      const k = `${e.file}|${e.line}|${e.column}|${e.message}`;
      return !seen.has(k) && !!seen.add(k);
    }).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
    return { ok: false, dataErrors: unique, problems: [] };
  }
  const runs = new Map<string, SchemeRun>();
  const problems: RunProblem[] = [];
  let done = 0;
  const total = [...pops.values()].reduce((n, p) => n + p.persons.length, 0);
  for (const id of order) {
    const ir = irs.get(id)!;
    const base = pops.get(id)!;
    const ext = new Map<string, ExtSource>();
    for (const u of ir.uses) {
      const r = runs.get(u);
      if (r) ext.set(u, extSource(r));
    }
    const pop: Population = { ...base, ext };
    const ev = new Evaluator(ir, pop);
    const run: SchemeRun = { ir, ev, pop, units: ev.unitList(), funds: [] };
    const tick = async (n: number) => {
      done += n;
      if (!onProgress) return;
      onProgress(done, total, id);
      await new Promise((r) => setImmediate(r));
    };
    const before = done;
    await evaluateAll(run, problems, tick);
    done = before + pop.persons.length;
    run.funds = funds(run, problems);
    runs.set(id, run);
    onProgress?.(done, total, id);
  }
  if (problems.length) return { ok: false, dataErrors: [], problems };
  return { ok: true, runs };
}

export type { V };

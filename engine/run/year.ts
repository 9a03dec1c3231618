// Running a year: the bundle's schemes in dependency order, each on its own population, each able to
// read the results of the schemes it uses (by person key, by unit, or entity-wide). Everything is
// computed before anything is written; a failing rule stops the run with the person and the rule.
import type { IrScheme } from '../compile/ir.ts';
import type { DataError } from '../data/parse.ts';
import type { ReadOptions } from '../data/read.ts';
import { loadPopulation, type TableSource } from '../data/population.ts';
import { whyFalse } from '../compile/constraints.ts';
import { displayIn } from '../report/values.ts';
import { describeFinding, type Finding } from './findings.ts';
import { allocationFindings } from './allocation-findings.ts';
import { D, type Dec } from './decimal.ts';
import { EvalError } from './errors.ts';
import { diag } from '../diagnostics/diagnostic.ts';
import type { Evaluator, Env, Scope } from './evaluate.ts';
import { makeEvaluator, type EvaluatorKind } from './compiled/evaluator.ts';
import type { ExtSource, Population, V } from './population.ts';

export interface FundResult {
  name: string;
  label?: string;
  amount: Dec;
  paid: Dec;
  perPerson: Dec[]; // what each person was paid from the fund, in person order
  remainders: { name: string; label?: string; amount: Dec }[];
  /** named payment tiers (several `pagato` lines): what each paid in all and to each person; `paid` is their sum */
  tiers?: { name: string; label?: string; amount: Dec; perPerson: Dec[] }[];
  balanced: boolean;
  /** an allocation, not a pot: `unspent` is what it did not spend (negative: spent above it) */
  allocation?: boolean;
  unspent?: Dec;
}

export interface SchemeRun {
  ir: IrScheme;
  ev: Evaluator;
  pop: Population;
  units: string[];
  funds: FundResult[];
  /** warnings of this run: constraints of warning severity, spending above allocations, values in no band, ties across a cut */
  findings: Finding[];
}

export interface RunProblem {
  scheme: string;
  person?: string;
  unit?: string;
  rule?: string;
  lang?: 'it' | 'en';
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
    case 'aggregate-empty': return it ? `«${a.name}»: media, minimo o massimo di nessun valore (scrivi il valore per questo caso: «media(x dove c; altrimenti 0 €)»)` : `«${a.name}»: mean, minimum or maximum of no values (state the value for this case: «mean(x where c, otherwise 0 €)»)`;
    case 'item-over-max': return it ? `la voce «${a.name}» vale ${a.value}, oltre il massimo di ${a.max} punti` : `item «${a.name}» is ${a.value}, over its maximum of ${a.max} points`;
    case 'table-no-match-runtime': return it ? `il valore ${a.value} non ricade in nessuna riga della tabella` : `value ${a.value} falls in no row of the table`;
    case 'type-mismatch': {
      const expected = it ? a.expected : ({ 'un numero': 'a number', 'sì/no': 'yes/no', 'un peso ≥ 0': 'a weight ≥ 0' } as Record<string, string>)[a.expected] ?? a.expected;
      return it ? `serve ${expected}, ma il valore è ${a.found}` : `${expected} is needed, but the value is ${a.found}`;
    }
    case 'value-cycle': return it ? `«${a.name}» dipende da se stesso` : `«${a.name}» depends on itself`;
    default: {
      // any other code: its catalogue message, with the hint that says the next step
      const d = diag(e.code, '', { line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, endOffset: 0 }, lang, a);
      return d.hint ? `${d.message} ${d.hint}` : d.message;
    }
  }
}

async function evaluateAll(run: SchemeRun, problems: RunProblem[], tick: (persons: number) => Promise<void>) {
  for (const n of evaluateSteps(run, problems)) await tick(n);
}

/** Every value of a scheme's run, yielding after each 200 persons (so that a terminal can redraw). */
function* evaluateSteps(run: SchemeRun, problems: RunProblem[]): Generator<number> {
  const { ir, ev, pop } = run;
  // an error is reported once, where it was raised: a bad input of one person, or an entity-level value,
  // read by everyone's computation (an allocation, a ranking), is not repeated for every person
  const seen = new Set<string>();
  const fail = (e: unknown, person?: string) => {
    if (!(e instanceof EvalError)) throw e;
    const w = e.where;
    const who = w ? (w.level === 'persona' ? { person: pop.persons[w.p]?.key } : w.level === 'unit' ? { unit: w.unit } : {}) : { person };
    const message = describeEvalError(e, ir.lang);
    const k = `${e.rule}|${who.person ?? ''}|${who.unit ?? ''}|${message}`;
    if (seen.has(k)) return;
    seen.add(k);
    const d = e.rule ? ir.decls.find((x) => x.name === e.rule) : undefined;
    problems.push({ scheme: ir.id, ...who, rule: e.rule, line: d?.line, message, lang: ir.lang });
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
    if (p % 200 === 199) yield 200;
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
          problems.push({ scheme: ir.id, rule: `${r.name}.${col.name}`, line: r.line, message: describeEvalError(e, ir.lang), lang: ir.lang });
          return;
        }
      }
    }
  }
  for (const c of ir.constraints) {
    const f = checkConstraint(run, c, fail);
    if (!f) continue;
    if (f.severity === 'error') problems.push({ scheme: ir.id, line: c.line, message: describeFinding(f, ir.lang, ir).join('\n'), lang: ir.lang });
    else run.findings.push(f);
  }
}

/** One constraint, checked once or for each person, unit or table row: who fails, and why in plain words. */
function checkConstraint(run: SchemeRun, c: IrScheme['constraints'][number], fail: (e: unknown, person?: string) => void): Finding | undefined {
  const { ir, ev, pop } = run;
  const it = ir.lang === 'it';
  const envs: { key: string; env: Env; person?: string }[] = [];
  if (!c.per) envs.push({ key: '', env: { scope: { level: 'ente' } } });
  else if (c.per === 'persona') pop.persons.forEach((p, i) => envs.push({ key: p.key, env: { scope: { level: 'persona', p: i } }, person: p.key }));
  else if (c.per === 'unit') for (const u of run.units) envs.push({ key: u, env: { scope: { level: 'unit', unit: u } } });
  else {
    const t = ir.tables.find((x) => x.name === c.table);
    const unitCol = t?.columns.find((x) => x.type.base === 'unitref')?.name;
    (pop.tables.get(c.table ?? '') ?? []).forEach((row, k) => {
      // a row is checked with its owner in scope (the person or unit it belongs to), so it can read their fields
      let scope: Scope = { level: 'ente' };
      let owner = '';
      if (t?.level === 'persona' && ir.personKey) {
        owner = String(row.get(ir.personKey) ?? '');
        const p = ev.personIndex(owner);
        if (p >= 0) scope = { level: 'persona', p };
      } else if (t?.level === 'unit' && unitCol && typeof row.get(unitCol) === 'string') {
        owner = row.get(unitCol) as string;
        scope = { level: 'unit', unit: owner };
      }
      envs.push({ key: `${it ? 'riga' : 'row'} ${k + 1}${owner ? ` (${owner})` : ''}`, env: { scope, rows: { [c.table!]: row } }, person: scope.level === 'persona' ? owner : undefined });
    });
  }
  const who: Finding['who'] = [];
  for (const x of envs) {
    try {
      if (ev.evaluate(c.expr, x.env) === false) who.push({ key: x.key, why: whyFalse(ev, c.expr, x.env, ir.lang) });
    } catch (e) {
      fail(e, x.person);
    }
  }
  if (!who.length) return undefined;
  const label = c.label ?? (it ? 'vincolo' : 'constraint');
  const per = c.per ?? 'ente';
  const entity = per === 'ente';
  return {
    kind: 'vincolo', severity: c.severity === 'warning' ? 'warning' : 'error', label, per, ...(c.table ? { table: c.table } : {}),
    failing: who.length, of: envs.length, who: entity ? [] : who, ...(entity && who[0].why ? { detail: who[0].why } : {}),
    line: c.line, ...(c.sources?.length ? { sources: c.sources } : {}),
  };
}

/** Persons whose value falls in no row of a band table: no band, and nothing paid by band (run-time warning). */
function bandGaps(run: SchemeRun): Finding[] {
  const { ir, ev, pop } = run;
  const out: Finding[] = [];
  for (const d of ir.decls.filter((x) => x.kind === 'bands')) {
    const subject = (d.expr as { bands: { subject: unknown } }).bands.subject as Parameters<Evaluator['evaluate']>[0];
    const who: Finding['who'] = [];
    for (let p = 0; p < pop.persons.length; p++) {
      try {
        if (ev.value(d.name, { level: 'persona', p }) !== null) continue;
        const v = ev.evaluate(subject, { scope: { level: 'persona', p } });
        if (v === null) continue;
        const sub = subject && typeof subject === 'object' && 'val' in subject ? ir.decls.find((x) => x.name === (subject as { val: string }).val) : undefined;
        const shown = displayIn(v, sub?.type ?? (sub ? undefined : { base: 'num', unit: 'punti' }), ir.lang);
        const name = ir.lang === 'en' ? ({ totale: 'total', ammesso: 'eligible' } as Record<string, string>)[sub?.name ?? ''] ?? sub?.name : sub?.name;
        who.push({ key: pop.persons[p].key, why: `${name ?? (ir.lang === 'it' ? 'valore' : 'value')} ${shown}` });
      } catch {
        // an error here was reported when the values were computed
      }
    }
    if (who.length) out.push({ kind: 'fascia', severity: 'warning', label: d.label ?? d.name, per: 'persona', failing: who.length, of: pop.persons.length, who, line: d.line });
  }
  return out;
}

/** Top-k cuts where persons tied with the last one taken were left out by the tie rule (run-time warning). */
function tiedCuts(run: SchemeRun): Finding[] {
  const { ir, ev, pop } = run;
  const byRule = new Map<string, Finding>();
  const seen = new Set<string>();
  for (const c of ev.cuts) {
    if (!c.tiedOut.length || seen.has(`${c.rule}|${c.group}`)) continue;
    seen.add(`${c.rule}|${c.group}`);
    const d = ir.decls.find((x) => x.name === c.rule);
    let f = byRule.get(c.rule);
    if (!f) byRule.set(c.rule, (f = { kind: 'migliori', severity: 'warning', label: d?.label ?? c.rule, per: 'persona', failing: 0, of: 0, who: [], line: d?.line ?? 0 }));
    const group = c.group.startsWith('u:') ? ` (${c.group.slice(2)})` : '';
    for (const i of c.tiedOut) {
      f.who.push({ key: pop.persons[i].key, why: ir.lang === 'it' ? `a pari merito con l'ultimo incluso (${c.taken} inclusi${group})` : `tied with the last one taken (${c.taken} taken${group})` });
    }
    f.failing += c.tiedOut.length;
    f.of += c.candidates;
  }
  return [...byRule.values()];
}

/** « (primo 100.00 €, secondo 20.00 €)»: what each tier of a fund paid, for messages. */
function tierText(tiers: FundResult['tiers'], _lang: 'it' | 'en'): string {
  return tiers?.length ? ` (${tiers.map((t) => `${t.label ?? t.name} ${t.amount.toFixed(2)} €`).join('; ')})` : '';
}

/** Entity gates (`requisito ente`) not met: the whole scheme is switched off, nobody is admitted (run-time warning). */
function switchedOff(run: SchemeRun): Finding[] {
  const { ir, ev, pop } = run;
  const out: Finding[] = [];
  for (const d of ir.decls) {
    if (d.kind !== 'gate' || d.level !== 'ente') continue;
    let v: V;
    try {
      v = ev.value(d.name, { level: 'ente' });
    } catch {
      continue; // reported when the values were computed
    }
    if (v !== false) continue;
    out.push({ kind: 'requisito', severity: 'warning', label: d.label ?? d.name, per: 'ente', failing: pop.persons.length, of: pop.persons.length, who: [], line: d.line, ...(d.sources?.length ? { sources: d.sources } : {}) });
  }
  return out;
}

function funds(run: SchemeRun, problems: RunProblem[]): FundResult[] {
  const { ir, ev, pop } = run;
  const out: FundResult[] = [];
  for (const f of ir.funds) {
    try {
      const amount = ev.num(ev.evaluate(f.amount, { scope: { level: 'ente' } }));
      const perPerson = pop.persons.map((_, p) => ev.num(ev.evaluate(f.paid, { scope: { level: 'persona', p } })));
      const paid = perPerson.reduce((s, x) => s.plus(x), new D(0));
      const tiers = f.tiers?.map((t) => {
        const each = pop.persons.map((_, p) => ev.num(ev.evaluate(t.expr, { scope: { level: 'persona', p } })));
        return { name: t.name, label: t.label, amount: each.reduce((s, x) => s.plus(x), new D(0)), perPerson: each };
      });
      const remainders = f.remainders.map((r) => ({ name: r.name, label: r.label, amount: ev.num(ev.evaluate(r.expr, { scope: { level: 'ente' } })) }));
      const sum = remainders.reduce((s, r) => s.plus(r.amount), paid);
      const balanced = sum.toDecimalPlaces(2).eq(amount.toDecimalPlaces(2)) && sum.eq(amount);
      if (f.allocation) {
        // an allocation, not a pot: what is not spent stays unspent; spending above it is reported, not an error
        const unspent = amount.minus(sum);
        if (unspent.isNeg()) {
          const it = ir.lang === 'it';
          const e = (x: Dec) => displayIn(x, { base: 'num', unit: 'euro' }, ir.lang);
          run.findings.push({
            kind: 'stanziamento', severity: 'warning', label: f.label ?? f.name, per: 'ente', failing: 1, of: 1, who: [], line: f.line,
            detail: it ? `stanziati ${e(amount)}, spesi ${e(sum)}: ${e(unspent.neg())} oltre lo stanziamento` : `allocated ${e(amount)}, spent ${e(sum)}: ${e(unspent.neg())} above the allocation`,
            ...(f.sources?.length ? { sources: f.sources } : {}),
          });
        }
        out.push({ name: f.name, label: f.label, amount, paid, perPerson, remainders, ...(tiers ? { tiers } : {}), balanced, allocation: true, unspent });
        continue;
      }
      if (!balanced) {
        problems.push({
          scheme: ir.id, line: f.line,
          lang: ir.lang,
          message: ir.lang === 'it'
            ? `il fondo «${f.label ?? f.name}» non quadra: ${amount.toFixed(2)} € stanziati, ${paid.toFixed(2)} € pagati${tierText(tiers, 'it')}, ${sum.minus(paid).toFixed(2)} € nei resti; differenza ${amount.minus(sum).toFixed()} € (se è uno stanziamento e non un fondo da ripartire, scrivi «= importo stanziati»)`
            : `fund «${f.label ?? f.name}» does not balance: ${amount.toFixed(2)} € allocated, ${paid.toFixed(2)} € paid${tierText(tiers, 'en')}, ${sum.minus(paid).toFixed(2)} € in remainders; difference ${amount.minus(sum).toFixed()} € (if it is an allocation and not a pot to share out, write «= amount allocated»)`,
        });
      }
      out.push({ name: f.name, label: f.label, amount, paid, perPerson, remainders, ...(tiers ? { tiers } : {}), balanced });
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      problems.push({ scheme: ir.id, line: f.line, message: describeEvalError(e, ir.lang), lang: ir.lang });
    }
  }
  return out;
}

/**
 * One scheme on a population already built (a population example): the same evaluation, funds and warnings as
 * in a year's run, at once. Problems (a rule that fails, a fund that does not balance, a constraint) are returned.
 */
export function runSchemeOn(ir: IrScheme, pop: Population, evaluator?: EvaluatorKind): { run: SchemeRun; problems: RunProblem[] } {
  const ev = makeEvaluator(ir, pop, evaluator);
  const run: SchemeRun = { ir, ev, pop, units: ev.unitList(), funds: [], findings: [] };
  const problems: RunProblem[] = [];
  for (const _ of evaluateSteps(run, problems)) void _;
  run.funds = funds(run, problems);
  if (!problems.length) run.findings.push(...switchedOff(run), ...bandGaps(run), ...tiedCuts(run));
  return { run, problems };
}

/**
 * Runs a year; `onProgress` hears of every 200 persons evaluated (the run yields then, so a terminal can
 * redraw); `read` bounds the data files read (their size limit, else SCHEDA_MAX_DATA_BYTES or 512 MB).
 */
export async function runYear(
  irs: Map<string, IrScheme>, order: string[], dataDir: string, onProgress?: (done: number, total: number, label: string) => void, read: ReadOptions = {},
  evaluator?: EvaluatorKind,
): Promise<YearResult> {
  // the data folder is read only here (Node), so the rest of this module runs in a browser too
  const { TableCache } = await import('../data/cache.ts');
  return runYearOn(irs, order, new TableCache(dataDir, read), onProgress, undefined, evaluator);
}

/**
 * Runs a year on tables from any source: a data folder (runYear) or files already read (the editor's preview).
 * `reuse`: a run of a scheme to take as it is instead of running it again — the editor's preview passes the
 * last run of a scheme whose text, whose used schemes' texts and whose data have not changed since (only runs
 * that had no problems); its population is not even loaded again.
 */
export async function runYearOn(
  irs: Map<string, IrScheme>, order: string[], cache: TableSource, onProgress?: (done: number, total: number, label: string) => void,
  reuse?: (id: string) => SchemeRun | undefined,
  evaluator?: EvaluatorKind, // the compiled evaluator unless 'reference' (or SCHEDA_EVALUATOR=reference)
): Promise<YearResult> {
  const dataErrors: DataError[] = [];
  const pops = new Map<string, Omit<Population, 'ext'>>();
  const reused = new Map<string, SchemeRun>();
  for (const id of order) {
    const r = reuse?.(id);
    if (r) reused.set(id, r);
    else pops.set(id, await loadPopulation(irs.get(id)!, cache, dataErrors));
  }
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
    const again = reused.get(id);
    if (again) {
      runs.set(id, again);
      continue;
    }
    const ir = irs.get(id)!;
    const base = pops.get(id)!;
    const ext = new Map<string, ExtSource>();
    for (const u of ir.uses) {
      const r = runs.get(u);
      if (r) ext.set(u, extSource(r));
    }
    const pop: Population = { ...base, ext };
    const ev = makeEvaluator(ir, pop, evaluator);
    const run: SchemeRun = { ir, ev, pop, units: ev.unitList(), funds: [], findings: [] };
    const tick = async (n: number) => {
      done += n;
      if (!onProgress) return;
      onProgress(done, total, id);
      await new Promise((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));
    };
    const before = done;
    const clean = problems.length;
    await evaluateAll(run, problems, tick);
    done = before + pop.persons.length;
    run.funds = funds(run, problems);
    if (problems.length === clean) run.findings.push(...switchedOff(run), ...bandGaps(run), ...tiedCuts(run), ...allocationFindings(run));
    runs.set(id, run);
    onProgress?.(done, total, id);
  }
  if (problems.length) return { ok: false, dataErrors: [], problems };
  return { ok: true, runs };
}

export type { V };

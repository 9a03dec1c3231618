// Helpers for the differential tests of the compiled evaluator: everything a run computed, as plain text
// (decimal strings), so the reference and the compiled evaluator can be compared value by value.
import type { Evaluator } from '../../engine/run/evaluate.ts';
import { EvalError } from '../../engine/run/errors.ts';
import type { SchemeRun, YearResult } from '../../engine/run/year.ts';
import type { V } from '../../engine/run/population.ts';
import { isDec, type Dec } from '../../engine/run/decimal.ts';

export function text(v: unknown): unknown {
  if (isDec(v)) return (v as Dec).toFixed();
  if (Array.isArray(v)) return v.map(text);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)]));
  return v;
}

/** A value, or the error it raises (code, arguments, rule), as text. */
function cellOf(f: () => V): unknown {
  try {
    return text(f());
  } catch (e) {
    if (e instanceof EvalError) return { error: e.code, args: e.args, rule: e.rule };
    throw e;
  }
}

/** Every declared value of every person, unit and the entity, in declaration order. */
export function allValues(ev: Evaluator, units: string[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const d of ev.ir.decls) {
    if (d.kind === 'report') continue;
    if (d.level === 'ente') out[d.name] = [cellOf(() => ev.value(d.name, { level: 'ente' }))];
    else if (d.level === 'unit') out[d.name] = units.map((unit) => cellOf(() => ev.value(d.name, { level: 'unit', unit })));
    else out[d.name] = ev.pop.persons.map((_, p) => cellOf(() => ev.value(d.name, { level: 'persona', p })));
  }
  return out;
}

/** A scheme's run as text: values, allocations, cuts, funds, findings. */
export function runText(run: SchemeRun): unknown {
  const values = allValues(run.ev, run.units);
  return text({ values, allocations: run.ev.allocations, cuts: run.ev.cuts, funds: run.funds, findings: run.findings });
}

/** A year's result as text: its problems and data errors, or every run. */
export function yearText(r: YearResult): unknown {
  if (!r.ok) return text({ dataErrors: r.dataErrors, problems: r.problems });
  return Object.fromEntries([...r.runs].map(([id, run]) => [id, runText(run)]));
}

/** Runs `f` with SCHEDA_EVALUATOR set to `kind` (the default evaluator of runs and examples). */
export function withEvaluator<T>(kind: 'compiled' | 'reference', f: () => T): T {
  const saved = process.env.SCHEDA_EVALUATOR;
  process.env.SCHEDA_EVALUATOR = kind;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.SCHEDA_EVALUATOR;
    else process.env.SCHEDA_EVALUATOR = saved;
  }
}

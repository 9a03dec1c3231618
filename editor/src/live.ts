// What the editor's panels show, computed by the engine through engine/index.ts only (so it runs in the
// workers, and in Node for the tests): the open scheme's examples, the year run on the sample data (per
// person, funds, published tables), the impact against the saved version, and the semantic change list
// between two versions.
import {
  buildBundle, buildReport, buildResults, changesText, describeEvalError, diffVersions, impactOf, MemoryTables, parseVersion, runExample, runYearOn,
  type BundleResult, type Change, type IrScheme, type PersonChange, type ReportJson, type SchemeImpact, type SchemeRun, type TableSource,
} from '../../engine/index.ts';
import type { WorkerFile } from './protocol.ts';

const USES = /^[ \t]*(?:usa|uses)[ \t]+([A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*)/gm;

/** The target and the schemes it uses, transitively (its siblings that it does not use need no checking). */
export function needed(files: WorkerFile[], target: string): WorkerFile[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  const keep = new Map<string, WorkerFile>();
  const visit = (f: WorkerFile | undefined) => {
    if (!f || keep.has(f.id)) return;
    keep.set(f.id, f);
    for (const m of f.text.matchAll(USES)) visit(byId.get(m[1]));
  };
  visit(files.find((f) => f.file === target));
  return [...keep.values()];
}

/** What a scheme's run depends on among the open texts: its text and those of the schemes it uses, transitively. */
export function runKey(files: WorkerFile[], id: string): string {
  const f = files.find((x) => x.id === id);
  return f ? needed(files, f.file).map((x) => `${x.file}\0${x.text}`).sort().join('\0') : '';
}

// ── examples ──

export interface ExampleRow {
  label: string;
  line: number;
  col: number;
  ok: boolean;
  variant?: string;
  /** why it fails, one line each: «premio: atteso 600 €, calcolato 550 €» */
  details: string[];
}

/** The open scheme's examples, run as `scheda test` runs them (each under the reading it names). */
export function runExamples(bundle: BundleResult, files: WorkerFile[], id: string): ExampleRow[] {
  const ir = bundle.irs.get(id);
  if (!ir) return [];
  const it = ir.lang === 'it';
  const under = new Map<string, IrScheme | undefined>();
  return ir.examples.map((ex, k) => {
    let doc: IrScheme | undefined = ir;
    if (ex.variant !== undefined) {
      if (!under.has(ex.variant)) under.set(ex.variant, buildBundle(files, { variant: ex.variant }).irs.get(id));
      doc = under.get(ex.variant);
    }
    const row: ExampleRow = { label: ex.label, line: ex.line, col: ex.col, ok: false, details: [], ...(ex.variant !== undefined ? { variant: ex.variant } : {}) };
    if (!doc) {
      row.details.push(it ? `la variante «${ex.variant}» ha errori` : `variant «${ex.variant}» has errors`);
      return row;
    }
    const r = runExample(doc, doc.examples[k]);
    row.ok = r.ok;
    for (const f of r.failures) row.details.push(`${f.line}:${f.col} ${f.who ? `${f.who}: ` : ''}${f.name}: ${it ? 'atteso' : 'expected'} ${f.expected}, ${it ? 'calcolato' : 'computed'} ${f.actual}`);
    for (const p of r.problems ?? []) row.details.push(p);
    if (r.error) row.details.push(`${r.error.rule ? `«${r.error.rule}»: ` : ''}${describeEvalError(r.error, ir.lang)}`);
    return row;
  });
}

// ── the year on the sample data ──

export interface PreviewPerson {
  key: string;
  unit: string | null;
  paid: string; // what the scheme's funds pay the person, in all
  values: Record<string, unknown>;
}

export interface Preview {
  scheme: string;
  lang: 'it' | 'en';
  ok: boolean;
  /** data errors and rule failures, one line each (nothing else is shown when there are some) */
  problems: string[];
  columns: { name: string; label?: string }[];
  persons: PreviewPerson[];
  funds: { name: string; label?: string; amount: string; paid: string; remainders: { name: string; label?: string; amount: string }[]; balanced: boolean; allocation?: boolean; unspent?: string }[];
  findings: string[];
  report?: ReportJson;
  reportError?: string;
  impact?: { scheme?: SchemeImpact; persons: PersonChange[]; same?: boolean; error?: string };
  /** in the worker: parse + check + compile, the year's run (data tables, evaluation, funds), the preview's tables, the impact */
  ms: { build: number; run: number; tables: number; impact: number };
}

export type YearRuns = { ok: true; runs: Map<string, SchemeRun> } | { ok: false; problems: string[] };

/** The year of the open scheme and of the schemes it uses, on `tables`. */
export async function runOn(
  files: WorkerFile[], target: string, tables: TableSource, reuse?: (id: string) => SchemeRun | undefined,
): Promise<YearRuns & { bundle?: BundleResult; buildMs?: number }> {
  const t0 = performance.now();
  // the main reading only: the variants are checked by the markers' build (engine.worker.ts)
  const bundle = buildBundle(needed(files, target), { variantChecks: false });
  const buildMs = performance.now() - t0;
  const errors = bundle.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !bundle.checked) {
    return { ok: false, bundle, problems: errors.map((d) => `${d.file}:${d.span.line}:${d.span.col}: ${d.message}`) };
  }
  const r = await runYearOn(bundle.irs, bundle.checked.order, tables, undefined, reuse);
  if (!r.ok) {
    return {
      ok: false, bundle,
      problems: [
        ...r.dataErrors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}${e.column ? ` [${e.column}]` : ''}: ${e.message}`),
        ...r.problems.map((p) => `${p.scheme}${p.line ? `:${p.line}` : ''}${p.person ? ` (${p.person})` : p.unit ? ` (${p.unit})` : ''}${p.rule ? ` «${p.rule}»` : ''}: ${p.message}`),
      ],
    };
  }
  return { ok: true, bundle, buildMs, runs: r.runs };
}

/** The published tables of the scheme `id` (through the disclosure control, which can take seconds: its own worker). */
export function reportOf(id: string, r: YearRuns): { report?: ReportJson; error?: string } {
  if (!r.ok) return { error: r.problems[0] };
  try {
    return { report: buildReport(r.runs.get(id)!) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The preview of the scheme `id` from a run of its year (`withReport`: the published tables too). */
export function previewOf(id: string, r: YearRuns, lang: 'it' | 'en', withReport = true): Omit<Preview, 'ms' | 'impact'> {
  if (!r.ok) return { scheme: id, lang, ok: false, problems: r.problems, columns: [], persons: [], funds: [], findings: [] };
  const run = r.runs.get(id)!;
  const res = buildResults(run);
  const names = res.persone[0] ? Object.keys(res.persone[0].valori) : [];
  const columns = names.map((n) => ({ name: n, label: run.ir.decls.find((d) => d.name === n)?.label }));
  const persons = res.persone.map((p, i) => ({
    key: p.chiave, unit: p.unita, values: p.valori,
    paid: run.funds.length ? run.funds.map((f) => f.perPerson[i]).reduce((a, b) => a.plus(b)).toFixed(2) : '0.00',
  }));
  const funds = run.funds.map((f) => ({
    name: f.name, label: f.label, amount: f.amount.toFixed(2), paid: f.paid.toFixed(2), balanced: f.balanced,
    remainders: f.remainders.map((x) => ({ name: x.name, label: x.label, amount: x.amount.toFixed(2) })),
    ...(f.allocation ? { allocation: true, unspent: f.unspent?.toFixed(2) } : {}),
  }));
  const { report, error: reportError } = withReport ? reportOf(id, r) : { report: undefined, error: undefined };
  return { scheme: id, lang: run.ir.lang, ok: true, problems: [], columns, persons, funds, findings: res.avvisi.map((a) => `${a.etichetta}: ${a.testo}`), report, reportError };
}

/** The impact of the open text against the saved one, for the scheme `id`: public figures and who changes. */
export function impactFor(id: string, saved: YearRuns, now: YearRuns): Preview['impact'] {
  if (!saved.ok) return { persons: [], error: saved.problems[0] };
  if (!now.ok) return { persons: [], error: now.problems[0] };
  const i = impactOf(saved.runs, now.runs);
  return { scheme: i.schemes.find((s) => s.scheme === id), persons: i.persons[id] ?? [] };
}

/** A data folder sent by the server (base64) as tables. */
export function tablesOf(files: { name: string; base64: string }[]): MemoryTables {
  return new MemoryTables(files.map((f) => ({ name: f.name, bytes: Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) })));
}

// ── compare two versions ──

export interface CompareResult {
  changes: Change[];
  /** the list as `scheda diff` prints it */
  text: string[];
  error?: string;
}

/** The semantic changes from `older` to `newer` (each a scheme text with its file name), as `scheda diff` lists them. */
export function compare(older: WorkerFile, newer: WorkerFile, lang: 'it' | 'en'): CompareResult {
  try {
    const changes = diffVersions([parseVersion(older)], [parseVersion(newer)], { lang });
    return { changes, text: changesText(changes, lang) };
  } catch (e) {
    return { changes: [], text: [], error: (e as Error).message };
  }
}

// Helpers for constraints, run-time warnings and outputs: a scheme and its data written to a temp folder,
// checked and run in-process (as `scheda run` does), or run through the real command.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundles } from '../../engine/pipeline.ts';
import { runYear, type YearResult } from '../../engine/run/year.ts';
import { buildReport, buildResults } from '../../engine/report/tables.ts';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A year folder with one scheme `s` and its data files (name → CSV text; `ente.csv` added if missing). */
export function writeYear(scheme: string, data: Record<string, string>): { dir: string; rules: string; data: string } {
  const dir = mkdtempSync(join(tmpdir(), 'scheda-lang-'));
  mkdirSync(join(dir, 'r'));
  mkdirSync(join(dir, 'd'));
  writeFileSync(join(dir, 'r', 's.scheda'), scheme);
  for (const [f, t] of Object.entries({ 'ente.csv': 'nome;valore\n', ...data })) writeFileSync(join(dir, 'd', f), t);
  return { dir, rules: join(dir, 'r'), data: join(dir, 'd') };
}

/** Diagnostics of a scheme text. */
export function check(scheme: string): Diagnostic[] {
  const { rules } = writeYear(scheme, {});
  return loadBundles([rules])[0].bundle.diagnostics;
}

/** Runs the scheme in-process; throws on errors in the rules. */
export async function run(scheme: string, data: Record<string, string>): Promise<YearResult> {
  const y = writeYear(scheme, data);
  const [{ bundle }] = loadBundles([y.rules]);
  if (!bundle.ok) throw new Error(bundle.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line}: ${d.code} ${d.message}`).join('\n'));
  return runYear(bundle.irs, bundle.checked!.order, y.data);
}

/** results.json and report.json of scheme `s`, as `scheda run` writes them. */
export async function outputs(scheme: string, data: Record<string, string>) {
  const r = await run(scheme, data);
  if (!r.ok) throw new Error(JSON.stringify([...r.dataErrors, ...r.problems], null, 2));
  const s = r.runs.get('s')!;
  return { run: s, results: JSON.parse(JSON.stringify(buildResults(s))), report: JSON.parse(JSON.stringify(buildReport(s))) };
}

/** `scheda run` on the scheme: exit status, stdout, and the files written. */
export function cli(scheme: string, data: Record<string, string>, ...cmd: string[]) {
  const y = writeYear(scheme, data);
  const out = join(y.dir, 'o');
  const args = cmd.length ? cmd.map((a) => a.replace('$RULES', y.rules).replace('$DATA', y.data)) : ['run', y.rules, '--data', y.data, '--out', out];
  const r = spawnSync(process.execPath, ['bin/scheda.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const file = (p: string) => readFileSync(join(out, 's', p), 'utf8');
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, file };
}

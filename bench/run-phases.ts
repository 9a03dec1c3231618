// `node scripts/build.mjs bench/run-phases.ts && node dist/run-phases.mjs --data DIR --out DIR [--report]`
//
// `scheda run` of the bench scheme (bench/comparto) timed phase by phase, in one process, the way the CLI
// does it: the year's run (data loading, evaluation, allocation, funds, findings: runYear), results.json
// and results.csv written as streams into an output folder (OutputFolder, atomic), and — only with
// `--report` — the public report (buildReport: disclosure control and its audit). Without `--report` no
// report is built or written: this is a measuring tool for the phases around the audit (which is the
// known cost past ≈ 20,000 persons), never a way to publish. Prints one JSON line:
//   PHASES {"persons":…,"year_s":…,"results_s":…,"report_s":…|null,"cpu_s":…,"rss_mb":…}
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundles } from '../engine/pipeline.ts';
import { runYear } from '../engine/run/year.ts';
import { buildReport, buildResults, resultPerson } from '../engine/report/tables.ts';
import { resultsCsvParts } from '../engine/report/csv.ts';
import { resultsJsonStream } from '../engine/report/results-json.ts';
import { OutputFolder } from '../engine/cli/output.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};

async function main() {
  const data = arg('data');
  const out = arg('out');
  if (!data || !out) throw new Error('usage: run-phases --data DIR --out DIR [--report]');
  const scheme = arg('scheme') ?? join(ROOT, 'bench', 'comparto');
  const [{ bundle }] = loadBundles([scheme]);
  if (!bundle.ok) throw new Error('the scheme does not compile');
  const t0 = performance.now();
  const r = await runYear(bundle.irs, bundle.checked!.order, data);
  if (!r.ok) throw new Error('the run failed: ' + JSON.stringify(r).slice(0, 500));
  const t1 = performance.now();
  const folder = OutputFolder.open(out, { inputs: [scheme, data] });
  let persons = 0;
  try {
    const files: [string, string | Iterable<string>][] = [];
    for (const [id, run] of r.runs) {
      persons += run.pop.persons.length;
      files.push([`${id}/results.json`, resultsJsonStream(buildResults(run, { persons: false }), run.pop.persons.length, (i) => resultPerson(run, i))]);
      files.push([`${id}/results.csv`, resultsCsvParts(run)]);
    }
    folder.write(files);
  } finally {
    folder.release();
  }
  const t2 = performance.now();
  let report: number | null = null;
  if (process.argv.includes('--report')) {
    for (const run of r.runs.values()) buildReport(run); // timed only: nothing of it is written
    report = (performance.now() - t2) / 1000;
  }
  const u = process.cpuUsage();
  console.log(`PHASES ${JSON.stringify({ persons, year_s: (t1 - t0) / 1000, results_s: (t2 - t1) / 1000, report_s: report, cpu_s: (u.user + u.system) / 1e6, rss_mb: process.resourceUsage().maxRSS / 1024 })}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

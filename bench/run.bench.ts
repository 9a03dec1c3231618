// Benchmark of `scheda run` work, in-process: read + validate the data, evaluate the four Cremona
// schemes, conserve the funds, render the reports. Also the same with the comparto staff replicated
// ×10 (5,820 persons, ids made unique) to see how evaluation scales. Run: npm run bench:run
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundles } from '../engine/pipeline.ts';
import { runYear } from '../engine/run/year.ts';
import { buildReport, buildResults } from '../engine/report/tables.ts';
import { resultsCsv } from '../engine/report/csv.ts';
import { reportHtml } from '../engine/report/html.ts';

const ROOT = join(import.meta.dirname, '..');
const [{ bundle }] = loadBundles([join(ROOT, 'rules', 'cremona', '2024')]);
if (!bundle.ok) throw new Error('the Cremona rules do not compile');

async function once(data: string): Promise<{ run: number; render: number; persons: number }> {
  const t0 = performance.now();
  const r = await runYear(bundle.irs, bundle.checked!.order, data);
  const t1 = performance.now();
  if (!r.ok) throw new Error(JSON.stringify(r.dataErrors.slice(0, 3)) + JSON.stringify(r.problems.slice(0, 3)));
  let persons = 0;
  for (const run of r.runs.values()) {
    persons += run.pop.persons.length;
    const rep = buildReport(run);
    JSON.stringify(buildResults(run));
    resultsCsv(run);
    reportHtml(rep);
  }
  return { run: t1 - t0, render: performance.now() - t1, persons };
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(label: string, data: string, warm: number, n: number) {
  for (let i = 0; i < warm; i++) await once(data);
  const runs: number[] = [];
  const renders: number[] = [];
  let persons = 0;
  for (let i = 0; i < n; i++) {
    const r = await once(data);
    runs.push(r.run);
    renders.push(r.render);
    persons = r.persons;
  }
  console.log(`${label.padEnd(34)}${String(persons).padStart(8)}${median(runs).toFixed(1).padStart(12)}${median(renders).toFixed(1).padStart(12)}`);
}

console.log(`node ${process.version}; median of measured runs, ms`);
console.log(`${'dataset'.padEnd(34)}${'persons'.padStart(8)}${'load+run'.padStart(12)}${'render'.padStart(12)}`);
await measure('Cremona 2024 (synthetic)', join(ROOT, 'data', 'cremona-2024'), 3, 15);

const big = mkdtempSync(join(tmpdir(), 'scheda-bench-'));
cpSync(join(ROOT, 'data', 'cremona-2024'), big, { recursive: true });
const staff = readFileSync(join(big, 'comparto-persone.csv'), 'utf8').split('\r\n').filter(Boolean);
const rows = staff.slice(1).flatMap((l) => Array.from({ length: 10 }, (_, k) => l.replace(/^C(\d+)/, (_m, d) => `C${d}${k}`)));
writeFileSync(join(big, 'comparto-persone.csv'), [staff[0], ...rows].join('\r\n') + '\r\n');
await measure('comparto ×10', big, 1, 5);
rmSync(big, { recursive: true, force: true });

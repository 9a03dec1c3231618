// `npm run bench:million [-- --persons N] [--heap MB] [--keep]`: `scheda run` end to end on a generated
// population of the fictional Example Town 2025 scheme (1,000,000 persons unless told otherwise), as a
// separate process, the way an operator runs it. It passes when the run exits 0 with one results.csv
// row per person and report.json written, and no stack overflow anywhere; it prints the time and the
// peak resident memory. Speed is not its business (issue 9): it may take minutes.
//
// The heap: at a million persons the run keeps every person's values (several GB), more than Node's
// default heap (about 4 GB on a large machine); `--heap` sets --max-old-space-size (default 16384 MB).
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeExampleTown } from './population.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : process.argv[i + 1];
};
const persons = Number(arg('persons', '1000000'));
const heap = Number(arg('heap', '16384'));
const keep = process.argv.includes('--keep');
if (!Number.isInteger(persons) || persons < 1) throw new Error('--persons: a positive integer');

const dir = mkdtempSync(join(tmpdir(), 'scheda-million-'));
const data = join(dir, 'data');
const out = join(dir, 'out');
const t0 = performance.now();
mkdirSync(data);
await writeExampleTown(data, persons);
const tGen = (performance.now() - t0) / 1000;
console.log(`million: ${persons} persons written to ${data} in ${tGen.toFixed(1)} s (${(statSync(join(data, 'staff-persone.csv')).size / 1e6).toFixed(0)} MB)`);

// the child reports its own peak resident memory when it exits
const probe = join(dir, 'peak-rss.cjs');
writeFileSync(probe, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, `\\npeak_rss_kb=${u.maxRSS} cpu_us=${u.userCPUTime + u.systemCPUTime}\\n`); });\n");

const t1 = performance.now();
const child = spawn(process.execPath, [`--max-old-space-size=${heap}`, '-r', probe, join(root, 'bin', 'scheda.mjs'), 'run', join(root, 'rules', 'example-town', '2025'), '--data', data, '--out', out], {
  cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
});
let stdout = '';
let stderr = '';
child.stdout.on('data', (b) => (stdout += b));
child.stderr.on('data', (b) => (stderr = (stderr + b).slice(-20000)));
const code = await new Promise((r) => child.on('close', r));
const tRun = (performance.now() - t1) / 1000;
const peak = Number(/peak_rss_kb=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
const cpu = Number(/cpu_us=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1e6;

const problems = [];
if (code !== 0) problems.push(`exit code ${code}`);
if (/Maximum call stack size exceeded|RangeError|heap out of memory|Invalid string length/.test(stderr + stdout)) problems.push('a crash in the output (see above)');
const csv = join(out, 'staff', 'results.csv');
if (!existsSync(csv)) problems.push('no staff/results.csv');
else {
  let lines = 0;
  for await (const chunk of createReadStream(csv)) for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  if (lines !== persons + 1) problems.push(`results.csv has ${lines - 1} person rows, not ${persons}`);
}
if (!existsSync(join(out, 'staff', 'report.json'))) problems.push('no staff/report.json');
else if (JSON.parse(readFileSync(join(out, 'staff', 'report.json'), 'utf8')).statistiche.persone !== persons) problems.push('report.json counts other persons');
if (!existsSync(join(out, 'staff', 'results.json'))) problems.push('no staff/results.json');

if (problems.length) process.stdout.write(stdout.slice(-4000) + stderr.slice(-4000));
console.log(`million: persons=${persons} run_s=${tRun.toFixed(1)} cpu_s=${cpu.toFixed(1)} peak_rss_mb=${peak.toFixed(0)} heap_limit_mb=${heap} results_json_mb=${existsSync(join(out, 'staff', 'results.json')) ? (statSync(join(out, 'staff', 'results.json')).size / 1e6).toFixed(0) : '-'} ${problems.length ? `FAILED: ${problems.join('; ')}` : 'ok'}`);
if (keep) console.log(`million: kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exitCode = problems.length ? 1 : 0;

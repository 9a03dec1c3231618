// `npm run bench -- --persons N [--timeout S] [--seed S] [--repeat R] [--heap MB] [--skip-scheda] [--keep]`
//
// The speed of scheda on a comparto-like scheme (bench/comparto/comparto.scheda) against two hand-written
// implementations of the same scheme (bench/baselines/: (a) a decimal.js loop, (b) integer cents), on
// the same generated data (bench/generate.mjs, seeded). One process tree:
//   1. generate N persons (CSV, streamed) into a temporary folder;
//   2. scheda in-process, in a child (so a timeout can stop it): parse + check + compile, data loading,
//      evaluation (every value that no allocation feeds), allocation (the `ripartisci` values and all
//      that follow from them); median of R repetitions for N ≤ 20 000;
//   3. scheda end to end: `scheda run` as a child process (CSV in → results and reports out), wall time
//      and peak RSS from /usr/bin/time (or from the child's process.resourceUsage when time is missing);
//   4. (a) and (b) in this process: read, compute (median of R), write results;
//   5. both baselines compared with scheda's results.csv person by person, to the cent.
// It prints a table, and as its last line:
//   bench: persons=N e2e_s=… rss_mb=… vs_decimal=…x vs_intcents=…x agree=yes|no
// vs_decimal: how many times faster scheda's evaluation + allocation is than (a)'s compute (below 1: slower);
// vs_intcents: how many times slower it is than (b)'s compute. A phase past --timeout is reported as timed
// out (e2e_s=timeout) and agree=no when nothing could be compared.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundles } from '../engine/pipeline.ts';
import { loadPopulation } from '../engine/data/population.ts';
import { TableCache } from '../engine/data/cache.ts';
import type { DataError } from '../engine/data/read.ts';
import { makeEvaluator } from '../engine/run/compiled/evaluator.ts';
import type { IrScheme } from '../engine/compile/ir.ts';
import { generate } from './generate.mjs';
import * as decimal from './baselines/decimal.mjs';
import * as intcents from './baselines/intcents.mjs';
import { compareResults } from './baselines/compare.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCHEME = join(ROOT, 'bench', 'comparto');
const arg = (name: string, d?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? d : process.argv[i + 1];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---- scheda in-process phases (run in a child: `--inprocess DIR`) ----

/** The declarations an allocation feeds: those with `allocate` in them, or reading one of them. */
function allocationDecls(ir: IrScheme): Set<string> {
  const set = new Set<string>();
  const text = new Map(ir.decls.map((d) => [d.name, JSON.stringify(d.expr)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, t] of text) {
      if (set.has(name)) continue;
      if (/"allocate(_units)?"/.test(t) || [...set].some((s) => t.includes(`{"val":${JSON.stringify(s)}}`))) {
        set.add(name);
        changed = true;
      }
    }
  }
  return set;
}

async function inProcess(dir: string, repeat: number) {
  const compile: number[] = [];
  let ir: IrScheme | undefined;
  for (let i = 0; i < Math.max(3, repeat); i++) {
    const t = performance.now();
    const [{ bundle }] = loadBundles([SCHEME]);
    compile.push(performance.now() - t);
    if (!bundle.ok) throw new Error('the bench scheme does not compile');
    ir = bundle.irs.get('comparto')!;
  }
  const alloc = allocationDecls(ir!);
  const load: number[] = [];
  const evaluation: number[] = [];
  const allocation: number[] = [];
  // CPU time of each phase too (user + system, ms): on a shared machine wall time moves with the load
  const cpu = { load: [] as number[], eval: [] as number[], alloc: [] as number[] };
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let r = 0; r < repeat; r++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const errors: DataError[] = [];
    const base = await loadPopulation(ir!, new TableCache(dir), errors);
    if (errors.length) throw new Error(JSON.stringify(errors.slice(0, 3)));
    const t1 = performance.now();
    const c1 = cpuMs();
    const ev = makeEvaluator(ir!, { ...base, ext: new Map() }); // compiled, unless SCHEDA_EVALUATOR=reference
    const units = ev.unitList();
    const pass = (inAlloc: boolean) => {
      for (const d of ir!.decls) {
        if (alloc.has(d.name) !== inAlloc) continue;
        if (d.level === 'ente') ev.value(d.name, { level: 'ente' });
        else if (d.level === 'unit') for (const unit of units) ev.value(d.name, { level: 'unit', unit });
      }
      for (let p = 0; p < base.persons.length; p++) {
        for (const d of ir!.decls) if (d.level === 'persona' && alloc.has(d.name) === inAlloc) ev.value(d.name, { level: 'persona', p });
      }
    };
    pass(false);
    const t2 = performance.now();
    const c2 = cpuMs();
    pass(true);
    const t3 = performance.now();
    const c3 = cpuMs();
    cpu.load.push(c1 - c0);
    cpu.eval.push(c2 - c1);
    cpu.alloc.push(c3 - c2);
    load.push(t1 - t0);
    evaluation.push(t2 - t1);
    allocation.push(t3 - t2);
  }
  const out = { compile_ms: median(compile), load_ms: median(load), eval_ms: median(evaluation), alloc_ms: median(allocation), cpu_ms: { load: median(cpu.load), eval: median(cpu.eval), alloc: median(cpu.alloc) }, rss_mb: process.resourceUsage().maxRSS / 1024 };
  console.log(`INPROC ${JSON.stringify(out)}`);
}

// ---- children with a timeout, their wall time and peak RSS ----

interface Child { code: number | null; timedOut: boolean; wall_s: number; rss_mb: number; stdout: string; stderr: string }

function runChild(args: string[], timeoutS: number, heapMb: number): Promise<Child> {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const node = [process.execPath, `--max-old-space-size=${heapMb}`, ...args];
  const cmd = timeBin ? [timeBin, '-f', 'bench_time wall=%e rss_kb=%M', ...node] : node;
  const t0 = performance.now();
  const child = spawn(cmd[0], cmd.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b) => (stdout = (stdout + b).slice(-200_000)));
  child.stderr!.on('data', (b) => (stderr = (stderr + b).slice(-200_000)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // SIGTERM first (scheda removes its output lock), SIGKILL if a synchronous loop keeps it from exiting
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ }
    setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5000).unref();
  }, timeoutS * 1000);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    const wall = (performance.now() - t0) / 1000;
    const kb = Number(/bench_time wall=[\d.]+ rss_kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
    resolve({ code, timedOut, wall_s: wall, rss_mb: kb / 1024, stdout, stderr });
  }));
}

// ---- the bench ----

async function main() {
  if (process.argv.includes('--inprocess')) return inProcess(arg('inprocess')!, Number(arg('repeat', '1')));
  const persons = Number(arg('persons', '651'));
  if (!Number.isInteger(persons) || persons < 1) throw new Error('--persons: a positive integer');
  const timeout = Number(arg('timeout', '900'));
  const heap = Number(arg('heap', '16384'));
  const repeat = Number(arg('repeat', persons <= 20_000 ? '3' : '1'));
  const skipScheda = process.argv.includes('--skip-scheda');
  const dir = mkdtempSync(join(tmpdir(), 'scheda-bench-'));
  const data = join(dir, 'data');
  const out = join(dir, 'out');
  const rows: [string, string, string][] = [];
  const rate = (ms: number) => (Number.isFinite(ms) && ms > 0 ? `${Math.round(persons / (ms / 1000)).toLocaleString('en')}/s` : '');
  const row = (what: string, ms: number | string, extra = '', perPerson = true) => {
    rows.push([what, typeof ms === 'number' ? (ms / 1000).toFixed(3) + ' s' : ms, typeof ms === 'number' && perPerson ? [rate(ms), extra].filter(Boolean).join('  ') : extra]);
  };

  let t = performance.now();
  const g = await generate(data, { persons, seed: Number(arg('seed', '2024')) });
  row('generate data (CSV, streamed)', performance.now() - t, `${g.bodies} bodies, ${g.sectors} sectors, ${(statSync(join(data, 'comparto-persone.csv')).size / 1e6).toFixed(1)} MB`);

  // scheda: in-process phases, then end to end
  let schedaCompute = NaN;
  let e2e: Child | undefined;
  if (!skipScheda) {
    const self = fileURLToPath(import.meta.url);
    const ip = await runChild([self, '--inprocess', data, '--repeat', String(repeat)], timeout, heap);
    const m = /INPROC (\{.*\})/.exec(ip.stdout);
    if (m) {
      const r = JSON.parse(m[1]);
      row('scheda parse + check + compile', r.compile_ms, 'the bench scheme', false);
      row('scheda load data (read + validate)', r.load_ms);
      row('scheda evaluation', r.eval_ms);
      row('scheda allocation (and what follows)', r.alloc_ms);
      schedaCompute = r.eval_ms + r.alloc_ms;
      row('scheda evaluation + allocation', schedaCompute, `peak RSS ${r.rss_mb.toFixed(0)} MB (in-process child)`);
    } else row('scheda in-process', ip.timedOut ? `timeout (${timeout} s)` : `failed (${ip.code})`, ip.timedOut ? '' : ip.stderr.slice(-300));

    e2e = await runChild([join(ROOT, 'bin', 'scheda.mjs'), 'run', SCHEME, '--data', data, '--out', out], timeout, heap);
    if (e2e.timedOut) row('scheda run, end to end', `timeout (${timeout} s)`, `peak RSS ≥ ${e2e.rss_mb.toFixed(0)} MB`);
    else if (e2e.code !== 0) row('scheda run, end to end', `failed (${e2e.code})`, (e2e.stdout + e2e.stderr).slice(-400));
    else row('scheda run, end to end', e2e.wall_s * 1000, `peak RSS ${e2e.rss_mb.toFixed(0)} MB`);
  }

  // (a) decimal.js loop
  t = performance.now();
  const dd = await decimal.read(data);
  row('(a) decimal.js: read CSV', performance.now() - t);
  const aTimes: number[] = [];
  let aPersons: ReturnType<typeof decimal.compute> | undefined;
  for (let r = 0; r < repeat; r++) {
    const src = r === 0 ? dd : await decimal.read(data); // compute mutates the person objects
    t = performance.now();
    aPersons = decimal.compute(src);
    aTimes.push(performance.now() - t);
  }
  row('(a) decimal.js: compute', median(aTimes), `peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await decimal.write(join(dir, 'decimal.csv'), aPersons!);
  aPersons = undefined;

  // (b) integer cents
  t = performance.now();
  const cd = await intcents.read(data);
  row('(b) integer cents: read CSV', performance.now() - t);
  const bTimes: number[] = [];
  let bRes: ReturnType<typeof intcents.compute> | undefined;
  for (let r = 0; r < Math.max(repeat, 3); r++) {
    t = performance.now();
    bRes = intcents.compute(cd);
    bTimes.push(performance.now() - t);
  }
  row('(b) integer cents: compute', median(bTimes));
  await intcents.write(join(dir, 'intcents.csv'), cd, bRes!);

  // agreement, person by person
  const problems: string[] = [];
  let agree = false;
  const schedaCsv = join(out, 'comparto', 'results.csv');
  const ab = await compareResults(join(dir, 'intcents.csv'), join(dir, 'decimal.csv'), 'decimal.js', { left: 'integer cents' });
  if (ab.disagreements) problems.push(`(a) and (b) disagree on ${ab.disagreements} figures`, ...ab.first);
  if (!skipScheda && existsSync(schedaCsv)) {
    const ca = await compareResults(schedaCsv, join(dir, 'decimal.csv'), 'decimal.js');
    const cb = await compareResults(schedaCsv, join(dir, 'intcents.csv'), 'integer cents');
    for (const [n, c] of [['(a)', ca], ['(b)', cb]] as const) if (c.disagreements) problems.push(`scheda and ${n} disagree on ${c.disagreements} figures`, ...c.first);
    agree = !problems.length && ca.persons === persons && cb.persons === persons;
    row('agreement with scheda (person by person)', agree ? 'yes' : 'NO', `${ca.persons} persons, 7 figures each`);
  } else row('agreement with scheda', 'not compared', skipScheda ? '--skip-scheda' : 'no results.csv from scheda');
  row('agreement (a) = (b)', ab.disagreements ? 'NO' : 'yes');

  const aMs = median(aTimes);
  const bMs = median(bTimes);
  const vsDec = aMs / schedaCompute;
  const vsInt = schedaCompute / bMs;
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nbench: ${persons.toLocaleString('en')} persons, node ${process.version}, ${repeat === 1 ? 'one run' : `median of ${repeat}`} per phase\n`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padStart(16)}  ${c}`);
  if (problems.length) console.log('\n' + problems.join('\n'));
  if (process.argv.includes('--keep')) console.log(`\nkept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  const num = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const e2eS = !e2e ? 'skipped' : e2e.timedOut ? 'timeout' : e2e.code !== 0 ? 'failed' : e2e.wall_s.toFixed(2);
  console.log(`bench: persons=${persons} e2e_s=${e2eS} rss_mb=${e2e ? num(e2e.rss_mb, 0) : 'n/a'} vs_decimal=${num(vsDec, 2)}x vs_intcents=${num(vsInt, 1)}x agree=${agree ? 'yes' : 'no'}`);
}

await main();

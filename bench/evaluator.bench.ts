// `npm run bench:evaluator`: the bundled Cremona 2024 year (rules/cremona/2024 on data/cremona-2024, 651 persons)
// run in-process, warm (the data files read once, as the editor keeps them), by the reference evaluator and by
// the compiled one: the median time of a whole year (population built from the tables, every value, funds,
// warnings) and of loading the populations alone, so evaluation = year − load. Target: ≤ 50 ms warm.
// Flags: --repeat N (default 30), --warmup N (default 10), --rules DIR, --data DIR, --only reference|compiled.
import { join } from 'node:path';
import { loadBundles } from '../engine/pipeline.ts';
import { runYearOn } from '../engine/run/year.ts';
import { loadPopulation } from '../engine/data/population.ts';
import { TableCache } from '../engine/data/cache.ts';
import type { EvaluatorKind } from '../engine/run/compiled/evaluator.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const root = join(import.meta.dirname ?? '.', '..');
const rules = arg('rules', join(root, 'rules/cremona/2024'));
const data = arg('data', join(root, 'data/cremona-2024'));
const repeat = Number(arg('repeat', '30'));
const warmup = Number(arg('warmup', '10'));

const [{ bundle }] = loadBundles([rules]);
if (!bundle.ok) throw new Error('the rules do not check');
const order = bundle.checked!.order;
const cache = new TableCache(data);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// wall time, and the CPU time this process used (on a machine shared with other jobs, the CPU time is the
// steadier figure: the wall time also counts the time the process waited for a core)
const cpu: Record<string, number> = {};
async function time(f: () => Promise<unknown>, label = ''): Promise<number> {
  for (let i = 0; i < warmup; i++) await f();
  const ts: number[] = [];
  const cs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    ts.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cs.push((d.user + d.system) / 1000);
  }
  if (label) cpu[label] = median(cs);
  return median(ts);
}

const load = await time(async () => {
  for (const id of order) await loadPopulation(bundle.irs.get(id)!, cache, []);
}, 'load');
let persons = 0;
for (const id of order) persons += (await loadPopulation(bundle.irs.get(id)!, cache, [])).persons.length;
const out: Record<string, number> = {};
const only = arg('only', '');
for (const kind of (['reference', 'compiled', 'reference', 'compiled'] as EvaluatorKind[]).filter((k) => !only || k === only)) {
  out[kind] = await time(async () => {
    const r = await runYearOn(bundle.irs, order, cache, undefined, undefined, kind);
    if (!r.ok) throw new Error('the year fails');
  }, kind);
}
const f = (x: number) => `${x.toFixed(1)} ms`;
console.log(`${rules} on ${data}: ${persons} person-records in ${order.length} schemes, median of ${repeat} after ${warmup} warm-up runs`);
console.log(`load populations alone: ${f(load)} (CPU ${f(cpu.load)})`);
for (const k of ['reference', 'compiled'].filter((x) => x in out)) {
  console.log(`${k.padEnd(9)}: year ${f(out[k])}, evaluation (year − load) ${f(out[k] - load)}; CPU: year ${f(cpu[k])}, evaluation ${f(cpu[k] - cpu.load)}`);
}
console.log(`load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')} (cores: ${(await import('node:os')).cpus().length})`);
console.log(`speed-up of the year: ${(out.reference / out.compiled).toFixed(2)}x`);

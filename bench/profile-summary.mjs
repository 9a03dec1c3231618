// Summarises a V8 CPU profile (node --cpu-prof): total sampled time, the share of garbage collection,
// and the functions with the most self time (with their file:line), to read where a run spends its time.
//   node bench/profile-summary.mjs FILE.cpuprofile [--top 25] [--inclusive name,name…]
// --inclusive: for each named function, the share of samples with it anywhere on the stack (its total time).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]');
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25;
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i] ?? 0;
  self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
}
const fn = new Map();
let total = 0;
for (const [id, us] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const where = cf.url ? `${cf.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${cf.lineNumber + 1}` : '';
  const k = `${cf.functionName || '(anonymous)'} ${where}`.trim();
  fn.set(k, (fn.get(k) ?? 0) + us);
  total += us;
}
const rows = [...fn].sort((a, b) => b[1] - a[1]);
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + '%';
const gc = fn.get('(garbage collector)') ?? 0;
const idle = fn.get('(idle)') ?? 0;
console.log(`sampled ${(total / 1e6).toFixed(1)} s; garbage collector ${pct(gc)}; idle ${pct(idle)}`);
for (const [k, us] of rows.slice(0, top)) console.log(`${pct(us)} ${(us / 1e6).toFixed(2).padStart(8)} s  ${k}`);
// by package: decimal.js versus the rest
const group = (re) => rows.filter(([k]) => re.test(k)).reduce((s, [, us]) => s + us, 0);
console.log(`decimal.js (all its functions) ${pct(group(/decimal\.js/))}; csv-parse ${pct(group(/csv-parse/))}; engine bundle ${pct(group(/dist\/scheda\.mjs/))}`);

// inclusive time of named functions: samples with the function anywhere on the stack, counted once
const inc = process.argv.indexOf('--inclusive');
if (inc > 0) {
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (const name of process.argv[inc + 1].split(',')) {
    let us = 0;
    for (let i = 0; i < prof.samples.length; i++) {
      for (let id = prof.samples[i]; id !== undefined; id = parent.get(id)) {
        if (byId.get(id).callFrame.functionName === name) { us += prof.timeDeltas[i] ?? 0; break; }
      }
    }
    console.log(`inclusive ${pct(us)} ${(us / 1e6).toFixed(2).padStart(8)} s  ${name}`);
  }
}

// Timing of the language core on the Cremona bundle. Run: `npm run bench` (esbuild bundle, as the CLI
// runs) or `npx tsx bench/language-core.bench.ts` (through tsx, about 3× slower to parse). Warm timings:
// 20 warm-up iterations, then 200 measured (BENCH_WARMUP, BENCH_RUNS); prints median and p95 in
// milliseconds. No assertions.
import { join } from 'node:path';
import { checkBundle, type ParsedFile } from '../engine/check/index.ts';
import { checkConstraints } from '../engine/compile/constraints.ts';
import { compileScheme } from '../engine/compile/index.ts';
import { validateIr } from '../engine/compile/validate.ts';
import { buildBundle, readSources, schemeFiles } from '../engine/pipeline.ts';
import { runExample } from '../engine/run/examples.ts';
import { parse } from '../engine/syntax/index.ts';

const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const FOLDER = join(import.meta.dirname, '..', 'rules', 'cremona', '2024');

const sources = readSources(schemeFiles(FOLDER));
const lines = sources.reduce((n, s) => n + s.text.split('\n').length, 0);

function measure(fn: () => unknown): number[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

const parseAll = (): ParsedFile[] => sources.map((s) => ({ id: s.id, file: s.file, ast: parse(s.text, s.file).ast }));

function checkAndCompile(parsed: ParsedFile[]) {
  const checked = checkBundle(parsed);
  for (const id of checked.order) {
    const ir = compileScheme(checked.schemes.get(id)!);
    validateIr(ir, id);
    checkConstraints(ir, id);
  }
}

// Sanity: the bundle builds; count its examples for the throughput line.
const built = buildBundle(sources);
if (!built.ok) throw new Error('the Cremona bundle does not check: ' + built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; '));
const examples = [...built.irs.values()].flatMap((ir) => ir.examples.map((ex) => ({ ir, ex })));

// «check + compile» gets freshly parsed trees each time, as in real use, parsed outside the timed region.
const rows: [string, number[]][] = [];
rows.push(['parse (4 files)', measure(parseAll)]);
{
  const pre: ParsedFile[][] = [];
  const timings: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) pre.push(parseAll());
  for (let i = 0; i < WARMUP; i++) checkAndCompile(pre[i]);
  for (let i = WARMUP; i < WARMUP + RUNS; i++) {
    const t = process.hrtime.bigint();
    checkAndCompile(pre[i]);
    timings.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  rows.push(['check + compile', timings.sort((a, b) => a - b)]);
}
rows.push(['whole (buildBundle)', measure(() => buildBundle(sources))]);
const exTimes = measure(() => {
  for (const { ir, ex } of examples) runExample(ir, ex);
});
rows.push([`examples (${examples.length}, scheda test)`, exTimes]);

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number) => x.toFixed(3).padStart(9);
console.log(`Cremona 2024 bundle: ${sources.length} files, ${lines} lines, ${examples.length} examples; ${WARMUP} warm-up + ${RUNS} measured runs`);
console.log(`node ${process.version}`);
console.log('');
console.log(`${pad('phase', 34)}${'median ms'.padStart(9)}${'p95 ms'.padStart(9)}`);
console.log('-'.repeat(52));
for (const [name, t] of rows) console.log(`${pad(name, 34)}${num(quantile(t, 0.5))}${num(quantile(t, 0.95))}`);
console.log('');
const perExample = quantile(exTimes, 0.5) / examples.length;
console.log(`examples throughput: ${Math.round(1000 / perExample)} examples/s (median ${(perExample * 1000).toFixed(1)} µs per example)`);
console.log(`source throughput (whole): ${Math.round(lines / quantile(rows[2][1], 0.5) * 1000)} lines/s`);

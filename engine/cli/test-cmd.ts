// `scheda test [--variant NAME] [--update]`: the examples of the schemes, each under the reading it states.
//   plain examples            the main reading
//   `esempio "…" variante X`  variant X only
//   `esempio "…" ogni variante` the main reading and every variant of the bundle
// Without --variant every example runs in its readings; with --variant X, the examples of X and those of every
// variant, under X. --update rewrites the expected values that differ (at their place in the file, nothing else).
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { IrExample, IrScheme } from '../compile/ir.ts';
import { loadBundles, unknownVariant, withDependencies, type BundleResult } from '../pipeline.ts';
import { runExample, type ExampleOutcome } from '../run/examples.ts';
import { describeEvalError } from '../run/year.ts';
import { applyUpdates, type Update } from './update.ts';

export interface TestIo {
  out(s: string): void;
  printDiagnostics(ds: Diagnostic[], texts: Map<string, string>): void;
  usage(message: string): Error;
}

/** The errors that stop scheme `id`: its own and those of the schemes it uses, transitively. */
function errorsFor(bundle: BundleResult, id: string): Diagnostic[] {
  const needed = withDependencies(bundle, id);
  const files = new Set([...needed].map((x) => bundle.sources.get(x)?.file));
  return bundle.diagnostics.filter((d) => d.severity === 'error' && (files.has(d.file) || !bundle.checked));
}

/** The readings an example runs under: undefined is the main reading. */
function readingsOf(ex: IrExample, variants: string[], only: string | undefined): (string | undefined)[] {
  if (only !== undefined) return ex.variant === only || ex.every ? [only] : [];
  if (ex.variant !== undefined) return [ex.variant];
  return ex.every ? [undefined, ...variants] : [undefined];
}

export function cmdTest(paths: string[], o: { variant?: string; update?: boolean }, io: TestIo): number {
  const bundles = loadBundles(paths);
  let passed = 0;
  let failed = 0;
  let unfixable = 0; // failures --update cannot rewrite: a rule that fails, a value with no literal
  const texts = new Map<string, string>();
  for (const { bundle } of bundles) for (const s of bundle.sources.values()) texts.set(s.file, s.text);
  if (o.variant !== undefined) {
    for (const { bundle } of bundles) {
      const msg = unknownVariant(bundle, o.variant);
      if (msg) throw io.usage(msg);
    }
  }
  const updates: Update[] = [];
  for (const { bundle, requested } of bundles) {
    const variants = [...(bundle.variants?.keys() ?? [])];
    // each reading's documents, built once, when an example needs them
    const under = new Map<string, BundleResult>();
    const irOf = (id: string, v: string | undefined): { ir?: IrScheme; errors: Diagnostic[] } => {
      if (v === undefined) return { ir: bundle.irs.get(id), errors: errorsFor(bundle, id) };
      let b = under.get(v);
      if (!b) under.set(v, (b = loadBundles([...requested].slice(0, 1), { variant: v })[0].bundle));
      return { ir: b.irs.get(id), errors: errorsFor(b, id) };
    };
    for (const src of [...bundle.sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (![...requested].some((r) => resolve(r) === resolve(src.file))) continue;
      // a scheme whose rules (or those of a scheme it uses) have errors counts as one failure
      const main = irOf(src.id, undefined);
      if (main.errors.length || !main.ir) {
        io.printDiagnostics(main.errors, texts);
        failed += 1;
        continue;
      }
      const file = src.file;
      main.ir.examples.forEach((ex, k) => {
        readingsOf(ex, variants, o.variant).forEach((v, nth) => {
          const doc = irOf(src.id, v);
          if (doc.errors.length || !doc.ir) {
            io.printDiagnostics(doc.errors, texts);
            failed++;
            return;
          }
          const ir = doc.ir;
          const r = runExample(ir, ir.examples[k]);
          if (r.ok) {
            passed++;
            return;
          }
          failed++;
          report(io, file, ir, r, v);
          // an example of every reading is updated from the first it runs under
          const computed = r.computed ?? [];
          if (r.problems?.length || r.error || nth > 0 || computed.length < r.failures.length || computed.some((c) => c.value === null)) unfixable++;
          if (o.update && nth === 0) {
            r.failures.forEach((f, i) => {
              const c = computed[i];
              if (c && c.value !== null) updates.push({ file, line: c.line, col: c.col, name: f.who ? `${f.who} · ${f.name}` : f.name, value: c.value, unit: c.unit, lang: ir.lang });
            });
          }
        });
      });
    }
  }
  if (o.update && updates.length) {
    const changed = applyUpdates(updates, io.out);
    io.out(`${changed} valori aggiornati / values updated`);
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed && (!o.update || unfixable) ? 1 : 0;
}

function report(io: TestIo, file: string, ir: IrScheme, r: ExampleOutcome, v: string | undefined) {
  const it = ir.lang === 'it';
  const reading = v === undefined ? '' : ` [${it ? 'variante' : 'variant'} ${v}]`;
  io.out(`FALLITO ${file}:${r.line}:${r.col}: ${r.label}${reading}`);
  for (const f of r.failures) {
    const who = f.who ? `${f.who}: ` : '';
    io.out(`  ${file}:${f.line}:${f.col}: ${who}${f.name}: ${it ? 'atteso' : 'expected'} ${f.expected}, ${it ? 'calcolato' : 'computed'} ${f.actual}`);
  }
  for (const p of r.problems ?? []) io.out(`  ${p}`);
  if (r.error) io.out(`  ${r.error.rule ? `«${r.error.rule}»: ` : ''}${describeEvalError(r.error, ir.lang)}`);
}

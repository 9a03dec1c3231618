// The `scheda` command. Exit codes: 0 success, 1 problems found, 2 usage errors.
import { Command, CommanderError } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderDiagnostic } from '../diagnostics/render.ts';
import { format } from '../format/format.ts';
import { loadBundles, readSources, schemeFiles } from '../pipeline.ts';
import { dataSchema } from '../run/data-schema.ts';
import { runExample, show } from '../run/examples.ts';
import { parse } from '../syntax/index.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

class Usage extends Error {}

function out(s: string) {
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
}

function mustExist(paths: string[]) {
  for (const p of paths) if (!existsSync(p)) throw new Usage(`scheda: «${p}» non esiste / does not exist`);
}

function printDiagnostics(ds: Diagnostic[], texts: Map<string, string>, json: boolean) {
  if (json) return out(JSON.stringify(ds, null, 2));
  for (const d of ds) out(renderDiagnostic(d, texts.get(d.file)));
  const e = ds.filter((d) => d.severity === 'error').length;
  const w = ds.filter((d) => d.severity === 'warning').length;
  out(`${e} errori, ${w} avvisi / ${e} errors, ${w} warnings`);
}

function textsOf(bundles: ReturnType<typeof loadBundles>) {
  const m = new Map<string, string>();
  for (const { bundle } of bundles) for (const s of bundle.sources.values()) m.set(s.file, s.text);
  return m;
}

function cmdCheck(paths: string[], o: { json?: boolean }): number {
  mustExist(paths);
  const bundles = loadBundles(paths);
  const ds = bundles.flatMap(({ bundle, requested }) => bundle.diagnostics.filter((d) => [...requested].some((r) => resolve(r) === resolve(d.file))));
  printDiagnostics(ds, textsOf(bundles), !!o.json);
  return ds.some((d) => d.severity === 'error') ? 1 : 0;
}

function cmdFmt(paths: string[], o: { check?: boolean; lang?: 'it' | 'en' }): number {
  mustExist(paths);
  if (o.lang && !['it', 'en'].includes(o.lang)) throw new Usage('scheda fmt: --lang it|en');
  let status = 0;
  for (const p of paths) {
    for (const src of readSources(schemeFiles(p))) {
      const r = parse(src.text, src.file);
      if (r.diagnostics.some((d) => d.severity === 'error')) {
        for (const d of r.diagnostics) out(renderDiagnostic(d, src.text));
        status = 1;
        continue;
      }
      const text = format(r.ast, o.lang ?? r.ast.lang);
      if (text === src.text) continue;
      if (o.check) {
        out(`${src.file}: da riformattare / would be reformatted`);
        status = 1;
      } else {
        writeFileSync(src.file, text);
        out(`${src.file}: riformattato / reformatted`);
      }
    }
  }
  return status;
}

function cmdTest(paths: string[], o: { json?: boolean }): number {
  mustExist(paths);
  const bundles = loadBundles(paths);
  let passed = 0;
  let failed = 0;
  const texts = textsOf(bundles);
  for (const { bundle, requested } of bundles) {
    const errs = bundle.diagnostics.filter((d) => d.severity === 'error');
    if (errs.length) {
      printDiagnostics(errs, texts, false);
      failed += 1;
      continue;
    }
    for (const [id, ir] of bundle.irs) {
      const file = bundle.sources.get(id)!.file;
      if (![...requested].some((r) => resolve(r) === resolve(file))) continue;
      for (const ex of ir.examples) {
        const r = runExample(ir, ex);
        if (r.ok) {
          passed++;
          continue;
        }
        failed++;
        out(`FALLITO ${file}:${r.line}:${r.col}: ${r.label}`);
        for (const f of r.failures) out(`  ${file}:${f.line}:${f.col}: ${f.name}: ${ir.lang === 'it' ? 'atteso' : 'expected'} ${f.expected}, ${ir.lang === 'it' ? 'calcolato' : 'computed'} ${f.actual}`);
        if (r.error) out(`  ${r.error.rule ? `[${r.error.rule}] ` : ''}${r.error.code}: ${JSON.stringify(r.error.args)}`);
      }
    }
  }
  out(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

function single(path: string): { ir: ReturnType<typeof loadBundles>[number]['bundle']['irs'] extends Map<string, infer T> ? T : never } | number {
  mustExist([path]);
  const bundles = loadBundles([path]);
  const { bundle } = bundles[0];
  if (!bundle.ok) {
    printDiagnostics(bundle.diagnostics.filter((d) => d.severity === 'error'), textsOf(bundles), false);
    return 1;
  }
  const id = [...bundle.sources.values()].find((s) => resolve(s.file) === resolve(path))?.id;
  const ir = id ? bundle.irs.get(id) : undefined;
  if (!ir) throw new Usage(`scheda: «${path}» non è un file .scheda / is not a .scheda file`);
  return { ir };
}

function cmdCompile(path: string): number {
  const r = single(path);
  if (typeof r === 'number') return r;
  out(JSON.stringify(r.ir, null, 2));
  return 0;
}

function cmdSchema(path: string): number {
  const r = single(path);
  if (typeof r === 'number') return r;
  out(JSON.stringify(dataSchema(r.ir), null, 2));
  return 0;
}

export function program(setStatus: (n: number) => void): Command {
  const p = new Command('scheda')
    .description('Schemi di valutazione e premi come dati / evaluation and bonus schemes as data')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  p.command('check').argument('<paths...>').option('--json', 'diagnostics as JSON').description('controlla le schede').action((ps, o) => setStatus(cmdCheck(ps, o)));
  p.command('fmt').argument('<paths...>').option('--check', 'exit 1 if a file would change').option('--lang <lang>', 'it | en')
    .description('formatta le schede').action((ps, o) => setStatus(cmdFmt(ps, o)));
  p.command('test').argument('<paths...>').description('esegue gli esempi delle schede').action((ps, o) => setStatus(cmdTest(ps, o)));
  p.command('compile').argument('<file>').description('stampa l\'IR JSON').action((f) => setStatus(cmdCompile(f)));
  p.command('schema').argument('<file>').description('stampa lo JSON Schema dei dati di ingresso').action((f) => setStatus(cmdSchema(f)));
  return p;
}

export async function main(argv: string[]): Promise<number> {
  let status = 0;
  try {
    await program((n) => (status = n)).parseAsync(argv, { from: 'user' });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof Usage) {
      process.stderr.write(e.message + '\n');
      return 2;
    }
    process.stderr.write(`scheda: errore interno / internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

export { show };

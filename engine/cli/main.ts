// The `scheda` command. Exit codes: 0 success, 1 problems found, 2 usage errors.
import { Command, CommanderError } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import {
  buildReport, buildResults, DisclosureError, dataSchema, explainPerson, explanationText, format, parse,
  inferredTypes, renderDiagnostic, reportHtml, typeLines, runExample, serializeIr, withDependencies,
  type Diagnostic, type IrScheme, type YearResult,
} from '../index.ts';
import { collisionMessage, translationCollisions, treeKey } from '../index.ts';
import { describeEvalError, loadBundles, readSources, runYear, schemeFiles } from '../node.ts';
import type { SchemeRun } from '../run/year.ts';
import type { Dec } from '../run/decimal.ts';
import { describeFinding, plural } from '../run/findings.ts';
import { fsErrorLine, OutputError, OutputFolder, OutputUsage } from './output.ts';
import { resultsJsonStream } from '../report/results-json.ts';
import { resultsCsvParts } from '../report/csv.ts';
import { resultPerson } from '../report/tables.ts';
import { registerReview, ReviewUsage } from '../review/cli.ts';
import { cmdTest as cmdTestIn } from './test-cmd.ts';
import { unknownVariant } from '../pipeline.ts';
import { variantList } from '../check/variants.ts';
import { detectLang } from '../syntax/lexer.ts';
import { citationWarnings } from '../review/citations.ts';
import { astOf, compareFigures, compareText } from '../review/explain-compare.ts';
import { sortDiagnostics } from '../diagnostics/diagnostic.ts';

class Usage extends Error {}

function out(s: string) {
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
}

function mustExist(paths: string[]) {
  for (const p of paths) if (!existsSync(p)) throw new Usage(`scheda: «${p}» non esiste / does not exist`);
}

type Langs = 'it' | 'en' | 'both';

/** The language of a set of scheme texts, from their headers: one language, or both. */
function langOfTexts(texts: Iterable<string>): Langs {
  const seen = new Set<string>();
  for (const t of texts) seen.add(/^\s*scheme\b/m.test(t.replace(/#.*$/gm, '')) ? 'en' : 'it');
  return seen.size === 1 ? ([...seen][0] as Langs) : 'both';
}

function langOfIrs(irs: Iterable<IrScheme>): Langs {
  const seen = new Set([...irs].map((ir) => ir.lang));
  return seen.size === 1 ? [...seen][0] : 'both';
}

/** «0 errori, 1 avviso» / «1 error, 0 warnings», in the language of the schemes (both when they differ). */
function counts(e: number, w: number, lang: Langs): string {
  const it = `${plural(e, 'it', ['errore', 'errori'], ['', ''])}, ${plural(w, 'it', ['avviso', 'avvisi'], ['', ''])}`;
  const en = `${plural(e, 'en', ['', ''], ['error', 'errors'])}, ${plural(w, 'en', ['', ''], ['warning', 'warnings'])}`;
  return lang === 'it' ? it : lang === 'en' ? en : `${it} / ${en}`;
}

function printDiagnostics(ds: Diagnostic[], texts: Map<string, string>, json: boolean) {
  if (json) return out(JSON.stringify(ds, null, 2));
  for (const d of ds) out(renderDiagnostic(d, texts.get(d.file)));
  const e = ds.filter((d) => d.severity === 'error').length;
  const w = ds.filter((d) => d.severity === 'warning').length;
  const files = new Set(ds.map((d) => d.file));
  out(counts(e, w, langOfTexts(files.size ? [...files].map((f) => texts.get(f) ?? '') : texts.values())));
}

function textsOf(bundles: ReturnType<typeof loadBundles>) {
  const m = new Map<string, string>();
  for (const { bundle } of bundles) for (const s of bundle.sources.values()) m.set(s.file, s.text);
  return m;
}

function cmdCheck(paths: string[], o: { json?: boolean; explainTypes?: boolean; since?: string }): number {
  mustExist(paths);
  if (o.since !== undefined) mustExist([o.since]);
  const bundles = loadBundles(paths);
  const mine = (requested: Set<string>) => (d: Diagnostic) => [...requested].some((r) => resolve(r) === resolve(d.file));
  let ds = bundles.flatMap(({ bundle, requested }) => {
    // the variants the bundle declares, as information (each at its first place)
    const langOf = (f: string) => detectLang([...bundle.sources.values()].find((x) => x.file === f)?.text ?? '');
    return [...bundle.diagnostics.filter(mine(requested)), ...variantList(bundle.variants ?? new Map(), langOf).filter(mine(requested))];
  });
  // citations that quote a figure their rule no longer holds (against --since, or the origin nuovo-anno wrote)
  const requestedTexts = bundles.flatMap(({ bundle, requested }) => [...bundle.sources.values()].filter((s) => [...requested].some((r) => resolve(r) === resolve(s.file))));
  ds = sortDiagnostics([...ds, ...citationWarnings(requestedTexts, o.since)]);
  if (o.explainTypes) {
    // the unit and type the checker inferred for each computed value, before the diagnostics
    const types = bundles.flatMap(({ bundle, requested }) => (bundle.checked ? inferredTypes(bundle.checked, (f) => [...requested].some((r) => resolve(r) === resolve(f))) : []));
    if (o.json) {
      out(JSON.stringify({ types, diagnostics: ds }, null, 2));
      return ds.some((d) => d.severity === 'error') ? 1 : 0;
    }
    for (const l of typeLines(types)) out(l);
  }
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
      const target = o.lang ?? r.ast.lang;
      // a name that is a reserved word of the target language would not read back: say which, and how to rename
      const collisions = translationCollisions(r.ast, target);
      if (collisions.length) {
        for (const line of collisionMessage(src.file, collisions, r.ast.lang, target)) out(line);
        status = 1;
        continue;
      }
      const text = format(r.ast, target);
      if (text === src.text) continue;
      // never write a file that would not read back, or would read as another scheme
      const back = parse(text, src.file);
      if (back.diagnostics.some((d) => d.severity === 'error') || treeKey(back.ast) !== treeKey(r.ast)) {
        out(`${src.file}: non si può scrivere in «${target}» / cannot be written in that language:`);
        const errs = back.diagnostics.filter((x) => x.severity === 'error');
        for (const d of errs.slice(0, 5)) out('  ' + d.message);
        // no error yet a different tree: say so rather than print an empty list
        if (!errs.length) out('  il testo riletto è un\'altra scheda (un errore del formattatore: segnalalo) / the text reads back as another scheme (a formatter bug: please report it)');
        status = 1;
        continue;
      }
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

type Bundle = ReturnType<typeof loadBundles>[number]['bundle'];

/** The errors that stop scheme `id`: its own and those of the schemes it uses, transitively. */
function errorsFor(bundle: Bundle, id: string): Diagnostic[] {
  const needed = withDependencies(bundle, id);
  const files = new Set([...needed].map((x) => bundle.sources.get(x)?.file));
  return bundle.diagnostics.filter((d) => d.severity === 'error' && (files.has(d.file) || !bundle.checked));
}

function cmdTest(paths: string[], o: { variant?: string; update?: boolean }): number {
  mustExist(paths);
  return cmdTestIn(paths, o, {
    out,
    printDiagnostics: (ds, texts) => printDiagnostics(ds, texts, false),
    usage: (m) => new Usage(m),
  });
}

/** One scheme's IR: it and the schemes it uses must be free of errors; unrelated siblings do not matter. */
function single(path: string): { ir: IrScheme } | number {
  mustExist([path]);
  if (!path.endsWith('.scheda')) throw new Usage(`scheda: «${path}» non è un file .scheda / is not a .scheda file`);
  const bundles = loadBundles([path]);
  const { bundle } = bundles[0];
  const id = [...bundle.sources.values()].find((s) => resolve(s.file) === resolve(path))?.id;
  const errors = id ? errorsFor(bundle, id) : [];
  const ir = id ? bundle.irs.get(id) : undefined;
  if (errors.length || !ir) {
    printDiagnostics(errors.length ? errors : bundle.diagnostics.filter((d) => d.severity === 'error'), textsOf(bundles), false);
    return 1;
  }
  return { ir };
}

function cmdCompile(path: string, o: { positions?: boolean }): number {
  const r = single(path);
  if (typeof r === 'number') return r;
  process.stdout.write(serializeIr(r.ir, !!o.positions));
  return 0;
}

function cmdSchema(path: string): number {
  const r = single(path);
  if (typeof r === 'number') return r;
  out(JSON.stringify(dataSchema(r.ir), null, 2));
  return 0;
}

function schemeFile(path: string, id: string): string {
  return join(dirname(path.endsWith('.scheda') ? path : join(path, 'x')), id + '.scheda');
}

/** A run's findings, for the operator: who fails and why (persons named here, never in the public report). */
function printFindings(path: string, run: SchemeRun) {
  const it = run.ir.lang === 'it';
  for (const f of run.findings) {
    const [first, ...rest] = describeFinding(f, run.ir.lang, run.ir);
    out(`  ${it ? 'avviso' : 'warning'} ${schemeFile(path, run.ir.id)}:${f.line}: ${first}`);
    for (const l of rest) out(`  ${l}`);
  }
}

/** «40 persone; fondi: … quadrati al centesimo; stanziamento …: spesi …» in the scheme's language. */
function runSummary(id: string, run: SchemeRun): string {
  const lang = run.ir.lang;
  const it = lang === 'it';
  const eur = (x: Dec) => `${x.toFixed(2)} €`;
  const parts = [plural(run.pop.persons.length, lang, ['persona', 'persone'], ['person', 'persons'])];
  const pots = run.funds.filter((f) => !f.allocation);
  if (pots.length) {
    const list = pots.map((f) => `${f.label ?? f.name} ${eur(f.amount)}${f.tiers ? ` (${f.tiers.map((t) => `${t.label ?? t.name} ${eur(t.amount)}`).join(', ')})` : ''}`).join('; ');
    parts.push(it ? `fondi: ${list}, quadrati al centesimo` : `funds: ${list}, balanced to the cent`);
  }
  for (const f of run.funds.filter((x) => x.allocation)) {
    const spent = f.amount.minus(f.unspent!);
    const rest = f.unspent!.isNeg()
      ? (it ? `${eur(f.unspent!.neg())} oltre lo stanziamento` : `${eur(f.unspent!.neg())} above the allocation`)
      : (it ? `${eur(f.unspent!)} non spesi` : `${eur(f.unspent!)} not spent`);
    parts.push(it ? `stanziamento ${f.label ?? f.name} ${eur(f.amount)}: spesi ${eur(spent)} (${rest})` : `allocation ${f.label ?? f.name} ${eur(f.amount)}: spent ${eur(spent)} (${rest})`);
  }
  return `${id}: ${parts.join('; ')}`;
}

async function runBundleOn(path: string, data: string, variant?: string): Promise<{ status: number; result?: Extract<YearResult, { ok: true }> }> {
  mustExist([path, data]);
  const bundles = loadBundles([path], variant !== undefined ? { variant } : {});
  if (bundles.length !== 1) throw new Usage(`scheda: «${path}» contiene ${bundles.length} cartelle di schede: indica la cartella di un solo anno / give one year's folder`);
  const { bundle } = bundles[0];
  // an unknown variant is a usage error, with the nearest name
  const unknown = variant !== undefined ? unknownVariant(bundle, variant) : undefined;
  if (unknown) throw new Usage(unknown);
  if (!bundle.ok) {
    printDiagnostics(bundle.diagnostics.filter((d) => d.severity === 'error'), textsOf(bundles), false);
    return { status: 1 };
  }
  const t0 = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  // a file runs with the schemes it uses (transitively); a folder runs every scheme in it
  let order = bundle.checked!.order;
  if (path.endsWith('.scheda')) {
    const self = [...bundle.sources.values()].find((s) => resolve(s.file) === resolve(path));
    const want = self ? withDependencies(bundle, self.id) : new Set<string>();
    order = order.filter((id) => want.has(id));
  }
  const r = await runYear(bundle.irs, order, data, (done, total, label) => {
    if (!bar && process.stderr.isTTY && Date.now() - t0 > 1000) {
      bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'scheda run [{bar}] {value}/{total} persone · {label}' }, cliProgress.Presets.shades_classic);
      bar.start(total, done, { label });
    }
    bar?.update(done, { label });
  });
  bar?.stop();
  if (!r.ok) {
    const lang = langOfIrs(order.map((id) => bundle.irs.get(id)!).filter(Boolean));
    const en = lang === 'en';
    for (const e of r.dataErrors) out(`${join(data, e.file)}${e.line ? `:${e.line}` : ''}${e.column ? ` (${en ? 'column' : 'colonna'} «${e.column}»)` : ''}: ${en ? 'data error' : 'errore nei dati'}: ${e.message}`);
    for (const p of r.problems) {
      const it = (p.lang ?? (en ? 'en' : 'it')) === 'it';
      const who = p.person ? `${it ? 'persona' : 'person'} ${p.person}: ` : p.unit ? `${it ? 'unità' : 'unit'} ${p.unit}: ` : '';
      out(`${schemeFile(path, p.scheme)}${p.line ? `:${p.line}` : ''}: ${who}${p.rule ? `${it ? 'regola' : 'rule'} «${p.rule}»: ` : ''}${p.message}`);
    }
    const n = r.dataErrors.length + r.problems.length;
    const itLine = `${plural(n, 'it', ['problema', 'problemi'], ['', ''])}: nessun file scritto`;
    const enLine = `${plural(n, 'en', ['', ''], ['problem', 'problems'])}: nothing written`;
    out(lang === 'it' ? itLine : lang === 'en' ? enLine : `${itLine} / ${enLine}`);
    return { status: 1 };
  }
  return { status: 0, result: r };
}

async function cmdRun(path: string, o: { data: string; out: string; excelIt?: boolean; variant?: string }): Promise<number> {
  mustExist([path, o.data]);
  if (o.variant !== undefined) {
    // refused before the output folder is touched
    const unknown = unknownVariant(loadBundles([path])[0].bundle, o.variant);
    if (unknown) throw new Usage(unknown);
  }
  // the lock is held from here to the end: a second run on the same --out is refused at once
  const folder = OutputFolder.open(o.out, { inputs: [path, o.data] });
  try {
    const { status, result } = await runBundleOn(path, o.data, o.variant);
    if (!result) return status;
    // the reports are rendered before the first byte is written; results.json and results.csv are
    // rendered as they are written (streams: no string of every person), into the temporary folder
    const files: [string, string | Iterable<string>][] = [];
    for (const [id, run] of result.runs) {
      let rep: ReturnType<typeof buildReport>;
      try {
        rep = buildReport(run);
      } catch (e) {
        // the audit could still recover a withheld cell: nothing is published
        if (e instanceof DisclosureError) {
          process.stderr.write(`scheda: ${e.message}\n`);
          return 1;
        }
        throw e;
      }
      files.push([`${id}/results.json`, resultsJsonStream(buildResults(run, { persons: false }), run.pop.persons.length, (i) => resultPerson(run, i))]);
      files.push([`${id}/results.csv`, resultsCsvParts(run, { excelIt: !!o.excelIt })]);
      files.push([`${id}/report.json`, JSON.stringify(rep, null, 2) + '\n']);
      files.push([`${id}/report.html`, reportHtml(rep)]);
    }
    folder.write(files);
    let warnings = 0;
    for (const [id, run] of result.runs) {
      out(runSummary(id, run));
      printFindings(path, run);
      warnings += run.findings.length;
    }
    const lang = langOfIrs([...result.runs.values()].map((r) => r.ir));
    if (warnings) out(counts(0, warnings, lang));
    const v = [...result.runs.values()][0]?.ir.variant;
    if (v) out(lang === 'en' ? `variant ${v.name}${v.label ? ` («${v.label}»)` : ''}` : `variante ${v.name}${v.label ? ` («${v.label}»)` : ''}`);
    out(lang === 'en' ? `reports in ${o.out}/<scheme>/report.html and report.json` : `rapporti in ${o.out}/<scheda>/report.html e report.json`);
    return 0;
  } finally {
    folder.release();
  }
}

async function cmdExplain(path: string, o: { data: string; person: string; json?: boolean; variant?: string; compare?: string }): Promise<number> {
  const { status, result } = await runBundleOn(path, o.data, o.variant);
  if (!result) return status;
  const xs = [...result.runs.values()].map((r) => explainPerson(r, o.person, astOf(r, path))).filter((x) => x !== undefined);
  if (!xs.length) {
    const lang = langOfIrs([...result.runs.values()].map((r) => r.ir));
    const it = `persona «${o.person}» non trovata nei dati`;
    const en = `person «${o.person}» not found in the data`;
    out(lang === 'it' ? it : lang === 'en' ? en : `${it} / ${en}`);
    return 1;
  }
  if (o.compare !== undefined) {
    // the same person under the other version of the rules, on the same data
    const before = await runBundleOn(o.compare, o.data);
    if (!before.result) return before.status;
    const olds = [...before.result.runs.values()].map((r) => explainPerson(r, o.person, astOf(r, o.compare!))).filter((x) => x !== undefined);
    const rows = compareFigures(olds, xs);
    if (o.json) out(JSON.stringify({ explanations: xs, compare: { old: o.compare, new: path, figures: rows } }, null, 2));
    else out(xs.map((x) => explanationText(x, x.lang)).join('\n\n') + '\n\n' + compareText(rows, o.person, o.compare, path, xs[0].lang));
    return 0;
  }
  out(o.json ? JSON.stringify(xs, null, 2) : xs.map((x) => explanationText(x, x.lang)).join('\n\n'));
  return 0;
}

export function program(setStatus: (n: number) => void): Command {
  const p = new Command('scheda')
    .description('Schemi di valutazione e premi come dati / evaluation and bonus schemes as data')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    // `scheda editor` is the editor's own program (editor/server), started by bin/scheda.mjs
    .addHelpText('after', "\nAnche / also:\n  editor [rules-dir] [--port N]  l'editor nel browser su 127.0.0.1 / the browser editor on 127.0.0.1");
  p.command('check').argument('<paths...>').option('--json', 'diagnostics as JSON').option('--explain-types', 'print the unit and type inferred for each computed value')
    .option('--since <old>', 'the previous version (a file or a year folder): warn about sources and notes quoting figures their rule no longer holds').description('controlla le schede').action((ps, o) => setStatus(cmdCheck(ps, o)));
  p.command('fmt').argument('<paths...>').option('--check', 'exit 1 if a file would change').option('--lang <lang>', 'it | en')
    .description('formatta le schede').action((ps, o) => setStatus(cmdFmt(ps, o)));
  p.command('test').argument('<paths...>').option('--variant <name>', 'run the examples of this named variant (and those of every variant) under it')
    .option('--update', 'rewrite the expected values that differ, in place, and print what changed')
    .description('esegue gli esempi delle schede').action((ps, o) => setStatus(cmdTest(ps, o)));
  p.command('compile').argument('<file>').option('--positions', 'include source lines and columns')
    .description('stampa l\'IR JSON').action((f, o) => setStatus(cmdCompile(f, o)));
  p.command('schema').argument('<file>').description('stampa lo JSON Schema dei dati di ingresso').action((f) => setStatus(cmdSchema(f)));
  p.command('run').argument('<year>').requiredOption('--data <dir>').requiredOption('--out <dir>')
    .option('--excel-it', 'results.csv for Italian Excel: UTF-8 BOM, «;», decimal comma, CRLF')
    .option('--variant <name>', 'run the bundle under this named variant (the reports name it)')
    .description("esegue l'anno sui dati e scrive risultati e rapporti").action(async (y, o) => setStatus(await cmdRun(y, o)));
  p.command('explain').argument('<year>').requiredOption('--data <dir>').requiredOption('--person <id>').option('--json').option('--variant <name>', 'explain under this named variant')
    .option('--compare <old>', "the person's figures under another version of the rules too (a file or a year folder), on the same data")
    .description('spiega ogni cifra di una persona').action(async (y, o) => setStatus(await cmdExplain(y, o)));
  registerReview(p, setStatus);
  return p;
}

export async function main(argv: string[]): Promise<number> {
  let status = 0;
  try {
    await program((n) => (status = n)).parseAsync(argv, { from: 'user' });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof Usage || e instanceof OutputUsage || e instanceof ReviewUsage) {
      process.stderr.write(e.message + '\n');
      return 2;
    }
    // a file-system problem (read-only, full disk, no permission, …) is one line, never a stack trace
    const line = e instanceof OutputError ? e.message : fsErrorLine(e);
    if (line) {
      process.stderr.write(line + '\n');
      return 1;
    }
    process.stderr.write(`scheda: errore interno / internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}


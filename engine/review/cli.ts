// The review commands of `scheda`: diff (with --data, the impact), render, nuovo-anno. main.ts calls
// registerReview() once; each command lives in its own module under engine/review/.
import type { Command } from 'commander';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadBundles } from '../pipeline.ts';
import { documentBlocks, documentHtml, documentPdf } from './render.ts';
import { cmdNuovoAnno } from './rollover.ts';
import { readSources, schemeFiles } from '../pipeline.ts';
import { cmdImpact } from './impact-cli.ts';
import { changesText, diffVersions, DiffError, parseVersion, type Version } from './diff.ts';

export class ReviewUsage extends Error {}

function out(s: string) {
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
}

/** The schemes a path names (a file, or every .scheda file of a folder), parsed. */
export function versionsOf(path: string): Version[] {
  if (!existsSync(path)) throw new ReviewUsage(`scheda: «${path}» non esiste / does not exist`);
  const files = schemeFiles(path);
  if (!files.length) throw new ReviewUsage(`scheda: «${path}» non contiene file .scheda / holds no .scheda file`);
  if (!statSync(path).isDirectory() && !path.endsWith('.scheda')) throw new ReviewUsage(`scheda: «${path}» non è un file .scheda / is not a .scheda file`);
  return readSources(files).map(parseVersion);
}

function langOpt(l: string | undefined): 'it' | 'en' {
  if (l === undefined) return 'it';
  if (l !== 'it' && l !== 'en') throw new ReviewUsage('scheda: --lang it|en');
  return l;
}

export interface DiffCliOptions {
  json?: boolean;
  lang?: string;
  data?: string;
  out?: string;
}

export async function cmdDiff(oldPath: string, newPath: string, o: DiffCliOptions): Promise<number> {
  const lang = langOpt(o.lang);
  let olds: Version[];
  let news: Version[];
  try {
    olds = versionsOf(oldPath);
    news = versionsOf(newPath);
  } catch (e) {
    if (e instanceof DiffError) {
      out(e.message);
      return 1;
    }
    throw e;
  }
  const changes = diffVersions(olds, news, { lang });
  if (o.data !== undefined) {
    return cmdImpact(oldPath, newPath, changes, { data: o.data, out: o.out, json: !!o.json, lang });
  }
  if (o.out !== undefined) throw new ReviewUsage('scheda diff: --out vale con --data / --out goes with --data');
  if (o.json) out(JSON.stringify({ changes }, null, 2));
  else for (const l of changesText(changes, lang)) out(l);
  return 0;
}

export async function cmdRender(path: string, o: { out: string; changesSince?: string }): Promise<number> {
  if (!/\.(html?|pdf)$/i.test(o.out)) throw new ReviewUsage('scheda render: --out file.html | file.pdf');
  let docs: Version[];
  let changes: { since: string; list: ReturnType<typeof diffVersions> } | undefined;
  try {
    docs = versionsOf(path);
    if (o.changesSince) changes = { since: o.changesSince, list: diffVersions(versionsOf(o.changesSince), docs) };
  } catch (e) {
    if (e instanceof DiffError) {
      out(e.message);
      return 1;
    }
    throw e;
  }
  // the checker's warnings become reviewer notes (errors stop: a document of broken rules would mislead)
  const bundles = loadBundles([path]);
  const ds = bundles.flatMap((b) => b.bundle.diagnostics);
  const errors = ds.filter((d) => d.severity === 'error');
  if (errors.length) {
    for (const d of errors.slice(0, 10)) out(`${d.file}:${d.span.line}:${d.span.col}: ${d.message}`);
    return 1;
  }
  const files = new Map(docs.map((d) => [resolve(d.file), d.file]));
  const warnings = ds.filter((d) => d.severity === 'warning' && files.has(resolve(d.file))).map((d) => ({ ...d, file: files.get(resolve(d.file))! }));
  const blocks = documentBlocks(docs.map((d) => ({ file: d.file, ast: d.ast })), warnings, changes);
  mkdirSync(dirname(resolve(o.out)), { recursive: true });
  if (/\.pdf$/i.test(o.out)) writeFileSync(o.out, await documentPdf(blocks));
  else writeFileSync(o.out, documentHtml(blocks));
  out(`scritto ${o.out} / written`);
  return 0;
}

export function registerReview(p: Command, setStatus: (n: number) => void) {
  p.command('render').argument('<path>').requiredOption('--out <file>', 'file.html or file.pdf (A4)')
    .option('--changes-since <old>', 'append the changes since this version (a file or a year folder)')
    .description('la scheda come documento per la revisione legale / the scheme as a document')
    .action(async (x, o) => setStatus(await cmdRender(x, o)));
  p.command('nuovo-anno').alias('new-year').argument('<old>').argument('<new>')
    .description("copia le regole per l'anno nuovo / roll the rules over to a new year")
    .action((a, b) => setStatus(cmdNuovoAnno(a, b)));
  p.command('diff').argument('<old>').argument('<new>')
    .option('--json', '{"changes": […]} (with --data: {"schemes": […]})')
    .option('--lang <lang>', 'it | en: the language of the lines')
    .option('--data <dir>', 'run both versions on this data: the impact')
    .option('--out <dir>', 'with --data: write impact.html (public) and impact-private.html/json there')
    .description('differenze tra due versioni delle regole / what changed between two versions')
    .action(async (a, b, o) => setStatus(await cmdDiff(a, b, o)));
}

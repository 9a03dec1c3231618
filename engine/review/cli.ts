// The review commands of `scheda`: diff (with --data, the impact), render, nuovo-anno. main.ts calls
// registerReview() once; each command lives in its own module under engine/review/.
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
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

export function registerReview(p: Command, setStatus: (n: number) => void) {
  p.command('diff').argument('<old>').argument('<new>')
    .option('--json', '{"changes": […]} (with --data: {"schemes": […]})')
    .option('--lang <lang>', 'it | en: the language of the lines')
    .option('--data <dir>', 'run both versions on this data: the impact')
    .option('--out <dir>', 'with --data: write impact.html (public) and impact-private.html/json there')
    .description('differenze tra due versioni delle regole / what changed between two versions')
    .action(async (a, b, o) => setStatus(await cmdDiff(a, b, o)));
}

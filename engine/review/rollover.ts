// `scheda nuovo-anno OLD NEW`: copies a year's rules into a new folder, sets the year in every header,
// moves `data/…-<year>` references, marks the examples as to be confirmed, and lists for a reviewer the
// sources, notes, examples and comments that quote the old year or figures likely to be stale.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { readSources, schemeFiles } from '../pipeline.ts';
import { parse } from '../syntax/index.ts';
import { yearFolderMismatches as folderMismatches } from './year-folder.ts';

export interface StaleQuote {
  file: string;
  line: number;
  col: number;
  what: string; // fonte, nota, esempio, commento
  quotes: string[]; // the figures or years quoted
}

const FIGURE = /\b\d{4}\b|\d+(?:[.,]\d+)*\s?%|\d{1,3}(?:\.\d{3})+(?:,\d+)?\s?€?|\d+(?:,\d+)?\s?€/g;
const KIND = /^\s*(fonte|nota|source|note|esempio|example)\s*/;

/** Lines of a scheme's text whose source, note, example label or comment quotes a year or a figure. */
export function staleQuotes(file: string, text: string, oldYear: string): StaleQuote[] {
  const out: StaleQuote[] = [];
  text.split('\n').forEach((line, i) => {
    const m = KIND.exec(line);
    if (!m) return;
    const what = { fonte: 'fonte', source: 'fonte', nota: 'nota', note: 'nota', esempio: 'esempio', example: 'esempio', '#': 'commento' }[m[1]]!;
    const body = line.slice(m[0].length);
    const found = [...body.matchAll(FIGURE)].map((x) => x[0].trim()).filter((x) => !/^\d{4}$/.test(x) || x === oldYear);
    // a comment or a source is worth a look only when it names the old year or an amount/percentage
    if (!found.length) return;
    out.push({ file, line: i + 1, col: m[0].length + 1, what, quotes: [...new Set(found)] });
  });
  return out;
}

function isEmptyDir(p: string): boolean {
  return statSync(p).isDirectory() && readdirSync(p).length === 0;
}

export function cmdNuovoAnno(oldDir: string, newDir: string): number {
  const say = (s: string) => process.stdout.write(s + '\n');
  if (!existsSync(oldDir) || !statSync(oldDir).isDirectory()) {
    process.stderr.write(`scheda nuovo-anno: «${oldDir}» non è una cartella / is not a folder\n`);
    return 2;
  }
  if (existsSync(newDir) && !isEmptyDir(newDir)) {
    process.stderr.write(`scheda nuovo-anno: «${newDir}» esiste e non è vuota: non la sovrascrivo / exists and is not empty\n`);
    return 2;
  }
  if (resolve(newDir).startsWith(resolve(oldDir) + '/')) {
    process.stderr.write(`scheda nuovo-anno: «${newDir}» è dentro «${oldDir}» / is inside the old folder\n`);
    return 2;
  }
  const sources = readSources(schemeFiles(oldDir));
  if (!sources.length) {
    process.stderr.write(`scheda nuovo-anno: «${oldDir}» non contiene file .scheda / holds no .scheda file\n`);
    return 2;
  }
  // the years: the old one from the headers, the new one from the new folder's name (else the next year)
  const parsed = sources.map((s) => ({ s, r: parse(s.text, s.file) }));
  const broken = parsed.find((p) => p.r.diagnostics.some((d) => d.severity === 'error'));
  if (broken) {
    const d = broken.r.diagnostics.find((x) => x.severity === 'error')!;
    say(`${broken.s.file}:${d.span.line}:${d.span.col}: ${d.message}`);
    return 1;
  }
  const oldYears = [...new Set(parsed.map((p) => p.r.ast.year.value))];
  const named = /^(\d{4})$/.exec(basename(resolve(newDir)))?.[1];
  const newYear = named ?? String(Number(oldYears[0]) + 1);
  const files: [string, string][] = [];
  const stale: StaleQuote[] = [];
  for (const { s, r } of parsed) {
    const y = r.ast.year;
    const oldYear = y.value;
    let text = s.text.slice(0, y.span.offset) + newYear + s.text.slice(y.span.endOffset);
    // data folders named for the year follow it
    text = text.replace(new RegExp(`(data/[\\w.-]*?)${oldYear}\\b`, 'g'), `$1${newYear}`);
    // every example is to be confirmed for the new year
    const exampleWord = r.ast.lang === 'it' ? 'esempio' : 'example';
    const mark = r.ast.lang === 'it' ? `# DA CONFERMARE per il ${newYear} (ripreso dal ${oldYear})` : `# TO BE CONFIRMED for ${newYear} (carried over from ${oldYear})`;
    text = text.replace(new RegExp(`^(${exampleWord}\\s)`, 'gm'), `${mark}\n$1`);
    const rel = relative(oldDir, s.file);
    const target = join(newDir, rel.startsWith('..') || !rel ? basename(s.file) : rel);
    // where it came from: `check` compares the new file's citations with the rules they quoted there
    const from = relative(dirname(resolve(target)), resolve(s.file)).split(sep).join('/');
    text = (r.ast.lang === 'it' ? `# ripreso da «${from}» con scheda nuovo-anno\n` : `# carried over from «${from}» by scheda new-year\n`) + text;
    files.push([target, text]);
    stale.push(...staleQuotes(target, text, oldYear).filter((q) => !q.quotes.every((x) => x === newYear)));
  }
  for (const [f, t] of files) {
    mkdirSync(join(f, '..'), { recursive: true });
    writeFileSync(f, t);
  }
  say(`${files.length} schede copiate in ${newDir}, anno ${newYear} / ${files.length} schemes copied, year ${newYear}`);
  if (stale.length) {
    say(`Da verificare: ${stale.length} fonti, note, esempi o commenti citano l'anno ${oldYears.join(', ')} o cifre che potrebbero essere superate:`);
    for (const q of stale) say(`  avviso ${q.file}:${q.line}:${q.col}: ${q.what} cita ${q.quotes.map((x) => `«${x}»`).join(', ')}`);
  }
  return 0;
}

/** `check`: a folder named for a year whose schemes say another year. */
export function yearFolderMismatches(files: { file: string; text: string }[]): { file: string; offset: number; folder: string; year: string }[] {
  return folderMismatches(files, (f) => basename(resolve(f, '..')));
}

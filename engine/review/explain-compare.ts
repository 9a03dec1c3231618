// `explain --compare OLD`: one person's figures under two versions of the rules, run on the same data, side
// by side, each difference marked; figures present in one version only are marked too.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Explanation } from '../explain.ts';
import type { SchemeRun } from '../run/year.ts';
import { parse } from '../syntax/index.ts';
import type * as A from '../syntax/ast.ts';

export interface ComparedFigure {
  scheme: string;
  name: string;
  label?: string;
  old: string | null; // the figure as shown under the old rules (null: not in that version)
  new: string | null;
  changed: boolean;
}

/** The scheme's tree of a run, for formulas (undefined when the file cannot be read back). */
export function astOf(run: SchemeRun, path: string): A.SchemeFile | undefined {
  try {
    // the IR names its file as the run was given it: inside the year folder, or the file itself
    const dir = statSync(path).isDirectory() ? path : dirname(path);
    const file = [join(dir, run.ir.file), join(dir, basename(run.ir.file)), run.ir.file].find((f) => existsSync(f))!;
    const r = parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), file);
    return r.diagnostics.some((d) => d.severity === 'error') ? undefined : r.ast;
  } catch {
    return undefined;
  }
}

export function compareFigures(olds: Explanation[], news: Explanation[]): ComparedFigure[] {
  const out: ComparedFigure[] = [];
  const schemes = [...new Set([...news.map((x) => x.scheme), ...olds.map((x) => x.scheme)])];
  for (const s of schemes) {
    const a = olds.find((x) => x.scheme === s);
    const b = news.find((x) => x.scheme === s);
    const fa = new Map((a?.figures ?? []).map((f) => [f.name, f]));
    const names = [...(b?.figures ?? []).map((f) => f.name), ...(a?.figures ?? []).map((f) => f.name).filter((n) => !(b?.figures ?? []).some((f) => f.name === n))];
    for (const n of names) {
      const x = fa.get(n);
      const y = b?.figures.find((f) => f.name === n);
      const old = x ? JSON.stringify(x.value) : null;
      const neu = y ? JSON.stringify(y.value) : null;
      const shown = (t: string) => t.replace(/^.* \((?:esatto|exact)\) → /, ''); // side by side, the rounded figure
      out.push({ scheme: s, name: n, ...((y ?? x)!.label ? { label: (y ?? x)!.label } : {}), old: x ? shown(x.text) : null, new: y ? shown(y.text) : null, changed: old !== neu });
    }
  }
  return out;
}

export function compareText(rows: ComparedFigure[], person: string, oldPath: string, newPath: string, lang: 'it' | 'en'): string {
  const none = lang === 'it' ? '(assente)' : '(absent)';
  const out: string[] = [];
  let scheme = '';
  // a loop, not Math.max(...): a person's figures can be many
  const width = Math.min(60, rows.reduce((w, r) => Math.max(w, (r.label ? `${r.label} [${r.name}]` : r.name).length), 0));
  const changed = rows.filter((r) => r.changed).length;
  for (const r of rows) {
    if (r.scheme !== scheme) {
      scheme = r.scheme;
      out.push(`${out.length ? '\n' : ''}== ${lang === 'it' ? 'confronto' : 'comparison'} ${scheme}: ${person} — ${oldPath} → ${newPath}`);
    }
    const name = r.label ? `${r.label} [${r.name}]` : r.name;
    out.push(`${r.changed ? '≠' : ' '} ${name.padEnd(width)}  ${r.old ?? none}  →  ${r.new ?? none}`);
  }
  out.push('', lang === 'it' ? `${changed} ${changed === 1 ? 'cifra cambia' : 'cifre cambiano'} (≠)` : `${changed} ${changed === 1 ? 'figure changes' : 'figures change'} (≠)`);
  return out.join('\n');
}

import type { Span } from '../syntax/ast.ts';
import type { Lang } from '../syntax/keywords.ts';
import { CATALOGUE, type Code, type Severity } from './catalogue.ts';
import { MAX_DIAGNOSTICS_PER_FILE } from '../syntax/limits.ts';

export interface Related {
  message: string;
  file: string;
  span: Span;
}

export interface Diagnostic {
  code: Code;
  severity: Severity;
  message: string;
  hint?: string;
  file: string;
  span: Span;
  related?: Related[];
}

/** Longest text an argument puts into a message: a 40 KB name is cut, not repeated in every line. */
const MAX_ARG = 300;

function fill(t: string, args: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (_, k) => {
    if (!(k in args)) return `{${k}}`;
    const v = String(args[k]);
    return v.length > MAX_ARG ? v.slice(0, MAX_ARG - 1) + '…' : v;
  });
}

/** Builds a diagnostic from the catalogue, in the language of the file it speaks about. */
export function diag(code: Code, file: string, span: Span, lang: Lang, args: Record<string, string | number> = {}, related?: Related[]): Diagnostic {
  const e = CATALOGUE[code] as { severity: Severity; it: string; en: string; hintIt?: string; hintEn?: string };
  const hintT = lang === 'it' ? e.hintIt : e.hintEn;
  const d: Diagnostic = { code, severity: e.severity, message: fill(lang === 'it' ? e.it : e.en, args), file, span };
  // a did-you-mean hint with nothing to suggest is left out
  if (hintT && !(hintT.includes('{suggestion}') && !args.suggestion)) d.hint = fill(hintT, args);
  if (related?.length) d.related = related;
  return d;
}

export function hasErrors(ds: Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * At most `max` diagnostics per file, errors kept first, then warnings, then the rest; past them one
 * diagnostic (too-many-diagnostics, at the first of the gravest left out) counts what is not shown. Order is kept.
 */
export function capDiagnostics(ds: Diagnostic[], langOf: (file: string) => Lang = () => 'it', max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of ds) {
    const l = byFile.get(d.file);
    if (l) l.push(d);
    else byFile.set(d.file, [d]);
  }
  if ([...byFile.values()].every((l) => l.length <= max)) return ds;
  const out: Diagnostic[] = [];
  for (const [file, l] of byFile) {
    if (l.length <= max) {
      out.push(...l);
      continue;
    }
    const kept = new Set([...l].sort((a, b) => RANK[a.severity] - RANK[b.severity]).slice(0, max)); // a stable sort
    const left = l.filter((d) => !kept.has(d));
    out.push(...l.filter((d) => kept.has(d)));
    const errors = left.filter((d) => d.severity === 'error').length;
    const warnings = left.filter((d) => d.severity === 'warning').length;
    const severity: Severity = errors ? 'error' : warnings ? 'warning' : 'info';
    const at = left.find((d) => d.severity === severity) ?? left[0];
    const more = diag('too-many-diagnostics', file, at.span, langOf(file), { count: left.length, errors, warnings });
    more.severity = severity;
    out.push(more);
  }
  return out;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.span.line - b.span.line || a.span.col - b.span.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

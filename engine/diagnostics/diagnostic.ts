import type { Span } from '../syntax/ast.ts';
import type { Lang } from '../syntax/keywords.ts';
import { CATALOGUE, type Code, type Severity } from './catalogue.ts';

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

function fill(t: string, args: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (_, k) => (k in args ? String(args[k]) : `{${k}}`));
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

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.span.line - b.span.line || a.span.col - b.span.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

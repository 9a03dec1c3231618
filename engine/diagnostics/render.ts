// Diagnostics for people: `file:line:col: severity code: message`, the source line, a caret, the hint.
// A long source line is shown as a window around the caret, cut with `…`: a 40 KB rule line is not
// reprinted whole under every diagnostic.
import type { Diagnostic } from './diagnostic.ts';
import { detectLang } from '../syntax/lexer.ts';

/** Characters of a long source line shown around the caret (WINDOW_BEFORE of them before it). */
export const WINDOW = 100;
const WINDOW_BEFORE = 40;

// where each line starts, for the last source rendered (diagnostics come one file at a time)
let cached: { source: string; starts: number[] } | undefined;

function lineOf(source: string, n: number): string | undefined {
  if (cached?.source !== source) {
    const starts = [0];
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
    cached = { source, starts };
  }
  const start = cached.starts[n - 1];
  if (start === undefined) return undefined;
  const end = cached.starts[n] ?? source.length + 1;
  return source.slice(start, end - 1);
}

export function renderDiagnostic(d: Diagnostic, source: string | undefined, lang: 'it' | 'en' = source !== undefined ? detectLang(source) : 'it'): string {
  // the first line is a contract other tools parse: file:line:col: severity code: message
  const out = [`${d.file}:${d.span.line}:${d.span.col}: ${d.severity} ${d.code}: ${d.message}`];
  if (source !== undefined) {
    const line = lineOf(source, d.span.line);
    if (line !== undefined) {
      const gutter = String(d.span.line).padStart(5) + ' | ';
      const col = d.span.col - 1; // where the caret starts, 0-based
      let from = 0;
      let to = line.length;
      if (line.length > WINDOW) {
        from = Math.max(0, Math.min(col - WINDOW_BEFORE, line.length - WINDOW));
        to = from + WINDOW;
      }
      const before = from > 0 ? '…' : '';
      out.push(gutter + before + line.slice(from, to).replace(/\t/g, ' ') + (to < line.length ? '…' : ''));
      const width = d.span.endLine === d.span.line ? Math.max(1, d.span.endCol - d.span.col + 1) : Math.max(1, line.length - d.span.col + 1);
      out.push(' '.repeat(gutter.length + before.length + Math.max(0, col - from)) + '^'.repeat(Math.max(1, Math.min(width, 80, to - col))));
    }
  }
  if (d.hint) out.push(`      = ${lang === 'it' ? 'suggerimento' : 'hint'}: ${d.hint}`);
  for (const r of d.related ?? []) out.push(`      - ${r.file}:${r.span.line}:${r.span.col}: ${r.message}`);
  return out.join('\n');
}

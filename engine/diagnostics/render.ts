// Diagnostics for people: `file:line:col: severity code: message`, the source line, a caret, the hint.
import type { Diagnostic } from './diagnostic.ts';
import { detectLang } from '../syntax/lexer.ts';

export function renderDiagnostic(d: Diagnostic, source: string | undefined, lang: 'it' | 'en' = source !== undefined ? detectLang(source) : 'it'): string {
  // the first line is a contract other tools parse: file:line:col: severity code: message
  const out = [`${d.file}:${d.span.line}:${d.span.col}: ${d.severity} ${d.code}: ${d.message}`];
  if (source !== undefined) {
    const line = source.split('\n')[d.span.line - 1];
    if (line !== undefined) {
      const gutter = String(d.span.line).padStart(5) + ' | ';
      out.push(gutter + line.replace(/\t/g, ' '));
      const width = d.span.endLine === d.span.line ? Math.max(1, d.span.endCol - d.span.col + 1) : Math.max(1, line.length - d.span.col + 1);
      out.push(' '.repeat(gutter.length + d.span.col - 1) + '^'.repeat(Math.min(width, 80)));
    }
  }
  if (d.hint) out.push(`      = ${lang === 'it' ? 'suggerimento' : 'hint'}: ${d.hint}`);
  for (const r of d.related ?? []) out.push(`      - ${r.file}:${r.span.line}:${r.span.col}: ${r.message}`);
  return out.join('\n');
}

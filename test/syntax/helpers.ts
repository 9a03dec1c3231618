// Shared helpers for the syntax tests: span-free AST comparison, span checks, fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemeFile, Span } from '../../engine/syntax/ast.ts';
import { functionByWord } from '../../engine/syntax/keywords.ts';
import { yearValueByWord } from '../../engine/syntax/dates.ts';
import { declaredNames } from '../../engine/format/dates.ts';

/** A deep copy without `span` keys and without keys whose value is undefined, for comparing trees. */
export function stripSpans<T>(x: T): T {
  if (Array.isArray(x)) return x.map((v) => stripSpans(v)) as T;
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === 'span' || v === undefined) continue;
    out[k] = stripSpans(v);
  }
  return out as T;
}

/**
 * The tree without what depends on the keyword language: spans, the language, and call names (stored as
 * written) turned into their canonical Italian name.
 */
export function languageFree(ast: SchemeFile): unknown {
  const declared = declaredNames(ast);
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== 'object') return x;
    const o = x as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = walk(v);
    // the scheme's year (`anno` / `year`, where no name is so declared) is one value in both languages
    if (o.kind === 'ref' && Array.isArray(o.path) && o.path.length === 1) {
      const y = yearValueByWord((o.path[0] as { name: string }).name, ast.lang);
      if (y && !declared.has((o.path[0] as { name: string }).name)) out.path = [{ kind: 'ident', name: y }];
    }
    if (o.kind === 'call') {
      const fn = o.fn as { name: string };
      out.fn = { kind: 'ident', name: functionByWord(fn.name, ast.lang) ?? fn.name };
    }
    return out;
  };
  const t = stripSpans(ast) as unknown as Record<string, unknown>;
  delete t.lang;
  return walk(t);
}

export interface SpanProblem {
  span: Span;
  problem: string;
}

/** Why a span does not lie inside `text` (lines end at '\n'), or undefined when it does. */
export function spanProblem(text: string, s: Span): string | undefined {
  const lines = text.split('\n');
  if (!Number.isInteger(s.line) || s.line < 1 || s.line > lines.length) return `line ${s.line} outside 1..${lines.length}`;
  const len = lines[s.line - 1].length;
  if (!Number.isInteger(s.col) || s.col < 1 || s.col > len + 1) return `col ${s.col} outside 1..${len + 1} on line ${s.line}`;
  if (!Number.isInteger(s.offset) || s.offset < 0 || s.offset > text.length) return `offset ${s.offset} outside 0..${text.length}`;
  if (!Number.isInteger(s.endOffset) || s.endOffset < s.offset || s.endOffset > text.length) return `endOffset ${s.endOffset} outside ${s.offset}..${text.length}`;
  const lineStart = lines.slice(0, s.line - 1).reduce((n, l) => n + l.length + 1, 0);
  if (lineStart + s.col - 1 !== s.offset) return `line ${s.line} col ${s.col} is offset ${lineStart + s.col - 1}, not ${s.offset}`;
  return undefined;
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'format');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.input.scheda'))
    .map((f) => f.replace('.input.scheda', ''))
    .sort();
}

export function readFixture(name: string, kind: 'input' | 'golden'): string {
  return readFileSync(join(FIXTURES, `${name}.${kind}.scheda`), 'utf8');
}

// Syntax pass: text -> AST + diagnostics. Never throws: on any input it returns a tree (possibly partial).
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Span, SchemeFile, Meta } from './ast.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { KEYWORDS, type KeywordName, type Lang } from './keywords.ts';
import { lex } from './lexer.ts';
import { canonicalNumber, literalDigits, PRECISION } from './numbers.ts';
import { parser } from './parser.ts';
import { AstBuilder } from './to-ast.ts';

export interface ParseResult {
  ast: SchemeFile;
  diagnostics: Diagnostic[];
  lang: Lang;
}

const PUNCT_IT: Record<string, string> = {
  LBrace: '«{»', RBrace: '«}»', LParen: '«(»', RParen: '«)»', LBracket: '«[»', RBracket: '«]»', Equals: '«=»', Colon: '«:»',
  Arrow: '«→»', Sep: '«;»', Semi: '«;»', Comma: '«,»', Dot: '«.»', StringLit: 'un testo tra virgolette', NumberLit: 'un numero',
  Identifier: 'un nome', Percent: '«%»', EuroSign: '«€»', Minus: '«-»', Plus: '«+»',
};
const PUNCT_EN: Record<string, string> = {
  ...PUNCT_IT, Sep: '«,»', StringLit: 'a text in double quotes', NumberLit: 'a number', Identifier: 'a name',
};

function tokenWord(name: string, lang: Lang): string {
  if (name === 'EOF') return lang === 'it' ? 'la fine del file' : 'the end of the file';
  if (name in KEYWORDS) return `«${KEYWORDS[name as KeywordName][lang]}»`;
  return (lang === 'it' ? PUNCT_IT : PUNCT_EN)[name] ?? name;
}

export function spanAt(text: string, offset: number, length = 1): Span {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let last = -1;
  for (let i = 0; i < o; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  const col = o - last;
  return { line, col, endLine: line, endCol: col + Math.max(0, length - 1), offset: o, endOffset: Math.min(text.length, o + length) };
}

function found(t: IToken | undefined, lang: Lang): string {
  if (!t || t.tokenType.name === 'EOF') return lang === 'it' ? 'la fine del file' : 'the end of the file';
  return `«${t.image}»`;
}

function syntaxDiag(e: IRecognitionException, text: string, file: string, lang: Lang, tokens: IToken[] = []): Diagnostic {
  const t = e.token;
  const span = t && t.tokenType.name !== 'EOF' && Number.isFinite(t.startOffset)
    ? { line: t.startLine!, col: t.startColumn!, endLine: t.endLine!, endCol: t.endColumn!, offset: t.startOffset, endOffset: t.endOffset! + 1 }
    : spanAt(text, text.replace(/\s+$/, '').length, 0);
  const m = /Expecting token of type --> (\w+) <--/.exec(e.message);
  const next = t ? tokens[tokens.indexOf(t) + 1] : undefined;
  const usedAsName = next?.tokenType.name === 'Colon' && (e.context?.ruleStack ?? []).some((r) => r === 'inputsDecl' || r === 'tableDecl');
  if (t && t.tokenType.name in KEYWORDS && (m?.[1] === 'Identifier' || /\[Identifier/.test(e.message) || usedAsName)) {
    return diag('syntax-reserved-word', file, span, lang, { found: t.image });
  }
  const stack = e.context?.ruleStack ?? [];
  if (!m && stack.some((r) => ['expr', 'primary', 'unary'].includes(r))) {
    return diag('syntax-unexpected', file, span, lang, { expected: lang === 'it' ? "un valore o un'espressione" : 'a value or an expression', found: found(t, lang) });
  }
  if (m) return diag('syntax-unexpected', file, span, lang, { expected: tokenWord(m[1], lang), found: found(t, lang) });
  if (e.name === 'EarlyExitException' || e.name === 'NoViableAltException') {
    const firsts = [...e.message.matchAll(/\[(\w+)/g)].map((x) => x[1]);
    const uniq = [...new Set(firsts)].slice(0, 6).map((x) => tokenWord(x, lang));
    if (uniq.length) {
      return diag('syntax-unexpected', file, span, lang, { expected: uniq.join(lang === 'it' ? ' o ' : ' or '), found: found(t, lang) });
    }
  }
  return diag('syntax-unreadable', file, span, lang, { found: found(t, lang) });
}

export function parse(text: string, file = '<testo>'): ParseResult {
  const lx = lex(text);
  const lang = lx.lang;
  const diagnostics: Diagnostic[] = lx.errors.map((e) =>
    diag('syntax-bad-character', file, spanAt(text, e.offset, e.length), lang, { found: `«${text.substr(e.offset, e.length)}»` }),
  );
  // «1,500.00» in an English file is not a number but two arguments: refuse it rather than split it
  if (lang === 'en') {
    const t = lx.tokens;
    for (let i = 0; i + 2 < t.length; i++) {
      if (t[i].tokenType.name === 'NumberEn' && t[i + 1].tokenType.name === 'Comma' && t[i + 2].tokenType.name === 'NumberEn' &&
        t[i + 1].startOffset === (t[i].endOffset ?? 0) + 1 && t[i + 2].startOffset === (t[i + 1].endOffset ?? 0) + 1 && /^\d{3}(\.\d+)?$/.test(t[i + 2].image)) {
        const from = t[i].startOffset;
        diagnostics.push(diag('syntax-thousands-comma', file, spanAt(text, from, (t[i + 2].endOffset ?? from) - from + 1), lang, { found: text.slice(from, (t[i + 2].endOffset ?? from) + 1) }));
      }
    }
  }
  // a literal the engine could not hold exactly would be rounded silently by the first operation on it
  for (const t of lx.tokens) {
    if (t.tokenType.name !== 'NumberIt' && t.tokenType.name !== 'NumberEn') continue;
    const digits = literalDigits(canonicalNumber(t.image, lang));
    if (digits <= PRECISION) continue;
    const found = t.image.length > 30 ? `«${t.image.slice(0, 12)}…${t.image.slice(-8)}»` : `«${t.image}»`;
    diagnostics.push(diag('number-too-precise', file, spanAt(text, t.startOffset, t.image.length), lang, { found, digits, max: PRECISION }));
  }
  parser.input = lx.tokens;
  const cst = parser.file();
  const errs = parser.errors;
  const seen = new Set<number>();
  const reservedLines = new Set<number>();
  for (const e of errs) {
    const d = syntaxDiag(e, text, file, lang, lx.tokens);
    if (seen.has(d.span.offset) || reservedLines.has(d.span.line)) continue; // one error per misused keyword, not a cascade
    if (d.code === 'syntax-reserved-word') reservedLines.add(d.span.line);
    seen.add(d.span.offset);
    diagnostics.push(d);
  }
  const b = new AstBuilder(lang, spanAt(text, 0, 0));
  const ast = b.file(cst, text);
  if (!ast.name.name && errs.length === 0) diagnostics.push(diag('missing-header', file, spanAt(text, 0), lang));
  const stated = /^[^#\n"]*?\b(?:lingua|language)\s+([A-Za-z]+)/m.exec(text.slice(0, 4000));
  if (stated && !['it', 'en'].includes(stated[1])) {
    diagnostics.push(diag('unknown-language', file, spanAt(text, stated.index + stated[0].length - stated[1].length, stated[1].length), lang, { lang: stated[1] }));
  }
  attachComments(ast, lx.comments, lx.tokens[0]?.startOffset ?? text.length);
  return { ast, diagnostics, lang };
}

// ---- comments survive formatting: each is attached to the declaration it precedes, or trails ----

interface Attachable {
  span: Span;
  meta: Meta;
}

function collectAttachables(ast: SchemeFile): Attachable[] {
  const out: Attachable[] = [];
  for (const d of ast.decls) {
    out.push(d);
    if (d.kind === 'inputs' || d.kind === 'table') out.push(...d.fields);
    if (d.kind === 'section') out.push(...d.items);
    if (d.kind === 'bands') out.push(...d.rows);
    if (d.kind === 'fund') out.push(...d.remainders);
    if (d.kind === 'report') out.push(...d.rows);
    if (d.kind === 'example') out.push(...d.given, ...d.expected);
  }
  return out.sort((a, b) => a.span.offset - b.span.offset);
}

function attachComments(ast: SchemeFile, comments: IToken[], headerStart: number): void {
  const nodes = collectAttachables(ast);
  for (const c of comments) {
    const textC = c.image.replace(/^#\s?/, '').replace(/\s+$/, '');
    // comments before the header belong to the file, not to its first declaration
    if (c.startOffset < headerStart) {
      ast.meta.comments.push(textC);
      continue;
    }
    const line = c.startLine ?? 0;
    // a comment on the line where a node ends trails it
    const trailing = nodes.filter((n) => n.span.endLine === line && n.span.endOffset <= c.startOffset).sort((a, b) => b.span.offset - a.span.offset)[0];
    if (trailing && !trailing.meta.trailing) {
      trailing.meta.trailing = textC;
      continue;
    }
    const next = nodes.find((n) => n.span.offset > c.startOffset);
    if (next) next.meta.comments.push(textC);
    else ast.trailingComments.push(textC);
  }
}

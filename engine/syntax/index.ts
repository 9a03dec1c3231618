// Syntax pass: text -> AST + diagnostics. Never throws: on any input it returns a tree (possibly partial).
// Its cost is linear in the text: positions come from a line index, errors stop after MAX_SYNTAX_ERRORS, and
// nesting past MAX_NESTING is cut before the (recursive) parser sees it.
import { createTokenInstance, type CstNode, type IRecognitionException, type IToken } from 'chevrotain';
import type { Span, SchemeFile } from './ast.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { attachComments } from './comments.ts';
import { KEYWORDS, typeAndLevelWords, type KeywordName, type Lang } from './keywords.ts';
import { lex } from './lexer.ts';
import { canonicalNumber, literalDigits, PRECISION } from './numbers.ts';
import { MAX_NESTING, MAX_SYNTAX_ERRORS } from './limits.ts';
import { NestingTooDeep } from './parser-expr.ts';
import { parser } from './parser.ts';
import { AstBuilder } from './to-ast.ts';
import { NumberEn, NumberIt } from './tokens.ts';

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

/** Where each line starts, to turn offsets into lines and columns in O(log n). Lines end at '\n'. */
class LineIndex {
  private starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  span(offset: number, length = 1): Span {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    const col = o - this.starts[lo] + 1;
    return { line: lo + 1, col, endLine: lo + 1, endCol: col + Math.max(0, length - 1), offset: o, endOffset: Math.min(this.text.length, o + length) };
  }
}

let lastIndex: LineIndex | undefined;
function lineIndex(text: string): LineIndex {
  if (lastIndex?.text !== text) lastIndex = new LineIndex(text);
  return lastIndex;
}

export function spanAt(text: string, offset: number, length = 1): Span {
  return lineIndex(text).span(offset, length);
}

/** A token's text for a message, cut when long (a 40 KB name is not repeated in full). */
export function quoted(image: string): string {
  return `«${image.length > 40 ? image.slice(0, 37) + '…' : image}»`;
}

function found(t: IToken | undefined, lang: Lang): string {
  if (!t || t.tokenType.name === 'EOF') return lang === 'it' ? 'la fine del file' : 'the end of the file';
  return quoted(t.image);
}

/** The index of token `t` in `tokens` (sorted by offset), by bisection. */
function indexOf(tokens: IToken[], t: IToken): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].startOffset < t.startOffset) lo = mid + 1;
    else if (tokens[mid].startOffset > t.startOffset) hi = mid - 1;
    else return tokens[mid] === t ? mid : tokens.indexOf(t, Math.max(0, mid - 2));
  }
  return -1;
}

const tokenSpan = (t: IToken): Span => ({
  line: t.startLine!, col: t.startColumn!, endLine: t.endLine!, endCol: t.endColumn!, offset: t.startOffset, endOffset: t.endOffset! + 1,
});

function syntaxDiag(e: IRecognitionException, file: string, lang: Lang, tokens: IToken[], atEnd: () => Span): Diagnostic {
  const t = e.token;
  const span = t && t.tokenType.name !== 'EOF' && Number.isFinite(t.startOffset) ? tokenSpan(t) : atEnd();
  const m = /Expecting token of type --> (\w+) <--/.exec(e.message);
  const i = t ? indexOf(tokens, t) : -1;
  const next = i >= 0 ? tokens[i + 1] : undefined;
  const usedAsName = next?.tokenType.name === 'Colon' && (e.context?.ruleStack ?? []).some((r) => r === 'inputsDecl' || r === 'tableDecl');
  if (t && t.tokenType.name in KEYWORDS && (m?.[1] === 'Identifier' || /\[Identifier/.test(e.message) || usedAsName)) {
    return diag('syntax-reserved-word', file, span, lang, { found: t.image });
  }
  const stack = e.context?.ruleStack ?? [];
  // a declaration keyword that starts a line, read as a name by the declaration before (a missing value or
  // `}`): the mistake is before it, and this line is fine
  if (t && i > 0) {
    let j = i;
    while (j > 0 && tokens[j - 1].endLine === t.startLine) j--;
    const first = tokens[j];
    const rowOrField = stack.includes('field') || stack.includes('bandRow') || stack.includes('reportRow');
    if (j < i && DECLARATION_KEYWORDS.has(first.tokenType.name) && (j === i - 1 || (j === i - 2 && stack.includes('bandRow'))) && (m?.[1] === 'EOF' || rowOrField)) {
      return diag('syntax-incomplete-declaration', file, tokenSpan(first), lang, { found: quoted(first.image) });
    }
  }
  // a misspelt keyword where a declaration starts
  if (t && m?.[1] === 'EOF' && t.tokenType.name === 'Identifier') {
    const words = [...DECLARATION_KEYWORDS].map((k) => KEYWORDS[k as KeywordName][lang]);
    const s = suggest(t.image, words);
    if (s) return diag('syntax-misspelt-keyword', file, span, lang, { found: quoted(t.image), suggestion: s });
  }
  if (m?.[1] === 'EOF') return diag('syntax-unreadable', file, span, lang, { found: found(t, lang) });
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

const OPENING = new Set(['LParen', 'LBracket', 'LBrace']);
const CLOSING = new Set(['RParen', 'RBracket', 'RBrace']);

/** A bracket nested past MAX_NESTING, and the group around it that the parser does not read. */
interface DeepGroup {
  at: IToken; // the first bracket past the limit
  from: number; // the group left out: after the bracket at the limit …
  end: number; // … to the end of its closing one (exclusive offset)
}

/**
 * Brackets nested past MAX_NESTING, found by counting before anything recursive runs. Around each, the
 * contents of the group at the limit are left out of what the parser reads: `(`…`)` and `[`…`]` keep their
 * brackets around a placeholder `0`, `{`…`}` is left empty, so what the parser reads is still well formed
 * and nests MAX_NESTING brackets at most. The rest of the file is read as usual.
 */
function limitNesting(tokens: IToken[], lang: Lang, textLength: number): { tokens: IToken[]; deep: DeepGroup[] } {
  const deep: DeepGroup[] = [];
  const out: IToken[] = [];
  const open: { token: IToken; kept: number }[] = []; // the brackets open, and how many tokens were kept before each
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const name = t.tokenType.name;
    if (OPENING.has(name) && open.length === MAX_NESTING) {
      const limit = open.pop()!;
      let d = 1;
      let j = i;
      for (; j < tokens.length; j++) {
        if (OPENING.has(tokens[j].tokenType.name)) d++;
        else if (CLOSING.has(tokens[j].tokenType.name) && --d === 0) break;
      }
      const close = tokens[j];
      deep.push({ at: t, from: limit.token.startOffset + 1, end: close ? close.endOffset! + 1 : textLength });
      out.length = limit.kept + 1; // the bracket at the limit stays
      if (limit.token.tokenType.name !== 'LBrace') {
        const num = lang === 'it' ? NumberIt : NumberEn;
        out.push(createTokenInstance(num, '0', t.startOffset, t.startOffset, t.startLine!, t.startLine!, t.startColumn!, t.startColumn!));
      }
      if (close) out.push(close);
      i = j;
      continue;
    }
    if (OPENING.has(name)) open.push({ token: t, kept: out.length });
    else if (CLOSING.has(name)) open.pop();
    out.push(t);
  }
  return { tokens: deep.length ? out : tokens, deep };
}

export function parse(text: string, file = '<testo>'): ParseResult {
  const lines = lineIndex(text);
  const lx = lex(text);
  const lang = lx.lang;
  const diagnostics: Diagnostic[] = lx.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) =>
    diag('syntax-bad-character', file, lines.span(e.offset, e.length), lang, { found: quoted(text.substr(e.offset, Math.min(e.length, 41))) }),
  );
  // «1,500.00» in an English file is not a number but two arguments: refuse it rather than split it
  if (lang === 'en') {
    const t = lx.tokens;
    for (let i = 0, n = 0; i + 2 < t.length && n < MAX_SYNTAX_ERRORS; i++) {
      if (t[i].tokenType.name === 'NumberEn' && t[i + 1].tokenType.name === 'Comma' && t[i + 2].tokenType.name === 'NumberEn' &&
        t[i + 1].startOffset === (t[i].endOffset ?? 0) + 1 && t[i + 2].startOffset === (t[i + 1].endOffset ?? 0) + 1 && /^\d{3}(\.\d+)?$/.test(t[i + 2].image)) {
        const from = t[i].startOffset;
        n++;
        diagnostics.push(diag('syntax-thousands-comma', file, lines.span(from, (t[i + 2].endOffset ?? from) - from + 1), lang, { found: text.slice(from, (t[i + 2].endOffset ?? from) + 1) }));
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
  const { tokens, deep } = limitNesting(lx.tokens, lang, text.length);
  for (const g of deep.slice(0, MAX_SYNTAX_ERRORS)) diagnostics.push(diag('syntax-too-deep', file, tokenSpan(g.at), lang, { max: MAX_NESTING }));

  parser.input = tokens;
  let cst: CstNode;
  let tooDeep: IToken | undefined;
  try {
    cst = parser.file();
  } catch (e) {
    // nesting without brackets (`non non …`, `se` inside `se` …) past the limit: reading stops there. A stack
    // overflow should not happen within the limit; should the stack be short (an embedding host), it ends
    // the reading the same way rather than escaping as a crash.
    if (!(e instanceof NestingTooDeep) && !(e instanceof RangeError)) throw e;
    tooDeep = e instanceof NestingTooDeep ? e.token : parser.current();
    cst = { name: 'file', children: {} };
  }
  const errs = parser.errors;
  const stoppedAt = parser.stoppedAt;
  let end: Span | undefined;
  const atEnd = () => (end ??= lines.span(trimmedLength(text), 0));
  const seen = new Set<number>();
  const reservedLines = new Set<number>();
  const inDeep = (t: IToken | undefined) => !!t && deep.some((g) => t.startOffset >= g.from && t.startOffset < g.end);
  // one mistake, one error: after the first syntax error of a declaration, what recovery stumbles on until
  // the next declaration is a consequence of it, not a new mistake
  const starts = declarationStarts(tokens);
  const statements = new Set<number>();
  for (const e of errs) {
    if (inDeep(e.token)) continue; // caused by the placeholder of a group left out
    const d = syntaxDiag(e, file, lang, tokens, atEnd);
    if (seen.has(d.span.offset) || reservedLines.has(d.span.line)) continue; // one error per misused keyword, not a cascade
    const statement = statementOf(starts, d.span.offset);
    if (statements.has(statement)) continue;
    statements.add(statement);
    if (d.code === 'syntax-reserved-word') reservedLines.add(d.span.line);
    seen.add(d.span.offset);
    diagnostics.push(d);
  }
  const tokenOrEnd = (t: IToken | undefined) => (t && Number.isFinite(t.startOffset) && t.tokenType.name !== 'EOF' ? tokenSpan(t) : atEnd());
  if (stoppedAt) diagnostics.push(diag('syntax-too-many-errors', file, tokenOrEnd(stoppedAt), lang, { max: MAX_SYNTAX_ERRORS }));
  if (tooDeep) diagnostics.push(diag('syntax-too-deep', file, tokenOrEnd(tooDeep), lang, { max: MAX_NESTING }));

  const b = new AstBuilder(lang, lines.span(0, 0));
  const ast = b.file(cst, text);
  if (!ast.name.name && errs.length === 0 && !tooDeep) diagnostics.push(diag('missing-header', file, lines.span(0), lang));
  // a type or level word is not a name where a type or level is written: a unit named so could not be used
  const typeWords = typeAndLevelWords(lang);
  for (const d of ast.decls) if (d.kind === 'unitDecl' && typeWords.has(d.name.name)) diagnostics.push(diag('syntax-reserved-word', file, d.name.span, lang, { found: d.name.name }));
  const stated = /^[^#\n"]*?\b(?:lingua|language)\s+([A-Za-z]+)/m.exec(text.slice(0, 4000));
  if (stated && !['it', 'en'].includes(stated[1])) {
    diagnostics.push(diag('unknown-language', file, lines.span(stated.index + stated[0].length - stated[1].length, stated[1].length), lang, { lang: stated[1] }));
  }
  attachComments(ast, lx.comments, lx.tokens);
  return { ast, diagnostics, lang };
}

// The keywords that start a declaration (and the header).
const DECLARATION_KEYWORDS = new Set<string>([
  'Scheda', 'Unita', 'Usa', 'Dati', 'Tabella', 'Calcola', 'Totale', 'Sezione', 'Voce', 'Requisito', 'Penalita', 'Riduzione',
  'Fasce', 'Vincolo', 'Fondo', 'Parita', 'Prospetto', 'Esempio', 'Insieme', 'Funzione',
]);

/** Offsets of the tokens that start a declaration: a declaration keyword first on its line. */
function declarationStarts(tokens: IToken[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (DECLARATION_KEYWORDS.has(t.tokenType.name) && (i === 0 || tokens[i - 1].endLine !== t.startLine)) out.push(t.startOffset);
  }
  return out;
}

/** How many declarations start at or before `offset` (by bisection). */
function statementOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The text's length without trailing whitespace (a scan from the end: no regex over a long text). */
function trimmedLength(text: string): number {
  let n = text.length;
  while (n > 0 && /\s/.test(text[n - 1])) n--;
  return n;
}

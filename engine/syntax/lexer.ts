// Lexing: pick the file's language from its header, tokenise, re-tag keywords of that language.
import { Lexer, type IToken } from 'chevrotain';
import { keywordTable, type Lang } from './keywords.ts';
import { Identifier, KW, lexerTokensEn, lexerTokensIt } from './tokens.ts';

// Lines end at '\n' only, as in `spanAt` and the diagnostics renderer: chevrotain's default also ends a
// line at a lone '\r', which put token positions and computed positions on different lines.
// (The pattern must be global: chevrotain scans with lastIndex.)
const opts = { positionTracking: 'full', ensureOptimizations: false, lineTerminatorsPattern: /\n/g, lineTerminatorCharacters: ['\n'] } as const;
const lexers: Record<Lang, Lexer> = {
  it: new Lexer(lexerTokensIt, { ...opts, lineTerminatorCharacters: [...opts.lineTerminatorCharacters] }),
  en: new Lexer(lexerTokensEn, { ...opts, lineTerminatorCharacters: [...opts.lineTerminatorCharacters] }),
};
const tables = { it: keywordTable('it'), en: keywordTable('en') };

/** The language a file states in its header (`lingua it` / `language en`); Italian when it states none. */
export function detectLang(text: string): Lang {
  // strings emptied first: a title may say "lingua en" or hold a '#'
  const head = text.slice(0, 4000).replace(/"(?:[^"\\\n\r]|\\.)*"/g, '""');
  const m = /(?:^|\n)[^#\n]*?\b(?:lingua|language)\s+(it|en)\b/.exec(head);
  if (m) return m[1] as Lang;
  return /^\s*(?:#[^\n]*\n\s*)*scheme\b/.test(head) ? 'en' : 'it';
}

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: { offset: number; line: number; column: number; length: number; message: string }[];
  lang: Lang;
}

export function lex(text: string, lang: Lang = detectLang(text)): LexResult {
  const r = lexers[lang].tokenize(text);
  const table = tables[lang];
  for (const t of r.tokens) {
    if (t.tokenType !== Identifier) continue;
    const kw = table.get(t.image);
    if (kw) {
      t.tokenType = KW[kw];
      t.tokenTypeIdx = KW[kw].tokenTypeIdx!;
    }
  }
  return {
    tokens: r.tokens,
    comments: (r.groups.comments ?? []) as IToken[],
    errors: r.errors.map((e) => ({ offset: e.offset, line: e.line ?? 1, column: e.column ?? 1, length: e.length, message: e.message })),
    lang,
  };
}

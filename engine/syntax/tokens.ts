// Tokens of the language. Keywords are not lexed directly (their pattern is NA): the lexer reads an
// Identifier and `lexer.ts` re-tags it when it is a keyword of the file's language.
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { KEYWORDS, RESERVED, type KeywordName } from './keywords.ts';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u00a0]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n\r]*/, group: 'comments' });
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\n\r]|\\.)*"/ });
export const NumberLit = createToken({ name: 'NumberLit', pattern: Lexer.NA });
// Italian: decimal comma, thousands dot in groups of three (1.234,56). English: decimal point (1234.56).
export const NumberIt = createToken({ name: 'NumberIt', pattern: /\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?/, categories: [NumberLit] });
export const NumberEn = createToken({ name: 'NumberEn', pattern: /\d+(?:\.\d+)?/, categories: [NumberLit] });
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*/ });
export const Percent = createToken({ name: 'Percent', pattern: /%/ });
export const EuroSign = createToken({ name: 'EuroSign', pattern: /€/ });
export const Arrow = createToken({ name: 'Arrow', pattern: /→|->/ });
export const LessEq = createToken({ name: 'LessEq', pattern: /<=|≤/ });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: />=|≥/ });
export const NotEq = createToken({ name: 'NotEq', pattern: /<>|!=|≠/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const Equals = createToken({ name: 'Equals', pattern: /==?/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-|−/ });
export const Times = createToken({ name: 'Times', pattern: /\*|×/ });
export const Divide = createToken({ name: 'Divide', pattern: /\/|÷/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Sep = createToken({ name: 'Sep', pattern: Lexer.NA });
export const Semi = createToken({ name: 'Semi', pattern: /;/, categories: [Sep] });
export const Comma = createToken({ name: 'Comma', pattern: /,/, categories: [Sep] });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/ }); // the columns of an example's table of persons

// A keyword that is not reserved is also an Identifier (a token category): the grammar reads it as a name
// wherever it expects one, and as the keyword where it expects the keyword.
export const KW = Object.fromEntries(
  (Object.keys(KEYWORDS) as KeywordName[]).map((k) => [k, createToken({ name: k, pattern: Lexer.NA, ...(RESERVED.has(k) ? {} : { categories: [Identifier] }) })]),
) as Record<KeywordName, TokenType>;

const punctuation = [
  WhiteSpace, Comment, StringLit, Percent, EuroSign, Arrow, LessEq, GreaterEq, NotEq, Less, Greater, Equals,
  Plus, Minus, Times, Divide, LParen, RParen, LBracket, RBracket, LBrace, RBrace, Colon, Semi, Comma, Dot, Pipe,
];

export const lexerTokensIt: TokenType[] = [NumberIt, ...punctuation, Identifier];
export const lexerTokensEn: TokenType[] = [NumberEn, ...punctuation, Identifier];

// The parser's vocabulary: every token type, including the NA categories and keywords.
export const allTokens: TokenType[] = [
  NumberLit, NumberIt, NumberEn, Sep, ...punctuation, Identifier, ...Object.values(KW),
];

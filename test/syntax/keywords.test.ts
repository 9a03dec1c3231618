// The keyword tables: one word per keyword and language, and no clash between keywords and function names.
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, functionByWord, functionWord, KEYWORDS, keywordTable, RESERVED, SYNONYMS, word, type FunctionName, type KeywordName } from '../../engine/syntax/keywords.ts';

const LANGS = ['it', 'en'] as const;
const names = Object.keys(KEYWORDS) as KeywordName[];

/** word -> the keywords that use it, keeping only words used by more than one. */
function clashes(pairs: [string, string][]): Record<string, string[]> {
  const by = new Map<string, Set<string>>();
  for (const [w, k] of pairs) by.set(w, (by.get(w) ?? new Set()).add(k));
  return Object.fromEntries([...by].filter(([, ks]) => ks.size > 1).map(([w, ks]) => [w, [...ks].sort()]));
}

describe.each(LANGS)('the %s keyword table', (lang) => {
  it('uses no word for two keywords', () => {
    expect(clashes(names.map((k) => [word(k, lang), k]))).toEqual({});
  });

  it('has no synonym that is the word of another keyword', () => {
    const pairs: [string, string][] = [...names.map((k): [string, string] => [word(k, lang), k]), ...Object.entries(SYNONYMS[lang])];
    expect(clashes(pairs)).toEqual({});
  });

  it('reads every keyword and synonym back to its keyword', () => {
    const table = keywordTable(lang);
    for (const k of names) expect(table.get(word(k, lang))).toBe(k);
    for (const [w, k] of Object.entries(SYNONYMS[lang])) expect(table.get(w)).toBe(k);
  });

  it('has words that the lexer reads as one identifier', () => {
    const ident = /^[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*$/;
    expect(names.map((k) => word(k, lang)).filter((w) => !ident.test(w))).toEqual([]);
  });

  it('has no function name that is a reserved keyword, so every builtin function can be called', () => {
    // a keyword that is not reserved is a name where a name is expected: `resto(a; b)` is a call, `resto R: …` a fund's remainder
    const table = keywordTable(lang);
    const fns = (Object.keys(FUNCTIONS) as FunctionName[]).map((f) => functionWord(f, lang));
    expect(fns.filter((w) => table.has(w) && RESERVED.has(table.get(w)!))).toEqual([]);
  });

  it('maps every function name back to its canonical name', () => {
    for (const f of Object.keys(FUNCTIONS) as FunctionName[]) expect(functionByWord(functionWord(f, lang), lang)).toBe(f);
  });
});

describe('the function names', () => {
  it('are distinct within each language', () => {
    for (const lang of LANGS) {
      const ws = (Object.keys(FUNCTIONS) as FunctionName[]).map((f) => functionWord(f, lang));
      expect(new Set(ws).size).toBe(ws.length);
    }
  });
});

// The editor's highlighting and completion words come from the engine's keyword tables, for both sets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, KEYWORDS, parse } from '../../engine/index.ts';
import { schemeFiles } from '../../engine/node.ts';
import { functionWords, keywordWords, langOfText } from '../../editor/src/words.ts';

describe('the editor\'s words', () => {
  it('holds every keyword of its set and not the other set\'s', () => {
    for (const lang of ['it', 'en'] as const) {
      const { keywords, types } = keywordWords(lang);
      const all = new Set([...keywords, ...types]);
      for (const words of Object.values(KEYWORDS)) expect(all.has(words[lang]), words[lang]).toBe(true);
      expect(all.has(lang === 'it' ? 'voce' : 'item')).toBe(true);
      expect(all.has(lang === 'it' ? 'item' : 'voce')).toBe(false);
      expect(types).toContain(lang === 'it' ? 'punti' : 'points');
    }
  });

  it('names every builtin function in each set', () => {
    expect(functionWords('it')).toEqual(Object.keys(FUNCTIONS));
    expect(functionWords('en')).toEqual(Object.values(FUNCTIONS).map((f) => f.en));
  });

  it('tells the keyword set of every rule file as the parser does', () => {
    const files = schemeFiles('rules');
    expect(files.length).toBeGreaterThan(5);
    const langs = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(langOfText(text), f).toBe(parse(text, f).lang);
      langs.add(langOfText(text));
    }
    expect([...langs].sort()).toEqual(['en', 'it']);
  });
});

// Which keyword set a file is read with: the one its header states, else English for `scheme`, else Italian.
import { describe, expect, it } from 'vitest';
import { parse } from '../../engine/syntax/index.ts';
import { detectLang } from '../../engine/syntax/lexer.ts';

describe('language detection', () => {
  it('follows the language the header states', () => {
    expect(detectLang('scheda x anno 2024 lingua it')).toBe('it');
    expect(detectLang('scheme x year 2024 language en')).toBe('en');
  });

  it('reads a header without a language clause by its first keyword', () => {
    expect(detectLang('# a comment\nscheme x year 2024')).toBe('en');
    expect(detectLang('scheda x anno 2024')).toBe('it');
  });

  it('is not fooled by a title that mentions a language', () => {
    const r = parse('scheda x "in lingua en" anno 2024\ncalcola y = 1');
    expect(r.lang).toBe('it');
    expect(r.diagnostics).toEqual([]);
  });

  it('is not stopped by a # inside a title', () => {
    expect(detectLang('scheda x "n. #1" anno 2024 lingua en')).toBe('en');
  });

  it('ignores a language named in a comment', () => {
    expect(detectLang('# language en\nscheda x anno 2024')).toBe('it');
    expect(detectLang('scheda x anno 2024 # "language en"')).toBe('it');
  });
});

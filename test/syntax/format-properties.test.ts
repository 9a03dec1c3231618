// Properties of the formatter over generated schemes, in both keyword languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';
import type { Lang } from '../../engine/syntax/keywords.ts';
import { schemeText } from './gen.ts';
import { languageFree, stripSpans } from './helpers.ts';

const RUNS = 300;
const other = (l: Lang): Lang => (l === 'it' ? 'en' : 'it');

/** Parses a text that must be well formed. */
function parseClean(text: string) {
  const r = parse(text, 'gen.scheda');
  expect(r.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.message}`), text).toEqual([]);
  return r;
}

describe.each(['it', 'en'] as const)('the formatter on generated schemes (%s)', (lang) => {
  it('reads every generated scheme without diagnostics', () => {
    fc.assert(fc.property(schemeText(lang), (text) => void parseClean(text)), { numRuns: RUNS });
  });

  it('is idempotent: formatting formatted text changes nothing', () => {
    fc.assert(
      fc.property(schemeText(lang), (text) => {
        const once = format(parseClean(text).ast);
        expect(format(parseClean(once).ast)).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });

  it('preserves the tree: the formatted text reads back to the same AST, spans aside', () => {
    fc.assert(
      fc.property(schemeText(lang), (text) => {
        const ast = parseClean(text).ast;
        const back = parseClean(format(ast)).ast;
        expect(stripSpans(back)).toEqual(stripSpans(ast));
      }),
      { numRuns: RUNS },
    );
  });

  it(`round-trips through the other language: ${lang} → ${other(lang)} → ${lang} gives the canonical text back`, () => {
    fc.assert(
      fc.property(schemeText(lang), (text) => {
        const ast = parseClean(text).ast;
        const canonical = format(ast);
        const translated = parseClean(format(ast, other(lang)));
        expect(translated.lang).toBe(other(lang));
        expect(languageFree(translated.ast)).toEqual(languageFree(ast));
        expect(format(translated.ast, lang)).toBe(canonical);
      }),
      { numRuns: RUNS },
    );
  });
});

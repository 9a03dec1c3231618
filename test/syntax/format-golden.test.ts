// Golden pairs: each `*.input.scheda` formats to its `*.golden.scheda`.
import { describe, expect, it } from 'vitest';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';
import { fixtureNames, readFixture, stripSpans } from './helpers.ts';

const names = fixtureNames();
const messages = (text: string): string[] => parse(text).diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.message}`);

describe.each(names)('the golden pair %s', (name) => {
  const input = readFixture(name, 'input');
  const golden = readFixture(name, 'golden');

  it('has an input that reads without diagnostics', () => {
    expect(messages(input)).toEqual([]);
  });

  it('formats to the golden text', () => {
    expect(format(parse(input).ast)).toBe(golden);
  });

  it('has a golden text that reads without diagnostics to the same tree as the input', () => {
    expect(messages(golden)).toEqual([]);
    expect(stripSpans(parse(golden).ast)).toEqual(stripSpans(parse(input).ast));
  });

  it('has a golden text that is a fixed point of the formatter', () => {
    expect(format(parse(golden).ast)).toBe(golden);
  });

  it('has a golden text that survives a trip through the other keyword language', () => {
    const ast = parse(golden).ast;
    const other = ast.lang === 'it' ? 'en' : 'it';
    const translated = format(ast, other);
    expect(messages(translated)).toEqual([]);
    expect(parse(translated).lang).toBe(other);
    expect(format(parse(translated).ast, ast.lang)).toBe(golden);
  });

  it('ends with exactly one newline and has no trailing spaces', () => {
    expect(golden.endsWith('\n') && !golden.endsWith('\n\n')).toBe(true);
    expect(golden.split('\n').filter((l) => / +$/.test(l))).toEqual([]);
  });
});

describe('the golden fixtures', () => {
  it('cover both keyword languages', () => {
    const langs = new Set(names.map((n) => parse(readFixture(n, 'input')).lang));
    expect([...langs].sort()).toEqual(['en', 'it']);
  });
});

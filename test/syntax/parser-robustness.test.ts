// The parser on anything: random strings and broken variants of valid schemes. It must never throw,
// and every diagnostic must point inside the text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';
import { FUNCTIONS, KEYWORDS } from '../../engine/syntax/keywords.ts';
import { schemeText } from './gen.ts';
import { fixtureNames, readFixture, spanProblem } from './helpers.ts';

const FRAGMENTS = [
  ...Object.values(KEYWORDS).flatMap((w) => [w.it, w.en]),
  ...Object.entries(FUNCTIONS).flatMap(([it, f]) => [it, f.en]),
  'alfa', 'beta', 'x', '_', 'città', '{', '}', '(', ')', '[', ']', ':', ';', ',', '.', '=', '==', '→', '->', '<', '<=', '<>', '!=',
  '>', '>=', '+', '-', '−', '*', '/', '%', '€', '"', '"testo"', '"a\\"b"', '\\', '#', '# nota\n', '\n', '\r', '\r\n', '\t', ' ', ' ',
  '0', '1', '42', '1.500,00', '3.5', '12,5', '007', '\u00a0', '\u2028', '\ufeff', '😀', '\ud800', 'é', '\u0301', '@', '$', '~',
];
const HEADERS = ['', 'scheda x anno 2024\n', 'scheme x year 2024 language en\n', 'scheda x anno 2024 lingua it\n'];

/** Parses and returns what is wrong: a throw, or diagnostics whose span is outside the text. */
function problems(text: string): string[] {
  let r;
  try {
    r = parse(text, 'fuzz.scheda');
  } catch (e) {
    return [`threw ${(e as Error).stack}`];
  }
  if (!r.ast || r.ast.kind !== 'scheme') return ['no tree'];
  return r.diagnostics.flatMap((d) => {
    const p = spanProblem(text, d.span);
    return p ? [`${d.code} at ${JSON.stringify(d.span)}: ${p}`] : [];
  });
}

const fragmentText = fc.tuple(fc.constantFrom(...HEADERS), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 })).map(([h, xs]) => h + xs.join(''));
const anyText = fc.oneof(fragmentText, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: fc.constantFrom(...'{}()[]:;,.=<>+-*/%€"#\n\r\t a1é'), maxLength: 80 }));

// valid schemes to break: the fixtures, their formatted forms in both languages, generated schemes
const VALID = (() => {
  const fixtures = fixtureNames().flatMap((n) => [readFixture(n, 'input'), readFixture(n, 'golden')]);
  const translated = fixtures.map((t) => format(parse(t).ast, parse(t).lang === 'it' ? 'en' : 'it'));
  const generated = (['it', 'en'] as const).flatMap((l) => fc.sample(schemeText(l), { numRuns: 40, seed: 20240101 }));
  return [...fixtures, ...translated, ...generated];
})();

type Mutation =
  | { op: 'delete' | 'duplicate' | 'truncate'; at: number; len: number }
  | { op: 'insert' | 'replace'; at: number; len: number; text: string }
  | { op: 'swap'; at: number; len: number; to: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete', 'duplicate', 'truncate'), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(40) }),
  fc.record({ op: fc.constantFrom('insert', 'replace'), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(3), text: fc.constantFrom(...FRAGMENTS) }),
  fc.record({ op: fc.constant('swap'), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.integer({ min: 1, max: 12 }), to: fc.double({ min: 0, max: 1, noNaN: true }) }),
) as fc.Arbitrary<Mutation>;

function mutate(text: string, m: Mutation): string {
  const at = Math.floor(m.at * text.length);
  const end = Math.min(text.length, at + m.len);
  switch (m.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(end);
    case 'duplicate':
      return text.slice(0, end) + text.slice(at, end) + text.slice(end);
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(end);
    case 'swap': {
      // swap the token-sized slice at `at` with the one at `to`
      const to = Math.floor(m.to * text.length);
      const [a, b] = at <= to ? [at, to] : [to, at];
      const aEnd = Math.min(b, a + m.len);
      const bEnd = Math.min(text.length, b + m.len);
      return text.slice(0, a) + text.slice(b, bEnd) + text.slice(aEnd, b) + text.slice(a, aEnd) + text.slice(bEnd);
    }
  }
}

const broken = fc.tuple(fc.nat(VALID.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([i, ms]) => ms.reduce(mutate, VALID[i]));

describe('the parser on any input', () => {
  it('is checked by a span test that rejects positions outside the text or off their offset', () => {
    const text = 'ab\ncd';
    const at = (line: number, col: number, offset: number) => ({ line, col, endLine: line, endCol: col, offset, endOffset: offset });
    expect(spanProblem(text, at(2, 3, 5))).toBeUndefined();
    expect(spanProblem(text, at(3, 1, 6))).toMatch(/line/);
    expect(spanProblem(text, at(1, 5, 4))).toMatch(/col/);
    expect(spanProblem(text, at(2, 1, 2))).toMatch(/offset/);
  });

  it('ends lines at \\n only, so a lone \\r does not shift positions', () => {
    const text = 'scheda x anno 2024\rcalcola y = (\r\r1';
    const r = parse(text);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.map((d) => spanProblem(text, d.span))).toEqual(r.diagnostics.map(() => undefined));
  });

  it('reads the valid schemes it is fuzzed from without diagnostics', () => {
    for (const t of VALID) expect(parse(t).diagnostics).toEqual([]);
  });

  it('never throws and points every diagnostic inside the text, on 3,000 random strings', () => {
    fc.assert(fc.property(anyText, (t) => {
      expect(problems(t)).toEqual([]);
    }), { numRuns: 3000 });
  });

  it('never throws and points every diagnostic inside the text, on 8,000 broken schemes', () => {
    fc.assert(fc.property(broken, (t) => {
      expect(problems(t)).toEqual([]);
    }), { numRuns: 8000 });
  });
});

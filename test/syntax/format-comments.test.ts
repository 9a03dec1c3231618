// Where the formatter puts comments, as a property: in tables, scales, sections, data blocks, reports and
// examples written with random layout and random comments, every comment alone on its line is printed
// right before the row it preceded, every comment after a row on that row's line, a comment after a `{`
// on that line, and comments after the last row before the `}` — in the language of the file and in
// the other one, and formatting the result again changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';
import type { Lang } from '../../engine/syntax/keywords.ts';

interface Row {
  lead: number; // comments alone on their lines before the row
  trailing: boolean; // a comment after it on its line
}

interface Shape {
  name: string;
  open: (lang: Lang) => string; // the block's first line, up to its `{`
  row: (i: number, lang: Lang) => string; // row i, which prints with the token key(i)
  key: (i: number) => string;
}

const it_ = (lang: Lang, it: string, en: string) => (lang === 'it' ? it : en);

const SHAPES: Shape[] = [
  {
    name: 'bands', open: (l) => it_(l, 'fasce f su totale {', 'bands f on total {'),
    row: (i, l) => `b${i} ${it_(l, 'da', 'from')} ${i * 10} ${it_(l, 'a', 'to')} ${i * 10 + 9} → ${i}`, key: (i) => `b${i} `,
  },
  {
    name: 'scale', open: (l) => it_(l, 'calcola v = scala totale {', 'compute v = scale total {'),
    row: (i, l) => `${it_(l, 'da', 'from')} ${i * 10} ${it_(l, 'a', 'to')} ${i * 10 + 9} → 9000${i}`, key: (i) => `→ 9000${i}`,
  },
  {
    name: 'penalty scale', open: (l) => it_(l, 'penalità p = scala giorni_assenza {', 'penalty p = scale days_absent {'),
    row: (i, l) => `${it_(l, 'oltre', 'over')} ${i * 10} → ${i} ${it_(l, 'punti', 'points')}`, key: (i) => `${i * 10} → ${i} `,
  },
  {
    name: 'section', open: (l) => it_(l, 'sezione s max 10 punti {', 'section s max 10 points {'),
    row: (i, l) => `${it_(l, 'voce', 'item')} v${i} max 1 ${it_(l, 'punti', 'points')} = 1`, key: (i) => ` v${i} `,
  },
  { name: 'data', open: (l) => it_(l, 'dati persona {', 'inputs person {'), row: (i, l) => `f${i}: ${it_(l, 'numero', 'number')}`, key: (i) => `f${i}:` },
  { name: 'report', open: (l) => it_(l, 'prospetto r {', 'report r {'), row: (i) => `r${i} = ${i}`, key: (i) => `r${i} =` },
  { name: 'example', open: (l) => it_(l, 'esempio "e" {', 'example "e" {'), row: (i, l) => `${it_(l, 'dato', 'given')} x${i} = ${i}`, key: (i) => ` x${i} =` },
];

const layout = fc.record({
  indent: fc.constantFrom('', ' ', '  ', '\t', '      '),
  blank: fc.constantFrom('', '\n', '\n\n'),
  gap: fc.constantFrom(' ', '  ', '\t', '    '),
});

const block = fc.record({
  shape: fc.constantFrom(...SHAPES),
  lang: fc.constantFrom<Lang>('it', 'en'),
  rows: fc.array(fc.record({ lead: fc.nat(2), trailing: fc.boolean() }), { minLength: 1, maxLength: 6 }),
  open: fc.boolean(),
  closing: fc.nat(2),
  layout,
});

type Block = { shape: Shape; lang: Lang; rows: Row[]; open: boolean; closing: number; layout: { indent: string; blank: string; gap: string } };

function source(b: Block): string {
  const { shape, lang, rows, layout: w } = b;
  const head = lang === 'it' ? 'scheda s anno 2025 lingua it\n' : 'scheme s year 2025 language en\n';
  const lines = [shape.open(lang) + (b.open ? `${w.gap}# open` : '')];
  rows.forEach((r, i) => {
    for (let k = 0; k < r.lead; k++) lines.push(`${w.indent}# lead ${i} ${k}${w.blank}`);
    lines.push(w.indent + shape.row(i, lang) + (r.trailing ? `${w.gap}# tail ${i}` : ''));
  });
  for (let k = 0; k < b.closing; k++) lines.push(`${w.indent}# close ${k}`);
  lines.push('}');
  return head + '\n' + lines.join('\n') + '\n';
}

function placements(out: string, b: Block) {
  const lines = out.split('\n');
  const at = (marker: string) => {
    const i = lines.findIndex((l) => l.trimEnd().endsWith(marker));
    expect(i, `${marker} in\n${out}`).toBeGreaterThanOrEqual(0);
    return i;
  };
  b.rows.forEach((r, i) => {
    const key = b.shape.key(i);
    for (let k = 0; k < r.lead; k++) {
      const j = at(`# lead ${i} ${k}`);
      expect(lines[j].trim(), out).toBe(`# lead ${i} ${k}`);
      expect(lines[j + r.lead - k], `the row after «# lead ${i} ${k}»\n${out}`).toContain(key);
    }
    if (r.trailing) expect(lines[at(`# tail ${i}`)], out).toContain(key);
  });
  if (b.open) expect(lines[at('# open')], out).toMatch(/\{ {2}# open$/);
  for (let k = 0; k < b.closing; k++) expect(lines[at(`# close ${k}`) + b.closing - k].trim(), out).toBe('}');
}

describe('the formatter keeps comments beside what they annotate', () => {
  it('in every kind of block, in both languages, idempotently', () => {
    fc.assert(
      fc.property(block, (b) => {
        const text = source(b);
        const r = parse(text, 's.scheda');
        expect(r.diagnostics.filter((d) => d.severity === 'error'), text).toEqual([]);
        for (const lang of ['it', 'en'] as const) {
          const out = format(r.ast, lang);
          placements(out, b);
          expect(format(parse(out).ast, lang)).toBe(out);
        }
      }),
      { numRuns: 400 },
    );
  });
});

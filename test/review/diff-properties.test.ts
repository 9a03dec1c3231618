// scheda diff, by property: on every bundled scheme, one random semantic edit (a percentage, a threshold, a
// maximum, a table row removed or added, a source changed) is reported as exactly one change naming the rule
// it was made in; random non-semantic edits (reformatting, reordering declarations, translating with
// fmt --lang en, adding comments) are reported as no change.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as A from '../../engine/syntax/ast.ts';
import { parse } from '../../engine/syntax/index.ts';
import { format } from '../../engine/format/format.ts';
import { translationCollisions } from '../../engine/format/translate.ts';
import { diffVersions, parseVersion } from '../../engine/review/diff.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES = readdirSync(join(ROOT, 'rules')).flatMap((b) => readdirSync(join(ROOT, 'rules', b)).flatMap((y) =>
  readdirSync(join(ROOT, 'rules', b, y)).filter((f) => f.endsWith('.scheda')).map((f) => `rules/${b}/${y}/${f}`)));
const TEXTS = new Map(FILES.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));
const RUNS = Number(process.env.SCHEDA_PROPERTY_RUNS ?? 60);

const fresh = (f: string): A.SchemeFile => parse(TEXTS.get(f)!, f).ast;
const diff = (f: string, a: string, b: string) => diffVersions([parseVersion({ id: 's', file: f, text: a })], [parseVersion({ id: 's', file: f, text: b })]);

// ---- where an edit can be made: each rule (a declaration, or an item of a section) with its key in the diff ----

interface Rule {
  key: string; // the diff's name for it: `value:soglia`, `item:obiettivi`, `bands:fascia`
  node: Record<string, unknown>;
  skip: string[];
}

function rulesOf(ast: A.SchemeFile): Rule[] {
  const out: Rule[] = [];
  for (const d0 of ast.decls) {
    const d = d0 as unknown as Record<string, unknown> & { kind: string; name?: A.Ident; label?: string };
    if (['inputs', 'table', 'source', 'entity', 'uses', 'unitDecl', 'function', 'constraint'].includes(d.kind)) continue;
    if (d.kind === 'section') {
      out.push({ key: `section:${d.name!.name}`, node: d, skip: ['items'] });
      for (const it of (d as unknown as { items: A.Item[] }).items) out.push({ key: `item:${it.name.name}`, node: it as never, skip: [] });
      continue;
    }
    if (d.kind === 'total' || d.kind === 'ties') out.push({ key: d.kind, node: d, skip: [] });
    else if (d.kind === 'example') out.push({ key: `example:${d.label}`, node: d, skip: [] });
    else if (d.name?.name) out.push({ key: `${d.kind}:${d.name.name}`, node: d, skip: [] });
  }
  const seen = new Map<string, number>();
  for (const r of out) seen.set(r.key, (seen.get(r.key) ?? 0) + 1);
  return out.filter((r) => seen.get(r.key) === 1); // a key given twice is told apart by its order: not a simple target
}

function collect(x: unknown, skip: string[], f: (o: Record<string, unknown>, parentKey: string) => void, parentKey = '') {
  if (Array.isArray(x)) return x.forEach((v) => collect(v, [], f, parentKey));
  if (!x || typeof x !== 'object') return;
  const o = x as Record<string, unknown>;
  f(o, parentKey);
  for (const [k, v] of Object.entries(o)) {
    if (skip.includes(k) || k === 'span' || k === 'meta' || k === 'paidMeta') continue;
    if (k === 'max' && o.maxBy) continue; // a maximum per category is its expression; `max` is derived from it
    collect(v, [], f, k);
  }
}

type Edit = { what: string; apply: (ast: A.SchemeFile) => void; rule: string };

/** Every semantic edit one can make in a file, as a recipe applied to a fresh tree. */
function edits(file: string): { what: string; rule: string; make: (n: number) => Edit }[] {
  const ast = fresh(file);
  const out: { what: string; rule: string; make: (n: number) => Edit }[] = [];
  rulesOf(ast).forEach((r, ri) => {
    // literals: percentages, thresholds of bands and scales, maxima, any figure of a formula
    let qi = 0;
    collect(r.node, r.skip, (o, parentKey) => {
      if (o.kind !== 'quantity') return;
      const i = qi++;
      const q = o as unknown as A.Quantity;
      const what = q.unit === 'percentuale' ? 'percentage' : parentKey === 'lo' || parentKey === 'hi' ? 'threshold' : parentKey === 'max' ? 'maximum' : 'figure';
      out.push({ what, rule: r.key, make: (n) => ({ what, rule: r.key, apply: (t) => {
        const target = quantities(rulesOf(t)[ri])[i];
        const old = Number(target.text);
        const k = old === n ? n + 1 : n; // another value
        target.text = String(k);
        target.value = q.unit === 'percentuale' ? String(k / 100) : String(k);
      } }) });
    });
    // rows of bands and scales: one removed, or one added
    let si = 0;
    collect(r.node, r.skip, (o) => {
      if (!(Array.isArray(o.rows) && (o.kind === 'bands' || o.kind === 'scale'))) return;
      const i = si++;
      const rows = o.rows as A.ScaleRow[];
      if (rows.length > 1) out.push({ what: 'row removed', rule: r.key, make: (n) => ({ what: 'row removed', rule: r.key, apply: (t) => void tables(rulesOf(t)[ri])[i].rows.splice(n % rows.length, 1) }) });
      out.push({ what: 'row added', rule: r.key, make: (n) => ({ what: 'row added', rule: r.key, apply: (t) => {
        const rs = tables(rulesOf(t)[ri])[i].rows;
        const copy = structuredClone(rs[n % rs.length]);
        if (copy.name) copy.name = { ...copy.name, name: `nuova_riga_${n}` };
        rs.push(copy);
      } }) });
    });
    // a source changed
    const meta = r.node.meta as A.Meta | undefined;
    if (meta?.sources.length) out.push({ what: 'source', rule: r.key, make: (n) => ({ what: 'source', rule: r.key, apply: (t) => {
      const m = rulesOf(t)[ri].node.meta as A.Meta;
      m.sources[n % m.sources.length] += ` (modificata ${n})`;
    } }) });
  });
  return out;
}

function quantities(r: Rule): A.Quantity[] {
  const out: A.Quantity[] = [];
  collect(r.node, r.skip, (o) => void (o.kind === 'quantity' && out.push(o as unknown as A.Quantity)));
  return out;
}

function tables(r: Rule): { rows: A.ScaleRow[] }[] {
  const out: { rows: A.ScaleRow[] }[] = [];
  collect(r.node, r.skip, (o) => void (Array.isArray(o.rows) && (o.kind === 'bands' || o.kind === 'scale') && out.push(o as never)));
  return out;
}

const EDITS = new Map(FILES.map((f) => [f, edits(f)]));

describe('scheda diff: every random semantic edit is found, and only it', () => {
  it('has edits of every kind to draw from', () => {
    const kinds = new Set([...EDITS.values()].flat().map((e) => e.what));
    expect([...kinds].sort()).toEqual(['figure', 'maximum', 'percentage', 'row added', 'row removed', 'source', 'threshold']);
  });

  it('one edit → one change, naming the rule', () => {
    const edit = fc.constantFrom(...FILES).chain((f) => fc.record({
      file: fc.constant(f),
      i: fc.nat({ max: EDITS.get(f)!.length - 1 }),
      n: fc.integer({ min: 1, max: 999 }),
      lang: fc.constantFrom<'it' | 'en' | 'same'>('same', 'same', 'it', 'en'),
    }));
    fc.assert(fc.property(edit, ({ file, i, n, lang }) => {
      const e = EDITS.get(file)![i].make(n);
      const ast = fresh(file);
      e.apply(ast);
      const target = lang === 'same' || translationCollisions(ast, lang).length ? ast.lang : lang;
      const edited = format(ast, target);
      const cs = diff(file, TEXTS.get(file)!, edited);
      expect(cs.map((c) => [c.name, c.kind]), `${file}: ${e.what} in ${e.rule} (${n}), printed in ${target}`).toHaveLength(1);
      expect(cs[0].name.replace(/#\d+$/, '')).toBe(e.rule);
      expect(cs[0].spans.new ?? cs[0].spans.old).toBeDefined();
    }), { numRuns: RUNS });
  });
});

describe('scheda diff: random non-semantic edits are no change', () => {
  it('reformatting, reordering declarations, translating and adding comments', () => {
    const noise = fc.record({
      file: fc.constantFrom(...FILES),
      order: fc.array(fc.nat(), { maxLength: 400 }),
      lang: fc.constantFrom<'it' | 'en'>('it', 'en'),
      comments: fc.array(fc.nat(), { maxLength: 8 }),
      spaces: fc.boolean(),
    });
    fc.assert(fc.property(noise, ({ file, order, lang, comments, spaces }) => {
      const ast = fresh(file);
      // shuffle the declarations (a random permutation from the drawn numbers)
      const ds = ast.decls;
      for (let k = ds.length - 1; k > 0; k--) {
        const j = (order[k % Math.max(order.length, 1)] ?? 0) % (k + 1);
        [ds[k], ds[j]] = [ds[j], ds[k]];
      }
      const target = translationCollisions(ast, lang).length ? ast.lang : lang;
      let text = format(ast, target);
      // comments before random declarations, and (sometimes) blank lines and trailing blanks
      const lines = text.split('\n');
      for (const c of comments) {
        const starts = lines.map((l, k) => (/^[a-z]/i.test(l) && k > 0 ? k : -1)).filter((k) => k > 0);
        if (starts.length) lines.splice(starts[c % starts.length], 0, `# commento di revisione ${c}`);
      }
      text = lines.join('\n');
      if (spaces) text = text.replace(/\n\n/g, '\n\n\n').replace(/\n/g, '   \n'); // blank lines, trailing blanks
      const cs = diff(file, TEXTS.get(file)!, text);
      expect(cs.map((c) => c.text), `${file} shuffled, in ${target}`).toEqual([]);
    }), { numRuns: Math.ceil(RUNS / 2) });
  });
});

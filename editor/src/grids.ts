// The tables of a scheme text, for the grid beside the editor: bands (`fasce`), scales (`scala`, the
// penalty tables and value scales inside an expression) and value lists (`insieme`), each with the spans
// of its rows and cells in the text. A grid edit is a splice of the text at these spans, laid out again
// by the engine's formatter (so the file stays the single source): the grid never prints rules itself.
import { parse, type Ast } from '../../engine/index.ts';

export interface GridCell {
  text: string; // the cell as written in the file
  offset: number;
  endOffset: number;
}

export interface GridRow {
  name?: GridCell; // a band's name
  label?: string;
  /** the interval: `lo`/`hi` thresholds (the numbers as written) and the row's own words, for display */
  lo?: GridCell;
  hi?: GridCell;
  loIncl?: boolean;
  hiIncl?: boolean;
  when: string; // the interval as written (`oltre 35 fino a 40`, `altrimenti`)
  value?: GridCell; // the row's value (an expression); for a value list, the item
  line: number;
  endLine: number;
  offset: number;
  endOffset: number;
}

export interface GridTable {
  kind: 'bands' | 'scale' | 'set';
  name: string; // the declaration's name (a scale: the one it belongs to)
  label?: string;
  line: number; // where the grid's code lens stands
  endLine: number;
  offset: number;
  endOffset: number;
  rows: GridRow[];
}

const cell = (text: string, s: Ast.Span): GridCell => ({ text: text.slice(s.offset, s.endOffset), offset: s.offset, endOffset: s.endOffset });

/** The number of a threshold as written (`47,5` of `47,5 punti`): the part a grid edit replaces. */
function number(text: string, q: Ast.Quantity): GridCell {
  const all = text.slice(q.span.offset, q.span.endOffset);
  const m = /^[+-]?[\d.,]+/.exec(all);
  return { text: m ? m[0] : all, offset: q.span.offset, endOffset: q.span.offset + (m ? m[0].length : all.length) };
}

function rowsOf(text: string, rows: Ast.ScaleRow[]): GridRow[] {
  return rows.map((r) => {
    const w = r.when;
    const out: GridRow = {
      when: text.slice(w.span.offset, w.span.endOffset), line: r.span.line, endLine: r.span.endLine, offset: r.span.offset, endOffset: r.span.endOffset,
      value: cell(text, r.value.span),
    };
    if (r.name) out.name = cell(text, r.name.span);
    if (r.label !== undefined) out.label = r.label;
    if (w.kind === 'range') {
      if (w.lo) out.lo = number(text, w.lo);
      if (w.hi) out.hi = number(text, w.hi);
      out.loIncl = w.loIncl;
      out.hiIncl = w.hiIncl;
    }
    return out;
  });
}

/** Every table of the text, in order; none when the text does not parse. */
export function gridTables(text: string, file = 'scheda'): GridTable[] {
  const r = parse(text, file);
  if (r.diagnostics.some((d) => d.severity === 'error')) return [];
  const out: GridTable[] = [];
  const span = (s: Ast.Span) => ({ line: s.line, endLine: s.endLine, offset: s.offset, endOffset: s.endOffset });
  const walk = (x: unknown, owner: { name: string; label?: string }) => {
    if (Array.isArray(x)) return x.forEach((v) => walk(v, owner));
    if (!x || typeof x !== 'object') return;
    const n = x as { kind?: string; span?: Ast.Span };
    if (n.kind === 'scale' && n.span) {
      const s = x as Extract<Ast.Expr, { kind: 'scale' }>;
      out.push({ kind: 'scale', name: owner.name, label: owner.label, ...span(s.span), rows: rowsOf(text, s.rows) });
    }
    for (const [k, v] of Object.entries(x)) if (k !== 'span' && k !== 'meta') walk(v, owner);
  };
  for (const d of r.ast.decls as Ast.Decl[]) {
    const named = d as { name?: Ast.Ident | string; label?: string };
    const owner = { name: typeof named.name === 'string' ? named.name : named.name?.name ?? d.kind, label: named.label };
    if (d.kind === 'bands') out.push({ kind: 'bands', name: d.name.name, label: d.label, ...span(d.span), rows: rowsOf(text, d.rows) });
    else if (d.kind === 'set') {
      out.push({
        kind: 'set', name: d.name.name, label: d.label, ...span(d.span),
        rows: d.items.map((it) => ({ when: '', value: cell(text, it.span), line: it.span.line, endLine: it.span.endLine, offset: it.span.offset, endOffset: it.span.endOffset })),
      });
    } else walk(d, owner);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

export interface Splice {
  offset: number;
  endOffset: number;
  text: string;
}

/** The text with the splices applied (they must not overlap). */
export function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.offset - a.offset)) out = out.slice(0, s.offset) + s.text + out.slice(s.endOffset);
  return out;
}

/** The smallest single edit that turns `a` into `b` (common prefix and suffix kept), as offsets in `a`. */
export function minimalEdit(a: string, b: string): Splice | undefined {
  if (a === b) return undefined;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { offset: p, endOffset: a.length - s, text: b.slice(p, b.length - s) };
}

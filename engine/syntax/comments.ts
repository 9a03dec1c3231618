// Comments survive formatting: each `#` comment is attached to the syntactic element it annotates, and the
// formatter prints it there again.
//
// - A comment alone on its line annotates what follows it inside the same block: it goes before the next
//   declaration, field, item, row (of `fasce`, `scala`, a report, a fund), or example line. After the last
//   row of a block it stays there, before the `}`.
// - A comment after code on its line annotates the element that ends just before it (the innermost: a row
//   rather than its table), as a trailing comment. When no element ends there (the `{` line of a block, a
//   line followed by `fonte`/`nota` lines, the middle of an expression written over several lines), it goes
//   with the innermost element around it, at the end of that element's first line. Right after a block's
//   `{` it stays there.
// Elements form a tree (blocks hold rows, rows may hold `scala` blocks …), searched by bisection: the cost
// is O(log n) per comment.
import type { IToken } from 'chevrotain';
import { emptyMeta, exprChildren, type Decl, type Expr, type Meta, type ScaleRow, type SchemeFile, type Span } from './ast.ts';

interface Slot {
  span: Span;
  meta?: Meta; // where its leading and trailing comments go (a `scala` block has none)
  closing?: () => string[]; // a block: where comments after its last child go
  open?: (text: string) => void; // a block: keeps the comment right after its `{`
  headEnd?: number; // a block: its `{` is the first after this offset (after the subject of `fasce` or `scala` …)
  children: Slot[]; // in source order
}

const byOffset = (a: Slot, b: Slot) => a.span.offset - b.span.offset;

/** The `scala` blocks inside an expression (not those inside them: they belong to their rows). */
function exprSlots(...es: (Expr | undefined)[]): Slot[] {
  const out: Slot[] = [];
  const walk = (e: Expr) => {
    if (e.kind === 'scale') out.push(scaleSlot(e));
    else exprChildren(e).forEach(walk);
  };
  for (const e of es) if (e) walk(e);
  return out;
}

function scaleSlot(e: Extract<Expr, { kind: 'scale' }>): Slot {
  return {
    span: e.span, closing: () => (e.closing ??= []), open: (t) => (e.open = t), headEnd: e.subject.span.endOffset,
    children: [...exprSlots(e.subject), ...e.rows.map(rowSlot)].sort(byOffset),
  };
}

function rowSlot(r: ScaleRow): Slot {
  return { span: r.span, meta: r.meta, children: exprSlots(r.value) };
}

const leaf = (n: { span: Span; meta: Meta }, ...es: (Expr | undefined)[]): Slot => ({ span: n.span, meta: n.meta, children: exprSlots(...es) });

function declSlot(d: Decl, tokens: IToken[]): Slot {
  const s: Slot = { span: d.span, meta: d.meta, children: [] };
  const block = { closing: () => (d.meta.closing ??= []), open: (t: string) => (d.meta.open = t), headEnd: d.span.offset };
  switch (d.kind) {
    case 'inputs':
      return { ...s, ...block, children: d.fields.map((f) => leaf(f)) };
    case 'table': // fields, then computed columns (as the formatter prints them)
      return { ...s, ...block, children: [...d.fields.map((f) => leaf(f)), ...(d.computed ?? []).map((c) => leaf(c, c.expr))] };
    case 'section':
      return { ...s, ...block, children: d.items.map((it) => leaf(it, it.expr)) };
    case 'item':
    case 'value':
    case 'penalty':
    case 'reduction':
      return { ...s, children: exprSlots(d.expr) };
    case 'gate':
      return { ...s, children: exprSlots(d.cond, d.waiver) };
    case 'constraint':
      return { ...s, children: exprSlots(d.cond) };
    case 'bands':
      return { ...s, ...block, headEnd: d.subject.span.endOffset, children: [...exprSlots(d.subject), ...d.rows.map(rowSlot)].sort(byOffset) };
    case 'fund': {
      const paid: Slot = { span: paidSpan(d, tokens), meta: (d.paidMeta = emptyMeta()), children: exprSlots(d.paid) };
      return { ...s, ...block, headEnd: d.amount.span.endOffset, children: [...exprSlots(d.amount), paid, ...(d.tiers ?? []).map((t) => leaf(t, t.expr)), ...d.remainders.map((r) => leaf(r, r.expr))].sort(byOffset) };
    }
    case 'report':
      return { ...s, ...block, children: d.rows.map((r) => leaf(r, r.expr)) };
    case 'example':
      return {
        ...s, ...block,
        children: [
          ...[...d.given, ...d.expected].map((a) => leaf(a, a.value)),
          // a population example's tables: blocks whose rows take comments
          ...(d.tables ?? []).map((t): Slot => ({
            span: t.span, meta: t.meta, closing: () => (t.meta.closing ??= []), open: (x: string) => (t.meta.open = x), headEnd: t.span.offset,
            children: t.rows.map((r) => leaf(r, ...r.cells)),
          })),
        ].sort(byOffset),
      };
    default:
      return s;
  }
}

/**
 * The `pagato` line of a fund, from its keyword to the end of its expression, brackets included (the
 * expression's own span leaves out brackets around it): up to the first remainder or the block's `}`.
 */
function paidSpan(d: Extract<Decl, { kind: 'fund' }>, tokens: IToken[]): Span {
  let i = firstAt(tokens, d.amount.span.endOffset);
  while (i < tokens.length && tokens[i].tokenType.name !== 'Pagato' && tokens[i].startOffset < d.paid.span.offset) i++;
  if (tokens[i]?.tokenType.name !== 'Pagato') return d.paid.span;
  let end: number;
  const next = d.tiers?.[0] ?? d.remainders[0]; // the next line of the block: a further tier, or a remainder
  if (next) end = firstAt(tokens, next.span.offset) - 1;
  else {
    let depth = 1; // inside the block
    for (end = i + 1; end < tokens.length; end++) {
      const n = tokens[end].tokenType.name;
      if (n === 'LBrace') depth++;
      else if (n === 'RBrace' && --depth === 0) break;
    }
    end--;
  }
  const last = tokens[end];
  if (!last || end < i) return d.paid.span;
  return { ...d.paid.span, offset: tokens[i].startOffset, endOffset: last.endOffset! + 1, endLine: last.endLine!, endCol: last.endColumn! };
}

/** The last child starting before `offset`. */
function childBefore(s: Slot, offset: number): Slot | undefined {
  let lo = 0;
  let hi = s.children.length - 1;
  let found: Slot | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s.children[mid].span.offset < offset) {
      found = s.children[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The first child starting at or after `offset`. */
function childAfter(s: Slot, offset: number): Slot | undefined {
  let lo = 0;
  let hi = s.children.length - 1;
  let found: Slot | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s.children[mid].span.offset >= offset) {
      found = s.children[mid];
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

/** The slots around `offset`, outermost first. */
function pathTo(root: Slot, offset: number): Slot[] {
  const path = [root];
  for (let c = childBefore(root, offset); c && offset < c.span.endOffset; c = childBefore(c, offset)) path.push(c);
  return path;
}

/** The innermost element below `s` that ends exactly at `end`. */
function endingAt(s: Slot, end: number): Slot | undefined {
  let best: Slot | undefined;
  for (let c = childBefore(s, end); c && c.span.endOffset === end; c = childBefore(c, end)) if (c.meta) best = c;
  return best;
}

/** The last token starting before `offset`, or the first at or after it (tokens in source order). */
function tokenBefore(tokens: IToken[], offset: number): IToken | undefined {
  const i = firstAt(tokens, offset);
  return i > 0 ? tokens[i - 1] : undefined;
}

function firstAt(tokens: IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is `t` the `{` that opens block `s`? */
function opens(s: Slot, t: IToken, tokens: IToken[]): boolean {
  if (!s.open || t.tokenType.name !== 'LBrace') return false;
  for (let i = firstAt(tokens, s.headEnd ?? s.span.offset); i < tokens.length && tokens[i].startOffset <= t.startOffset; i++) {
    if (tokens[i].tokenType.name === 'LBrace') return tokens[i] === t;
  }
  return false;
}

export function attachComments(ast: SchemeFile, comments: IToken[], tokens: IToken[]): void {
  if (comments.length === 0) return;
  const root: Slot = {
    span: ast.span, children: ast.decls.map((d) => declSlot(d, tokens)).sort(byOffset), closing: () => ast.trailingComments,
  };
  const firstDecl = ast.decls.find((d) => d.kind !== 'entity')?.span.offset ?? Infinity;
  const opened = new Set<Slot>();
  for (const c of comments) {
    const text = c.image.replace(/^#\s?/, '').replace(/\s+$/, '');
    const before = tokenBefore(tokens, c.startOffset);
    // comments before the header belong to the file, not to its first declaration
    if (!before) {
      ast.meta.comments.push(text);
      continue;
    }
    const path = pathTo(root, c.startOffset);
    const inner = path[path.length - 1];
    if ((before.endLine ?? before.startLine) === c.startLine) {
      // right after a block's `{`
      if (inner.open && opens(inner, before, tokens) && !opened.has(inner)) {
        opened.add(inner);
        inner.open(text);
        continue;
      }
      const ended = endingAt(inner, before.endOffset! + 1);
      if (ended && ended.meta!.trailing === undefined) {
        ended.meta!.trailing = text;
        continue;
      }
      const owner = [...path].reverse().find((s) => s.meta)?.meta;
      if (owner) {
        if (owner.headTrailing === undefined) owner.headTrailing = text;
        else owner.comments.push(text);
        continue;
      }
      // after the header line (or its `fonte`/`nota` lines)
      if (before.startOffset < firstDecl && ast.meta.trailing === undefined) {
        ast.meta.trailing = text;
        continue;
      }
    }
    // alone on its line: before the next element of its block, or at the block's end
    const next = childAfter(inner, c.startOffset);
    if (next?.meta) next.meta.comments.push(text);
    else if (!next && inner.closing) inner.closing().push(text);
    else if (inner.meta) inner.meta.comments.push(text);
    else ast.trailingComments.push(text);
  }
  // a fund's `pagato` line holds comments only when it has some
  for (const d of ast.decls) {
    if (d.kind === 'fund' && d.paidMeta && !d.paidMeta.comments.length && d.paidMeta.trailing === undefined && d.paidMeta.headTrailing === undefined) delete d.paidMeta;
  }
}

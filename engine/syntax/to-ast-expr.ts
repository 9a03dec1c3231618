// CST -> AST, the part shared by declarations and expressions: reading tokens and sub-nodes of a
// (possibly partial) concrete tree, numbers and quantities, intervals, and every expression form.
// Tolerates the partial trees that error recovery leaves: a missing piece becomes a placeholder node.
import type { CstNode, IToken, CstElement } from 'chevrotain';
import { Decimal } from 'decimal.js';
import * as A from './ast.ts';
import { emptyMeta } from './ast.ts';
import type { Lang } from './keywords.ts';
import { canonicalNumber } from './numbers.ts';
import { dateLiteral } from './dates.ts';

type Children = Record<string, CstElement[] | undefined>;
const isTok = (e: CstElement | undefined): e is IToken => !!e && 'image' in e;
export const isNode = (e: CstElement | undefined): e is CstNode => !!e && 'children' in e;

export class ExprBuilder {
  constructor(protected lang: Lang, protected fallback: A.Span) {}

  spanOfTok(t: IToken | undefined): A.Span {
    if (!t || !Number.isFinite(t.startOffset) || t.startLine === undefined || Number.isNaN(t.startLine)) return this.fallback;
    return {
      line: t.startLine!, col: t.startColumn!, endLine: t.endLine ?? t.startLine!, endCol: t.endColumn ?? t.startColumn!,
      offset: t.startOffset, endOffset: (t.endOffset ?? t.startOffset) + 1,
    };
  }

  spanOf(n: CstNode | IToken | undefined): A.Span {
    if (!n) return this.fallback;
    if (isTok(n)) return this.spanOfTok(n);
    const l = n.location;
    if (!l || !Number.isFinite(l.startOffset) || !Number.isFinite(l.startLine) || l.startLine === undefined) return this.fallback;
    return {
      line: l.startLine!, col: l.startColumn!, endLine: Number.isFinite(l.endLine) ? l.endLine! : l.startLine!,
      endCol: Number.isFinite(l.endColumn) ? l.endColumn! : l.startColumn!, offset: l.startOffset,
      endOffset: Number.isFinite(l.endOffset) ? l.endOffset! + 1 : l.startOffset + 1,
    };
  }

  protected c(n: CstNode): Children {
    return n.children as Children;
  }
  tok(n: CstNode, key: string, i = 0): IToken | undefined {
    const e = this.c(n)[key]?.[i];
    return isTok(e) && !e.isInsertedInRecovery ? e : undefined;
  }
  node(n: CstNode, key: string, i = 0): CstNode | undefined {
    const e = this.c(n)[key]?.[i];
    return isNode(e) ? e : undefined;
  }
  nodes(n: CstNode, key: string): CstNode[] {
    return (this.c(n)[key] ?? []).filter(isNode);
  }
  toks(n: CstNode, key: string): IToken[] {
    return (this.c(n)[key] ?? []).filter(isTok).filter((t) => !t.isInsertedInRecovery);
  }

  ident(t: IToken | undefined, near?: CstNode): A.Ident {
    return { kind: 'ident', name: t?.image ?? '', span: t ? this.spanOfTok(t) : this.spanOf(near) };
  }
  str(t: IToken | undefined): string | undefined {
    if (!t) return undefined;
    return t.image.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  metaOf(n: CstNode, key = 'meta'): A.Meta {
    const m = emptyMeta();
    for (const x of this.nodes(n, key)) this.addMeta(m, x);
    return m;
  }

  /** One `fonte`/`nota`/`variante` line into a Meta. */
  addMeta(m: A.Meta, x: CstNode): void {
    if (this.tok(x, 'variant')) {
      const label = this.str(this.tok(x, 'variantLabel'));
      const v: A.Variant = { kind: 'variant', name: this.ident(this.tok(x, 'variantName'), x), ...(label !== undefined ? { label } : {}), expr: this.expr(this.node(x, 'variantExpr'), x), span: this.spanOf(x) };
      (m.variants ??= []).push(v);
      return;
    }
    const s = this.str(this.tok(x, 'StringLit')) ?? '';
    if (this.tok(x, 'source')) m.sources.push(s);
    else m.notes.push(s);
  }

  // ---- file ----
  zero(near: CstNode | undefined): A.Quantity {
    return { kind: 'quantity', value: '0', text: '0', unit: null, span: this.spanOf(near) };
  }

  number(t: IToken, unit: A.UnitName | null, neg = false): A.Quantity {
    let text = canonicalNumber(t.image, this.lang);
    if (neg) text = '-' + text;
    const value = unit === 'percentuale' ? new Decimal(`${text}e-2`).toString() : text; // exact: div(100) rounds to 20 digits
    return { kind: 'quantity', value, text, unit, span: this.spanOfTok(t) };
  }

  quantity(n: CstNode | undefined, near: CstNode, neg = false): A.Quantity {
    if (!n) return this.zero(near);
    const t = this.tok(n, 'NumberLit');
    if (!t) return this.zero(n);
    let unit: A.UnitName | null = null;
    if (this.tok(n, 'euroPrefix')) unit = 'euro';
    const u = this.node(n, 'unitWord');
    if (u) {
      if (this.tok(u, 'Percent')) unit = 'percentuale';
      else if (this.tok(u, 'EuroSign') || this.tok(u, 'TEuro')) unit = 'euro';
      else if (this.tok(u, 'TPunti')) unit = 'punti';
      else if (this.tok(u, 'TGiorni')) unit = 'giorni';
      else if (this.tok(u, 'TMesi')) unit = 'mesi';
      else if (this.tok(u, 'TOre')) unit = 'ore';
    }
    const q = this.number(t, unit, neg);
    q.span = this.spanOf(n);
    return q;
  }

  signed(n: CstNode | undefined, near: CstNode): A.Quantity {
    if (!n) return this.zero(near);
    const q = this.quantity(this.node(n, 'quantity'), n, !!this.tok(n, 'Minus'));
    q.span = this.spanOf(n);
    return q;
  }

  interval(n: CstNode | undefined, near: CstNode): A.Interval {
    const span = this.spanOf(n ?? near);
    if (!n) return { kind: 'otherwise', span };
    if (this.tok(n, 'Altrimenti')) return { kind: 'otherwise', span };
    const label = this.tok(n, 'label');
    if (label) return { kind: 'label', label: this.ident(label), span };
    const exact = this.node(n, 'exact');
    if (exact) {
      const q = this.signed(exact, n);
      return { kind: 'range', lo: q, loIncl: true, hi: q, hiIncl: true, span };
    }
    const r: A.Interval = { kind: 'range', loIncl: true, hiIncl: true, span };
    const lo = this.node(n, 'lo');
    if (lo) {
      r.lo = this.signed(lo, n);
      r.loIncl = !this.tok(n, 'Oltre');
    }
    const up = this.node(n, 'upper');
    if (up) {
      const hiEx = this.node(up, 'hiExcl');
      r.hi = this.signed(hiEx ?? this.node(up, 'hi'), up);
      r.hiIncl = !hiEx;
    }
    return r;
  }

  // ---- expressions ----
  expr(n: CstNode | undefined, near: CstNode): A.Expr {
    if (!n) return { kind: 'ref', path: [this.ident(undefined, near)], span: this.spanOf(near) };
    const ife = this.node(n, 'ifExpr');
    if (ife) return this.ifExpr(ife);
    const le = this.node(n, 'letExpr');
    if (le) return { kind: 'let', name: this.ident(this.tok(le, 'name'), le), value: this.expr(this.node(le, 'value'), le), body: this.expr(this.node(le, 'body'), le), span: this.spanOf(le) };
    const or = this.node(n, 'orExpr');
    if (!or) return this.expr(undefined, n);
    return this.chain(this.nodes(or, 'andExpr'), () => 'o', (a) => this.andExpr(a), or);
  }

  /** `se … allora … altrimenti se … allora … altrimenti …`, one flat node; `altrimenti (se …)` joins the chain too. */
  /** `tra settore secondo w [parità ordine | parità secondo x [de]crescente]` after a call (allocation among units). */
  unitSplit(rc: CstNode): A.UnitSplit {
    const unitTok = this.tok(rc, 'splitUnit')!;
    const key = this.tok(rc, 'splitTieKey');
    const order = this.tok(rc, 'splitTieOrder');
    const dir = this.tok(rc, 'splitTieDir');
    const weight = this.expr(this.node(rc, 'splitWeight'), rc);
    const ties: A.UnitSplit['ties'] = key
      ? { kind: 'by', key: this.ident(key, rc), dir: dir?.tokenType.name === 'Decrescente' ? 'decrescente' : 'crescente' }
      : order ? { kind: 'order', word: this.ident(order, rc) } : undefined;
    const last = dir ?? key ?? order;
    const start = this.spanOfTok(unitTok);
    return { unit: this.ident(unitTok, rc), weight, ...(ties ? { ties } : {}), span: last ? this.join(start, this.spanOfTok(last)) : this.join(start, weight.span) };
  }

  ifExpr(n: CstNode): A.Expr {
    const conds = this.nodes(n, 'cond');
    const thens = this.nodes(n, 'then');
    const branches: A.IfBranch[] = [];
    for (let i = 0; i < Math.max(1, conds.length, thens.length); i++) {
      branches.push({ cond: this.expr(conds[i], n), then: this.expr(thens[i], n) });
    }
    let els = this.expr(this.node(n, 'else'), n);
    if (els.kind === 'if') {
      branches.push(...els.branches);
      els = els.else;
    }
    return { kind: 'if', branches, else: els, span: this.spanOf(n) };
  }

  /**
   * Operands joined by operators of one precedence level, as one flat node (no recursion however long).
   * A first operand that is itself such a chain in brackets joins it: `(a + b) + c` is `a + b + c`.
   */
  chain(parts: CstNode[], op: (i: number) => A.ChainOp, f: (n: CstNode) => A.Expr, near: CstNode): A.Expr {
    if (parts.length === 0) return this.expr(undefined, near);
    const first = f(parts[0]);
    if (parts.length === 1) return first;
    const ops: A.ChainOp[] = [];
    const args: A.Expr[] = [];
    const level = A.chainLevel(op(0));
    if (first.kind === 'chain' && A.chainLevel(first.ops[0]) === level) {
      ops.push(...first.ops);
      args.push(...first.args);
    } else args.push(first);
    for (let i = 1; i < parts.length; i++) {
      ops.push(op(i - 1));
      args.push(f(parts[i]));
    }
    return { kind: 'chain', ops, args, span: this.join(first.span, args[args.length - 1].span) };
  }

  join(a: A.Span, b: A.Span): A.Span {
    return { line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol, offset: a.offset, endOffset: Math.max(a.endOffset, b.endOffset) };
  }

  andExpr(n: CstNode): A.Expr {
    return this.chain(this.nodes(n, 'notExpr'), () => 'e', (x) => this.notExpr(x), n);
  }

  notExpr(n: CstNode): A.Expr {
    const inner = this.node(n, 'notExpr');
    if (this.tok(n, 'Non') || inner) return { kind: 'unary', op: 'non', arg: inner ? this.notExpr(inner) : this.expr(undefined, n), span: this.spanOf(n) };
    const c = this.node(n, 'cmpExpr');
    return c ? this.cmpExpr(c) : this.expr(undefined, n);
  }

  cmpExpr(n: CstNode): A.Expr {
    const adds = this.nodes(n, 'addExpr');
    const left = adds[0] ? this.addExpr(adds[0]) : this.expr(undefined, n);
    if (this.tok(n, 'In')) {
      const setName = this.tok(n, 'setName');
      return { kind: 'in', arg: left, set: this.nodes(n, 'expr').map((e) => this.expr(e, n)), negated: !!this.tok(n, 'negated'), ...(setName ? { setName: this.ident(setName) } : {}), span: this.spanOf(n) };
    }
    const op = this.tok(n, 'op');
    if (!op) return left;
    const right = adds[1] ? this.addExpr(adds[1]) : this.expr(undefined, n);
    const map: Record<string, A.CmpOp> = { Equals: '=', NotEq: '<>', Less: '<', LessEq: '<=', Greater: '>', GreaterEq: '>=' };
    return { kind: 'binary', op: map[op.tokenType.name], left, right, span: this.spanOf(n) };
  }

  addExpr(n: CstNode): A.Expr {
    const ops = this.toks(n, 'op');
    return this.chain(this.nodes(n, 'mulExpr'), (i) => (ops[i]?.tokenType.name === 'Minus' ? '-' : '+'), (x) => this.mulExpr(x), n);
  }

  mulExpr(n: CstNode): A.Expr {
    const ops = this.toks(n, 'op');
    return this.chain(this.nodes(n, 'unary'), (i) => (ops[i]?.tokenType.name === 'Divide' ? '/' : '*'), (x) => this.unary(x), n);
  }

  unary(n: CstNode): A.Expr {
    const inner = this.node(n, 'unary');
    if (inner) {
      const arg = this.unary(inner);
      if (arg.kind === 'quantity' && !arg.text.startsWith('-')) {
        return { ...arg, value: new Decimal(arg.value).neg().toString(), text: '-' + arg.text, span: this.spanOf(n) };
      }
      return { kind: 'unary', op: '-', arg, span: this.spanOf(n) };
    }
    const p = this.node(n, 'primary');
    return p ? this.primary(p) : this.expr(undefined, n);
  }

  primary(n: CstNode): A.Expr {
    const span = this.spanOf(n);
    const q = this.node(n, 'quantity');
    if (q) return this.quantity(q, n);
    const s = this.tok(n, 'StringLit');
    if (s) return { kind: 'string', value: this.str(s) ?? '', span };
    if (this.tok(n, 'Vero')) return { kind: 'bool', value: true, span };
    if (this.tok(n, 'Falso')) return { kind: 'bool', value: false, span };
    if (this.tok(n, 'Totale')) return { kind: 'builtin', name: 'totale', span };
    if (this.tok(n, 'Ammesso')) return { kind: 'builtin', name: 'ammesso', span };
    const e = this.node(n, 'expr');
    if (e) return this.expr(e, n);
    const l = this.node(n, 'listExpr');
    if (l) return { kind: 'list', items: this.nodes(l, 'expr').map((x) => this.expr(x, l)), span };
    const sc = this.node(n, 'scaleExpr');
    if (sc) {
      return {
        kind: 'scale', subject: this.expr(this.node(sc, 'expr'), sc),
        rows: this.nodes(sc, 'scaleRow').map((r) => ({
          kind: 'scaleRow', when: this.interval(this.node(r, 'interval'), r), value: this.expr(this.node(r, 'expr'), r), meta: emptyMeta(), span: this.spanOf(r),
        })),
        span,
      };
    }
    const b = this.node(n, 'bestExpr');
    if (b) {
      const mode = this.tok(b, 'mode')?.tokenType.name;
      const within = this.tok(b, 'within');
      return {
        kind: 'best', share: this.quantity(this.node(b, 'quantity'), b), by: this.expr(this.node(b, 'by'), b),
        within: within ? this.ident(within) : undefined, among: this.node(b, 'among') ? this.expr(this.node(b, 'among'), b) : undefined,
        rounding: mode === 'Eccesso' ? 'eccesso' : mode === 'Vicino' ? 'vicino' : 'difetto', span,
      };
    }
    const dl = this.node(n, 'dateLit');
    if (dl) return dateLiteral(this.toks(dl, 'part'), this.toks(dl, 'sep'), span);
    const rc = this.node(n, 'refOrCall');
    if (rc) {
      const member = (t: IToken): A.Ident =>
        t.tokenType.name === 'Totale' ? { kind: 'ident', name: 'totale', span: this.spanOfTok(t) }
          : t.tokenType.name === 'Ammesso' ? { kind: 'ident', name: 'ammesso', span: this.spanOfTok(t) } : this.ident(t);
      const ids = [...this.toks(rc, 'Identifier'), ...this.toks(rc, 'member')].sort((a, b) => a.startOffset - b.startOffset);
      if (this.tok(rc, 'LBracket')) {
        return { kind: 'lookup', table: this.ident(ids[0], rc), key: this.expr(this.node(rc, 'key'), rc), column: this.ident(this.tok(rc, 'column'), rc), span };
      }
      if (this.tok(rc, 'LParen')) {
        return {
          kind: 'call', fn: this.ident(ids[0], rc), args: this.nodes(rc, 'arg').map((x) => this.expr(x, rc)),
          where: this.node(rc, 'where') ? this.expr(this.node(rc, 'where'), rc) : undefined,
          ...(this.node(rc, 'otherwise') ? { otherwise: this.expr(this.node(rc, 'otherwise'), rc) } : {}),
          ...(this.tok(rc, 'splitUnit') ? { units: this.unitSplit(rc) } : {}), span,
        };
      }
      return { kind: 'ref', path: ids.length ? ids.map(member) : [this.ident(undefined, rc)], span };
    }
    return this.expr(undefined, n);
  }
}

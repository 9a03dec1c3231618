// CST -> AST. Tolerates the partial trees that error recovery leaves: a missing piece becomes a
// placeholder node (an `ident` named "" or a `quantity` of 0) whose span points at the gap.
import type { CstNode, IToken, CstElement } from 'chevrotain';
import { Decimal } from 'decimal.js';
import type * as A from './ast.ts';
import { emptyMeta } from './ast.ts';
import type { Lang } from './keywords.ts';
import { canonicalNumber } from './numbers.ts';

type Children = Record<string, CstElement[] | undefined>;
const isTok = (e: CstElement | undefined): e is IToken => !!e && 'image' in e;
const isNode = (e: CstElement | undefined): e is CstNode => !!e && 'children' in e;

export class AstBuilder {
  constructor(private lang: Lang, private fallback: A.Span) {}

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

  private c(n: CstNode): Children {
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
    for (const x of this.nodes(n, key)) {
      const s = this.str(this.tok(x, 'StringLit')) ?? '';
      if (this.tok(x, 'source')) m.sources.push(s);
      else m.notes.push(s);
    }
    return m;
  }

  // ---- file ----
  file(n: CstNode, text: string): A.SchemeFile {
    const h = this.node(n, 'header');
    const hm = emptyMeta();
    let entity: A.Decl | undefined;
    if (h) {
      for (const e of this.nodes(h, 'entityDecl')) {
        entity = { kind: 'entity', name: this.str(this.tok(e, 'StringLit')) ?? '', span: this.spanOf(e), meta: emptyMeta() };
      }
      const mm = this.metaOf(h);
      hm.sources.push(...mm.sources);
      hm.notes.push(...mm.notes);
    }
    const langTok = h && this.tok(h, 'lang');
    const yearTok = h && this.tok(h, 'year');
    const decls: A.Decl[] = [];
    if (entity) decls.push(entity);
    for (const d of this.nodes(n, 'decl')) {
      const x = this.decl(d);
      if (x) decls.push(x);
    }
    return {
      kind: 'scheme',
      name: this.ident(h && this.tok(h, 'name'), h),
      title: h ? this.str(this.tok(h, 'title')) : undefined,
      year: yearTok ? this.number(yearTok, null) : this.zero(h),
      lang: langTok?.image === 'en' ? 'en' : this.lang,
      decls,
      meta: hm,
      trailingComments: [],
      span: { line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, endOffset: text.length },
    };
  }

  decl(d: CstNode): A.Decl | undefined {
    const [name, inner] = Object.entries(this.c(d)).find(([k]) => k !== 'meta') ?? [];
    const x = inner?.[0];
    if (!isNode(x)) return undefined;
    const meta = this.metaOf(d);
    const span = this.spanOf(d);
    const id = () => this.ident(this.tok(x, 'Identifier'), x);
    const label = () => this.str(this.tok(x, 'StringLit'));
    const expr = (key = 'expr') => this.expr(this.node(x, key), x);
    switch (name) {
      case 'unitDecl':
        return { kind: 'unitDecl', name: id(), label: label(), span, meta };
      case 'usesDecl':
        return { kind: 'uses', scheme: id(), span, meta };
      case 'inputsDecl':
        return { kind: 'inputs', level: this.level(this.node(x, 'level')), fields: this.nodes(x, 'field').map((f) => this.field(f)), span, meta };
      case 'tableDecl':
        return { kind: 'table', name: id(), level: this.level(this.node(x, 'level')), label: label(), fields: this.nodes(x, 'field').map((f) => this.field(f)), span, meta };
      case 'valueDecl': {
        const lv = this.node(x, 'level');
        return { kind: 'value', name: id(), level: lv ? this.level(lv) : { kind: 'persona' }, label: label(), expr: expr(), span, meta };
      }
      case 'totalDecl':
        return { kind: 'total', max: this.signed(this.node(x, 'max'), x), min: this.node(x, 'min') ? this.signed(this.node(x, 'min'), x) : undefined, span, meta };
      case 'sectionDecl': {
        const items = this.nodes(x, 'itemDecl').map((it) => this.item(it, emptyMeta()));
        // metas written after an item inside a section belong to that item
        const metas = this.nodes(x, 'meta');
        for (const m of metas) {
          const off = this.spanOf(m).offset;
          const owner = [...items].reverse().find((it) => it.span.offset < off);
          if (!owner) continue;
          const s = this.str(this.tok(m, 'StringLit')) ?? '';
          if (this.tok(m, 'source')) owner.meta.sources.push(s);
          else owner.meta.notes.push(s);
        }
        return { kind: 'section', name: id(), label: label(), max: this.quantity(this.node(x, 'quantity'), x), items, span, meta };
      }
      case 'itemDecl':
        return this.item(x, meta, span);
      case 'gateDecl':
        return { kind: 'gate', name: id(), label: label(), cond: expr('cond'), waiver: this.node(x, 'waiver') ? expr('waiver') : undefined, span, meta };
      case 'penaltyDecl':
        return { kind: 'penalty', name: id(), label: label(), max: this.node(x, 'quantity') ? this.quantity(this.node(x, 'quantity'), x) : undefined, expr: expr(), span, meta };
      case 'reductionDecl':
        return { kind: 'reduction', name: id(), label: label(), expr: expr(), span, meta };
      case 'bandsDecl':
        return {
          kind: 'bands', name: id(), label: label(), subject: expr(),
          rows: this.nodes(x, 'bandRow').map((r) => ({
            kind: 'scaleRow', name: this.ident(this.tok(r, 'Identifier'), r), label: this.str(this.tok(r, 'StringLit')),
            when: this.interval(this.node(r, 'interval'), r), value: this.expr(this.node(r, 'expr'), r), meta: this.metaOf(r), span: this.spanOf(r),
          })),
          span, meta,
        };
      case 'constraintDecl':
        return { kind: 'constraint', label: label(), cond: expr(), span, meta };
      case 'fundDecl':
        return {
          kind: 'fund', name: id(), label: label(), amount: expr('amount'), paid: expr('paid'),
          remainders: this.nodes(x, 'remainder').map((r) => ({
            kind: 'remainder', name: this.ident(this.tok(r, 'Identifier'), r), label: this.str(this.tok(r, 'StringLit')),
            expr: this.expr(this.node(r, 'expr'), r), meta: this.metaOf(r), span: this.spanOf(r),
          })),
          span, meta,
        };
      case 'tiesDecl':
        return {
          kind: 'ties',
          keys: this.nodes(x, 'orderKey').map((k) => {
            const t = this.tok(k, 'Identifier') ?? this.tok(k, 'Totale');
            return {
              expr: t && t.tokenType.name === 'Totale' ? { kind: 'ident', name: 'totale', span: this.spanOfTok(t) } : this.ident(t, k),
              dir: this.tok(k, 'Decrescente') ? 'decrescente' : 'crescente',
              span: this.spanOf(k),
            } satisfies A.OrderKey;
          }),
          span, meta,
        };
      case 'reportDecl':
        return {
          kind: 'report', name: id(), label: label(), ...(this.tok(x, 'per') ? { per: this.ident(this.tok(x, 'per')) } : {}),
          rows: this.nodes(x, 'reportRow').map((r) => ({
            kind: 'reportRow', name: this.ident(this.tok(r, 'Identifier'), r), label: this.str(this.tok(r, 'StringLit')),
            expr: this.expr(this.node(r, 'expr'), r), meta: this.metaOf(r), span: this.spanOf(r),
          })),
          span, meta,
        };
      case 'exampleDecl': {
        const given: A.Assign[] = [];
        const expected: A.Assign[] = [];
        for (const a of this.nodes(x, 'assign')) {
          const p = this.node(a, 'path');
          const path: A.Ident[] = [];
          if (p) {
            const kw = this.tok(p, 'Totale') ?? this.tok(p, 'Ammesso');
            if (kw) path.push({ kind: 'ident', name: kw.tokenType.name === 'Totale' ? 'totale' : 'ammesso', span: this.spanOfTok(kw) });
            else {
              const ids = [...this.toks(p, 'Identifier'), ...this.toks(p, 'member')].sort((a, b) => a.startOffset - b.startOffset);
              for (const t of ids) {
                const n = t.tokenType.name;
                path.push(n === 'Totale' || n === 'Ammesso' ? { kind: 'ident', name: n === 'Totale' ? 'totale' : 'ammesso', span: this.spanOfTok(t) } : this.ident(t));
              }
            }
          }
          if (path.length === 0) path.push(this.ident(undefined, a));
          const as: A.Assign = { kind: 'assign', path, value: this.expr(this.node(a, 'expr'), a), meta: this.metaOf(a), span: this.spanOf(a) };
          (this.tok(a, 'given') ? given : expected).push(as);
        }
        return { kind: 'example', label: label() ?? '', given, expected, span, meta };
      }
    }
    return undefined;
  }

  item(x: CstNode, meta: A.Meta, span = this.spanOf(x)): A.Item {
    return {
      kind: 'item', name: this.ident(this.tok(x, 'Identifier'), x), label: this.str(this.tok(x, 'StringLit')),
      max: this.signed(this.node(x, 'max'), x), weight: this.node(x, 'weight') ? this.quantity(this.node(x, 'weight'), x) : undefined,
      clamped: !!this.tok(x, 'Limitata'), expr: this.expr(this.node(x, 'expr'), x), meta, span,
    };
  }

  level(n: CstNode | undefined): A.Level {
    if (!n) return { kind: 'persona' };
    if (this.tok(n, 'Ente')) return { kind: 'ente' };
    if (this.tok(n, 'Persona')) return { kind: 'persona' };
    return { kind: 'unit', name: this.ident(this.tok(n, 'Identifier'), n) };
  }

  field(f: CstNode): A.Field {
    return {
      kind: 'field', name: this.ident(this.tok(f, 'Identifier'), f), type: this.type(this.node(f, 'type'), f),
      isKey: !!this.tok(f, 'Chiave'), label: this.str(this.tok(f, 'StringLit')), meta: this.metaOf(f), span: this.spanOf(f),
    };
  }

  type(n: CstNode | undefined, near: CstNode): A.TypeRef {
    if (!n) return { kind: 'num', unit: 'numero' };
    const num = this.node(n, 'numType');
    if (num) {
      const units: [string, A.UnitName][] = [
        ['TPunti', 'punti'], ['TEuro', 'euro'], ['TPercentuale', 'percentuale'], ['TGiorni', 'giorni'], ['TMesi', 'mesi'], ['TNumero', 'numero'], ['TIntero', 'intero'],
      ];
      const unit = units.find(([k]) => this.tok(num, k))?.[1] ?? 'numero';
      const t: A.TypeRef = { kind: 'num', unit };
      if (this.node(num, 'min')) {
        t.min = this.signed(this.node(num, 'min'), num);
        t.max = this.signed(this.node(num, 'max'), num);
      }
      return t;
    }
    if (this.tok(n, 'TSiNo')) return { kind: 'bool' };
    if (this.tok(n, 'TTesto')) return { kind: 'text' };
    if (this.tok(n, 'UnoTra')) return { kind: 'enum', values: this.toks(n, 'Identifier').map((t) => this.ident(t)) };
    if (this.tok(n, 'Lista')) return { kind: 'list', of: this.type(this.node(n, 'type'), n) };
    return { kind: 'unitref', name: this.ident(this.tok(n, 'unitRef'), near) };
  }

  zero(near: CstNode | undefined): A.Quantity {
    return { kind: 'quantity', value: '0', text: '0', unit: null, span: this.spanOf(near) };
  }

  number(t: IToken, unit: A.UnitName | null, neg = false): A.Quantity {
    let text = canonicalNumber(t.image, this.lang);
    if (neg) text = '-' + text;
    const value = unit === 'percentuale' ? new Decimal(text).div(100).toString() : text;
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
    if (ife) {
      return {
        kind: 'if', cond: this.expr(this.node(ife, 'cond'), ife), then: this.expr(this.node(ife, 'then'), ife),
        else: this.expr(this.node(ife, 'else'), ife), span: this.spanOf(ife),
      };
    }
    const or = this.node(n, 'orExpr');
    if (!or) return this.expr(undefined, n);
    return this.chain(this.nodes(or, 'andExpr'), () => 'o', (a) => this.andExpr(a), or);
  }

  chain(parts: CstNode[], op: (i: number) => A.BinOp, f: (n: CstNode) => A.Expr, near: CstNode): A.Expr {
    if (parts.length === 0) return this.expr(undefined, near);
    let acc = f(parts[0]);
    for (let i = 1; i < parts.length; i++) {
      const right = f(parts[i]);
      acc = { kind: 'binary', op: op(i - 1), left: acc, right, span: this.join(acc.span, right.span) };
    }
    return acc;
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
      return { kind: 'in', arg: left, set: this.nodes(n, 'expr').map((e) => this.expr(e, n)), negated: !!this.tok(n, 'negated'), span: this.spanOf(n) };
    }
    const op = this.tok(n, 'op');
    if (!op) return left;
    const right = adds[1] ? this.addExpr(adds[1]) : this.expr(undefined, n);
    const map: Record<string, A.BinOp> = { Equals: '=', NotEq: '<>', Less: '<', LessEq: '<=', Greater: '>', GreaterEq: '>=' };
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
    const rc = this.node(n, 'refOrCall');
    if (rc) {
      const member = (t: IToken): A.Ident =>
        t.tokenType.name === 'Totale' ? { kind: 'ident', name: 'totale', span: this.spanOfTok(t) }
          : t.tokenType.name === 'Ammesso' ? { kind: 'ident', name: 'ammesso', span: this.spanOfTok(t) } : this.ident(t);
      const ids = [...this.toks(rc, 'Identifier'), ...this.toks(rc, 'member')].sort((a, b) => a.startOffset - b.startOffset);
      if (this.tok(rc, 'LParen')) {
        return {
          kind: 'call', fn: this.ident(ids[0], rc), args: this.nodes(rc, 'arg').map((x) => this.expr(x, rc)),
          where: this.node(rc, 'where') ? this.expr(this.node(rc, 'where'), rc) : undefined, span,
        };
      }
      return { kind: 'ref', path: ids.length ? ids.map(member) : [this.ident(undefined, rc)], span };
    }
    return this.expr(undefined, n);
  }
}

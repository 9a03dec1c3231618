// CST -> AST for declarations: the file, its header and every kind of declaration. Expressions,
// quantities and intervals are read by the base class (to-ast-expr.ts).
import type { CstNode } from 'chevrotain';
import type * as A from './ast.ts';
import { emptyMeta } from './ast.ts';
import { ExprBuilder, isNode } from './to-ast-expr.ts';

export class AstBuilder extends ExprBuilder {
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
      case 'tableDecl': {
        const computed = this.nodes(x, 'computedColumn').map((c): A.ComputedColumn => ({
          kind: 'computedColumn', name: this.ident(this.tok(c, 'Identifier'), c), label: this.str(this.tok(c, 'StringLit')),
          expr: this.expr(this.node(c, 'expr'), c), meta: this.metaOf(c), span: this.spanOf(c),
        }));
        return { kind: 'table', name: id(), level: this.level(this.node(x, 'level')), label: label(), fields: this.nodes(x, 'field').map((f) => this.field(f)), ...(computed.length ? { computed } : {}), span, meta };
      }
      case 'setDecl': {
        const l = this.node(x, 'listExpr');
        return { kind: 'set', name: id(), label: label(), items: l ? this.nodes(l, 'expr').map((e) => this.expr(e, l)) : [], span, meta };
      }
      case 'valueDecl': {
        const lv = this.node(x, 'level');
        const ty = this.node(x, 'type');
        return { kind: 'value', name: id(), level: lv ? this.level(lv) : { kind: 'persona' }, label: label(), expr: expr(), ...(ty ? { type: this.type(ty, x) } : {}), span, meta };
      }
      case 'functionDecl': {
        const result = this.node(x, 'result');
        return {
          kind: 'function', name: this.ident(this.tok(x, 'name'), x), label: label(), expr: expr(), span, meta,
          params: this.nodes(x, 'param').map((p) => ({ name: this.ident(this.tok(p, 'Identifier'), p), type: this.type(this.node(p, 'type'), p) })),
          ...(result ? { result: this.type(result, x) } : {}),
        };
      }
      case 'totalDecl': {
        const places = this.node(x, 'places');
        const rounding: A.TotalRounding | undefined = this.tok(x, 'Arrotondando') ? {
          places: this.quantity(places, x), mode: this.tok(x, 'Eccesso') ? 'eccesso' : this.tok(x, 'Difetto') ? 'difetto' : 'vicino',
          word: this.ident(this.tok(x, 'decimals'), x), span: this.spanOfTok(this.tok(x, 'Arrotondando')!),
        } : undefined;
        return { kind: 'total', max: this.signed(this.node(x, 'max'), x), min: this.node(x, 'min') ? this.signed(this.node(x, 'min'), x) : undefined, ...(rounding ? { rounding } : {}), span, meta };
      }
      case 'sectionDecl': {
        const items = this.nodes(x, 'itemDecl').map((it) => this.item(it, emptyMeta()));
        // metas written after an item inside a section belong to that item
        const metas = this.nodes(x, 'meta');
        for (const m of metas) {
          const off = this.spanOf(m).offset;
          const owner = [...items].reverse().find((it) => it.span.offset < off);
          if (!owner) continue;
          this.addMeta(owner.meta, m);
          owner.span = this.join(owner.span, this.spanOf(m)); // as a declaration's span covers its `fonte`/`nota` lines
        }
        return { kind: 'section', name: id(), label: label(), ...this.maxSpec(this.node(x, 'maxSpec'), x), items, span, meta };
      }
      case 'itemDecl':
        return this.item(x, meta, span);
      case 'gateDecl':
        return { kind: 'gate', name: id(), label: label(), cond: expr('cond'), waiver: this.node(x, 'waiver') ? expr('waiver') : undefined, ...(this.tok(x, 'entityGate') ? { entity: true } : {}), span, meta };
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
        return {
          kind: 'constraint', label: label(), cond: expr(), span, meta,
          ...(this.tok(x, 'perPerson') ? { per: 'persona' as const } : this.tok(x, 'per') ? { per: this.ident(this.tok(x, 'per')) } : {}),
          ...(this.tok(x, 'severity') ? { severity: this.ident(this.tok(x, 'severity')) } : {}),
        };
      case 'fundDecl':
        return {
          kind: 'fund', name: id(), label: label(), amount: expr('amount'), paid: expr('paid'),
          ...(this.tok(x, 'fundKind') ? { allocation: this.ident(this.tok(x, 'fundKind')) } : {}),
          ...(this.tok(x, 'paidName') ? { paidName: this.ident(this.tok(x, 'paidName')), paidLabel: this.str(this.tok(x, 'paidLabel')) } : {}),
          ...(this.nodes(x, 'paidTier').length ? {
            tiers: this.nodes(x, 'paidTier').map((t): A.PaidTier => ({
              kind: 'paidTier', name: this.ident(this.tok(t, 'Identifier'), t), label: this.str(this.tok(t, 'StringLit')),
              expr: this.expr(this.node(t, 'expr'), t), meta: this.metaOf(t), span: this.spanOf(t),
            })),
          } : {}),
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
          ...(this.tok(x, 'across') ? { across: this.ident(this.tok(x, 'across')) } : {}),
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
        const tables = this.nodes(x, 'exampleTable').map((t) => this.exampleTable(t));
        const exv = this.tok(x, 'exVariantName');
        return {
          kind: 'example', label: label() ?? '', given, expected, ...(tables.length ? { tables } : {}),
          ...(exv ? { variant: this.ident(exv, x) } : {}), ...(this.tok(x, 'everyVariant') ? { everyVariant: true } : {}), span, meta,
        };
      }
    }
    return undefined;
  }

  /** A table of a population example: its columns (paths) and rows of cells. */
  exampleTable(t: CstNode): A.ExampleTable {
    const per = this.tok(t, 'perWhat');
    const perPerson = per?.tokenType.name === 'Persona';
    const role: A.ExampleTable['role'] = this.tok(t, 'persons') ? 'persons' : this.tok(t, 'units') ? 'units' : this.tok(t, 'table') ? 'table' : perPerson ? 'expectPersons' : 'expectUnits';
    const nameTok = this.tok(t, 'tableName') ?? (perPerson ? undefined : per);
    const columns = this.nodes(t, 'column').map((p) => this.pathOf(p, t));
    const rows = this.nodes(t, 'exampleRow').map((r): A.ExampleRow => ({
      kind: 'exampleRow', cells: this.nodes(r, 'cell').map((c) => this.expr(c, r)), meta: emptyMeta(), span: this.spanOf(r),
    }));
    return { kind: 'exampleTable', role, ...(nameTok ? { name: this.ident(nameTok, t) } : {}), columns, rows, meta: emptyMeta(), span: this.spanOf(t) };
  }

  /** A path (`x`, `progetti.premio`, `totale`) as identifiers. */
  pathOf(p: CstNode | undefined, near: CstNode): A.Ident[] {
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
    if (path.length === 0) path.push(this.ident(undefined, near));
    return path;
  }

  /** `max 30 punti` or `max (espressione)`: the maximum, or a placeholder and the expression it depends on. */
  maxSpec(n: CstNode | undefined, near: CstNode): { max: A.Quantity; maxBy?: A.Expr } {
    const by = n && this.node(n, 'maxBy');
    if (!by) return { max: this.signed(n && this.node(n, 'max'), n ?? near) };
    const maxBy = this.expr(by, n);
    return { max: { kind: 'quantity', value: '0', text: '0', unit: 'punti', span: maxBy.span }, maxBy };
  }

  item(x: CstNode, meta: A.Meta, span = this.spanOf(x)): A.Item {
    return {
      kind: 'item', name: this.ident(this.tok(x, 'Identifier'), x), label: this.str(this.tok(x, 'StringLit')),
      ...this.maxSpec(this.node(x, 'maxSpec'), x), weight: this.node(x, 'weight') ? this.quantity(this.node(x, 'weight'), x) : undefined,
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
      ...(this.tok(f, 'Facoltativo') ? { default: this.expr(this.node(f, 'default'), f) } : {}),
      ...(this.tok(f, 'Solo') ? { onlyIf: this.expr(this.node(f, 'onlyIf'), f) } : {}),
    };
  }

  type(n: CstNode | undefined, near: CstNode): A.TypeRef {
    if (!n) return { kind: 'num', unit: 'numero' };
    const num = this.node(n, 'numType');
    if (num) {
      const units: [string, A.UnitName][] = [
        ['TPunti', 'punti'], ['TEuro', 'euro'], ['TPercentuale', 'percentuale'], ['TGiorni', 'giorni'], ['TMesi', 'mesi'], ['TOre', 'ore'], ['TNumero', 'numero'], ['TIntero', 'intero'],
      ];
      const unit = units.find(([k]) => this.tok(num, k))?.[1] ?? 'numero';
      const t: A.TypeRef = { kind: 'num', unit };
      if (this.tok(num, 'TInteri')) t.whole = true;
      if (this.node(num, 'min')) {
        t.min = this.signed(this.node(num, 'min'), num);
        t.max = this.signed(this.node(num, 'max'), num);
      }
      return t;
    }
    if (this.tok(n, 'TSiNo')) return { kind: 'bool' };
    if (this.tok(n, 'TTesto')) return { kind: 'text' };
    if (this.tok(n, 'TData')) return { kind: 'date' };
    if (this.tok(n, 'UnoTra')) return { kind: 'enum', values: this.toks(n, 'Identifier').map((t) => this.ident(t)), span: this.spanOf(n) };
    if (this.tok(n, 'Lista')) return { kind: 'list', of: this.type(this.node(n, 'type'), n) };
    return { kind: 'unitref', name: this.ident(this.tok(n, 'unitRef'), near) };
  }

}

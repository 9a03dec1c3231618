// Expression checking, the part for names, operators, scales and top-k: names resolved (with
// did-you-mean), types and units, levels. Records for each reference what it resolved to, which the
// compiler turns into IR data paths. Calls and aggregates are in expr.ts.
import { Decimal } from 'decimal.js';
import type * as A from '../syntax/ast.ts';
import type { FunctionName } from '../syntax/keywords.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { checkIntervals, domainOf } from './tables.ts';
import type { SchemeSymbols, Sym } from './symbols.ts';
import { ANY, BOOL, DATE, describe, maxLevel, num, TEXT, type LevelName, type Ty } from './types.ts';
import { compatibleUnits, literalDp, productUnit, quotientUnit, sumUnit } from './units.ts';
import type { YearValue } from '../syntax/dates.ts';
import { dateOperation, yearValue } from './dates.ts';

export type Resolved =
  | { ns: 'sym'; sym: Sym } // a name of this scheme
  | { ns: 'ext'; scheme: string; sym: Sym } // a name of a used scheme
  | { ns: 'column'; table: string; column: string } // inside an aggregate over a table
  | { ns: 'element'; list: string } // inside an aggregate over a list
  | { ns: 'label'; label: string } // an enumeration value or band name
  | { ns: 'local'; let: A.Expr } // a local name: the `sia` that binds it
  | { ns: 'param'; index: number } // a parameter, inside a function's body
  | { ns: 'year'; which: YearValue }; // the scheme's year, its first or last day (`anno`, `inizio_anno`, `fine_anno`)

export type Domain = { kind: 'persons'; level?: 'ente' | 'unit' } | { kind: 'units' } | { kind: 'table'; name: string } | { kind: 'list'; name: string };

export interface Resolutions {
  refs: Map<A.Expr, Resolved>;
  domains: Map<A.Expr, Domain>; // aggregate calls
  fns: Map<A.Expr, FunctionName>;
  potLevels: Map<A.Expr, LevelName>; // allocations: the level of the pot decides the group
  columnTypes?: Map<A.ReportRow, Ty>; // columns of per-row reports
  sets?: Map<A.Expr, A.Expr[]>; // `x in s`: the items of the named set s
  userCalls?: Map<A.Expr, A.FunctionDecl>; // calls of functions declared in the scheme (inlined by compile)
  dateTables?: Map<A.Expr, string>; // giorni_servizio(dal; al; T.dal; T.al): the table of absence periods
}

/** Per diagnostics list: the set items already reported against an enumeration. */
const reportedSetItems = new WeakMap<object, Set<string>>();

const joinSpans = (a: A.Span, b: A.Span): A.Span => ({ line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol, offset: a.offset, endOffset: Math.max(a.endOffset, b.endOffset) });

export interface Typed {
  ty: Ty;
  level: LevelName;
}

export abstract class ExprCheckerBase {
  protected domain: Domain | undefined;
  /** tables whose current row is in scope (the rows of a `prospetto … per T`) */
  rowTables = new Set<string>();
  /** inside a table's computed column: its columns are read by their bare names */
  rowColumns?: string;
  /** local names in scope (`sia x = …; …`) */
  locals = new Map<string, { ty: Ty; level: LevelName; at: A.Expr }>();
  /** inside a function's body: its name and parameters (it reads nothing else of the scheme) */
  fn?: { name: string; params: Map<string, { index: number; ty: Ty }> };
  /** the name of what is being declared, for hints */
  declName?: string;
  constructor(
    protected s: SchemeSymbols,
    public others: Map<string, SchemeSymbols>,
    protected out: Diagnostic[],
    public res: Resolutions,
    protected ctxLevel: LevelName,
  ) {}

  get lang() {
    return this.s.ast.lang;
  }

  protected err(code: Parameters<typeof diag>[0], span: A.Span, args: Record<string, string | number> = {}) {
    this.out.push(diag(code, this.s.file, span, this.lang, args));
  }

  /** Checks `e` where a value of level ≤ ctxLevel is needed. */
  check(e: A.Expr, expect?: Ty): Typed {
    const r = this.expr(e, expect);
    return r;
  }

  protected knownNames(): string[] {
    const names = [...this.s.names.keys()];
    for (const u of this.s.uses) names.push(u);
    return names;
  }

  protected unknown(id: A.Ident, pool?: string[]) {
    const sug = suggest(id.name, pool ?? this.knownNames());
    if (sug) this.err('unknown-name', id.span, { name: id.name, suggestion: sug });
    else this.err('unknown-name-nosuggest', id.span, { name: id.name });
  }

  /** A wrong enumeration label: where its values are declared (the `uno_tra` of a field), and what else to write. */
  protected badLabel(label: A.Ident, values: string[], fallback?: string) {
    const sug = suggest(label.name, values) ?? fallback;
    let at: { field: string; span: A.Span } | undefined;
    const find = (field: string, t: A.TypeRef): void => {
      if (t.kind === 'list') return find(field, t.of);
      if (!at && t.kind === 'enum' && t.span && t.values.map((v) => v.name).join('\u0000') === values.join('\u0000')) at = { field, span: t.span };
    };
    for (const d of this.s.ast.decls) if (d.kind === 'inputs' || d.kind === 'table') for (const f of d.fields) find(d.kind === 'table' ? `${d.name.name}.${f.name.name}` : f.name.name, f.type);
    for (const d of this.s.ast.decls) {
      if (d.kind === 'value' && d.type) find(d.name.name, d.type);
      if (d.kind === 'function') for (const p of d.params) find(`${d.name.name}(${p.name.name})`, p.type);
      if (d.kind === 'function' && d.result) find(d.name.name, d.result);
    }
    const where = at ? (this.lang === 'it' ? `, dichiarati in «${at.field}» a ${at.span.line}:${at.span.col}` : `, declared for «${at.field}» at ${at.span.line}:${at.span.col}`) : '';
    const didYouMean = sug ? (this.lang === 'it' ? ` (forse «${sug}»?)` : ` (did you mean «${sug}»?)`) : '';
    this.out.push(diag('bad-enum-label', this.s.file, label.span, this.lang, { name: label.name, values: values.join(', '), where, didYouMean },
      at ? [{ message: this.lang === 'it' ? 'valori ammessi dichiarati qui' : 'allowed values declared here', file: this.s.file, span: at.span }] : undefined));
  }

  ref(e: Extract<A.Expr, { kind: 'ref' }>, expect?: Ty): Typed {
    const [head, ...rest] = e.path;
    if (!head.name) return { ty: ANY, level: 'ente' };
    if (rest.length === 0) {
      const local = this.locals.get(head.name);
      if (local) {
        this.res.refs.set(e, { ns: 'local', let: local.at });
        return { ty: local.ty, level: local.level };
      }
      const param = this.fn?.params.get(head.name);
      if (param) {
        this.res.refs.set(e, { ns: 'param', index: param.index });
        return { ty: param.ty, level: 'ente' };
      }
    }
    if (this.fn && (this.s.uses.includes(head.name) || (this.s.names.has(head.name) && this.s.names.get(head.name)!.kind !== 'set' && !(rest.length === 0 && expect?.t === 'enum' && expect.values.includes(head.name))))) {
      this.err('function-reads-outside', e.span, { name: this.fn.name, other: e.path.map((p) => p.name).join('.') });
      return { ty: ANY, level: 'ente' };
    }
    // an enumeration label where one is expected
    if (rest.length === 0 && expect?.t === 'enum' && expect.values.includes(head.name) && !this.s.names.has(head.name)) {
      this.res.refs.set(e, { ns: 'label', label: head.name });
      return { ty: expect, level: 'ente' };
    }
    // inside a computed column, the row's own columns by their bare names
    const own = this.rowColumns !== undefined && rest.length === 0 ? this.s.names.get(this.rowColumns)?.columns?.get(head.name) : undefined;
    if (own) return this.column(e, own);
    const sym = this.s.names.get(head.name);
    if (sym?.kind === 'set') {
      this.err('set-misuse', e.span, { name: head.name });
      return { ty: ANY, level: 'ente' };
    }
    if (rest.length === 0 && !sym && expect?.t === 'enum' && !this.s.uses.includes(head.name)) {
      this.badLabel(head, expect.values);
      return { ty: expect, level: 'ente' };
    }
    if (sym?.kind === 'table') {
      const col = rest[0];
      if (!col) {
        this.err('type-mismatch', e.span, { expected: this.lang === 'it' ? 'una colonna (tabella.colonna)' : 'a column (table.column)', found: head.name });
        return { ty: ANY, level: sym.level };
      }
      const c = sym.columns!.get(col.name);
      if (!c) {
        this.unknown(col, [...sym.columns!.keys()]);
        return { ty: ANY, level: sym.level };
      }
      if ((!this.domain || this.domain.kind !== 'table' || this.domain.name !== head.name) && !this.rowTables.has(head.name)) {
        this.err('type-mismatch', e.span, {
          expected: this.lang === 'it' ? `un'aggregazione (somma, conta…) sulla tabella ${head.name}` : `an aggregation (sum, count…) over table ${head.name}`,
          found: `${head.name}.${col.name}`,
        });
      }
      return this.column(e, c);
    }
    if (sym) {
      if (rest.length) this.unknown(rest[0], []);
      return this.useSym(e, sym, { ns: 'sym', sym });
    }
    const year = rest.length === 0 ? yearValue(e, this.lang, this.res) : undefined;
    if (year) return year;
    if (this.s.uses.includes(head.name)) {
      const other = this.others.get(head.name);
      if (!other) return { ty: ANY, level: 'ente' };
      const n = rest[0];
      if (!n) {
        this.unknown(head);
        return { ty: ANY, level: 'ente' };
      }
      const osym = other.names.get(n.name);
      if (!osym || osym.kind === 'table') {
        this.unknown(n, [...other.names.keys()]);
        return { ty: ANY, level: 'ente' };
      }
      return this.useSym(e, osym, { ns: 'ext', scheme: head.name, sym: osym }, other);
    }
    this.unknown(head);
    return { ty: ANY, level: 'ente' };
  }

  /** A table's column read on the current row; a computed column must be declared (checked) before it is read. */
  private column(e: A.Expr, c: Sym): Typed {
    this.res.refs.set(e, { ns: 'column', table: c.table ?? '', column: c.name });
    if (c.computed && !c.checked) {
      this.err('computed-column-order', e.span, { name: c.name });
      return { ty: ANY, level: 'ente' };
    }
    return { ty: c.ty, level: 'ente' };
  }

  /** `x in s` with a named set: each of its items is checked against x's type (a label against x's enumeration). */
  private inSet(e: Extract<A.Expr, { kind: 'in' }>, a: Typed, name: A.Ident): Typed {
    const sym = this.s.names.get(name.name);
    if (!sym || sym.kind !== 'set') {
      this.unknown(name, [...this.s.names.values()].filter((x) => x.kind === 'set').map((x) => x.name));
      return { ty: BOOL, level: a.level };
    }
    const items = (sym.decl as Extract<A.Decl, { kind: 'set' }>).items;
    (this.res.sets ??= new Map()).set(e, items);
    for (const x of items) {
      if ((x.kind === 'ref' && x.path.length === 1) || (x.kind === 'string' && a.ty.t === 'enum')) {
        // a bare word (or a quoted one, against an enumeration): a label of x's enumeration
        const label = x.kind === 'string' ? x.value : x.path[0].name;
        const once = `${x.span.offset}|${a.ty.t === 'enum' ? a.ty.values.join(',') : a.ty.t}`; // a set used many times: its wrong label is one error
        const seen = reportedSetItems.get(this.out) ?? new Set<string>();
        reportedSetItems.set(this.out, seen);
        if (seen.has(once)) continue;
        seen.add(once);
        if (a.ty.t === 'enum' && !a.ty.values.includes(label)) {
          const sug = suggest(label, a.ty.values);
          this.err('bad-enum-label', x.span, { name: label, values: a.ty.values.join(', '), suggestion: sug ?? a.ty.values[0] ?? '' });
        } else if (a.ty.t !== 'enum' && a.ty.t !== 'any') {
          this.err('type-mismatch', x.span, { expected: describe(a.ty, this.lang), found: label });
        }
        if (x.kind === 'ref') this.res.refs.set(x, { ns: 'label', label });
        continue;
      }
      const b = this.expr(x, a.ty);
      this.unify(a.ty, b.ty, x.span, this.lang === 'it' ? 'confrontare' : 'compare');
    }
    return { ty: BOOL, level: a.level };
  }

  /** `T[chiave].colonna`: the row of the entity table T whose key column holds `chiave`. */
  private lookup(e: Extract<A.Expr, { kind: 'lookup' }>): Typed {
    const it = this.lang === 'it';
    const t = this.s.names.get(e.table.name);
    const key = this.expr(e.key);
    if (!t || t.kind !== 'table') {
      this.unknown(e.table, [...this.s.names.values()].filter((x) => x.kind === 'table').map((x) => x.name));
      return { ty: ANY, level: key.level };
    }
    const keyCol = [...t.columns!.values()].find((c) => c.isKey);
    if (t.level !== 'ente' || !keyCol) {
      this.err('lookup-not-keyed', e.table.span, {
        name: e.table.name,
        why: t.level !== 'ente' ? (it ? 'la tabella non è «per ente»' : 'the table is not «per entity»') : it ? 'la tabella non dichiara una colonna «chiave»' : 'the table declares no «key» column',
      });
    }
    if (keyCol) {
      // a label of the key's enumeration, or a value of its type
      const k = e.key.kind === 'ref' && e.key.path.length === 1 && keyCol.ty.t === 'enum' && keyCol.ty.values.includes(e.key.path[0].name) && !this.s.names.has(e.key.path[0].name);
      if (k) this.res.refs.set(e.key, { ns: 'label', label: (e.key as Extract<A.Expr, { kind: 'ref' }>).path[0].name });
      else if (!((keyCol.ty.t === 'enum' && key.ty.t === 'text') || (keyCol.ty.t === 'text' && key.ty.t === 'enum'))) this.unify(keyCol.ty, key.ty, e.key.span, it ? 'cercare con' : 'look up with'); // labels are texts
    }
    const c = t.columns!.get(e.column.name);
    if (!c) {
      this.unknown(e.column, [...t.columns!.keys()]);
      return { ty: ANY, level: key.level };
    }
    if (c.computed && !c.checked) {
      this.err('computed-column-order', e.column.span, { name: c.name });
      return { ty: ANY, level: key.level };
    }
    return { ty: c.ty, level: key.level };
  }

  private useSym(e: A.Expr, sym: Sym, r: Resolved, owner: SchemeSymbols = this.s): Typed {
    this.res.refs.set(e, r);
    if (sym.ty.t === 'list' && this.domain?.kind === 'list' && this.domain.name === sym.name) {
      this.res.refs.set(e, { ns: 'element', list: sym.name });
      return { ty: sym.ty.of, level: 'ente' };
    }
    let level = sym.level;
    // inside an aggregate over persons, a person's (or their unit's) value is one row of the aggregate
    if (this.domain?.kind === 'persons' && (level === 'persona' || level === 'unit')) level = this.ctxLevel;
    if (this.domain?.kind === 'units' && level === 'unit') level = this.ctxLevel;
    if (sym.kind === 'value' && sym.ty.t === 'any' && !sym.checked) {
      const d = sym.decl as Extract<A.Decl, { kind: 'value' }>;
      sym.ty = this.inferLater(d, owner) ?? ANY;
    }
    if (sym.kind === 'report' && sym.ty.t === 'any' && !sym.checked) {
      const d = sym.decl as A.ReportRow;
      sym.ty = this.inferLater(d, owner) ?? ANY;
    }
    return { ty: sym.ty, level };
  }

  expr(e: A.Expr, expect?: Ty): Typed {
    switch (e.kind) {
      case 'quantity':
        return { ty: num(e.unit, literalDp(e.text, e.unit)), level: 'ente' };
      case 'string':
        return { ty: TEXT, level: 'ente' };
      case 'bool':
        return { ty: BOOL, level: 'ente' };
      case 'date':
        if (!e.value) this.err('bad-date-literal', e.span, { found: e.text ?? '' });
        return { ty: DATE, level: 'ente' };
      case 'builtin': {
        if (this.fn) {
          this.err('function-reads-outside', e.span, { name: this.fn.name, other: e.name });
          return { ty: ANY, level: 'ente' };
        }
        const sym = this.s.names.get(e.name)!;
        return this.useSym(e, sym, { ns: 'sym', sym });
      }
      case 'ref':
        return this.ref(e, expect);
      case 'unary': {
        const a = this.expr(e.arg);
        if (e.op === 'non') {
          this.want(a.ty, BOOL, e.arg.span);
          return { ty: BOOL, level: a.level };
        }
        this.wantNum(a.ty, e.arg.span);
        return a;
      }
      case 'binary':
        return this.operation(e.op, this.expr(e.left), e.left.span, e.right, e.span, true, e.left);
      case 'chain': {
        // left to right, as evaluated: each operator applies to what precedes it and the next operand
        let acc = this.expr(e.args[0]);
        for (let i = 1; i < e.args.length; i++) acc = this.operation(e.ops[i - 1], acc, e.args[0].span, e.args[i], joinSpans(e.args[0].span, e.args[i].span), i === 1, i === 1 ? e.args[0] : undefined);
        return acc;
      }
      case 'if': {
        const op = this.lang === 'it' ? 'dare in alternativa' : 'give as alternatives';
        let ty: Ty | undefined;
        let level: LevelName = 'ente';
        const labels = this.undeclaredLabels([...e.branches.map((b) => b.then), e.else], expect ?? ty);
        const branch = (x: A.Expr) => {
          if (labels.has(x)) return;
          const t = this.expr(x, expect ?? ty);
          ty = ty === undefined ? t.ty : this.unify(ty, t.ty, x.span, op);
          level = maxLevel(level, t.level);
        };
        for (const b of e.branches) {
          const c = this.expr(b.cond);
          this.want(c.ty, BOOL, b.cond.span);
          level = maxLevel(level, c.level);
          branch(b.then);
        }
        branch(e.else);
        return { ty: ty ?? ANY, level };
      }
      case 'lookup':
        return this.lookup(e);
      case 'in': {
        const a = this.expr(e.arg);
        if (e.setName) return this.inSet(e, a, e.setName);
        let level = a.level;
        for (const x of e.set) {
          const b = this.expr(x, a.ty);
          this.unify(a.ty, b.ty, x.span, this.lang === 'it' ? 'confrontare' : 'compare');
          level = maxLevel(level, b.level);
        }
        return { ty: BOOL, level };
      }
      case 'list': {
        let ty: Ty = ANY;
        let level: LevelName = 'ente';
        for (const x of e.items) {
          const b = this.expr(x, expect?.t === 'list' ? expect.of : undefined);
          ty = ty.t === 'any' ? b.ty : this.unify(ty, b.ty, x.span, this.lang === 'it' ? 'mettere in lista' : 'list');
          level = maxLevel(level, b.level);
        }
        return { ty: { t: 'list', of: ty }, level };
      }
      case 'scale':
        return this.scale(e.subject, e.rows, expect);
      case 'best':
        return this.best(e);
      case 'call':
        return this.call(e);
      case 'let':
        return this.letExpr(e, expect);
    }
  }

  /** `sia x = valore; corpo`: x is read in the body (and in the `sia` that follow), with the value's type and level. */
  private letExpr(e: Extract<A.Expr, { kind: 'let' }>, expect?: Ty): Typed {
    const v = this.expr(e.value);
    const name = e.name.name;
    const sym = this.s.names.get(name);
    const taken = this.locals.has(name) ? (this.lang === 'it' ? 'un altro nome locale qui' : 'another local name here')
      : this.fn?.params.has(name) ? (this.lang === 'it' ? 'un parametro della funzione' : 'a parameter of the function')
      : sym && sym.kind !== 'builtin' ? (this.lang === 'it' ? `il nome di ${sym.kind === 'input' ? 'un dato' : sym.kind === 'set' ? 'un insieme' : sym.kind === 'table' ? 'una tabella' : 'un valore'} della scheda` : `the name of ${sym.kind === 'input' ? 'an input' : sym.kind === 'set' ? 'a set' : sym.kind === 'table' ? 'a table' : 'a value'} of the scheme`)
      : this.s.uses.includes(name) ? (this.lang === 'it' ? 'il nome di una scheda usata' : 'the name of a used scheme') : undefined;
    if (taken && name) this.err('local-name-taken', e.name.span, { name, what: taken });
    const prev = this.locals.get(name);
    if (name) this.locals.set(name, { ty: v.ty, level: v.level, at: e });
    try {
      const b = this.expr(e.body, expect);
      return { ty: b.ty, level: maxLevel(b.level, v.level) };
    } finally {
      if (prev) this.locals.set(name, prev);
      else this.locals.delete(name);
    }
  }

  /**
   * The results of an alternative or a table (`se … allora alta altrimenti bassa`) that are bare words the scheme
   * does not declare, where no category is expected: values of a category that was not declared. Each is reported
   * once, saying how to declare the category, instead of as an unknown name.
   */
  protected undeclaredLabels(results: A.Expr[], expect: Ty | undefined): Set<A.Expr> {
    const out = new Set<A.Expr>();
    if (expect?.t === 'enum') return out;
    const bare = (x: A.Expr) => x.kind === 'ref' && x.path.length === 1 && !!x.path[0].name && !this.s.names.has(x.path[0].name) && !this.s.uses.includes(x.path[0].name)
      && !this.locals.has(x.path[0].name) && !this.fn?.params.has(x.path[0].name);
    const found = results.filter(bare) as Extract<A.Expr, { kind: 'ref' }>[];
    if (!found.length) return out;
    const labels = [...new Set(found.map((x) => x.path[0].name))].join(this.lang === 'it' ? '; ' : ', ');
    for (const x of found) {
      out.add(x);
      const sug = suggest(x.path[0].name, this.knownNames());
      const didYouMean = sug ? (this.lang === 'it' ? ` Oppure intendevi «${sug}»?` : ` Or did you mean «${sug}»?`) : '';
      this.err('category-not-declared', x.span, { name: x.path[0].name, value: this.declName ?? (this.lang === 'it' ? 'categoria' : 'category'), labels, didYouMean });
    }
    return out;
  }

  scale(subject: A.Expr, rows: A.ScaleRow[], expect?: Ty): Typed {
    const s = this.expr(subject);
    let level = s.level;
    let ty: Ty = ANY;
    const labels = this.undeclaredLabels(rows.map((r) => r.value), expect);
    for (const r of rows) {
      if (r.when.kind === 'label') {
        if (s.ty.t === 'enum') {
          if (!s.ty.values.includes(r.when.label.name)) {
            this.badLabel(r.when.label, s.ty.values);
          }
        } else if (s.ty.t !== 'any') {
          this.err('type-mismatch', r.when.span, { expected: describe(s.ty, this.lang), found: r.when.label.name });
        }
      } else if (r.when.kind === 'range' && s.ty.t === 'date') {
        this.err('date-compare', r.when.span, {}); // intervals are numbers: a date's cases are written with se … allora
      } else if (r.when.kind === 'range') {
        for (const q of [r.when.lo, r.when.hi]) if (q) this.compatible(s.ty, num(q.unit), q.span, this.lang === 'it' ? 'confrontare' : 'compare');
      }
      if (labels.has(r.value)) continue;
      const v = this.expr(r.value, expect ?? (ty.t === 'any' ? undefined : ty));
      ty = ty.t === 'any' ? v.ty : this.unify(ty, v.ty, r.value.span, this.lang === 'it' ? 'mettere nella stessa tabella' : 'put in one table');
      level = maxLevel(level, v.level);
    }
    if (s.ty.t === 'enum') this.checkLabelRows(rows, s.ty.values);
    // every interval table (a `scala` or the rows of `fasce`) is checked here, once, with its subject's type
    if (s.ty.t === 'num') checkIntervals(rows, s.ty, domainOf(subject, this.s), this.s.file, this.lang, this.out, rows.some((r) => r.when.kind === 'otherwise'));
    return { ty, level };
  }

  /** A table on an enumeration: each value in one row at most, and every value covered (or `altrimenti`). */
  private checkLabelRows(rows: A.ScaleRow[], values: string[]) {
    const first = new Map<string, number>();
    rows.forEach((r, i) => {
      if (r.when.kind !== 'label') return;
      const l = r.when.label.name;
      if (first.has(l)) this.err('table-overlap', r.when.span, { a: first.get(l)! + 1, b: i + 1, value: l });
      else first.set(l, i);
    });
    if (rows.some((r) => r.when.kind === 'otherwise') || !rows.some((r) => r.when.kind === 'label')) return;
    const missing = values.filter((v) => !first.has(v));
    if (missing.length) this.err('table-uncovered', rows[rows.length - 1].span, { value: missing.join(', ') });
  }

  protected best(e: Extract<A.Expr, { kind: 'best' }>): Typed {
    if (e.share.unit !== 'percentuale' && (e.share.unit !== null || !/^\d+$/.test(e.share.text))) {
      this.err('type-mismatch', e.share.span, { expected: this.lang === 'it' ? 'una percentuale o un numero intero di persone' : 'a percentage or a whole number of persons', found: e.share.text });
    }
    const by = this.expr(e.by);
    this.wantNum(by.ty, e.by.span);
    if (e.among) this.want(this.expr(e.among).ty, BOOL, e.among.span);
    if (e.within && e.within.name !== this.s.unitName) this.err('unknown-unit-level', e.within.span, { name: e.within.name, unit: this.s.unitName ?? '—' });
    this.needTies(e.span, this.lang === 'it' ? 'migliori' : 'best');
    return { ty: BOOL, level: 'persona' };
  }

  needTies(span: A.Span, what: string) {
    if (!this.s.ties) this.err('missing-ties', span, { what });
  }

  /**
   * `left op right`, where `left` is already checked (a chain checks its operands left to right, so the left
   * side may be the chain so far, whose type was checked already: then `checkLeft` is false).
   */
  private operation(op: A.BinOp, l: Typed, leftSpan: A.Span, right: A.Expr, span: A.Span, checkLeft = true, left?: A.Expr): Typed {
    const it = this.lang === 'it';
    if (op === 'e' || op === 'o') {
      const r = this.expr(right);
      if (checkLeft) this.want(l.ty, BOOL, leftSpan);
      this.want(r.ty, BOOL, right.span);
      return { ty: BOOL, level: maxLevel(l.level, r.level) };
    }
    const r = this.expr(right, l.ty.t === 'enum' ? l.ty : undefined);
    const level = maxLevel(l.level, r.level);
    const dated = dateOperation(op, l.ty, r.ty, span, this.s.file, this.lang, this.out);
    if (dated) return { ty: dated, level };
    if (op === '=' || op === '<>') {
      this.unify(l.ty, r.ty, span, it ? 'confrontare' : 'compare');
      return { ty: BOOL, level };
    }
    if (checkLeft) this.wantNum(l.ty, leftSpan);
    this.wantNum(r.ty, right.span);
    if (l.ty.t !== 'num' || r.ty.t !== 'num') return { ty: ['<', '<=', '>', '>='].includes(op) ? BOOL : ANY, level };
    switch (op) {
      case '<': case '<=': case '>': case '>=':
        this.compatible(l.ty, r.ty, span, it ? 'confrontare' : 'compare', right);
        return { ty: BOOL, level };
      case '+': case '-':
        if (!this.compatible(l.ty, r.ty, span, op === '+' ? (it ? 'sommare' : 'add') : it ? 'sottrarre' : 'subtract', right, op, left)) return { ty: ANY, level };
        return { ty: sumUnit(l.ty, r.ty) ?? ANY, level };
      case '*': {
        // `× 100%` changes nothing but the meaning: a plain number (a ratio) becomes a percentage
        const asPct = (x: A.Expr | undefined, other: Ty) => x?.kind === 'quantity' && x.unit === 'percentuale' && new Decimal(x.value).eq(1) && other.t === 'num' && (other.unit === null || other.unit === 'numero' || other.unit === 'intero');
        if (asPct(right, l.ty) || asPct(left, r.ty)) return { ty: num('percentuale'), level };
        return { ty: productUnit(l.ty, r.ty), level };
      }
      case '/':
        return { ty: quotientUnit(l.ty, r.ty), level };
    }
    return { ty: ANY, level };
  }

  /**
   * Do `a` and `b` have the same dimensions (a bare number has any)? Else a unit-mismatch; adding a percentage
   * to an amount gets a hint that says how to raise it by that percentage.
   */
  compatible(a: Ty, b: Ty, span: A.Span, op: string, right?: A.Expr, arith?: '+' | '-', left?: A.Expr): boolean {
    if (a.t !== 'num' || b.t !== 'num' || compatibleUnits(a, b)) return true;
    const d = diag('unit-mismatch', this.s.file, span, this.lang, { op, left: describe(a, this.lang), right: describe(b, this.lang) });
    if (arith && b.unit === 'percentuale') d.hint = this.percentHint(right, arith, left?.kind === 'ref' ? left.path.map((p) => p.name).join('.') : 'x');
    this.out.push(d);
    return false;
  }

  private percentHint(right: A.Expr | undefined, op: '+' | '-', x: string): string {
    const it = this.lang === 'it';
    const p = right?.kind === 'quantity' ? new Decimal(right.value) : undefined;
    const pc = (x: Decimal) => (it ? x.times(100).toFixed().replace('.', ',') : x.times(100).toFixed()) + '%';
    const times = p ? pc(op === '+' ? p.plus(1) : new Decimal(1).minus(p)) : `(100% ${op} p)`;
    const pp = p ? pc(p) : 'p';
    return it
      ? `Una percentuale è un rapporto, non una quantità: per ${op === '+' ? 'aumentare' : 'ridurre'} ${x} del ${pp} scrivi «${x} * ${times}» (oppure «${x} ${op} ${x} * ${pp}»).`
      : `A percentage is a ratio, not a quantity: to ${op === '+' ? 'raise' : 'lower'} ${x} by ${pp} write «${x} * ${times}» (or «${x} ${op} ${x} * ${pp}»).`;
  }

  unify(a: Ty, b: Ty, span: A.Span, op: string): Ty {
    if (a.t === 'any') return b;
    if (b.t === 'any') return a;
    if (a.t === 'num' && b.t === 'num') {
      if (!this.compatible(a, b, span, op)) return a;
      return sumUnit(a, b) ?? a;
    }
    if (a.t === 'enum' && b.t === 'enum') return a;
    if (a.t !== b.t) this.err('type-mismatch', span, { expected: describe(a, this.lang), found: describe(b, this.lang) });
    return a;
  }

  want(ty: Ty, w: Ty, span: A.Span) {
    if (ty.t === 'any' || w.t === 'any') return;
    if (ty.t !== w.t) this.err('type-mismatch', span, { expected: describe(w, this.lang), found: describe(ty, this.lang) });
  }

  wantNum(ty: Ty, span: A.Span) {
    this.want(ty, num(null), span);
  }


  /** Function calls and aggregates: see expr.ts. */
  protected abstract call(e: Extract<A.Expr, { kind: 'call' }>): Typed;
  /** Checks a value's declaration on its own, to learn its type when it is used before it is declared. */
  protected abstract inferLater(d: Extract<A.Decl, { kind: 'value' }> | A.ReportRow, owner: SchemeSymbols): Ty | undefined;
}

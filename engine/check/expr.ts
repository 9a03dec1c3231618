// Expression checking, the part for function calls and aggregates (over a table, a list, or the
// persons of the entity or of a unit), on top of expr-base.ts.
import type * as A from '../syntax/ast.ts';
import { FUNCTIONS, functionByWord, functionNames } from '../syntax/keywords.ts';
import { ops } from '../ops/registry.ts';
import type { CheckHost, OpEntry } from '../ops/types.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { declaredType, type SchemeSymbols } from './symbols.ts';
import { ExprCheckerBase, type Domain, type Resolutions, type Typed } from './expr-base.ts';
import { checkUnitSplit, zeroWeight } from './unit-split.ts';
import { compatibleUnits } from './units.ts';
import { ANY, BOOL, describe, LEVEL_RANK, maxLevel, num, type LevelName, type Ty } from './types.ts';
import type { FnSym } from './symbols.ts';
import { checkDateCall, type DateHost } from './dates.ts';

export type { Domain, Resolutions, Resolved, Typed } from './expr-base.ts';

export class ExprChecker extends ExprCheckerBase {
  protected call(e: Extract<A.Expr, { kind: 'call' }>): Typed {
    const fn = functionByWord(e.fn.name, this.lang);
    const it = this.lang === 'it';
    const own = this.s.functions.get(e.fn.name);
    if (own && !fn) return this.userCall(e, own);
    if (!fn) {
      const all = [...functionNames(this.lang), ...this.s.functions.keys()];
      const sug = suggest(e.fn.name, all);
      this.err('unknown-function', e.fn.span, {
        name: e.fn.name, list: all.join(', '), suggestion: sug ? (it ? ` Forse intendevi «${sug}»?` : ` Did you mean «${sug}»?`) : '',
      });
      for (const a of e.args) this.expr(a);
      return { ty: ANY, level: 'ente' };
    }
    this.res.fns.set(e, fn);
    // the aggregates and scalar functions: their arity and type rule are the registry's (engine/ops)
    const op = ops().byName(fn, 'it');
    const kind = op?.kind ?? FUNCTIONS[fn].kind;
    if (e.units && kind !== 'allocate') this.err('allocate-units-not-allowed', e.units.span, { unit: e.units.unit.name, name: e.fn.name });
    if (kind === 'date') return checkDateCall(this.dateHost(), e, fn, this.res);
    const arity: Record<string, readonly [number, number]> = { band: [1, 1], allocate: [2, 2], static: [1, 1] };
    const [lo, hi] = op?.arity ?? arity[kind];
    if (e.args.length < lo || e.args.length > hi) {
      this.err('wrong-arguments', e.span, {
        name: e.fn.name, expected: lo === hi ? String(lo) : `${lo}–${hi === Infinity ? '…' : hi}`, found: e.args.length,
      });
    }
    if (e.where && kind !== 'aggregate' && kind !== 'aggregate2') {
      this.err('type-mismatch', e.where.span, { expected: it ? 'nessuna condizione «dove»' : 'no «where» condition', found: it ? 'una condizione' : 'a condition' });
    }
    if (e.otherwise && kind !== 'aggregate' && kind !== 'aggregate2') this.err('aggregate-default-not-here', e.otherwise.span, { name: e.fn.name, value: '…' });
    if (op && (kind === 'aggregate' || kind === 'aggregate2')) return this.aggregate(e, op);
    if (kind === 'band') {
      const a = e.args[0];
      const sym = a?.kind === 'ref' ? this.s.names.get(a.path[0].name) : undefined;
      if (!a || a.kind !== 'ref' || !sym || sym.kind !== 'bands') {
        if (a) this.err('type-mismatch', a.span, { expected: it ? 'il nome di una tabella di fasce' : 'the name of a bands table', found: a.kind === 'ref' ? a.path.map((p) => p.name).join('.') : '…' });
        return { ty: ANY, level: 'persona' };
      }
      this.res.refs.set(a, { ns: 'sym', sym });
      let ty: Ty = ANY;
      for (const r of sym.bands ?? []) {
        const v = this.expr(r.value);
        ty = ty.t === 'any' ? v.ty : ty;
      }
      return { ty, level: 'persona' };
    }
    if (kind === 'static') {
      const a = e.args[0];
      const sym = a?.kind === 'ref' ? this.s.names.get(a.path[0].name) : a?.kind === 'builtin' ? this.s.names.get(a.name) : undefined;
      if (!a || !sym || !(sym.kind === 'item' || sym.name === 'totale' || (sym.kind === 'value' && (sym.decl as A.Decl)?.kind === 'section'))) {
        if (a) this.err('type-mismatch', a.span, { expected: it ? 'una voce, una sezione o il totale' : 'an item, a section or the total', found: '…' });
        return { ty: num('punti'), level: 'ente' };
      }
      this.res.refs.set(a, { ns: 'sym', sym });
      const perCategory = !!(sym.decl as { maxBy?: A.Expr } | undefined)?.maxBy; // a maximum per category is read per person
      return { ty: num('punti'), level: perCategory ? 'persona' : 'ente' };
    }
    // an allocation's pot is read at its own level, even inside an aggregate (which remaps levels): its
    // level decides the group the pot is split in
    const args = e.args.map((a, i) => (kind === 'allocate' && i === 0 ? this.outsideDomain(() => this.expr(a)) : this.expr(a)));
    const level = args.reduce<LevelName>((l, a) => maxLevel(l, a.level), 'ente');
    if (kind === 'allocate') {
      this.needTies(e.span, e.fn.name);
      if (args[0]) this.res.potLevels.set(e, args[0].level);
      if (args[0]) this.want(args[0].ty, num('euro'), e.args[0].span);
      if (args[0]?.ty.t === 'num') this.compatible(args[0].ty, num('euro'), e.args[0].span, it ? 'ripartire come' : 'allocate as'); // 9. a pot in euro
      if (args[1]) this.wantNum(args[1].ty, e.args[1].span);
      if (args[0] && args[0].level === 'persona' && !e.units) this.err('level-mismatch', e.args[0].span, { name: e.fn.name, level: it ? 'ente o unità' : 'entity or unit', other: it ? 'importo' : 'amount', otherLevel: 'persona' });
      if (e.units) {
        checkUnitSplit({
          s: this.s, out: this.out, res: this.res, lang: this.lang,
          atUnit: (x) => new ExprChecker(this.s, this.others, this.out, this.res, 'unit').check(x),
          wantNum: (t, span) => this.wantNum(t.ty, span),
        }, e, args[0]);
      }
      if (zeroWeight(e.args[1]) || (e.units && zeroWeight(e.units.weight))) this.err('allocate-no-recipient', (e.units && zeroWeight(e.units.weight) ? e.units.weight : e.args[1]).span);
      return { ty: num('euro'), level: 'persona' };
    }
    if (op?.type) return op.type({ host: this.host(), call: e, args, level });
    return { ty: ANY, level };
  }

  private checkHost?: CheckHost;
  /** What the registry's type rules may ask of this checker. */
  private host(): CheckHost {
    return (this.checkHost ??= {
      lang: this.lang,
      err: (code, span, args) => this.err(code, span, args),
      want: (ty, w, span) => this.want(ty, w, span),
      wantNum: (ty, span) => this.wantNum(ty, span),
      unify: (a, b, span, op) => this.unify(a, b, span, op),
      compatible: (a, b, span, op) => this.compatible(a, b, span, op),
    });
  }

  /** A call of a function declared in the scheme: its arguments against its parameters; its type is its body's. */
  private userCall(e: Extract<A.Expr, { kind: 'call' }>, f: FnSym): Typed {
    const it = this.lang === 'it';
    (this.res.userCalls ??= new Map()).set(e, f.decl);
    if (e.where || e.otherwise) this.err('type-mismatch', (e.where ?? e.otherwise)!.span, { expected: it ? 'solo argomenti' : 'arguments only', found: it ? 'una condizione «dove»' : 'a «where» condition' });
    if (e.args.length !== f.params.length) {
      this.err('wrong-arguments', e.span, { name: e.fn.name, expected: String(f.params.length), found: e.args.length });
    }
    let level: LevelName = 'ente';
    e.args.forEach((a, i) => {
      const want = f.params[i];
      const t = this.expr(a, want);
      level = maxLevel(level, t.level);
      if (!want || t.ty.t === 'any' || want.t === 'any') return;
      const bad = t.ty.t !== want.t
        || (t.ty.t === 'num' && want.t === 'num' && !compatibleUnits(t.ty, want))
        || (t.ty.t === 'enum' && want.t === 'enum' && t.ty.values.some((v) => !want.values.includes(v)));
      if (bad) this.err('function-argument', a.span, { name: e.fn.name, param: f.decl.params[i].name.name, expected: describe(want, this.lang), found: describe(t.ty, this.lang) });
    });
    const ty = checkFunction(f, this.s, this.others, this.out, this.res);
    return { ty, level };
  }

  protected findDomain(e: A.Expr[]): Domain | undefined {
    let table: string | undefined;
    let list: string | undefined;
    let person = false;
    let unit = false;
    const visit = (x: A.Expr) => {
      if (x.kind === 'ref') {
        const sym = this.s.names.get(x.path[0].name);
        if (sym?.kind === 'table') {
          if (!this.rowTables.has(sym.name)) table ??= sym.name;
        }
        else if (sym?.ty.t === 'list') list ??= sym.name;
        else if (sym && sym.level === 'persona') person = true;
        else if (sym && sym.level === 'unit') unit = true;
        else if (this.s.uses.includes(x.path[0].name)) {
          const o = this.others.get(x.path[0].name)?.names.get(x.path[1]?.name ?? '');
          if (o?.level === 'persona') person = true;
          if (o?.level === 'unit') unit = true;
        }
      } else if (x.kind === 'builtin') person = true;
      else if (x.kind === 'best') person = true;
      else if (x.kind === 'call' && ['ripartisci', 'quota'].includes(functionByWord(x.fn.name, this.lang) ?? '')) person = true;
      // an aggregate inside decides its own rows: its references do not make the outer one's domain
      if (x.kind === 'call' && ops().byName(functionByWord(x.fn.name, this.lang) ?? '', 'it')?.family === 'aggregate') return;
      forEachChild(x, visit);
    };
    e.forEach(visit);
    if (table) return { kind: 'table', name: table };
    if (list) return { kind: 'list', name: list };
    if (person && LEVEL_RANK[this.ctxLevel] < LEVEL_RANK.persona) return { kind: 'persons' };
    // per-unit values summed over the units of the entity
    if (unit && this.ctxLevel === 'ente') return { kind: 'units' };
    return undefined;
  }

  protected aggregate(e: Extract<A.Expr, { kind: 'call' }>, op: OpEntry): Typed {
    const parts = [...e.args, ...(e.where ? [e.where] : [])];
    const dom = this.findDomain(parts);
    const it = this.lang === 'it';
    if (!dom) {
      this.err('type-mismatch', e.span, {
        expected: it ? 'qualcosa da aggregare: una tabella, una lista o un valore per persona' : 'something to aggregate: a table, a list or a per-person value',
        found: it ? 'un valore unico' : 'a single value',
      });
      for (const a of parts) this.expr(a);
      return { ty: ANY, level: this.ctxLevel };
    }
    this.res.domains.set(e, dom.kind === 'persons' ? { kind: 'persons', level: this.ctxLevel === 'unit' ? 'unit' : 'ente' } : dom);
    const saved = this.domain;
    this.domain = dom;
    const args = e.args.map((a) => this.expr(a));
    if (e.where) this.want(this.expr(e.where).ty, BOOL, e.where.span);
    this.domain = saved;
    let level: LevelName = dom.kind === 'persons' || dom.kind === 'units' ? this.ctxLevel : 'ente';
    if (dom.kind === 'table') {
      const own = this.s.names.get(dom.name)?.level ?? 'ente';
      level = LEVEL_RANK[own] <= LEVEL_RANK[this.ctxLevel] ? own : this.ctxLevel; // a finer table aggregated whole
    }
    if (dom.kind === 'list') level = this.s.names.get(dom.name)?.level ?? 'ente'; // a person's list is read per person
    for (const a of args) level = maxLevel(level, a.level === 'persona' && dom.kind === 'persons' ? this.ctxLevel : a.level);
    if (e.otherwise) {
      // the value over no rows: read where the aggregate is (not per row), of the aggregate's type and unit
      const d = this.outsideDomain(() => this.expr(e.otherwise!));
      level = maxLevel(level, d.level);
      if (op.noRows !== undefined) {
        this.err('aggregate-default-not-here', e.otherwise.span, { name: e.fn.name, value: op.noRows });
      } else if (args[0]) {
        this.wantNum(d.ty, e.otherwise.span);
        this.unify(args[0].ty, d.ty, e.otherwise.span, it ? 'mettere insieme, come media e come «altrimenti»,' : 'combine, as the aggregate and its «otherwise»,');
      }
    }
    return op.type!({ host: this.host(), call: e, args, level });
  }

  private dateHost(): DateHost {
    return { lang: this.lang, expr: (x) => this.expr(x), withDomain: (d, f) => this.withDomain(d, f), names: this.s.names, file: this.s.file, out: this.out };
  }

  private withDomain<T>(d: Domain | undefined, f: () => T): T {
    const saved = this.domain;
    this.domain = d;
    try {
      return f();
    } finally {
      this.domain = saved;
    }
  }

  private outsideDomain<T>(f: () => T): T {
    const saved = this.domain;
    this.domain = undefined;
    try {
      return f();
    } finally {
      this.domain = saved;
    }
  }

  protected inferLater(d: Extract<A.Decl, { kind: 'value' }> | A.ReportRow, owner: SchemeSymbols): Ty | undefined {
    return inferLater(d, owner, this.others);
  }
}


export function forEachChild(x: A.Expr, f: (c: A.Expr) => void) {
  switch (x.kind) {
    case 'unary': f(x.arg); break;
    case 'binary': f(x.left); f(x.right); break;
    case 'chain': x.args.forEach(f); break;
    case 'if': for (const b of x.branches) { f(b.cond); f(b.then); } f(x.else); break;
    case 'call': x.args.forEach(f); if (x.where) f(x.where); if (x.otherwise) f(x.otherwise); break;
    case 'in': f(x.arg); x.set.forEach(f); break;
    case 'lookup': f(x.key); break;
    case 'list': x.items.forEach(f); break;
    case 'scale': f(x.subject); x.rows.forEach((r) => f(r.value)); break;
    case 'best': f(x.by); if (x.among) f(x.among); break;
  }
}

/**
 * Checks a function's body once, with its parameters' declared types: its type is the body's (or the declared
 * result, which the body must match). A function met again while its body is being checked is recursive: the
 * cycle is reported by `checkFunctionCycles`, and the call has no type.
 */
export function checkFunction(f: FnSym, s: SchemeSymbols, others: Map<string, SchemeSymbols>, out: Diagnostic[], res: Resolutions): Ty {
  if (f.state === 'done') return f.result ?? ANY;
  if (f.state === 'checking') return ANY;
  f.state = 'checking';
  const d = f.decl;
  const c = new ExprChecker(s, others, out, res, 'persona');
  c.fn = { name: d.name.name, params: new Map(d.params.map((p, index) => [p.name.name, { index, ty: f.params[index] }])) };
  c.declName = d.name.name;
  const want = d.result ? declaredType(d.result, s, out) : undefined;
  const r = c.check(d.expr, want);
  if (want) checkDeclaredType(c, d.name.name, r.ty, want, d.expr.span, s, out);
  f.result = want ?? r.ty;
  f.state = 'done';
  return f.result;
}

/** A value with a declared type: the expression must give that type; a category, only its declared values. */
export function checkDeclaredType(c: ExprChecker, name: string, found: Ty, want: Ty, span: A.Span, s: SchemeSymbols, out: Diagnostic[]) {
  c.want(found, want, span);
  if (found.t === 'num' && want.t === 'num' && !compatibleUnits(found, want)) c.compatible(found, want, span, s.ast.lang === 'it' ? 'dichiarare come' : 'declare as');
  if (found.t === 'enum' && want.t === 'enum') {
    const extra = found.values.filter((v) => !want.values.includes(v));
    if (extra.length) out.push(diag('category-values-mismatch', s.file, span, s.ast.lang, { name, found: extra.join(', '), values: want.values.join(', ') }));
  }
}

/** Functions that call themselves, directly or through others: one error per cycle, at its first function. */
export function checkFunctionCycles(s: SchemeSymbols, out: Diagnostic[]) {
  const calls = (d: A.FunctionDecl): string[] => {
    const names: string[] = [];
    const stack: A.Expr[] = [d.expr];
    while (stack.length) {
      const e = stack.pop()!;
      if (e.kind === 'call' && s.functions.has(e.fn.name) && !functionByWord(e.fn.name, s.ast.lang)) names.push(e.fn.name);
      forEachChild(e, (x) => stack.push(x));
    }
    return names;
  };
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      const key = [...cycle.slice(0, -1)].sort().join(',');
      if (reported.has(key)) return;
      reported.add(key);
      const f = s.functions.get(cycle[0])!;
      out.push(diag('function-recursive', s.file, f.decl.name.span, s.ast.lang, { name: cycle[0], cycle: cycle.join(' → ') }));
      return;
    }
    state.set(name, 'visiting');
    for (const n of calls(s.functions.get(name)!.decl)) visit(n, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of s.functions.keys()) visit(name, []);
}

// A value's type is inferred when first used; its own declaration check reports its errors.
const inferring = new Set<object>();
function inferLater(d: Extract<A.Decl, { kind: 'value' }> | A.ReportRow, owner: SchemeSymbols, others: Map<string, SchemeSymbols>): Ty | undefined {
  if (inferring.has(d)) return undefined;
  inferring.add(d);
  try {
    const silent: Diagnostic[] = [];
    const sub = new ExprChecker(owner, others, silent, { refs: new Map(), domains: new Map(), fns: new Map(), potLevels: new Map() },
      d.kind === 'value' ? (d.level.kind === 'unit' ? 'unit' : d.level.kind) : 'ente');
    return sub.check(d.expr).ty;
  } finally {
    inferring.delete(d);
  }
}


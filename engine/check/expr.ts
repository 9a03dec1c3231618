// Expression checking, the part for function calls and aggregates (over a table, a list, or the
// persons of the entity or of a unit), on top of expr-base.ts.
import type * as A from '../syntax/ast.ts';
import { FUNCTIONS, functionByWord, functionWord, type FunctionName } from '../syntax/keywords.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { MAX_ROUND_DECIMALS } from '../syntax/limits.ts';
import { declaredType, type SchemeSymbols } from './symbols.ts';
import { ExprCheckerBase, type Domain, type Resolutions, type Typed } from './expr-base.ts';
import { checkUnitSplit, zeroWeight } from './unit-split.ts';
import { anyDecimals, compatibleUnits, quotientUnit, roundedUnit } from './units.ts';
import { ANY, BOOL, DATE, describe, LEVEL_RANK, maxLevel, num, type LevelName, type Ty } from './types.ts';
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
      const all = [...Object.keys(FUNCTIONS).map((f) => functionWord(f as FunctionName, this.lang)), ...this.s.functions.keys()];
      const sug = suggest(e.fn.name, all);
      this.err('unknown-function', e.fn.span, {
        name: e.fn.name, list: all.join(', '), suggestion: sug ? (it ? ` Forse intendevi «${sug}»?` : ` Did you mean «${sug}»?`) : '',
      });
      for (const a of e.args) this.expr(a);
      return { ty: ANY, level: 'ente' };
    }
    this.res.fns.set(e, fn);
    const kind = FUNCTIONS[fn].kind;
    if (e.units && kind !== 'allocate') this.err('allocate-units-not-allowed', e.units.span, { unit: e.units.unit.name, name: e.fn.name });
    if (kind === 'date') return checkDateCall(this.dateHost(), e, fn, this.res);
    const arity: Record<string, [number, number]> = {
      aggregate: [1, 1], aggregate2: [2, 2], scalar: [2, 99], band: [1, 1], allocate: [2, 2], static: [1, 1],
    };
    let [lo, hi] = arity[kind];
    if (fn === 'arrotonda' || fn === 'tronca' || fn === 'rapporto' || fn === 'se_manca' || fn === 'quoziente' || fn === 'resto') hi = 2;
    if (e.args.length < lo || e.args.length > hi) {
      this.err('wrong-arguments', e.span, {
        name: e.fn.name, expected: lo === hi ? String(lo) : `${lo}–${hi === 99 ? '…' : hi}`, found: e.args.length,
      });
    }
    if (e.where && kind !== 'aggregate' && kind !== 'aggregate2') {
      this.err('type-mismatch', e.where.span, { expected: it ? 'nessuna condizione «dove»' : 'no «where» condition', found: it ? 'una condizione' : 'a condition' });
    }
    if (e.otherwise && kind !== 'aggregate' && kind !== 'aggregate2') this.err('aggregate-default-not-here', e.otherwise.span, { name: e.fn.name, value: '…' });
    if (kind === 'aggregate' || kind === 'aggregate2') return this.aggregate(e, fn);
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
    if (fn === 'se_manca') {
      const ty = args.length === 2 ? this.unify(args[0].ty, args[1].ty, e.args[1].span, it ? 'usare come alternativa' : 'use as fallback') : ANY;
      return { ty, level };
    }
    // minore/maggiore of dates: the earliest / latest
    if ((fn === 'minore' || fn === 'maggiore') && args.some((a) => a.ty.t === 'date')) return { ty: this.sameDates(args, e.args), level };
    for (let i = 0; i < args.length; i++) this.wantNum(args[i].ty, e.args[i].span);
    if (fn === 'arrotonda' || fn === 'tronca') {
      // the decimals are a constant, known here: 0 … MAX_ROUND_DECIMALS (more is no rounding, and costs memory)
      const n = e.args[1];
      if (n && !(n.kind === 'quantity' && n.unit === null && /^\d+$/.test(n.value))) {
        this.err('type-mismatch', n.span, { expected: it ? 'un numero intero di decimali (0, 1, 2…)' : 'a whole number of decimals (0, 1, 2…)', found: n.kind === 'quantity' ? n.text : it ? "un'espressione" : 'an expression' });
      } else if (n && Number(n.value) > MAX_ROUND_DECIMALS) {
        this.err('round-decimals-out-of-range', n.span, { name: e.fn.name, found: n.text, max: MAX_ROUND_DECIMALS });
      }
      const t0 = args[0]?.ty;
      const dp = n?.kind === 'quantity' && /^\d+$/.test(n.value) ? Number(n.value) : undefined;
      return { ty: t0?.t === 'num' && dp !== undefined ? roundedUnit(t0, dp) : t0 ?? ANY, level };
    }
    if (fn === 'quoziente' || fn === 'resto') return this.integerDivision(e, fn, args);
    if (fn === 'rapporto') return { ty: args[0]?.ty.t === 'num' && args[1]?.ty.t === 'num' ? quotientUnit(args[0].ty, args[1].ty) : num('numero'), level };
    let ty: Ty = args[0]?.ty ?? ANY;
    for (let i = 1; i < args.length; i++) ty = this.unify(ty, args[i].ty, e.args[i].span, it ? 'confrontare' : 'compare');
    return { ty, level };
  }

  /**
   * `quoziente(a; b)`: how many whole times b goes into a, rounded down; its unit is a's over b's (`quoziente(giorni;
   * 30)` is in days, `quoziente(giorni; 30 giorni)` a whole number). `resto(a; b)`: a − b × quoziente(a; b), in a's
   * unit; b is then a plain number or in a's unit.
   */
  private integerDivision(e: Extract<A.Expr, { kind: 'call' }>, fn: 'quoziente' | 'resto', args: Typed[]): Typed {
    const level = args.reduce<LevelName>((l, a) => maxLevel(l, a.level), 'ente');
    const [a, b] = args.map((x) => x.ty);
    if (a?.t !== 'num' || b?.t !== 'num') return { ty: ANY, level };
    if (fn === 'quoziente') {
      const q = quotientUnit(a, b);
      return { ty: q.unit === null || q.unit === 'numero' || q.unit === 'intero' ? num(q.unit === null ? null : 'intero', 0) : num(q.unit, 0), level };
    }
    const dimensionless = b.unit === null || b.unit === 'numero' || b.unit === 'intero' || b.unit === 'percentuale';
    if (!dimensionless) this.compatible(a, b, e.args[1].span, this.lang === 'it' ? 'dividere con resto' : 'divide with remainder');
    const dp = a.dp === undefined || b.dp === undefined ? undefined : Math.max(a.dp, b.dp);
    return { ty: a.unit === 'numero' || a.unit === 'intero' ? num(dp === 0 ? 'intero' : 'numero', dp) : num(a.unit, dp), level };
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
      if (x.kind === 'call' && FUNCTIONS[functionByWord(x.fn.name, this.lang) ?? 'minore']?.kind.startsWith('aggregate')) return;
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

  protected aggregate(e: Extract<A.Expr, { kind: 'call' }>, fn: FunctionName): Typed {
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
      if (!['media', 'minimo_di', 'massimo_di', 'media_pesata'].includes(fn)) {
        this.err('aggregate-default-not-here', e.otherwise.span, { name: e.fn.name, value: fn === 'conta_distinti' || fn === 'conta' || fn === 'somma' ? '0' : '…' });
      } else if (args[0]) {
        this.wantNum(d.ty, e.otherwise.span);
        this.unify(args[0].ty, d.ty, e.otherwise.span, it ? 'mettere insieme, come media e come «altrimenti»,' : 'combine, as the aggregate and its «otherwise»,');
      }
    }
    if (fn === 'conta' || fn === 'conta_distinti') return { ty: num('intero'), level };
    if (fn === 'media_pesata') {
      if (args[1]) this.wantNum(args[1].ty, e.args[1].span);
    }
    if ((fn === 'minimo_di' || fn === 'massimo_di') && args[0]?.ty.t === 'date') return { ty: DATE, level }; // the earliest / latest day
    if (args[0]) this.wantNum(args[0].ty, e.args[0].span);
    const t0 = args[0]?.ty ?? ANY;
    // a sum of whole numbers is whole, a minimum or maximum is one of them; a mean is not
    if ((fn === 'media' || fn === 'media_pesata') && t0.t === 'num') return { ty: anyDecimals(t0), level };
    return { ty: t0, level };
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

  /** Every argument a date (the earliest or latest of them). */
  private sameDates(args: Typed[], exprs: A.Expr[]): Ty {
    args.forEach((a, i) => this.want(a.ty, DATE, exprs[i].span));
    return DATE;
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


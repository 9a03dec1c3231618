// Expression checking, the part for function calls and aggregates (over a table, a list, or the
// persons of the entity or of a unit), on top of expr-base.ts.
import type * as A from '../syntax/ast.ts';
import { FUNCTIONS, functionByWord, functionWord, type FunctionName } from '../syntax/keywords.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { MAX_ROUND_DECIMALS } from '../syntax/limits.ts';
import type { SchemeSymbols } from './symbols.ts';
import { ExprCheckerBase, type Domain, type Typed } from './expr-base.ts';
import { anyDecimals, quotientUnit, roundedUnit } from './units.ts';
import { ANY, BOOL, DATE, LEVEL_RANK, maxLevel, num, type LevelName, type Ty } from './types.ts';
import { checkDateCall, type DateHost } from './dates.ts';

export type { Domain, Resolutions, Resolved, Typed } from './expr-base.ts';

export class ExprChecker extends ExprCheckerBase {
  protected call(e: Extract<A.Expr, { kind: 'call' }>): Typed {
    const fn = functionByWord(e.fn.name, this.lang);
    const it = this.lang === 'it';
    if (!fn) {
      const all = Object.keys(FUNCTIONS).map((f) => functionWord(f as FunctionName, this.lang));
      const sug = suggest(e.fn.name, all);
      this.err('unknown-function', e.fn.span, {
        name: e.fn.name, list: all.join(', '), suggestion: sug ? (it ? ` Forse intendevi «${sug}»?` : ` Did you mean «${sug}»?`) : '',
      });
      for (const a of e.args) this.expr(a);
      return { ty: ANY, level: 'ente' };
    }
    this.res.fns.set(e, fn);
    const kind = FUNCTIONS[fn].kind;
    if (kind === 'date') return checkDateCall(this.dateHost(), e, fn, this.res);
    const arity: Record<string, [number, number]> = {
      aggregate: [1, 1], aggregate2: [2, 2], scalar: [2, 99], band: [1, 1], allocate: [2, 2], static: [1, 1],
    };
    let [lo, hi] = arity[kind];
    if (fn === 'arrotonda' || fn === 'tronca' || fn === 'rapporto' || fn === 'se_manca') hi = 2;
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
      if (args[0] && args[0].level === 'persona') this.err('level-mismatch', e.args[0].span, { name: e.fn.name, level: it ? 'ente o unità' : 'entity or unit', other: it ? 'importo' : 'amount', otherLevel: 'persona' });
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
    if (fn === 'rapporto') return { ty: args[0]?.ty.t === 'num' && args[1]?.ty.t === 'num' ? quotientUnit(args[0].ty, args[1].ty) : num('numero'), level };
    let ty: Ty = args[0]?.ty ?? ANY;
    for (let i = 1; i < args.length; i++) ty = this.unify(ty, args[i].ty, e.args[i].span, it ? 'confrontare' : 'compare');
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


// AST expressions -> JsonLogic, using what the checker resolved for each name.
import * as A from '../syntax/ast.ts';
import type { Resolutions } from '../check/expr.ts';
import type { JL } from './ir.ts';
import { splitTieKeys } from '../check/unit-split.ts';
import { DATE_OPS, dateCall, yearJL } from './dates.ts';
import { ops } from '../ops/registry.ts';
import type { CompileHost } from '../ops/types.ts';

const dec = (v: string): JL => ({ dec: v });

const BIN: Record<string, string> = { '+': '+', '-': '-', '*': '*', '/': '/', '=': '==', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', e: 'and', o: 'or' };

export class ExprCompiler {
  /** Local names and, inside an inlined function, its arguments: what their references compile to. */
  private locals = new Map<A.Expr, JL>();
  private params: JL[] = [];
  /** The functions of the scheme inlined while compiling the current declaration (for explain). */
  inlined = new Set<string>();

  constructor(private res: Resolutions, private staticMax: (name: string) => string | A.Expr | undefined) {}

  interval(w: A.Interval): Record<string, unknown> {
    if (w.kind === 'label') return { label: w.label.name };
    if (w.kind === 'otherwise') return { otherwise: true };
    const r: Record<string, unknown> = {};
    if (w.lo) r[w.loIncl ? 'gte' : 'gt'] = w.lo.value;
    if (w.hi) r[w.hiIncl ? 'lte' : 'lt'] = w.hi.value;
    return r;
  }

  ref(e: A.Expr): JL {
    const r = this.res.refs.get(e);
    if (!r) return { val: e.kind === 'ref' ? e.path.map((p) => p.name).join('.') : '?' };
    switch (r.ns) {
      case 'label': return r.label;
      case 'column': return { var: `riga.${r.table}.${r.column}` };
      case 'element': return { var: 'elemento' };
      case 'ext': return { ext: [r.scheme, r.sym.name] };
      case 'local': return this.locals.get(r.let) ?? { val: '?' };
      case 'param': return this.params[r.index] ?? { val: '?' };
      case 'year': return yearJL(r.which);
      case 'sym':
        if (r.sym.kind === 'input') return { var: `${r.sym.level}.${r.sym.name}` };
        return { val: r.sym.name };
    }
  }

  c(e: A.Expr): JL {
    switch (e.kind) {
      case 'quantity': return dec(e.value);
      case 'string': return e.value;
      case 'bool': return e.value;
      case 'date': return { date: e.value };
      case 'builtin': return { val: e.name };
      case 'ref': return this.ref(e);
      case 'unary': return e.op === 'non' ? { '!': [this.c(e.arg)] } : { '-': [this.c(e.arg)] };
      case 'binary': return { [BIN[e.op]]: [this.c(e.left), this.c(e.right)] };
      case 'chain': return this.chain(e);
      // JsonLogic's if takes the whole chain: [c1, v1, c2, v2, …, else]
      case 'if': return { if: [...e.branches.flatMap((b) => [this.c(b.cond), this.c(b.then)]), this.c(e.else)] };
      case 'lookup': return { lookup: { table: e.table.name, key: this.c(e.key), column: e.column.name } };
      case 'in': {
        // a named set is written out where it is used: the IR holds its values
        const x: JL = { in: [this.c(e.arg), (e.setName ? this.res.sets?.get(e) ?? [] : e.set).map((s) => this.c(s))] };
        return e.negated ? { '!': [x] } : x;
      }
      case 'list': return { list: e.items.map((i) => this.c(i)) };
      case 'scale':
        return { scale: { subject: this.c(e.subject), rows: e.rows.map((r) => ({ when: this.interval(r.when), value: this.c(r.value) })) } };
      case 'best':
        return {
          best: {
            ...(e.share.unit === 'percentuale' ? { share: e.share.value } : { count: e.share.value }), by: this.c(e.by), within: !!e.within, among: e.among ? this.c(e.among) : true,
            rounding: e.rounding === 'eccesso' ? 'up' : e.rounding === 'difetto' ? 'down' : 'nearest',
          },
        };
      case 'call': return this.call(e);
      // a local name is written out where it is read: the IR has no variables, and stays a closed whitelist
      case 'let': {
        const value = this.c(e.value);
        this.locals.set(e, value);
        try {
          return this.c(e.body);
        } finally {
          this.locals.delete(e);
        }
      }
    }
  }

  /** A function of the scheme, inlined: its body with each parameter replaced by the argument's IR. */
  private inline(f: A.FunctionDecl, e: Extract<A.Expr, { kind: 'call' }>): JL {
    const args = e.args.map((a) => this.c(a));
    const saved = { params: this.params, locals: this.locals };
    this.params = args;
    this.locals = new Map();
    this.inlined.add(f.name.name);
    try {
      return this.c(f.expr);
    } finally {
      this.params = saved.params;
      this.locals = saved.locals;
    }
  }

  /**
   * A chain as flat as the operations allow, evaluated in the same order as written (so the same decimals
   * come out): `e`/`o` and sums are n-ary (`a - b + c` is a + (−b) + c, negation being exact); a product is
   * n-ary until a division, which takes what precedes it as its first operand (`a * b / c` is (a·b)/c).
   */
  private chain(e: Extract<A.Expr, { kind: 'chain' }>): JL {
    const args = e.args.map((a) => this.c(a));
    const level = A.chainLevel(e.ops[0]);
    if (level === 'and' || level === 'or') return { [level]: args };
    if (args.length === 2) return { [e.ops[0]]: args };
    if (level === 'add') {
      if (e.ops.every((op) => op === '+')) return { '+': args };
      return { '+': args.map((a, i) => (i > 0 && e.ops[i - 1] === '-' ? { '-': [a] } : a)) };
    }
    let acc: JL = args[0];
    let product: JL[] | undefined; // the operands of the product being built, while it is not closed by a division
    for (let i = 1; i < args.length; i++) {
      if (e.ops[i - 1] === '*' && product) product.push(args[i]);
      else if (e.ops[i - 1] === '*') {
        product = [acc, args[i]];
        acc = { '*': product };
      } else {
        acc = { '/': [acc, args[i]] };
        product = undefined;
      }
    }
    return acc;
  }

  /** What the registry's mappings may ask of this compiler. */
  private readonly host: CompileHost = {
    c: (x) => this.c(x),
    // an aggregate's rows, as the checker resolved them
    over: (e): Record<string, string | boolean> => {
      const dom = this.res.domains.get(e);
      if (!dom || dom.kind === 'persons') return { persons: dom?.kind === 'persons' && dom.level === 'unit' ? 'unit' : 'ente' };
      return dom.kind === 'units' ? { units: true } : dom.kind === 'table' ? { table: dom.name } : { list: dom.name };
    },
  };

  private call(e: Extract<A.Expr, { kind: 'call' }>): JL {
    const own = this.res.userCalls?.get(e);
    if (own) return this.inline(own, e);
    const fn = this.res.fns.get(e);
    if (!fn) return { val: '?' };
    // the aggregates and scalar functions: the registry's mapping (engine/ops)
    const op = ops().byName(fn, 'it');
    if (op?.compile) return op.compile(this.host, e);
    if (fn in DATE_OPS) return dateCall(fn, e, (a) => this.c(a), this.res.dateTables?.get(e));
    if (fn === 'quota') return { share: [e.args[0]?.kind === 'ref' ? e.args[0].path[0].name : ''] };
    if (fn === 'massimo_voce') {
      const a = e.args[0];
      const name = a?.kind === 'ref' ? a.path[0].name : a?.kind === 'builtin' ? a.name : '';
      const m = this.staticMax(name);
      return typeof m === 'object' ? this.c(m) : dec(m ?? '0'); // a maximum per category: its expression, per person
    }
    if (fn === 'ripartisci' && e.units) {
      // among units first (largest remainder at unit level, ties as stated), then within each unit
      const u = e.units;
      const key = splitTieKeys.get(this.res)?.get(e);
      const ties = u.ties?.kind === 'order' ? { order: true } : u.ties?.kind === 'by' && key ? { by: this.c(key), dir: u.ties.dir === 'decrescente' ? 'desc' : 'asc' } : { code: true };
      return { allocate_units: { pot: this.c(e.args[0]), weight: this.c(e.args[1]), unitWeight: this.c(u.weight), ties } };
    }
    if (fn === 'ripartisci') {
      return { allocate: { pot: this.c(e.args[0]), weight: this.c(e.args[1]), group: this.res.potLevels.get(e) === 'unit' ? 'unit' : 'ente' } };
    }
    return { val: '?' };
  }
}

// The compiled plan of one scheme's IR: compiled once (and kept per IR document), run on any population.
// Declarations get integer ids in dependency order (a declaration's id is above those of the values it reads);
// each expression becomes a tree of closures (never eval / new Function) with its literals parsed and its
// names resolved at compile time. The forms that need the population or the data's tables (aggregates,
// allocation, top-k, lookups, dates, `share`, `if_missing`, …) are delegated node by node to the reference
// operation table (engine/run/operations.ts), which calls back into the plan for their sub-expressions;
// COMPILED_FORMS lists what is compiled here.
import type { IrDecl, IrScheme, JL } from '../../compile/ir.ts';
import { D, isDec, settle, type Dec } from '../decimal.ts';
import { EvalError } from '../errors.ts';
import { Evaluator, type Env } from '../evaluate.ts';
import { OPS } from '../operations.ts';
import type { V } from '../population.ts';
import type { CompiledEvaluator } from './evaluator.ts';
import { plusS, scaledOn, timesS } from './scaled.ts';
import { box, compileScaled, SCALED_FORMS, type SFn } from './scaled-nodes.ts';
import {
  aggregateOf, bool, sub, compareNum, compileWhen, divide, equalV, floorDivision, limitTo, lit, maxOf, minOf, minus, num, plus, roundTo,
  showV, times, type RoundMode, type When,
} from './values.ts';

export type Fn = (ev: CompiledEvaluator, env: Env) => V;

export const LEVEL = { ente: 0, unit: 1, persona: 2 } as const;

/** The IR operations compiled to closures; any other is delegated to the reference operation table. */
export const COMPILED_FORMS: readonly string[] = [
  'dec', 'var', 'val', 'ext', '+', '-', '*', '/', 'ratio', 'quotient', 'remainder', '==', '!=', '<', '<=', '>', '>=',
  'and', 'or', '!', 'if', 'in', 'list', 'min', 'max', 'round', 'ceil', 'floor', 'trunc', 'limit', 'scale', 'bands',
  'count', 'count_distinct', 'sum', 'mean', 'min_of', 'max_of', 'weighted_mean',
];

export class Plan {
  /** declarations by id, in dependency order */
  readonly decls: IrDecl[];
  readonly ids = new Map<string, number>();
  readonly levels: Uint8Array;
  private fns: (Fn | undefined)[];
  private nodes = new WeakMap<object, Fn>();
  /** the unboxed closures of arithmetic nodes (./scaled-nodes.ts), kept beside their boxed forms */
  private unboxed = new WeakMap<object, SFn>();

  constructor(readonly ir: IrScheme) {
    this.decls = dependencyOrder(ir.decls);
    this.decls.forEach((d, i) => this.ids.set(d.name, i));
    this.levels = Uint8Array.from(this.decls, (d) => LEVEL[d.level]);
    this.fns = new Array(this.decls.length);
  }

  /** The closure of declaration `id`'s expression (compiled on first use). */
  fn(id: number): Fn {
    return (this.fns[id] ??= this.node(this.decls[id].expr));
  }

  /** The closure of an IR node, compiled once per node object. */
  node(e: JL): Fn {
    if (typeof e === 'boolean' || typeof e === 'string') return () => e;
    if (e === null || typeof e !== 'object') return reference(e);
    let f = this.nodes.get(e);
    if (!f) {
      f = this.compile(e);
      this.nodes.set(e, f);
    }
    return f;
  }

  /** A node's closure that may leave its result unboxed (scaled-nodes.ts); the boxed one for other forms. */
  scaled(e: JL): SFn {
    const boxed = this.node(e); // compiles e (and its unboxed form, if any) on first use
    return (e && typeof e === 'object' && this.unboxed.get(e)) || boxed;
  }

  private compile(e: object): Fn {
    if (Array.isArray(e)) return reference(e as unknown as JL);
    const op = Object.keys(e)[0];
    const a = (e as Record<string, unknown>)[op];
    if (op === undefined || !OPS.has(op)) return reference(e as JL);
    if (scaledOn && Object.keys(e).length === 1 && SCALED_FORMS.has(op)) {
      const f = compileScaled(this, op, a);
      if (f) {
        this.unboxed.set(e, f);
        if (op !== 'dec') return box(f); // a literal's boxed form stays its one parsed Decimal
      }
    }
    const kids = () => (a as JL[]).map((x) => this.node(x));
    switch (op) {
      case 'dec': {
        const d = lit(a);
        if (d instanceof EvalError) return () => { throw new EvalError(d.code, d.args); };
        return () => d;
      }
      case 'var': {
        const path = a as string;
        if (path === 'elemento') return (_ev, env) => env.element ?? null;
        // the common case read straight from the records; anything else (missing, a default, an example's
        // override, a trace, a level error) through the reference's `input`, which raises its errors
        const [level, name, column] = path.split('.');
        if (level === 'persona') {
          return (ev, env) => {
            const s = env.scope;
            if (s.level === 'persona' && ev.plain) {
              const v = ev.pop.persons[s.p].inputs.get(name);
              if (v !== undefined && v !== null) return v;
            }
            return ev.input(path, env);
          };
        }
        if (level === 'unit') {
          return (ev, env) => {
            const s = env.scope;
            if (s.level !== 'ente' && ev.plain) {
              const v = ev.pop.units.get(s.level === 'unit' ? s.unit : (ev.pop.persons[s.p].unit ?? ''))?.get(name);
              if (v !== undefined && v !== null) return v;
            }
            return ev.input(path, env);
          };
        }
        if (level === 'ente') {
          return (ev, env) => {
            if (ev.plain) {
              const v = ev.pop.ente.get(name);
              if (v !== undefined && v !== null) return v;
            }
            return ev.input(path, env);
          };
        }
        if (level === 'riga') {
          return (ev, env) => {
            const rows = env.rows;
            const v = rows && Object.hasOwn(rows, name) ? rows[name]?.get(column) : undefined;
            return v !== undefined && v !== null ? v : ev.input(path, env);
          };
        }
        return (ev, env) => ev.input(path, env);
      }
      case 'val': {
        const name = a as string;
        const id = this.ids.get(name);
        if (id === undefined) return (ev, env) => ev.value(name, env.scope);
        return (ev, env) => ev.cell(id, env.scope);
      }
      case 'ext': {
        const [scheme, name] = a as [string, string];
        return (ev, env) => ev.ext(scheme, name, env.scope);
      }
      case '+': return numbers(kids(), plus);
      case '*': return numbers(kids(), times);
      case '-': return numbers(kids(), minus);
      case '/':
      case 'ratio': {
        const [x, y] = kids();
        return (ev, env) => {
          const n = num(x(ev, env));
          return divide(n, num(y(ev, env)), ev.current ?? '/');
        };
      }
      case 'quotient':
      case 'remainder': {
        const [x, y] = kids();
        const q = op === 'quotient';
        return (ev, env) => {
          const n = num(x(ev, env));
          const r = floorDivision(n, num(y(ev, env)), ev.current ?? 'quoziente');
          return q ? r.q : r.r;
        };
      }
      case '==':
      case '!=': {
        const [x, y] = kids();
        const eq = op === '==';
        return (ev, env) => {
          const u = x(ev, env);
          return equalV(u, y(ev, env)) === eq;
        };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const [x, y] = kids();
        const test = op === '<' ? (c: number) => c < 0 : op === '<=' ? (c: number) => c <= 0 : op === '>' ? (c: number) => c > 0 : (c: number) => c >= 0;
        return (ev, env) => {
          const u = x(ev, env);
          return test(compareNum(u, y(ev, env)));
        };
      }
      case 'and': {
        const fs = kids();
        return (ev, env) => {
          for (const f of fs) if (!bool(f(ev, env))) return false;
          return true;
        };
      }
      case 'or': {
        const fs = kids();
        return (ev, env) => {
          for (const f of fs) if (bool(f(ev, env))) return true;
          return false;
        };
      }
      case '!': {
        const [x] = kids();
        return (ev, env) => !bool(x(ev, env));
      }
      case 'if': {
        // JsonLogic's chain [c1, v1, c2, v2, …, else]
        const fs = kids();
        // an even chain has no `else`: the reference raises its error for the missing node
        const otherwise = fs.length % 2 === 1 ? fs[fs.length - 1] : reference(undefined as unknown as JL);
        return (ev, env) => {
          for (let i = 0; i + 1 < fs.length; i += 2) if (bool(fs[i](ev, env))) return fs[i + 1](ev, env);
          return otherwise(ev, env);
        };
      }
      case 'in': {
        const [x0, ys0] = a as [JL, JL[]];
        const x = this.node(x0);
        const ys = ys0.map((y) => this.node(y));
        return (ev, env) => {
          const v = x(ev, env);
          for (const y of ys) if (equalV(v, y(ev, env))) return true;
          return false;
        };
      }
      case 'list': {
        const fs = kids();
        return (ev, env) => fs.map((f) => f(ev, env));
      }
      case 'min':
      case 'max': {
        const fs = kids();
        const pick = op === 'min' ? minOf : maxOf;
        return (ev, env) => pick(fs.map((f) => f(ev, env)), ev.current ?? op);
      }
      case 'round':
      case 'ceil':
      case 'floor':
      case 'trunc': {
        const [x, n] = kids();
        const mode = op as RoundMode;
        return (ev, env) => {
          const v = num(x(ev, env));
          return roundTo(v, num(n(ev, env)), mode);
        };
      }
      case 'limit': {
        const l = a as { value: JL; max: string | JL; clamp: boolean };
        const value = this.node(l.value);
        const clamp = l.clamp;
        if (typeof l.max === 'string') {
          const m = lit(l.max);
          if (m instanceof EvalError) return reference(e as JL);
          return (ev, env) => limitTo(num(value(ev, env)), m, clamp, ev.current ?? '');
        }
        const max = this.node(l.max);
        return (ev, env) => {
          const v = num(value(ev, env));
          return limitTo(v, num(max(ev, env)), clamp, ev.current ?? '');
        };
      }
      case 'scale': {
        const s = a as { subject: JL; rows: { when: Record<string, unknown>; value: JL }[] };
        const subject = this.node(s.subject);
        const rows: { when: When; value: Fn }[] = s.rows.map((r) => ({ when: compileWhen(r.when), value: this.node(r.value) }));
        return (ev, env) => {
          const v = subject(ev, env);
          for (const r of rows) if (r.when(v)) return r.value(ev, env);
          throw new EvalError('table-no-match-runtime', { value: showV(v) });
        };
      }
      case 'bands': {
        const b = a as { subject: JL; rows: { name: string; when: Record<string, unknown> }[] };
        const subject = this.node(b.subject);
        const rows = b.rows.map((r) => ({ name: r.name, when: compileWhen(r.when) }));
        return (ev, env) => {
          const v = subject(ev, env);
          for (const r of rows) if (r.when(v)) return r.name;
          return null;
        };
      }
      case 'count':
      case 'count_distinct':
      case 'sum':
      case 'mean':
      case 'min_of':
      case 'max_of':
      case 'weighted_mean':
        return this.aggregate(op, a as AggregateArgs);
    }
    // a population form (or one not compiled yet): the reference operation, its sub-expressions compiled
    const f = OPS.get(op)!;
    return (ev, env) => f(ev, a, env);
  }

  /**
   * A `where` that matches a row's column to a value that does not depend on the row (`premi.progetto =
   * progetti.codice`): an equality join, answered from an index of the table's rows by that column.
   */
  private joinOf(where: JL, table: string): Join | undefined {
    if (!where || typeof where !== 'object' || Array.isArray(where)) return undefined;
    const eq = (where as Record<string, unknown>)['=='];
    if (Object.keys(where).length !== 1 || !Array.isArray(eq) || eq.length !== 2) return undefined;
    const prefix = `riga.${table}.`;
    const column = (x: unknown) => {
      const v = x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 1 ? (x as { var?: unknown }).var : undefined;
      return typeof v === 'string' && v.startsWith(prefix) ? v.slice(prefix.length) : undefined;
    };
    // the other side must not read the row (nor the table at all, to stay clear of nested iterations)
    const free = (x: unknown) => !JSON.stringify(x).includes(`"${prefix}`) && !JSON.stringify(x).includes(`"table":"${table}"`);
    const [l, r] = eq;
    const cl = column(l);
    const cr = column(r);
    if (cl !== undefined && cr === undefined && free(r)) return { column: cl, other: this.node(r as JL) };
    if (cr !== undefined && cl === undefined && free(l)) return { column: cr, other: this.node(l as JL) };
    return undefined;
  }

  /** An aggregate, as the reference computes it: every element's values first, then the checks and the sum. */
  private aggregate(kind: string, a: AggregateArgs): Fn {
    const where = a.where === true ? undefined : this.node(a.where);
    const args = a.args.map((x) => this.node(x));
    const one = args.length === 1 ? args[0] : undefined;
    const otherwise = a.otherwise !== undefined ? this.node(a.otherwise) : undefined;
    const over = a.over;
    const join = typeof over.table === 'string' ? this.joinOf(a.where, over.table) : undefined;
    return (ev, env) => {
      const first: V[] = [];
      const second: V[] = [];
      const visit = (en: Env) => {
        if (one !== undefined) first.push(one(ev, en));
        else {
          const vs = args.map((f) => f(ev, en));
          first.push(vs[0]);
          second.push(vs[1]);
        }
      };
      if (join === undefined || !joined(ev, over.table as string, join, env, visit)) {
          eachElement(ev, over, env, (en) => {
          if (where === undefined || bool(where(ev, en))) visit(en);
        });
      }
      if (first.length === 0 && otherwise !== undefined) return otherwise(ev, env);
      return aggregateOf(kind, first, second, ev.current ?? kind);
    };
  }
}

type AggregateArgs = { over: Record<string, string | boolean>; args: JL[]; where: JL; otherwise?: JL };

/**
 * The elements an aggregate visits, as the reference's `aggregateEnvs` gives them (persons of the entity or of
 * the unit it is computed for, units, a table's rows, a list's elements; rows iterated outside stay visible),
 * each passed to `visit` in one environment reused from element to element (nothing keeps it).
 */
function eachElement(ev: CompiledEvaluator, over: Record<string, string | boolean>, env: Env, visit: (en: Env) => void): void {
  if (over.persons) {
    const group = over.persons === 'ente' ? ev.groupOf(ENTE_SCOPE) : ev.groupOf(env.scope);
    if (env.rows === undefined) for (const p of group) visit(ev.personEnv(p));
    else for (const p of group) visit({ scope: ev.personEnv(p).scope, rows: env.rows });
  } else if (over.units) {
    for (const unit of ev.units()) visit(env.rows === undefined ? ev.unitEnv(unit) : { scope: ev.unitEnv(unit).scope, rows: env.rows });
  } else if (over.table) {
    const t = over.table as string;
    const rows = ev.rowsOf(t, env.scope);
    if (!rows.length) return;
    const en: Env = { ...env, rows: { ...env.rows } };
    for (const row of rows) {
      en.rows![t] = row;
      visit(en);
    }
  } else if (over.list) {
    const decl = ev.ir.inputs.find((i) => i.name === over.list);
    const list = decl ? ev.input(`${decl.level}.${over.list}`, env) : ev.value(over.list as string, env.scope);
    if (!Array.isArray(list)) throw new EvalError('type-mismatch', { expected: 'una lista', found: showV(list) });
    const en: Env = { ...env, element: undefined };
    for (const element of list) {
      en.element = element;
      visit(en);
    }
  }
}

interface Join {
  column: string;
  other: Fn;
}

/** A value as a join key: equal keys exactly when `equalV` holds (decimals settled, −0 as 0); lists and null: none. */
export function joinKey(v: V | undefined): string | undefined {
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (isDec(v)) {
    const d = settle(v as Dec);
    return d.isZero() ? 'n0' : 'n' + d.toFixed();
  }
  return undefined;
}

/**
 * The rows of `table` whose join column equals the other side, visited in table order, as the full scan would
 * visit them. False (nothing visited) when the index cannot answer exactly as the scan: a row without the
 * column (the scan raises the reference's error for it), a value that is not a key, or no rows.
 */
function joined(ev: CompiledEvaluator, table: string, join: Join, env: Env, visit: (en: Env) => void): boolean {
  const rows = ev.rowsOf(table, env.scope);
  if (!rows.length) return false;
  const index = ev.joinIndex(rows, join.column);
  if (!index) return false;
  const en: Env = { ...env, rows: { ...env.rows, [table]: rows[0] } };
  const key = joinKey(join.other(ev, en));
  if (key === undefined) return false;
  for (const row of index.get(key) ?? []) {
    en.rows![table] = row;
    visit(en);
  }
  return true;
}

const ENTE_SCOPE = Object.freeze({ level: 'ente' as const });

/** An n-ary operation on numbers: each operand checked as it is computed, in order. */
function numbers(fs: Fn[], f: (xs: Dec[]) => Dec): Fn {
  if (fs.length === 2) {
    // two operands (the common case): no array per evaluation; the same operations in the same order as
    // the n-ary form (0 + x + y, 1 × x × y: a sum starting at zero turns −0 into 0, as the reference does)
    const [x, y] = fs;
    if (f === plus) return (ev, env) => {
      const u = num(x(ev, env));
      const v = num(y(ev, env));
      return plusS(u, v) ?? ZERO.plus(u).plus(v);
    };
    if (f === times) return (ev, env) => {
      const u = num(x(ev, env));
      const v = num(y(ev, env));
      return timesS(u, v) ?? ONE.times(u).times(v);
    };
    if (f === minus) return (ev, env) => {
      const u = num(x(ev, env));
      return sub(u, num(y(ev, env)));
    };
  }
  return (ev, env) => f(fs.map((g) => num(g(ev, env))));
}

const ZERO = new D(0);
const ONE = new D(1);

/** A node the reference evaluator handles (unknown operations, malformed IR): the same error, raised at run time. */
function reference(e: JL): Fn {
  return (ev, env) => Evaluator.prototype.evaluate.call(ev, e, env);
}

/** Declarations ordered so that each comes after the values it reads (`val`, `share`, a computed list). */
function dependencyOrder(decls: IrDecl[]): IrDecl[] {
  const byName = new Map(decls.map((d) => [d.name, d]));
  const out: IrDecl[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (d: IrDecl) => {
    if (state.has(d.name)) return; // done, or on the current path (a cycle: the evaluator reports it)
    state.set(d.name, 1);
    for (const n of reads(d.expr)) {
      const x = byName.get(n);
      if (x) visit(x);
    }
    state.set(d.name, 2);
    out.push(d);
  };
  for (const d of decls) visit(d);
  return out;
}

function reads(e: unknown, out: string[] = []): string[] {
  if (Array.isArray(e)) for (const x of e) reads(x, out);
  else if (e && typeof e === 'object') {
    for (const [k, v] of Object.entries(e)) {
      if ((k === 'val' || k === 'list') && typeof v === 'string') out.push(v);
      else if (k === 'share' && Array.isArray(v) && typeof v[0] === 'string') out.push(v[0]);
      else reads(v, out);
    }
  }
  return out;
}

const plans = new WeakMap<IrScheme, Plan>();

/** The plan of an IR document, compiled once and kept while the document lives. */
export function planOf(ir: IrScheme): Plan {
  let p = plans.get(ir);
  if (!p) plans.set(ir, (p = new Plan(ir)));
  return p;
}

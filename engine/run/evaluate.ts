// Evaluation of one scheme's IR on a population, in exact decimals. Values are computed on demand and
// memoised per (scope, name), so the order of declarations does not matter and examples need only
// the inputs their expected values read. The operations are a table (name -> function over values);
// aggregates, scales, bands, allocation and top-k are forms that need the population.
import { allocateCents, quotaCount } from '../allocate/largest-remainder.ts';
import type { IrDecl, IrScheme, JL } from '../compile/ir.ts';
import { D, isDec, type Dec } from './decimal.ts';
import { EvalError } from './errors.ts';
import type { PersonData, Population, V } from './population.ts';

export type Scope = { level: 'ente' } | { level: 'unit'; unit: string } | { level: 'persona'; p: number };
export interface Env {
  scope: Scope;
  rows?: Record<string, Map<string, V>>; // the current row of each table being iterated
  element?: V;
}

const scopeKey = (s: Scope, pop: Population) =>
  s.level === 'ente' ? 'ente' : s.level === 'unit' ? `u:${s.unit}` : `p:${pop.persons[s.p].key}`;

export interface Trace {
  onRead?(what: string, scope: Scope, value: V): void;
}

export class Evaluator {
  /** How each allocation split its pot: where the cents left by rounding down went. */
  allocations: { rule: string; group: string; pot: Dec; persons: number; recipients: number; extraCents: number; floorTotal: Dec }[] = [];
  // memo per scope without string keys: entity, unit → names, person index → names
  private memoEnte = new Map<string, V>();
  private memoUnit = new Map<string, Map<string, V>>();
  private memoPerson: Map<string, V>[] = [];
  private computing = new Set<string>();
  private decls = new Map<string, IrDecl>();
  private popMemo = new WeakMap<object, Map<string, V[]>>();
  private byUnit = new Map<string, number[]>();
  current?: string;

  constructor(public ir: IrScheme, public pop: Population, public trace: Trace = {}) {
    for (const d of ir.decls) this.decls.set(d.name, d);
    pop.persons.forEach((p, i) => {
      const u = p.unit ?? '';
      if (!this.byUnit.has(u)) this.byUnit.set(u, []);
      this.byUnit.get(u)!.push(i);
    });
  }

  decl(name: string): IrDecl | undefined {
    return this.decls.get(name);
  }

  personIndex(key: string): number {
    return this.pop.persons.findIndex((p) => p.key === key);
  }

  /** The scope at which `level` is read from `from`. */
  lift(level: 'ente' | 'unit' | 'persona', from: Scope): Scope {
    if (level === 'ente') return { level: 'ente' };
    if (level === 'unit') {
      if (from.level === 'unit') return from;
      if (from.level === 'persona') return { level: 'unit', unit: this.pop.persons[from.p].unit ?? '' };
      throw new EvalError('level-mismatch', { name: this.current ?? '', level: 'ente', other: '', otherLevel: 'unit' });
    }
    if (from.level !== 'persona') throw new EvalError('level-mismatch', { name: this.current ?? '', level: from.level, other: '', otherLevel: 'persona' });
    return from;
  }

  private memoFor(scope: Scope): Map<string, V> {
    if (scope.level === 'ente') return this.memoEnte;
    if (scope.level === 'unit') {
      let m = this.memoUnit.get(scope.unit);
      if (!m) this.memoUnit.set(scope.unit, (m = new Map()));
      return m;
    }
    return (this.memoPerson[scope.p] ??= new Map());
  }

  private override(scope: Scope, name: string): V | undefined {
    const ov = this.pop.overrides;
    if (!ov) return undefined;
    return ov.get(scopeKey(scope, this.pop))?.get(name) ?? ov.get('*')?.get(name);
  }

  value(name: string, from: Scope): V {
    const d = this.decls.get(name);
    if (!d) throw new EvalError('unknown-name-nosuggest', { name });
    const scope = this.lift(d.level, from);
    const memo = this.memoFor(scope);
    const hit = memo.get(name);
    if (hit !== undefined) return hit;
    const ov = this.override(scope, name);
    if (ov !== undefined) return ov;
    const key = scopeKey(scope, this.pop) + '|' + name;
    if (this.computing.has(key)) throw new EvalError('value-cycle', { name, cycle: name });
    this.computing.add(key);
    const saved = this.current;
    this.current = name;
    try {
      const v = this.eval(d.expr, { scope });
      memo.set(name, v);
      this.trace.onRead?.(`val:${name}`, scope, v);
      return v;
    } catch (e) {
      if (e instanceof EvalError && !e.rule) e.rule = name;
      throw e;
    } finally {
      this.current = saved;
      this.computing.delete(key);
    }
  }

  input(path: string, env: Env): V {
    const [level, name, column] = path.split('.') as ['ente' | 'unit' | 'persona' | 'riga', string, string];
    let v: V | undefined;
    if (level === 'riga') v = env.rows?.[name]?.get(column);
    else {
      const s = this.lift(level, env.scope);
      const ov = this.override(s, name);
      if (ov !== undefined) v = ov;
      else if (s.level === 'ente') v = this.pop.ente.get(name);
      else if (s.level === 'unit') v = this.pop.units.get(s.unit)?.get(name);
      else v = this.pop.persons[s.p].inputs.get(name);
      this.trace.onRead?.(`in:${name}`, s, v ?? null);
    }
    if (v === undefined || v === null) throw new EvalError('missing-input', { name });
    return v;
  }

  /** A used scheme's value, or undefined when it has none for this scope (no error raised). */
  extOrUndefined(scheme: string, name: string, scope: Scope): V | undefined {
    try {
      return this.ext(scheme, name, scope, true);
    } catch (e) {
      if (e instanceof EvalError && e.code === 'missing-input') return undefined;
      throw e;
    }
  }

  ext(scheme: string, name: string, scope: Scope, quiet = false): V {
    const src = this.pop.ext.get(scheme);
    const ov = this.pop.overrides?.get(scopeKey(scope.level === 'persona' ? scope : scope, this.pop))?.get(`${scheme}.${name}`) ?? this.pop.overrides?.get('*')?.get(`${scheme}.${name}`);
    if (ov !== undefined) return ov;
    let v: V | undefined;
    if (src) {
      if (scope.level === 'ente') v = src.get(name, { level: 'ente' });
      else if (scope.level === 'unit') v = src.get(name, { level: 'unit', unit: scope.unit });
      else {
        const p = this.pop.persons[scope.p];
        v = src.get(name, { level: 'persona', key: p.key, unit: p.unit });
      }
    }
    this.trace.onRead?.(`ext:${scheme}.${name}`, scope, v ?? null);
    if (v === undefined || v === null) {
      if (quiet) throw MISSING;
      throw new EvalError('missing-input', { name: `${scheme}.${name}` });
    }
    return v;
  }

  num(v: V): Dec {
    if (isDec(v)) return v as Dec;
    throw new EvalError('type-mismatch', { expected: 'un numero', found: String(v) });
  }

  bool(v: V): boolean {
    if (typeof v === 'boolean') return v;
    throw new EvalError('type-mismatch', { expected: 'sì/no', found: String(v) });
  }

  eval(e: JL, env: Env): V {
    if (typeof e === 'boolean' || typeof e === 'string') return e;
    const op = Object.keys(e)[0];
    const a = (e as Record<string, unknown>)[op];
    const f = OPS[op];
    if (!f) throw new EvalError('unknown-function', { name: op, list: '', suggestion: '' });
    return f(this, a, env);
  }

  // ---- population forms ----

  groupOf(scope: Scope): number[] {
    if (scope.level === 'ente') return this.pop.persons.map((_, i) => i);
    if (scope.level === 'unit') return this.byUnit.get(scope.unit) ?? [];
    return this.byUnit.get(this.pop.persons[scope.p].unit ?? '') ?? [];
  }

  /** A declared value or an input, by name, at a person (tie keys may be either). */
  named(name: string, scope: Scope): V {
    if (this.decls.has(name)) return this.value(name, scope);
    const inp = this.ir.inputs.find((i) => i.name === name);
    if (!inp) throw new EvalError('unknown-name-nosuggest', { name });
    return this.input(`${inp.level}.${name}`, { scope });
  }

  /** Persons sorted by the scheme's tie rule (used to break every tie); keys are read only when needed. */
  tieOrder(idx: number[]): number[] {
    if (idx.length < 2) return [...idx];
    const keys = this.ir.ties;
    const cache = new Map<string, V>();
    const key = (i: number, k: number) => {
      const c = `${i}|${k}`;
      if (!cache.has(c)) cache.set(c, this.named(keys[k].name, { level: 'persona', p: i }));
      return cache.get(c)!;
    };
    return [...idx].sort((x, y) => {
      for (let k = 0; k < keys.length; k++) {
        const c = compareV(key(x, k), key(y, k));
        if (c !== 0) return keys[k].dir === 'desc' ? -c : c;
      }
      return this.pop.persons[x].key < this.pop.persons[y].key ? -1 : 1;
    });
  }

  perGroup(node: object, groupKey: string, compute: () => V[]): V[] {
    let m = this.popMemo.get(node);
    if (!m) this.popMemo.set(node, (m = new Map()));
    let r = m.get(groupKey);
    if (!r) m.set(groupKey, (r = compute()));
    return r;
  }

  rowsOf(table: string, scope: Scope): Map<string, V>[] {
    const t = this.ir.tables.find((x) => x.name === table);
    const rows = this.pop.tables.get(table) ?? [];
    if (!t || t.level === 'ente' || scope.level === 'ente') return rows; // entity-wide: every row
    if (t.level === 'unit') {
      const s = this.lift('unit', scope) as { unit: string };
      const col = t.columns.find((c) => c.type.base === 'unitref')?.name ?? '';
      return rows.filter((r) => r.get(col) === s.unit);
    }
    const s = this.lift('persona', scope) as { p: number };
    const key = this.ir.personKey ?? '';
    return rows.filter((r) => r.get(key) === this.pop.persons[s.p].key);
  }
}

export function compareV(a: V, b: V): number {
  if (isDec(a) && isDec(b)) return (a as Dec).comparedTo(b as Dec);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function equalV(a: V, b: V): boolean {
  if (isDec(a) && isDec(b)) return (a as Dec).eq(b as Dec);
  return a === b;
}

const MISSING = new EvalError('missing-input', { name: '' }); // thrown where the caller only needs "missing"

type Op = (ev: Evaluator, a: any, env: Env) => V;
const args = (ev: Evaluator, a: JL[], env: Env) => a.map((x) => ev.eval(x, env));
const nums = (ev: Evaluator, a: JL[], env: Env) => a.map((x) => ev.num(ev.eval(x, env)));

function matches(when: Record<string, unknown>, v: V): boolean {
  if ('otherwise' in when) return true;
  if ('label' in when) return v === when.label;
  if (!isDec(v)) return false;
  const d = v as Dec;
  if (when.gt !== undefined && !d.gt(when.gt as string)) return false;
  if (when.gte !== undefined && !d.gte(when.gte as string)) return false;
  if (when.lt !== undefined && !d.lt(when.lt as string)) return false;
  if (when.lte !== undefined && !d.lte(when.lte as string)) return false;
  return true;
}

function showV(v: V): string {
  return isDec(v) ? (v as Dec).toFixed() : String(v);
}

function aggregate(kind: string): Op {
  return (ev, a: { over: Record<string, string | boolean>; args: JL[]; where: JL }, env) => {
    const envs: Env[] = [];
    if (a.over.persons) for (const p of ev.groupOf(env.scope)) envs.push({ scope: { level: 'persona', p } });
    else if (a.over.table) {
      const t = a.over.table as string;
      for (const row of ev.rowsOf(t, env.scope)) envs.push({ ...env, rows: { ...env.rows, [t]: row } });
    }
    else if (a.over.list) {
      const decl = ev.ir.inputs.find((i) => i.name === a.over.list);
      const list = ev.input(`${decl?.level ?? 'persona'}.${a.over.list}`, env);
      if (!Array.isArray(list)) throw new EvalError('type-mismatch', { expected: 'una lista', found: showV(list) });
      for (const element of list) envs.push({ ...env, element });
    }
    const vals: V[][] = [];
    for (const en of envs) {
      if (a.where !== true && !ev.bool(ev.eval(a.where, en))) continue;
      vals.push(a.args.map((x) => ev.eval(x, en)));
    }
    const first = vals.map((v) => v[0]);
    switch (kind) {
      case 'count':
        return new D(first.filter((v) => (typeof v === 'boolean' ? v : v !== null)).length);
      case 'count_distinct':
        return new D(new Set(first.map(showV)).size);
      case 'sum':
        return first.reduce<Dec>((s, v) => s.plus(ev.num(v)), new D(0));
      case 'mean':
      case 'min_of':
      case 'max_of': {
        if (first.length === 0) throw new EvalError('division-by-zero', { name: ev.current ?? kind });
        const ns = first.map((v) => ev.num(v));
        if (kind === 'mean') return ns.reduce((s, v) => s.plus(v), new D(0)).div(ns.length);
        return kind === 'min_of' ? D.min(...ns) : D.max(...ns);
      }
      case 'weighted_mean': {
        let sw = new D(0);
        let s = new D(0);
        for (const [x, w] of vals) {
          sw = sw.plus(ev.num(w));
          s = s.plus(ev.num(x).times(ev.num(w)));
        }
        if (sw.isZero()) throw new EvalError('division-by-zero', { name: ev.current ?? kind });
        return s.div(sw);
      }
    }
    return null;
  };
}

const OPS: Record<string, Op> = {
  dec: (_ev, a: string) => new D(a),
  var: (ev, a: string, env) => (a === 'elemento' ? (env.element ?? null) : ev.input(a, env)),
  val: (ev, a: string, env) => ev.value(a, env.scope),
  ext: (ev, a: [string, string], env) => ev.ext(a[0], a[1], env.scope),
  '+': (ev, a: JL[], env) => nums(ev, a, env).reduce((s, x) => s.plus(x), new D(0)),
  '-': (ev, a: JL[], env) => {
    const n = nums(ev, a, env);
    return n.length === 1 ? n[0].neg() : n[0].minus(n[1]);
  },
  '*': (ev, a: JL[], env) => nums(ev, a, env).reduce((s, x) => s.times(x), new D(1)),
  '/': (ev, a: JL[], env) => {
    const [x, y] = nums(ev, a, env);
    if (y.isZero()) throw new EvalError('division-by-zero', { name: ev.current ?? '/' });
    return x.div(y);
  },
  ratio: (ev, a: JL[], env) => OPS['/'](ev, a, env),
  '==': (ev, a: JL[], env) => {
    const [x, y] = args(ev, a, env);
    return equalV(x, y);
  },
  '!=': (ev, a: JL[], env) => !OPS['=='](ev, a, env),
  '<': (ev, a: JL[], env) => compareNums(ev, a, env) < 0,
  '<=': (ev, a: JL[], env) => compareNums(ev, a, env) <= 0,
  '>': (ev, a: JL[], env) => compareNums(ev, a, env) > 0,
  '>=': (ev, a: JL[], env) => compareNums(ev, a, env) >= 0,
  and: (ev, a: JL[], env) => a.every((x) => ev.bool(ev.eval(x, env))),
  or: (ev, a: JL[], env) => a.some((x) => ev.bool(ev.eval(x, env))),
  '!': (ev, a: JL[], env) => !ev.bool(ev.eval(a[0], env)),
  if: (ev, a: JL[], env) => (ev.bool(ev.eval(a[0], env)) ? ev.eval(a[1], env) : ev.eval(a[2], env)),
  in: (ev, a: [JL, JL[]], env) => {
    const x = ev.eval(a[0], env);
    return a[1].some((y) => equalV(x, ev.eval(y, env)));
  },
  list: (ev, a: JL[], env) => args(ev, a, env),
  min: (ev, a: JL[], env) => D.min(...nums(ev, a, env)),
  max: (ev, a: JL[], env) => D.max(...nums(ev, a, env)),
  round: (ev, a: JL[], env) => {
    const [x, n] = nums(ev, a, env);
    if (!n.isInteger() || n.isNeg()) throw new EvalError('type-mismatch', { expected: 'un numero intero di decimali', found: n.toFixed() });
    return x.toDecimalPlaces(n.toNumber(), D.ROUND_HALF_UP);
  },
  trunc: (ev, a: JL[], env) => {
    const [x, n] = nums(ev, a, env);
    if (!n.isInteger() || n.isNeg()) throw new EvalError('type-mismatch', { expected: 'un numero intero di decimali', found: n.toFixed() });
    return x.toDecimalPlaces(n.toNumber(), D.ROUND_DOWN);
  },
  if_missing: (ev, a: JL[], env) => {
    const first = a[0] as { ext?: [string, string] };
    if (first && typeof first === 'object' && first.ext) {
      const v = ev.extOrUndefined(first.ext[0], first.ext[1], env.scope);
      return v === undefined ? ev.eval(a[1], env) : v;
    }
    try {
      return ev.eval(a[0], env);
    } catch (e) {
      if (e instanceof EvalError && e.code === 'missing-input') return ev.eval(a[1], env);
      throw e;
    }
  },
  limit: (ev, a: { value: JL; max: string; clamp: boolean }, env) => {
    const v = ev.num(ev.eval(a.value, env));
    if (a.clamp) return D.min(D.max(v, 0), a.max);
    if (v.gt(a.max) || v.lt(0)) throw new EvalError('item-over-max', { name: ev.current ?? '', value: v.toFixed(), max: a.max });
    return v;
  },
  scale: (ev, a: { subject: JL; rows: { when: Record<string, unknown>; value: JL }[] }, env) => {
    const s = ev.eval(a.subject, env);
    for (const r of a.rows) if (matches(r.when, s)) return ev.eval(r.value, env);
    throw new EvalError('table-no-match-runtime', { value: showV(s) });
  },
  bands: (ev, a: { subject: JL; rows: { name: string; when: Record<string, unknown> }[] }, env) => {
    const s = ev.eval(a.subject, env);
    for (const r of a.rows) if (matches(r.when, s)) return r.name;
    return null;
  },
  share: (ev, a: [string], env) => {
    const d = ev.decl(a[0]);
    const label = ev.value(a[0], env.scope);
    const rows = (d?.expr as { bands: { rows: { name: string; value: JL }[] } }).bands.rows;
    const row = rows.find((r) => r.name === label);
    return row ? ev.eval(row.value, env) : new D(0);
  },
  count: aggregate('count'),
  count_distinct: aggregate('count_distinct'),
  sum: aggregate('sum'),
  mean: aggregate('mean'),
  min_of: aggregate('min_of'),
  max_of: aggregate('max_of'),
  weighted_mean: aggregate('weighted_mean'),
  allocate: (ev, a: { pot: JL; weight: JL; group: 'ente' | 'unit' }, env) => {
    if (env.scope.level !== 'persona') throw new EvalError('level-mismatch', { name: ev.current ?? '', level: env.scope.level, other: '', otherLevel: 'persona' });
    const p = env.scope.p;
    const group = a.group === 'unit' ? ev.groupOf({ level: 'persona', p }) : ev.groupOf({ level: 'ente' });
    const gk = a.group === 'unit' ? `u:${ev.pop.persons[p].unit ?? ''}` : 'ente';
    const res = ev.perGroup(a, gk, () => {
      const pot = ev.num(ev.eval(a.pot, { scope: { level: 'persona', p } }));
      const weights = group.map((i) => {
        const w = ev.eval(a.weight, { scope: { level: 'persona', p: i } });
        const n = w === null ? new D(0) : ev.num(w);
        if (n.isNegative()) throw new EvalError('type-mismatch', { expected: 'un peso ≥ 0', found: n.toFixed() });
        return n;
      });
      const pos = new Map(group.map((i, k) => [i, k]));
      const order = ev.tieOrder(group).map((i) => pos.get(i)!);
      const shares = allocateCents(pot, weights, order);
      const extra = shares.filter((x) => x.extraCent).length;
      ev.allocations.push({
        rule: ev.current ?? '', group: gk, pot: pot.toDecimalPlaces(2, D.ROUND_HALF_UP), persons: group.length,
        recipients: weights.filter((w) => !w.isZero()).length, extraCents: extra,
        floorTotal: shares.reduce((s, x) => s.plus(x.cents), new D(0)).minus(new D(extra).div(100)),
      });
      const out: V[] = [];
      group.forEach((i, k) => (out[i] = shares[k].cents));
      return out;
    });
    return res[p];
  },
  best: (ev, a: { share?: string; count?: string; by: JL; within: boolean; among: JL; rounding: 'up' | 'down' | 'nearest' }, env) => {
    if (env.scope.level !== 'persona') throw new EvalError('level-mismatch', { name: ev.current ?? '', level: env.scope.level, other: '', otherLevel: 'persona' });
    const p = env.scope.p;
    const group = a.within ? ev.groupOf({ level: 'persona', p }) : ev.groupOf({ level: 'ente' });
    const gk = a.within ? `u:${ev.pop.persons[p].unit ?? ''}` : 'ente';
    const res = ev.perGroup(a, gk, () => {
      const cands = group.filter((i) => a.among === true || ev.bool(ev.eval(a.among, { scope: { level: 'persona', p: i } })));
      const n = a.count !== undefined ? Math.min(Number(a.count), cands.length) : quotaCount(new D(a.share!), cands.length, a.rounding);
      const by = new Map(cands.map((i) => [i, ev.num(ev.eval(a.by, { scope: { level: 'persona', p: i } }))]));
      const tie = ev.tieOrder(cands);
      const rank = new Map(tie.map((i, r) => [i, r]));
      const sorted = [...cands].sort((x, y) => by.get(y)!.comparedTo(by.get(x)!) || rank.get(x)! - rank.get(y)!);
      const out: V[] = [];
      for (const i of group) out[i] = false;
      sorted.slice(0, n).forEach((i) => (out[i] = true));
      return out;
    });
    return res[p];
  },
};

function compareNums(ev: Evaluator, a: JL[], env: Env): number {
  const [x, y] = nums(ev, a, env);
  return x.comparedTo(y);
}

export const OPERATIONS = Object.keys(OPS);
export type { PersonData };

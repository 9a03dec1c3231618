// Evaluation of one scheme's IR on a population, in exact decimals. Values are computed on demand and
// memoised per (scope, name), so the order of declarations does not matter and examples need only
// the inputs their expected values read. The operations are a table (name -> function over values);
// aggregates, scales, bands, allocation and top-k are forms that need the population.
import type { IrDecl, IrInput, IrScheme, JL } from '../compile/ir.ts';
import { isDec, type Dec } from './decimal.ts';
import { EvalError } from './errors.ts';
import { OPS, registryOp } from './operations.ts';
import { sortByTies, type TieKey } from '../allocate/ties.ts';
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
  allocations: { rule: string; group: string; pot: Dec; persons: number; recipients: number; extraCents: number; floorTotal: Dec; members: number[]; recipientIdx: number[] }[] = [];
  /** Each top-k cut (`migliori`): how many were taken, and the candidates tied with the last one taken but left out. */
  cuts: { rule: string; group: string; taken: number; candidates: number; tiedOut: number[] }[] = [];
  // memo per scope without string keys: entity, unit → names, person index → names
  private memoEnte = new Map<string, V>();
  private memoUnit = new Map<string, Map<string, V>>();
  private memoPerson: Map<string, V>[] = [];
  private decls = new Map<string, IrDecl>();
  private popMemo = new WeakMap<object, Map<string, V[]>>();
  private byUnit = new Map<string, number[]>();
  private everyone: number[] = [];
  private byKey = new Map<string, number>();
  // input tables indexed once by owner (person key or unit code): row positions in table order
  private rowIndex = new Map<string, TableIndex>();
  private unitRows = new Map<string, Map<string, Map<string, V>[]>>();
  current?: string;
  // inputs by `level.name` (defaults, sub-population conditions); computed columns by table; keyed tables' row index
  private inputDecls = new Map<string, IrInput>();
  private computedCols = new Map<string, Map<string, JL>>();
  private computedMemo = new WeakMap<Map<string, V>, Map<string, V>>();
  private keyIndex = new Map<string, Map<string, Map<string, V> | 'duplicate'>>();

  constructor(public ir: IrScheme, public pop: Population, public trace: Trace = {}) {
    for (const d of ir.decls) this.decls.set(d.name, d);
    for (const i of ir.inputs) this.inputDecls.set(`${i.level}.${i.name}`, i);
    for (const t of ir.tables) if (t.computed?.length) this.computedCols.set(t.name, new Map(t.computed.map((c) => [c.name, c.expr])));
    pop.persons.forEach((p, i) => {
      const u = p.unit ?? '';
      if (!this.byUnit.has(u)) this.byUnit.set(u, []);
      this.byUnit.get(u)!.push(i);
      this.everyone.push(i);
      if (!this.byKey.has(p.key)) this.byKey.set(p.key, i);
    });
  }

  decl(name: string): IrDecl | undefined {
    return this.decls.get(name);
  }

  personIndex(key: string): number {
    return this.byKey.get(key) ?? -1;
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

  protected override(scope: Scope, name: string): V | undefined {
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
    if (hit === COMPUTING) throw new EvalError('value-cycle', { name, cycle: name }); // being computed: a cycle
    if (hit !== undefined) return hit;
    const ov = this.override(scope, name);
    if (ov !== undefined) return ov;
    // the cycle guard is a mark in the memo itself (no string key per computed value)
    memo.set(name, COMPUTING);
    const saved = this.current;
    this.current = name;
    let v: V | typeof COMPUTING = COMPUTING;
    try {
      v = this.evaluate(d.expr, { scope });
      memo.set(name, v);
      this.trace.onRead?.(`val:${name}`, scope, v);
      return v;
    } catch (e) {
      if (e instanceof EvalError && !e.rule) {
        e.rule = name;
        e.where = scope;
      }
      throw e;
    } finally {
      this.current = saved;
      if (v === COMPUTING) memo.delete(name);
    }
  }

  input(path: string, env: Env): V {
    const [level, name, column] = path.split('.') as ['ente' | 'unit' | 'persona' | 'riga', string, string];
    let v: V | undefined;
    if (level === 'riga') {
      const row = env.rows && Object.hasOwn(env.rows, name) ? env.rows[name] : undefined;
      v = row?.get(column);
      if (v === undefined && row && this.computedCols.get(name)?.has(column)) v = this.computedColumn(name, column, row);
    } else {
      const s = this.lift(level, env.scope);
      const ov = this.override(s, name);
      if (ov !== undefined) v = ov;
      else if (s.level === 'ente') v = this.pop.ente.get(name);
      else if (s.level === 'unit') v = this.pop.units.get(s.unit)?.get(name);
      else v = this.pop.persons[s.p].inputs.get(name);
      if (v === undefined || v === null) v = this.absent(level, name, s);
      this.trace.onRead?.(`in:${name}`, s, v ?? null);
    }
    if (v === undefined || v === null) throw new EvalError('missing-input', { name });
    return v;
  }

  /** Who a scope is, for messages: the person's key, the unit's code, or the entity. */
  who(scope: Scope): string {
    const it = this.ir.lang === 'it';
    if (scope.level === 'persona') return (it ? 'la persona ' : 'person ') + this.pop.persons[scope.p].key;
    if (scope.level === 'unit') return `${this.ir.unit ?? (it ? 'unità' : 'unit')} ${scope.unit}`;
    return it ? "l'ente" : 'the entity';
  }

  /**
   * An input with no value (the data leave it empty, or an example does not give it): its stated default, or,
   * for a field of a sub-population read for someone outside it, an error naming the condition and the person.
   */
  private absent(level: string, name: string, s: Scope): V | undefined {
    const d = this.inputDecls.get(`${level}.${name}`);
    if (!d) return undefined;
    if (d.onlyIf !== undefined && !this.bool(this.evaluate(d.onlyIf, { scope: s }))) {
      throw new EvalError('field-not-applicable', { name, cond: d.onlyIfText ?? '…', who: this.who(s) });
    }
    return d.default !== undefined ? this.evaluate(d.default, { scope: s }) : undefined;
  }

  /** A computed column of one row: computed once per row, from the row's columns. */
  private computedColumn(table: string, column: string, row: Map<string, V>): V {
    let m = this.computedMemo.get(row);
    if (!m) this.computedMemo.set(row, (m = new Map()));
    const hit = m.get(column);
    if (hit !== undefined) return hit;
    const v = this.evaluate(this.computedCols.get(table)!.get(column)!, { scope: { level: 'ente' }, rows: { [table]: row } });
    m.set(column, v);
    return v;
  }

  /** The row of keyed entity table `table` whose key column holds `key`: indexed once, never scanned per lookup. */
  lookupRow(table: string, key: V, scope: Scope): Map<string, V> {
    let index = this.keyIndex.get(table);
    if (!index) {
      index = new Map();
      const keyCol = this.ir.tables.find((t) => t.name === table)?.columns.find((c) => c.key)?.name ?? '';
      for (const row of this.pop.tables.get(table) ?? []) {
        const k = row.get(keyCol);
        if (k === undefined || k === null) continue;
        const ks = keyText(k);
        index.set(ks, index.has(ks) ? 'duplicate' : row);
      }
      this.keyIndex.set(table, index);
    }
    const ks = keyText(key);
    const row = index.get(ks);
    if (row === 'duplicate') throw new EvalError('lookup-duplicate-key', { table, key: ks });
    if (!row) {
      const it = this.ir.lang === 'it';
      throw new EvalError('lookup-missing-key', { table, key: ks, who: scope.level === 'ente' ? '' : (it ? `, cercata per ${this.who(scope)}` : `, looked up for ${this.who(scope)}`) });
    }
    return row;
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

  evaluate(e: JL, env: Env): V {
    if (typeof e === 'boolean' || typeof e === 'string') return e;
    // an operation is looked up among the table's own entries only: `{"constructor": …}` is unknown
    const op = e !== null && typeof e === 'object' && !Array.isArray(e) ? Object.keys(e)[0] : undefined;
    const f = op === undefined ? undefined : OPS.get(op) ?? registryOp(op);
    if (!f) throw new EvalError('unknown-function', { name: String(op ?? JSON.stringify(e) ?? e), list: '', suggestion: '' });
    return f(this, (e as Record<string, unknown>)[op!], env);
  }

  // ---- population forms ----

  /** The units of the population: those with inputs and those persons belong to, sorted. */
  unitList(): string[] {
    // computed once (an aggregate over units read per person would otherwise sort them per person); read-only
    return (this.unitsMemo ??= [...new Set([...this.pop.units.keys(), ...this.byUnit.keys()])].filter((u) => u !== '').sort());
  }

  private unitsMemo?: string[];

  groupOf(scope: Scope): number[] {
    if (scope.level === 'ente') return this.everyone;
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
    return this.tiePositions(idx).map((k) => idx[k]);
  }

  /** The tie order of `idx` as positions in `idx` (first = wins ties): engine/allocate/ties.ts, O(n log n). */
  tiePositions(idx: readonly number[]): number[] {
    // bands and enumerations order as declared (quinta … prima), not alphabetically
    const keys: TieKey[] = this.ir.ties.map((k) => {
      const values = this.decls.get(k.name)?.type?.values ?? this.ir.inputs.find((i) => i.name === k.name)?.type.values;
      return { read: (pos: number) => this.named(k.name, { level: 'persona', p: idx[pos] }), order: values ? new Map(values.map((v, i) => [v, i])) : undefined, desc: k.dir === 'desc' };
    });
    const persons = this.pop.persons;
    return sortByTies(idx.length, keys, (pos) => persons[idx[pos]].key);
  }

  perGroup(node: object, groupKey: string, compute: () => V[]): V[] {
    let m = this.popMemo.get(node);
    if (!m) this.popMemo.set(node, (m = new Map()));
    let r = m.get(groupKey);
    if (!r) m.set(groupKey, (r = compute()));
    return r;
  }

  /**
   * The rows of an input table a scope reads: every row entity-wide, else its owner's rows. Each table
   * is indexed by owner once (person key, or unit code), so a lookup costs its own rows, not the table.
   */
  rowsOf(table: string, scope: Scope): Map<string, V>[] {
    const t = this.ir.tables.find((x) => x.name === table);
    const rows = this.pop.tables.get(table) ?? [];
    if (!t || t.level === 'ente' || scope.level === 'ente') return rows; // entity-wide: every row
    const index = this.tableIndex(table, t.level === 'unit' ? t.columns.find((c) => c.type.base === 'unitref')?.name ?? '' : this.ir.personKey ?? '', t.level === 'unit');
    if (t.level === 'unit') return index.rows.get((this.lift('unit', scope) as { unit: string }).unit) ?? NO_ROWS;
    if (scope.level === 'unit') {
      // a per-person table read per unit: the rows of the unit's persons, in table order
      let memo = this.unitRows.get(table);
      if (!memo) this.unitRows.set(table, (memo = new Map()));
      let hit = memo.get(scope.unit);
      if (!hit) {
        const at: number[] = [];
        for (const k of new Set(this.groupOf(scope).map((p) => this.pop.persons[p].key))) for (const i of index.at.get(k) ?? []) at.push(i);
        memo.set(scope.unit, (hit = at.sort((x, y) => x - y).map((i) => rows[i])));
      }
      return hit;
    }
    const s = this.lift('persona', scope) as { p: number };
    return index.rows.get(this.pop.persons[s.p].key) ?? NO_ROWS;
  }

  /** Table `table` by owner (the value of `column`): each owner's rows and their positions, in table order. */
  private tableIndex(table: string, column: string, byUnit: boolean): TableIndex {
    let index = this.rowIndex.get(table);
    if (index) return index;
    index = { at: new Map(), rows: new Map() };
    const rows = this.pop.tables.get(table) ?? [];
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]?.get(column);
      if (byUnit && typeof v !== 'string') continue; // a unit code is a text, as the units are keyed
      const k = String(v);
      const at = index.at.get(k);
      if (at) {
        at.push(i);
        index.rows.get(k)!.push(rows[i]);
      } else {
        index.at.set(k, [i]);
        index.rows.set(k, [rows[i]]);
      }
    }
    this.rowIndex.set(table, index);
    return index;
  }
}

interface TableIndex {
  at: Map<string, number[]>;
  rows: Map<string, Map<string, V>[]>;
}

/** The memo's mark for a value being computed (reached again: a cycle). */
const COMPUTING = Symbol('computing') as unknown as V;

const NO_ROWS = Object.freeze([]) as unknown as Map<string, V>[]; // shared, never written

const MISSING = new EvalError('missing-input', { name: '' }); // thrown where the caller only needs "missing"

/** A key as text: numbers in their plain decimal form, so 7 and 7.0 are one key. */
const keyText = (v: V): string => (isDec(v) ? (v as Dec).toFixed() : String(v));

export { compareV, equalV, OPERATIONS } from './operations.ts';
export type { PersonData };

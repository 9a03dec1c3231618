// The compiled evaluator: the reference Evaluator's interface (so the year run, funds, findings, reports and
// reviews read it unchanged), with every declaration's value kept in a column by declaration id — indexed by
// person, by unit, or one slot for the entity — and computed by the plan's closures. Values are computed on
// demand in the same order as the reference (the year run asks for them declaration by declaration, person by
// person), so errors, the rule they name, and the `allocations` / `cuts` records come out identical.
import type { IrScheme, JL } from '../../compile/ir.ts';
import { EvalError } from '../errors.ts';
import { Evaluator, type Env, type Scope, type Trace } from '../evaluate.ts';
import type { Population, V } from '../population.ts';
import { BoxedColumn, type ValueColumn } from './columns.ts';
import { joinKey, LEVEL, planOf, type Plan } from './plan.ts';

/** The column's mark for a value being computed (reached again: a cycle). */
const COMPUTING = Symbol('computing') as unknown as V;

const ENTE_ENV: Env = Object.freeze({ scope: Object.freeze({ level: 'ente' as const }) }) as Env;

export class CompiledEvaluator extends Evaluator {
  readonly plan: Plan;
  /** no example overrides and no trace: inputs are read straight from the persons' records */
  readonly plain: boolean;
  private cols: (ValueColumn | undefined)[];
  private unitCols: (ValueColumn | undefined)[];
  private enteVals: (V | undefined)[];
  private personEnvs: Env[] = [];
  private unitIds = new Map<string, number>();
  private unitEnvs: Env[] = [];
  private personUnit: Int32Array;

  constructor(ir: IrScheme, pop: Population, trace: Trace = {}) {
    super(ir, pop, trace);
    this.plan = planOf(ir);
    this.plain = !pop.overrides && !trace.onRead;
    const n = this.plan.decls.length;
    this.cols = new Array(n);
    this.unitCols = new Array(n);
    this.enteVals = new Array(n);
    this.personUnit = Int32Array.from(pop.persons, (p) => this.unitId(p.unit ?? ''));
  }

  private unitId(unit: string): number {
    let u = this.unitIds.get(unit);
    if (u === undefined) {
      u = this.unitEnvs.length;
      this.unitIds.set(unit, u);
      this.unitEnvs.push({ scope: { level: 'unit', unit } });
    }
    return u;
  }

  /** A person's environment, made once. */
  personEnv(p: number): Env {
    return (this.personEnvs[p] ??= { scope: { level: 'persona', p } });
  }

  /** A unit's environment, made once. */
  unitEnv(unit: string): Env {
    return this.unitEnvs[this.unitId(unit)];
  }

  private unitCodes?: string[];
  /** The units of the population (as the reference's unitList), listed once. */
  units(): string[] {
    return (this.unitCodes ??= this.unitList());
  }

  private joins = new WeakMap<object, Map<string, Map<string, Map<string, V>[]> | null>>();
  /** The rows of a table by the value of one column (in table order), built once; null when a row lacks it. */
  joinIndex(rows: Map<string, V>[], column: string): Map<string, Map<string, V>[]> | null {
    let byColumn = this.joins.get(rows);
    if (!byColumn) this.joins.set(rows, (byColumn = new Map()));
    let index = byColumn.get(column);
    if (index !== undefined) return index;
    index = new Map();
    for (const row of rows) {
      const k = joinKey(row.get(column));
      if (k === undefined) {
        index = null;
        break;
      }
      const at = index.get(k);
      if (at) at.push(row);
      else index.set(k, [row]);
    }
    byColumn.set(column, index);
    return index;
  }

  override value(name: string, from: Scope): V {
    const id = this.plan.ids.get(name);
    if (id === undefined) throw new EvalError('unknown-name-nosuggest', { name });
    return this.cell(id, from);
  }

  /** Declaration `id` at the scope its level lifts `from` to: read from its column, computed once. */
  cell(id: number, from: Scope): V {
    const level = this.plan.levels[id];
    let col: ValueColumn | undefined;
    let slot: number;
    let env: Env;
    if (level === LEVEL.persona) {
      if (from.level !== 'persona') this.lift('persona', from); // raises the reference's level error
      slot = (from as { p: number }).p;
      col = this.cols[id] ??= new BoxedColumn(this.pop.persons.length);
      env = this.personEnv(slot);
    } else if (level === LEVEL.unit) {
      if (from.level === 'ente') this.lift('unit', from);
      slot = from.level === 'persona' ? this.personUnit[from.p] : this.unitId((from as { unit: string }).unit);
      col = this.unitCols[id] ??= new BoxedColumn(this.unitEnvs.length);
      env = this.unitEnvs[slot];
    } else {
      slot = id;
      env = ENTE_ENV;
    }
    const hit = col ? col.get(slot) : this.enteVals[slot];
    if (hit === COMPUTING) {
      const name = this.plan.decls[id].name;
      throw new EvalError('value-cycle', { name, cycle: name });
    }
    if (hit !== undefined) return hit;
    const name = this.plan.decls[id].name;
    if (!this.plain) {
      const ov = this.override(env.scope, name);
      if (ov !== undefined) return ov;
    }
    if (col) col.set(slot, COMPUTING);
    else this.enteVals[slot] = COMPUTING;
    const saved = this.current;
    this.current = name;
    let v: V = COMPUTING;
    try {
      v = this.plan.fn(id)(this, env);
      if (col) col.set(slot, v);
      else this.enteVals[slot] = v;
      this.trace.onRead?.(`val:${name}`, env.scope, v);
      return v;
    } catch (e) {
      if (e instanceof EvalError && !e.rule) {
        e.rule = name;
        e.where = env.scope;
      }
      throw e;
    } finally {
      this.current = saved;
      if (v === COMPUTING) {
        if (col) col.set(slot, undefined);
        else this.enteVals[slot] = undefined;
      }
    }
  }

  override evaluate(e: JL, env: Env): V {
    if (typeof e === 'boolean' || typeof e === 'string') return e;
    return this.plan.node(e)(this, env);
  }
}

/** Which evaluator a run uses: the compiled one, unless SCHEDA_EVALUATOR=reference (tests run both). */
export type EvaluatorKind = 'compiled' | 'reference';

export function defaultEvaluatorKind(): EvaluatorKind {
  const env = typeof process !== 'undefined' ? process.env?.SCHEDA_EVALUATOR : undefined;
  return env === 'reference' ? 'reference' : 'compiled';
}

export function makeEvaluator(ir: IrScheme, pop: Population, kind: EvaluatorKind = defaultEvaluatorKind(), trace?: Trace): Evaluator {
  return kind === 'reference' ? new Evaluator(ir, pop, trace) : new CompiledEvaluator(ir, pop, trace);
}

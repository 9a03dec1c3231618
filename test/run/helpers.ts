// Helpers for the evaluation tests: compile inline schemes and evaluate their values on small
// populations built by hand (persons, units, entity facts, input tables).
import type { IrScheme } from '../../engine/compile/ir.ts';
import { buildBundle } from '../../engine/pipeline.ts';
import { D } from '../../engine/run/decimal.ts';
import { EvalError } from '../../engine/run/errors.ts';
import { Evaluator } from '../../engine/run/evaluate.ts';
import { sortPersons, type Population, type V } from '../../engine/run/population.ts';

/** Compiles one scheme of an inline source; throws with the errors when it does not check. */
export function compileSource(text: string, id = 't'): IrScheme {
  const r = buildBundle([{ id, file: `${id}.scheda`, text }]);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`).join('\n'));
  return r.irs.get(id)!;
}

/** Plain test data -> engine values: numbers and decimal strings become exact decimals. */
export type Plain = number | string | boolean | null | Plain[];
export function toV(x: Plain): V {
  if (x === null || typeof x === 'boolean') return x;
  if (typeof x === 'number') return new D(String(x));
  if (Array.isArray(x)) return x.map(toV);
  return /^-?\d+(\.\d+)?$/.test(x) ? new D(x) : x;
}

/** Engine values -> plain data: decimals as canonical strings ("0.3", "317.08"). */
export function plain(v: V): Plain {
  if (v === null || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'string') return v;
  return v.toFixed();
}

export interface PersonIn {
  key: string;
  unit?: string;
  inputs?: Record<string, Plain>;
}

export interface PopIn {
  ente?: Record<string, Plain>;
  units?: Record<string, Record<string, Plain>>;
  persons?: PersonIn[];
  tables?: Record<string, Record<string, Plain>[]>;
}

const rec = (o: Record<string, Plain> = {}) => new Map(Object.entries(o).map(([k, v]) => [k, toV(v)]));

/** A population for `ir`: the person key and unit fields are filled from `key` and `unit`. */
export function population(ir: IrScheme, p: PopIn): Population {
  const persons = (p.persons ?? []).map((x) => {
    const inputs = rec(x.inputs);
    if (ir.personKey) inputs.set(ir.personKey, x.key);
    if (ir.personUnit && x.unit !== undefined) inputs.set(ir.personUnit, x.unit);
    return { key: x.key, unit: x.unit, inputs };
  });
  return {
    ente: rec(p.ente),
    units: new Map(Object.entries(p.units ?? {}).map(([k, v]) => [k, rec(v)])),
    persons: sortPersons(persons),
    tables: new Map(Object.entries(p.tables ?? {}).map(([k, rows]) => [k, rows.map(rec)])),
    ext: new Map(),
  };
}

/** The value `name` for every person, by key (or the entity's value when `name` is per entity). */
export function valuesByPerson(ir: IrScheme, pop: Population, name: string): Record<string, Plain> {
  const ev = new Evaluator(ir, pop);
  return Object.fromEntries(pop.persons.map((p, i) => [p.key, plain(ev.value(name, { level: 'persona', p: i }))]));
}

/** Evaluates `name` for the first person; an evaluation error comes back as `{ error: code }`. */
export function evalFirst(ir: IrScheme, pop: Population, name: string): Plain | { error: string } {
  try {
    return plain(new Evaluator(ir, pop).value(name, { level: 'persona', p: 0 }));
  } catch (e) {
    if (e instanceof EvalError) return { error: e.code };
    throw e;
  }
}

// Population examples: an example that gives a small table of persons (and units, and table rows) runs through
// the same machinery as a year's run (`runSchemeOn`: every value, the funds, the warnings), so rankings, ties,
// allocations and averages are tested in the scheme. Expected values per person or per unit are compared one by
// one; a failure names the person (or unit), the value, what was expected and what was computed.
import type { IrExample, IrExampleTable, IrScheme, JL } from '../compile/ir.ts';
import { EvalError } from './errors.ts';
import { equalV, type Scope } from './evaluate.ts';
import { sortPersons, type PersonData, type Population, type V } from './population.ts';
import { describeEvalError, runSchemeOn } from './year.ts';

export interface Failure {
  name: string;
  who?: string; // the person or unit of a per-person or per-unit expected value
  expected: string;
  actual: string;
  line: number;
  col: number;
}

/** A computed value where the expected one differs, at the expected literal's place (for `scheda test --update`). */
export interface Computed {
  line: number;
  col: number;
  value: V;
  unit?: string;
}

export interface PopulationHelpers {
  literal(v: JL): V;
  show(v: V, unit?: string): string;
  unitDiffers(expected: string | undefined, actual: string | undefined): boolean;
}

const FALLBACK_UNIT = 'U';

/** Builds the example's population: persons (sorted by key, as in a run), units, table rows, entity facts, overrides. */
function population(ir: IrScheme, ex: IrExample, h: PopulationHelpers): Population {
  const inputs = new Map(ir.inputs.map((i) => [i.name, i]));
  const pop: Population = { ente: new Map(), units: new Map(), persons: [], tables: new Map(), ext: new Map(), overrides: new Map([['*', new Map()]]) };
  const tables = ex.tables ?? [];
  const everyone = new Map<string, V>(); // `dato` of a person input: everyone's value unless their row gives one
  const everyUnit = new Map<string, V>();
  for (const g of ex.given) {
    const value = h.literal(g.value);
    const name = g.path.join('.');
    const inp = g.path.length === 1 ? inputs.get(name) : undefined;
    if (!inp) pop.overrides!.get('*')!.set(name, value);
    else if (inp.level === 'ente') pop.ente.set(name, value);
    else if (inp.level === 'unit') everyUnit.set(name, value);
    else everyone.set(name, value);
  }
  const cells = (t: IrExampleTable, r: IrExampleTable['rows'][number]) => new Map(t.columns.map((c, k) => [c.join('.'), r.cells[k] ? h.literal(r.cells[k].value) : null]));
  for (const t of tables.filter((x) => x.role === 'persons')) {
    t.rows.forEach((r, k) => {
      const row = cells(t, r);
      const key = ir.personKey && row.has(ir.personKey) ? String(row.get(ir.personKey)) : `P${k + 1}`;
      const given = ir.personUnit ? (row.get(ir.personUnit) ?? everyone.get(ir.personUnit)) : undefined; // the row's unit, or a `dato`'s
      const unit = ir.personUnit ? (given != null ? String(given) : FALLBACK_UNIT) : undefined;
      const p: PersonData = { key, unit, inputs: new Map(everyone) };
      const own = new Map<string, V>();
      for (const [name, v] of row) {
        if (inputs.get(name)?.level === 'persona') p.inputs.set(name, v);
        else own.set(name, v); // a computed value or another scheme's value, given for this person
      }
      if (ir.personKey) p.inputs.set(ir.personKey, key);
      if (ir.personUnit && unit !== undefined) p.inputs.set(ir.personUnit, unit);
      if (own.size) pop.overrides!.set(`p:${key}`, own);
      pop.persons.push(p);
    });
  }
  for (const t of tables.filter((x) => x.role === 'units')) {
    for (const r of t.rows) {
      const row = cells(t, r);
      const code = ir.unitKey && row.has(ir.unitKey) ? String(row.get(ir.unitKey)) : FALLBACK_UNIT;
      const rec = new Map(everyUnit);
      const own = new Map<string, V>();
      for (const [name, v] of row) {
        if (inputs.get(name)?.level === 'unit') rec.set(name, v);
        else own.set(name, v);
      }
      if (own.size) pop.overrides!.set(`u:${code}`, own);
      pop.units.set(code, rec);
    }
  }
  // units that persons belong to but no unit row names take the `dato` values of unit inputs
  for (const p of pop.persons) {
    if (p.unit === undefined || pop.units.has(p.unit)) continue;
    const rec = new Map(everyUnit);
    if (ir.unitKey) rec.set(ir.unitKey, p.unit);
    pop.units.set(p.unit, rec);
  }
  for (const t of tables.filter((x) => x.role === 'table')) {
    const rows = pop.tables.get(t.name!) ?? [];
    for (const r of t.rows) rows.push(cells(t, r));
    pop.tables.set(t.name!, rows);
  }
  pop.persons = sortPersons(pop.persons);
  return pop;
}

/** Runs a population example; the failures name who, which value, expected and computed. */
export function runPopulationExample(ir: IrScheme, ex: IrExample, h: PopulationHelpers): { failures: Failure[]; problems: string[]; computed: Computed[] } {
  const failures: Failure[] = [];
  const computed: Computed[] = [];
  const problems: string[] = [];
  const pop = population(ir, ex, h);
  const { run, problems: ps } = runSchemeOn(ir, pop);
  const it = ir.lang === 'it';
  for (const p of ps) {
    const who = p.person ? `${it ? 'persona' : 'person'} ${p.person}: ` : p.unit ? `${it ? 'unità' : 'unit'} ${p.unit}: ` : '';
    problems.push(`${who}${p.rule ? `«${p.rule}»: ` : ''}${p.message}`);
  }
  if (ps.length) return { failures, problems, computed };
  const { ev } = run;
  const inputs = new Map(ir.inputs.map((i) => [i.name, i]));
  const unitOf = (name: string) => ir.decls.find((d) => d.name === name)?.type?.unit ?? inputs.get(name)?.type.unit;
  const read = (name: string, scope: Scope): V => {
    if (name.includes('.')) {
      const [s, n] = name.split('.');
      return ev.ext(s, n, scope);
    }
    const inp = inputs.get(name);
    if (inp && !ev.decl(name)) return ev.input(`${inp.level}.${name}`, { scope });
    return ev.value(name, scope);
  };
  const compare = (name: string, who: string | undefined, expectedJL: JL, expUnit: string | undefined, scope: Scope, line: number, col: number) => {
    const expected = h.literal(expectedJL);
    const unit = name.includes('.') ? undefined : unitOf(name);
    let actual: V;
    try {
      actual = read(name, scope);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      problems.push(`${who ? `${who}: ` : ''}«${e.rule ?? name}»: ${describeEvalError(e, ir.lang)}`);
      return;
    }
    if (!equalV(expected, actual) || h.unitDiffers(expUnit, unit)) {
      failures.push({ name, ...(who ? { who } : {}), expected: h.show(expected, expUnit ?? unit), actual: h.show(actual, unit), line, col });
      computed.push({ line, col, value: actual, ...(unit ? { unit } : {}) });
    }
  };
  const units = run.units;
  for (const x of ex.expected) {
    const name = x.path.join('.');
    const level = ev.decl(name)?.level ?? inputs.get(name)?.level ?? 'ente';
    const scope: Scope = level === 'unit' && units.length ? { level: 'unit', unit: units[0] } : { level: 'ente' };
    compare(name, undefined, x.value, x.unit, scope, x.line, x.col);
  }
  for (const t of (ex.tables ?? []).filter((x) => x.role === 'expectPersons' || x.role === 'expectUnits')) {
    const keyCol = t.role === 'expectPersons' ? ir.personKey : ir.unitKey ?? ir.personUnit;
    const keyAt = t.columns.findIndex((c) => c.join('.') === keyCol);
    for (const r of t.rows) {
      const key = keyAt >= 0 && r.cells[keyAt] ? String(h.literal(r.cells[keyAt].value)) : '';
      let scope: Scope;
      if (t.role === 'expectPersons') {
        const p = ev.personIndex(key);
        if (p < 0) {
          problems.push(it ? `riga ${r.line}: nessuna persona «${key}» nell'esempio` : `line ${r.line}: no person «${key}» in the example`);
          continue;
        }
        scope = { level: 'persona', p };
      } else {
        if (!units.includes(key)) {
          problems.push(it ? `riga ${r.line}: nessuna unità «${key}» nell'esempio` : `line ${r.line}: no unit «${key}» in the example`);
          continue;
        }
        scope = { level: 'unit', unit: key };
      }
      t.columns.forEach((c, k) => {
        if (k === keyAt || !r.cells[k]) return;
        compare(c.join('.'), key, r.cells[k].value, r.cells[k].unit, scope, r.cells[k].line, r.cells[k].col);
      });
    }
  }
  return { failures, problems, computed };
}

// Examples inside a scheme: given inputs -> expected values. An example without a table of persons runs on a
// population of one person in one unit (a population example: population-examples.ts); a `dato` may also set a computed value (e.g. `dato totale = 60`) or a used scheme's
// value (`dato progetti.premio = 1.200 €`), so an example states only what it is about.
import type { IrExample, IrScheme, JL } from '../compile/ir.ts';
import { D, isDec, type Dec } from './decimal.ts';
import { EvalError } from './errors.ts';
import { equalV, Evaluator } from './evaluate.ts';
import { makeEvaluator } from './compiled/evaluator.ts';
import type { Population, V } from './population.ts';
import { runPopulationExample, type Computed, type Failure } from './population-examples.ts';

export interface ExampleOutcome {
  label: string;
  line: number;
  col: number;
  ok: boolean;
  failures: Failure[];
  error?: EvalError;
  /** a population example: rules that failed while it ran (person or unit, rule, message) */
  problems?: string[];
  /** the computed values where they differ from the expected ones, for `scheda test --update` */
  computed?: Computed[];
}

const UNIT_WORDS: Record<string, [string, string]> = { punti: [' punti', ' points'], euro: [' €', ' €'], giorni: [' giorni', ' days'], mesi: [' mesi', ' months'], ore: [' ore', ' hours'] };

/** A compound unit as written after a number: ` €/punti`. */
function unitSuffix(unit: string, lang: 'it' | 'en'): string {
  if (UNIT_WORDS[unit]) return UNIT_WORDS[unit][lang === 'it' ? 0 : 1];
  if (!/[/*^]/.test(unit)) return '';
  return ' ' + unit.replace(/[A-Za-zÀ-ÿ_][A-Za-zÀ-ÿ0-9_]*/g, (k) => (UNIT_WORDS[k] ? UNIT_WORDS[k][lang === 'it' ? 0 : 1].trim() : k)).replace(/\*/g, '·');
}

const PLAIN = new Set(['numero', 'intero']);

/**
 * Does an expected literal's unit contradict the value's? `56,25%` is not the plain number 0,5625. A plain
 * number may stand for points, days or months (as in the checker); euro, percentages and compound units may not.
 */
function unitDiffers(expected: string | undefined, actual: string | undefined): boolean {
  if (!expected || !actual || expected === actual) return false;
  if (expected === 'percentuale' || actual === 'percentuale') return true;
  if (PLAIN.has(actual)) return expected === 'euro';
  return true;
}

/** A value as the scheme's reader writes it, with its unit when known: «600 €», «50%», «12,5 punti». */
export function show(v: V, lang: 'it' | 'en', unit?: string): string {
  if (v === null) return lang === 'it' ? '(nessuno)' : '(none)';
  if (isDec(v)) {
    const d = unit === 'percentuale' ? (v as Dec).times(100) : (v as Dec);
    const s = unit === 'euro' && d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed(); // money: always two decimals
    const n = lang === 'it' ? s.replace('.', ',') : s;
    return unit === 'percentuale' ? n + '%' : n + (unit ? unitSuffix(unit, lang) : '');
  }
  if (typeof v === 'boolean') return lang === 'it' ? (v ? 'vero' : 'falso') : String(v);
  if (Array.isArray(v)) return '[' + v.map((x) => show(x, lang)).join(lang === 'it' ? '; ' : ', ') + ']';
  return String(v);
}

const constEval = new Evaluator({ decls: [], ties: [], inputs: [], tables: [] } as unknown as IrScheme, {
  ente: new Map(), units: new Map(), persons: [], tables: new Map(), ext: new Map(),
});

function literal(v: JL): V {
  return constEval.evaluate(v, { scope: { level: 'ente' } });
}

export function runExample(ir: IrScheme, ex: IrExample): ExampleOutcome {
  const out: ExampleOutcome = { label: ex.label, line: ex.line, col: ex.col, ok: true, failures: [] };
  if (ex.tables?.some((t) => t.role === 'persons')) {
    // a population example: the year's machinery on the persons it gives
    const r = runPopulationExample(ir, ex, { literal, show: (v, unit) => show(v, ir.lang, unit), unitDiffers });
    out.failures = r.failures;
    out.computed = r.computed;
    if (r.problems.length) out.problems = r.problems;
    out.ok = !r.failures.length && !r.problems.length;
    return out;
  }
  const inputs = new Map(ir.inputs.map((i) => [i.name, i]));
  const pop: Population = { ente: new Map(), units: new Map(), persons: [], tables: new Map(), ext: new Map(), overrides: new Map([['*', new Map()]]) };
  const person = { key: 'esempio', unit: 'U', inputs: new Map<string, V>() };
  const unitRec = new Map<string, V>();
  try {
    for (const g of ex.given) {
      const value = literal(g.value);
      const name = g.path.join('.');
      const table = ir.tables.find((t) => t.name === g.path[0]);
      if (table && g.path.length === 2) {
        const col = Array.isArray(value) ? value : [value];
        const rows = pop.tables.get(table.name) ?? [];
        col.forEach((v, i) => (rows[i] ??= new Map()).set(g.path[1], v));
        pop.tables.set(table.name, rows);
        continue;
      }
      const inp = g.path.length === 1 ? inputs.get(name) : undefined;
      if (!inp) {
        pop.overrides!.get('*')!.set(name, value);
        continue;
      }
      if (inp.level === 'ente') pop.ente.set(name, value);
      else if (inp.level === 'unit') unitRec.set(name, value);
      else {
        person.inputs.set(name, value);
        if (inp.key) person.key = String(value);
        if (name === ir.personUnit) person.unit = String(value);
      }
    }
    if (ir.personKey && !person.inputs.has(ir.personKey)) person.inputs.set(ir.personKey, person.key);
    if (ir.personUnit && !person.inputs.has(ir.personUnit)) person.inputs.set(ir.personUnit, person.unit);
    if (ir.unitKey) unitRec.set(ir.unitKey, person.unit);
    pop.units.set(person.unit, unitRec);
    // rows of per-person and per-unit tables belong to the example's person and unit
    for (const t of ir.tables) {
      for (const row of pop.tables.get(t.name) ?? []) {
        if (t.level === 'persona' && ir.personKey && !row.has(ir.personKey)) row.set(ir.personKey, person.key);
        const uc = t.columns.find((c) => c.type.base === 'unitref');
        if (t.level === 'unit' && uc && !row.has(uc.name)) row.set(uc.name, person.unit);
      }
    }
    pop.persons.push(person);
    const ev = makeEvaluator(ir, pop);
    for (const x of ex.expected) {
      const name = x.path.join('.');
      const expected = literal(x.value);
      let actual: V;
      if (x.path.length > 1) actual = ev.ext(x.path[0], x.path[1], { level: 'persona', p: 0 });
      else if (inputs.has(name)) actual = ev.input(`${inputs.get(name)!.level}.${name}`, { scope: { level: 'persona', p: 0 } });
      else actual = ev.value(name, { level: 'persona', p: 0 });
      const unit = x.path.length > 1 ? undefined : (ir.decls.find((d) => d.name === name)?.type ?? inputs.get(name)?.type)?.unit;
      if (!equalV(expected, actual) || unitDiffers(x.unit, unit)) {
        out.ok = false;
        out.failures.push({ name, expected: show(expected, ir.lang, x.unit ?? unit), actual: show(actual, ir.lang, unit), line: x.line, col: x.col });
        (out.computed ??= []).push({ line: x.line, col: x.col, value: actual, ...(unit ? { unit } : {}) });
      }
    }
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    out.ok = false;
    out.error = e;
  }
  return out;
}

export { D };

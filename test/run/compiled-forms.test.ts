// The compiled evaluator on the cases a generated population rarely reaches, each compared with the reference:
// a join whose table has a row without the join column (the reference's error, same rule), a join value that is
// not a key (a list), an item over its maximum, a level error, a cycle in unvalidated IR, an unknown operation,
// and an example override. Both keyword sets give the same IR, so the schemes here are written once in each.
import { describe, expect, it, vi } from 'vitest';
import type { IrScheme } from '../../engine/compile/ir.ts';
import { D } from '../../engine/run/decimal.ts';
import { Evaluator } from '../../engine/run/evaluate.ts';
import { EvalError } from '../../engine/run/errors.ts';
import type { Population, V } from '../../engine/run/population.ts';
import { CompiledEvaluator } from '../../engine/run/compiled/evaluator.ts';
import { compileSource } from './helpers.ts';
import { text } from './compiled-helpers.ts';

const IT = `scheda t "Prova" anno 2024 lingua it

dati persona {
  matricola: testo chiave
  punti_base: punti da 0 a 10
}

tabella voci per persona {
  matricola: testo
  codice: testo
  importo: euro
}

totale max 10 punti
voce base max 10 punti = punti_base

calcola mia_somma = somma(voci.importo dove voci.codice = matricola)
calcola somma_ente per ente = somma(voci.importo dove voci.codice = "A")
`;

const EN = `scheme t "Test" year 2024 language en

inputs person {
  id: text key
  base_points: points from 0 to 10
}

table items per person {
  id: text
  code: text
  amount: euro
}

total max 10 points
item base max 10 points = base_points

compute my_sum = sum(items.amount where items.code = id)
compute entity_sum per entity = sum(items.amount where items.code = "A")
`;

function pop(ir: IrScheme, rows: Record<string, V>[], points = ['3', '12']): Population {
  const key = ir.personKey!;
  const pts = ir.inputs.find((i) => i.level === 'persona' && !i.key)!.name;
  return {
    ente: new Map(),
    units: new Map(),
    persons: points.map((p, i) => ({ key: `P${i}`, inputs: new Map<string, V>([[key, `P${i}`], [pts, new D(p)]]) })),
    tables: new Map([[ir.tables[0].name, rows.map((r) => new Map(Object.entries(r)))]]),
    ext: new Map(),
  };
}

function outcome(ev: Evaluator, f: (ev: Evaluator) => V): unknown {
  try {
    return text(f(ev));
  } catch (e) {
    if (e instanceof EvalError) return { code: e.code, args: e.args, rule: e.rule, where: e.where };
    throw e;
  }
}

/** Every declared value of every person and the entity, by both evaluators. */
function both(ir: IrScheme, p: () => Population) {
  const all = (ev: Evaluator) => ir.decls.map((d) => (d.level === 'ente' ? [outcome(ev, (e) => e.value(d.name, { level: 'ente' }))] : ev.pop.persons.map((_, i) => outcome(ev, (e) => e.value(d.name, { level: 'persona', p: i })))));
  const compiled = new CompiledEvaluator(ir, p());
  return { ref: all(new Evaluator(ir, p())), got: all(compiled) };
}

describe('compiled evaluator = reference on edge cases', () => {
  for (const [lang, src] of [['it', IT], ['en', EN]] as const) {
    const ir = compileSource(src);
    const [keyCol, codeCol, amountCol] = ir.tables[0].columns.map((c) => c.name);
    const row = (k: string, code: V | undefined, amount: string) => ({ [keyCol]: k, ...(code === undefined ? {} : { [codeCol]: code }), [amountCol]: new D(amount) });

    it(`${lang}: joins give the scan's sums; an item over its maximum is the same error`, () => {
      const spy = vi.spyOn(CompiledEvaluator.prototype, 'joinIndex');
      const r = both(ir, () => pop(ir, [row('P0', 'P0', '10.50'), row('P0', 'A', '2'), row('P1', 'P1', '7'), row('P1', 'A', '1.25')]));
      expect(spy.mock.results.some((x) => x.value instanceof Map)).toBe(true); // answered from the index
      spy.mockRestore();
      expect(r.got).toEqual(r.ref);
      expect(JSON.stringify(r.ref)).toContain('3.25'); // the entity's sum of the rows coded A
      expect(JSON.stringify(r.ref)).toContain('item-over-max'); // P1's 12 points
    });

    it(`${lang}: a row without the join column raises the reference's error, naming the same rule`, () => {
      const r = both(ir, () => pop(ir, [row('P0', 'P0', '1'), row('P0', undefined, '2')], ['3', '4']));
      expect(r.got).toEqual(r.ref);
      expect(JSON.stringify(r.ref)).toContain('missing-input');
    });

    it(`${lang}: a join value that is a list (not a key) falls back to the scan`, () => {
      const r = both(ir, () => pop(ir, [row('P0', [new D(1)] as unknown as V, '1'), row('P0', 'A', '2')], ['3', '4']));
      expect(r.got).toEqual(r.ref);
    });
  }

  it('example overrides: a value given in place of a computed one is read by both alike', () => {
    const ir = compileSource(IT);
    const make = () => ({ ...pop(ir, []), overrides: new Map([['*', new Map<string, V>([['base', new D(7)]])]]) });
    const r = both(ir, make);
    expect(r.got).toEqual(r.ref);
    expect(JSON.stringify(r.ref)).toContain('"7"');
  });

  it('unvalidated IR: a cycle, an unknown operation and a level error are the reference\'s errors', () => {
    const ir = compileSource(IT);
    const bad: IrScheme = {
      ...ir,
      decls: [
        ...ir.decls,
        { name: 'c1', kind: 'value', level: 'persona', expr: { '+': [{ val: 'c2' }, { dec: '1' }] }, line: 1, col: 1 },
        { name: 'c2', kind: 'value', level: 'persona', expr: { val: 'c1' }, line: 1, col: 1 },
        { name: 'u', kind: 'value', level: 'persona', expr: { constructor: [] } as never, line: 1, col: 1 },
        { name: 'e', kind: 'value', level: 'ente', expr: { val: 'mia_somma' }, line: 1, col: 1 },
        { name: 'odd', kind: 'value', level: 'persona', expr: { if: [true, { dec: '1' }] } as never, line: 1, col: 1 },
      ],
    };
    const r = both(bad, () => pop(bad, [], ['3', '4']));
    expect(r.got).toEqual(r.ref);
    const s = JSON.stringify(r.ref);
    for (const code of ['value-cycle', 'unknown-function', 'level-mismatch']) expect(s).toContain(code);
  });
});

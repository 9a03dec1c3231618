// The operation registry (engine/ops): one entry per IR operation, read by the checker, the compiler, the
// constraint folder, the evaluator and the IR schema generator. A toy operation added to a copy of the registry
// (the real one left alone) parses in both languages, type-checks, compiles, validates against the schema
// generated from that copy, folds in a constraint and evaluates: one entry is all an operation needs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleOf, diagnosticsOf, pointedText, where } from '../check/helpers.ts';
import { yearRunner, show } from '../language/year-helpers.ts';
import { REGISTRY, Registry, ops, withRegistry } from '../../engine/ops/registry.ts';
import { irSchemaOf } from '../../engine/ops/ir-schema.ts';
import { EXPRS, type OpEntry } from '../../engine/ops/types.ts';
import { ANY } from '../../engine/check/types.ts';
import { OPS } from '../../engine/run/operations.ts';
import { FUNCTIONS, functionByWord, functionNames, functionWord } from '../../engine/syntax/keywords.ts';
import { irProblems } from '../../engine/compile/validate.ts';
import { parse } from '../../engine/syntax/index.ts';
import { format } from '../../engine/format/format.ts';
import type { JL } from '../../engine/compile/ir.ts';

const SCHEMA = JSON.parse(readFileSync(new URL('../../schemas/ir.schema.json', import.meta.url), 'utf8'));
const whitelist = (schema: Record<string, any>) => Object.keys(schema.$defs.expr.anyOf[2].properties);

describe('the operation registry', () => {
  it('is a Map with no inherited keys: «constructor», «__proto__», «toString» are no operation and no function', () => {
    for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(REGISTRY.get(k)).toBeUndefined();
      expect(REGISTRY.has(k)).toBe(false);
      expect(REGISTRY.byName(k, 'it')).toBeUndefined();
      expect(REGISTRY.byName(k, 'en')).toBeUndefined();
      expect(functionByWord(k, 'it')).toBeUndefined();
      expect(functionByWord(k, 'en')).toBeUndefined();
      expect(OPS.get(k)).toBeUndefined();
    }
    const src = `scheda t anno 2025 lingua it\n\ndati persona {\n  matricola: testo chiave\n  punti: punti\n}\n\ncalcola x = constructor(punti)\ncalcola y = toString(punti)\n`;
    expect(diagnosticsOf(src).filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['unknown-function', 'unknown-function']);
  });

  it('gives every operation exactly one reference evaluation, and the schema whitelists exactly its operations', () => {
    const ops = REGISTRY.entries().map((e) => e.op);
    expect(new Set(ops).size).toBe(ops.length);
    expect([...OPS.keys()].sort()).toEqual([...ops].sort());
    expect(whitelist(SCHEMA).sort()).toEqual([...ops].sort());
    // those moved into the registry are evaluated by their entry
    for (const e of REGISTRY.entries()) if (e.evaluate) expect(OPS.get(e.op)).toBe(e.evaluate);
  });

  it('holds, for every built-in function it defines, names in both languages, arity, type rule, IR mapping and evaluation', () => {
    const fns = REGISTRY.functions();
    expect(fns.map((e) => e.op)).toEqual(['sum', 'count', 'mean', 'min_of', 'max_of', 'count_distinct', 'weighted_mean', 'min', 'max', 'round', 'trunc', 'ratio', 'if_missing', 'quotient', 'remainder']);
    for (const e of fns) {
      expect(e.names!.it).toMatch(/^[a-z_]+$/);
      expect(e.names!.en).toMatch(/^[a-z_]+$/);
      expect(typeof e.type).toBe('function');
      expect(typeof e.compile).toBe('function');
      expect(typeof e.evaluate).toBe('function');
      expect(e.arity![0]).toBeLessThanOrEqual(e.arity![1]);
      // the language's function table is the registry's, by name
      expect(FUNCTIONS[e.names!.it as keyof typeof FUNCTIONS]).toEqual({ en: e.names!.en, kind: e.kind });
      expect(functionByWord(e.names!.en, 'en')).toBe(e.names!.it);
    }
    // aggregates and allocations read data: the constraint folder leaves them to the run
    expect([...REGISTRY.dataOps()].sort()).toEqual(['allocate', 'allocate_units', 'best', 'count', 'count_distinct', 'ext', 'max_of', 'mean', 'min_of', 'share', 'sum', 'var', 'weighted_mean']);
  });

  it('generates the schema it is written to (schemas/ir.schema.json)', () => {
    expect(irSchemaOf()).toEqual(SCHEMA);
  });

  it('refuses an operation or a name twice', () => {
    const r = REGISTRY.copy();
    expect(() => r.add({ op: 'sum', family: 'scalar', shape: EXPRS, folds: true })).toThrow(/already/);
    expect(() => r.add({ ...TOY, op: 'other', names: { it: 'somma', en: 'other' } })).toThrow(/already taken/);
    expect(() => r.add({ op: 'half', family: 'scalar', names: { it: 'metà', en: 'half' }, shape: EXPRS, folds: true })).toThrow(/needs/);
  });
});

/** The toy: twice a number, of the same unit. The one entry it takes. */
const TOY: OpEntry = {
  op: 'double',
  family: 'scalar',
  names: { it: 'doppio', en: 'double' },
  kind: 'scalar',
  arity: [1, 1],
  type: ({ host, call, args, level }) => {
    if (args[0]) host.wantNum(args[0].ty, call.args[0].span);
    return { ty: args[0]?.ty ?? ANY, level };
  },
  compile: (h, e) => ({ double: e.args.map((a) => h.c(a)) }),
  shape: EXPRS,
  folds: true,
  evaluate: (ev, a: JL[], env) => ev.num(ev.evaluate(a[0], env)).times(2),
};

const IT = `scheda t anno 2025 lingua it

dati persona {
  matricola: testo chiave
  punti: punti
}

calcola doppi = doppio(punti)
vincolo "Il doppio di due": doppio(2) = 4
`;

const year = yearRunner('scheda-ops-');

describe('a toy operation added to a copy of the registry', () => {
  const reg = REGISTRY.copy().add(TOY);

  it('is unknown to the real registry, which stays as it was', () => {
    expect(REGISTRY.get('double')).toBeUndefined();
    expect(diagnosticsOf(IT).map((d) => d.code)).toContain('unknown-function');
    expect(ops()).toBe(REGISTRY);
  });

  it('parses and prints in both languages (doppio / double)', () => {
    withRegistry(reg, () => {
      expect(functionNames('en')).toContain('double');
      expect(functionWord('doppio' as never, 'en')).toBe('double');
      const en = format(parse(IT, 't.scheda').ast, 'en');
      expect(en).toContain('compute doppi = double(punti)');
      expect(parse(en, 't.scheda').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(format(parse(en, 't.scheda').ast, 'it')).toBe(format(parse(IT, 't.scheda').ast, 'it'));
    });
  });

  it('type-checks: its unit is its argument\'s, its arity and argument type are enforced', () => {
    withRegistry(reg, () => {
      const b = bundleOf(IT);
      expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(b.checked!.schemes.get('t')!.syms.names.get('doppi')!.ty).toMatchObject({ t: 'num', unit: 'punti' });
      const bad = IT + 'calcola x = doppio(matricola)\ncalcola y = doppio(punti; punti)\n';
      expect(diagnosticsOf(bad).filter((d) => d.severity === 'error').map((d) => `${where(d)} ${d.code} «${pointedText(bad, d)}»`)).toEqual([
        '10:20 type-mismatch «matricola»',
        '11:13 wrong-arguments «doppio(punti; punti)»',
      ]);
    });
  });

  it('compiles to its IR, which validates against the schema generated from the copy (and not against the real one)', () => {
    const ir = withRegistry(reg, () => bundleOf(IT).irs.get('t')!);
    expect(ir.decls.find((d) => d.name === 'doppi')!.expr).toEqual({ double: [{ var: 'persona.punti' }] });
    expect(whitelist(irSchemaOf(reg))).toContain('double');
    expect(withRegistry(reg, () => irProblems(ir))).toEqual([]);
    expect(irProblems(ir).join('\n')).toMatch(/must NOT have additional properties/);
  });

  it('folds in a constraint at compile time, and evaluates exactly on a population', async () => {
    const wrong = IT.replace('doppio(2) = 4', 'doppio(2) = 5');
    expect(withRegistry(reg, () => bundleOf(wrong).diagnostics.map((d) => d.code))).toContain('constraint-violated');
    const r = await withRegistry(reg, () => year(IT, 'matricola;punti\nA;12,5\nB;0,1\n'));
    expect(r.ok).toBe(true);
    const run = r.runs.get('t')!;
    expect(run.pop.persons.map((_, p) => show(run.ev.value('doppi', { level: 'persona', p })))).toEqual(['25', '0.2']);
  });
});

describe('a registry', () => {
  it('starts empty, and a copy is independent of its original', () => {
    const r = new Registry();
    expect(r.entries()).toEqual([]);
    const c = r.copy().add(TOY);
    expect(c.get('double')).toBe(TOY);
    expect(r.get('double')).toBeUndefined();
  });
});

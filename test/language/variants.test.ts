// Named variants: an alternative reading declared beside a `nota`, checked like the main reading, switched
// bundle-wide by name, carried in the IR, run by `--variant` (see test/cli/test-update.test.ts for the CLI).
import { describe, expect, it } from 'vitest';
import { buildBundle, unknownVariant } from '../../engine/pipeline.ts';
import { parse } from '../../engine/syntax/index.ts';
import { format } from '../../engine/format/format.ts';
import { runExample } from '../../engine/run/examples.ts';
import { applyVariantIr } from '../../engine/compile/variants.ts';
import { validateIr } from '../../engine/compile/validate.ts';
import { Evaluator } from '../../engine/run/evaluate.ts';
import { D } from '../../engine/run/decimal.ts';
import type { IrScheme } from '../../engine/compile/ir.ts';
import type { V } from '../../engine/run/population.ts';

const IT = `scheda paga anno 2025 lingua it
dati persona {
  matricola: testo chiave
  incentivi: euro
}
calcola soglia = scala tronca(incentivi; 0) {
  da 1.500,00 € → 100%
  fino a 1.499,00 € → 0%
}
  nota "Lettura: l'importo si confronta troncato all'euro."
  variante arrotondate "Importi arrotondati all'euro": scala arrotonda(incentivi; 0) {
    da 1.500,00 € → 100%
    fino a 1.499,00 € → 0%
  }
calcola taglio = incentivi * soglia
esempio "Troncato: 1.499,50 € resta sotto" {
  dato incentivi = 1.499,50 €
  atteso soglia = 0%
}
esempio "Arrotondato: 1.499,50 € arriva a 1.500" variante arrotondate {
  dato incentivi = 1.499,50 €
  atteso soglia = 100%
}
esempio "Sotto 1.000 € nessuna lettura taglia" ogni variante {
  dato incentivi = 900 €
  atteso taglio = 0 €
}
`;

const EN = `scheme pay year 2025 language en
inputs person {
  id: text key
  bonus_base: euro
}
compute rate = 10%
  note "Reading: ten per cent."
  variant high "Twenty per cent": 20%
compute bonus = bonus_base * rate
example "High reading" variant high {
  given bonus_base = 100 €
  expect bonus = 20.00 €
}
`;

const build = (files: Record<string, string>, variant?: string) =>
  buildBundle(Object.entries(files).map(([id, text]) => ({ id, file: `${id}.scheda`, text })), variant !== undefined ? { variant } : {});
const errors = (b: ReturnType<typeof build>) => b.diagnostics.filter((d) => d.severity === 'error');

describe('named variants', () => {
  it('a variant reads, formats and translates in both keyword sets', () => {
    for (const text of [IT, EN]) {
      const p = parse(text, 'x.scheda');
      expect(p.diagnostics).toEqual([]);
      const same = format(p.ast, p.ast.lang);
      expect(same).toMatch(p.ast.lang === 'it' ? /\n  variante \w+ "/ : /\n  variant \w+ "/);
      const other = format(p.ast, p.ast.lang === 'it' ? 'en' : 'it');
      expect(format(parse(other, 'x.scheda').ast, p.ast.lang)).toBe(same);
    }
  });

  it('the bundle lists its variants and the IR carries, valid against the schema, the expressions each replaces', () => {
    const b = build({ paga: IT });
    expect(errors(b)).toEqual([]);
    expect([...b.variants!.keys()]).toEqual(['arrotondate']);
    const ir = b.irs.get('paga')!;
    expect(ir.variants).toHaveLength(1);
    expect(ir.variants![0]).toMatchObject({ name: 'arrotondate', label: 'Importi arrotondati all\'euro', replace: [{ target: 'decl', name: 'soglia' }] });
    expect(JSON.stringify(ir.variants![0].replace[0].expr)).toContain('"round"');
    expect(validateIr(ir, 'paga.scheda')).toEqual([]);
  });

  it('a bundle built under a variant computes the variant, and its IR says which; the IR applied gives the same value', () => {
    const person = (ir: IrScheme) => {
      const ev = new Evaluator(ir, { ente: new Map(), units: new Map(), persons: [{ key: 'A', inputs: new Map<string, V>([['matricola', 'A'], ['incentivi', new D('1499.5')]]) }], tables: new Map(), ext: new Map() });
      return String(ev.value('soglia', { level: 'persona', p: 0 }));
    };
    const main = build({ paga: IT });
    const under = build({ paga: IT }, 'arrotondate');
    expect(under.irs.get('paga')!.variant).toEqual({ name: 'arrotondate', label: "Importi arrotondati all'euro" });
    expect(person(main.irs.get('paga')!)).toBe('0');
    expect(person(under.irs.get('paga')!)).toBe('1');
    expect(person(applyVariantIr(main.irs.get('paga')!, 'arrotondate'))).toBe('1');
  });

  it('examples run in their reading: plain under the main one, `variante` under it, `ogni variante` under each', () => {
    const main = build({ paga: IT }).irs.get('paga')!;
    const under = build({ paga: IT }, 'arrotondate').irs.get('paga')!;
    expect(main.examples.map((e) => [e.variant, e.every])).toEqual([[undefined, undefined], ['arrotondate', undefined], [undefined, true]]);
    expect(runExample(main, main.examples[0]).ok).toBe(true);
    expect(runExample(under, under.examples[1]).ok).toBe(true);
    expect(runExample(main, main.examples[1]).ok).toBe(false); // the variant's example does not hold in the main reading
    expect(runExample(main, main.examples[2]).ok && runExample(under, under.examples[2]).ok).toBe(true);
    const en = build({ pay: EN }, 'high').irs.get('pay')!;
    expect(runExample(en, en.examples[0]).ok).toBe(true);
  });

  it('one name switches every declaration that carries it, across the schemes of a bundle', () => {
    const a = `scheda sa anno 2025 lingua it
dati ente {
  base: euro
}
calcola quota per ente = 10%
  variante alta "Quote alte": 20%
calcola importo per ente = base * quota
`;
    const b = `scheda sb anno 2025 lingua it
usa sa
dati ente {
  extra: euro
}
calcola quota_b per ente = 1%
  variante alta: 2%
calcola totale_b per ente = sa.importo + extra * quota_b
`;
    const main = build({ sa: a, sb: b });
    expect(errors(main)).toEqual([]);
    expect(main.variants!.get('alta')!.places.map((p) => `${p.scheme}.${p.decl}`)).toEqual(['sa.quota', 'sb.quota_b']);
    const under = build({ sa: a, sb: b }, 'alta');
    const ja = JSON.stringify(under.irs.get('sa')!.decls.find((d) => d.name === 'quota')!.expr);
    const jb = JSON.stringify(under.irs.get('sb')!.decls.find((d) => d.name === 'quota_b')!.expr);
    expect([ja, jb]).toEqual(['{"dec":"0.2"}', '{"dec":"0.02"}']);
  });

  it('a variant is checked like the main reading: a unit error or a cycle it brings is reported with its name', () => {
    const unitErr = IT.replace('variante arrotondate "Importi arrotondati all\'euro": scala arrotonda(incentivi; 0) {', 'variante arrotondate "Importi arrotondati all\'euro": scala arrotonda(incentivi; 0) + 5 punti {');
    const ds = errors(build({ paga: unitErr }));
    expect(ds.length).toBeGreaterThan(0);
    const cyc = `scheda c anno 2025 lingua it
dati ente {
  base: euro
}
calcola x per ente = base
  variante giro "Legge y": y
calcola y per ente = x * 2
`;
    const cds = errors(build({ c: cyc }));
    expect(cds.some((d) => d.code === 'variant-problem' && /giro/.test(d.message)), JSON.stringify(cds)).toBe(true);
    expect(errors(build({ c: cyc.replace('  variante giro "Legge y": y\n', '') }))).toEqual([]);
  });

  it('a variant where none may stand, twice on one declaration, or named by an example but declared nowhere is an error', () => {
    const here = IT.replace('  incentivi: euro\n', '  incentivi: euro\n') + `vincolo "Sempre": vero\n  variante arrotondate: falso\n`;
    expect(errors(build({ paga: here })).map((d) => d.code)).toContain('variant-not-here');
    const twice = IT.replace('calcola taglio = incentivi * soglia', 'calcola taglio = incentivi * soglia\n  variante doppia: 0 €\n  variante doppia: 1 €');
    expect(errors(build({ paga: twice })).map((d) => d.code)).toContain('variant-duplicate');
    const typo = IT.replace('variante arrotondate {', 'variante arrotondat {');
    const d = errors(build({ paga: typo })).find((x) => x.code === 'variant-unknown');
    expect(d?.hint).toContain('arrotondate');
  });

  it('an unknown variant asked for is refused with the nearest name', () => {
    const b = build({ paga: IT });
    expect(unknownVariant(b, 'arrotondate')).toBeUndefined();
    expect(unknownVariant(b, 'arotondate')).toMatch(/«arrotondate»/);
  });
});

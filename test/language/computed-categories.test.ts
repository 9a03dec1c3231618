// Computed categories (issue 8.2): a `calcola` whose value is a label of a declared enumeration — by a scale
// mapping one classification into another, or by if/else — type-checked against its values, and usable wherever
// an input category is: `dove`, `in (…)`, scales, report rows, examples, results. Italian and English.
import { describe, expect, it } from 'vitest';
import { bundleOf, diagnosticsOf, pointedText, where } from '../check/helpers.ts';
import { runExample } from '../../engine/run/examples.ts';
import { parse } from '../../engine/syntax/index.ts';
import { format } from '../../engine/format/format.ts';
import { treeKey } from '../../engine/format/translate.ts';
import type { V } from '../../engine/run/population.ts';
import { show, yearRunner } from './year-helpers.ts';

const year = yearRunner('scheda-cat-');
const errors = (text: string) => diagnosticsOf(text).filter((d) => d.severity === 'error').map((d) => `${where(d)} ${d.code} «${pointedText(text, d)}»`);

const IT = `scheda t anno 2025 lingua it

dati persona {
  matricola: testo chiave
  qualifica: uno_tra(B1; B3; C1; D1)
  punti: punti da 0 a 100
}

calcola area: uno_tra(operatori; istruttori; funzionari) = scala qualifica {
  B1 → operatori
  B3 → operatori
  C1 → istruttori
  D1 → funzionari
}

calcola fascia: uno_tra(alta; media; bassa) = se punti >= 90 allora alta altrimenti se punti >= 60 allora media altrimenti bassa

calcola premio = scala area {
  funzionari → 300 €
  altrimenti → 100 €
}

calcola premiato = fascia in (alta; media) e area <> operatori
calcola area_bis: area = se qualifica = D1 allora funzionari altrimenti area

prospetto distribuzione "Distribuzione" {
  operatori_premiati = conta(premiato dove area = operatori)
  funzionari_alti = conta(matricola dove area = funzionari e fascia = alta)
  premi_istruttori = somma(premio dove area in (istruttori))
}

esempio "Un funzionario con 95 punti" {
  dato qualifica = D1
  dato punti = 95 punti
  atteso area = funzionari
  atteso fascia = alta
  atteso premio = 300 €
  atteso premiato = vero
}
`;

const PERSONS = 'matricola;qualifica;punti\nA;B1;95\nB;B3;70\nC;C1;92\nD;D1;95\nE;D1;50\nF;C1;61\n';

describe('computed categories', () => {
  it('map one classification into another, and choose a label by if/else', async () => {
    const r = await year(IT, PERSONS);
    expect(r.ok).toBe(true);
    const run = r.runs.get('t')!;
    const row = (name: string) => run.pop.persons.map((p, i) => `${p.key}:${show(run.ev.value(name, { level: 'persona', p: i }))}`).join(' ');
    expect(row('area')).toBe('A:operatori B:operatori C:istruttori D:funzionari E:funzionari F:istruttori');
    expect(row('fascia')).toBe('A:alta B:media C:alta D:alta E:bassa F:media');
    expect(row('premio')).toBe('A:100 B:100 C:100 D:300 E:300 F:100');
    expect(row('premiato')).toBe('A:false B:false C:true D:true E:false F:true');
    expect(row('area_bis')).toBe('A:operatori B:operatori C:istruttori D:funzionari E:funzionari F:istruttori');
  });

  it('are read in `dove`, `in (…)` and scales of report rows', async () => {
    const r = await year(IT, PERSONS);
    const run = r.runs.get('t')!;
    const v = (name: string) => show(run.ev.value(name, { level: 'ente' }));
    expect([v('operatori_premiati'), v('funzionari_alti'), v('premi_istruttori')]).toEqual(['0', '1', '200']);
  });

  it('carry their values into the IR, as an input category does', () => {
    const ir = bundleOf(IT).irs.get('t')!;
    expect(ir.decls.find((d) => d.name === 'area')!.type).toEqual({ base: 'enum', values: ['operatori', 'istruttori', 'funzionari'] });
    expect(ir.decls.find((d) => d.name === 'area_bis')!.type).toEqual({ base: 'enum', values: ['operatori', 'istruttori', 'funzionari'] });
  });

  it('are expected by label in the examples', () => {
    const ir = bundleOf(IT).irs.get('t')!;
    expect(ir.examples.map((ex) => runExample(ir, ex).ok)).toEqual([true]);
  });

  it('print canonically, translate to English and back', () => {
    const a = parse(IT, 't.scheda');
    expect(format(a.ast, 'it')).toBe(IT);
    const en = format(a.ast, 'en');
    expect(en).toContain('compute area: one_of(operatori, istruttori, funzionari) = scale qualifica {');
    expect(en).toContain('compute area_bis: area = if qualifica = D1 then funzionari else area');
    const b = parse(en, 't.scheda');
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(treeKey(b.ast)).toBe(treeKey(a.ast));
    expect(diagnosticsOf(en).filter((d) => d.severity === 'error')).toEqual([]);
  });

  const HEAD = `scheda t anno 2025 lingua it

dati persona {
  matricola: testo chiave
  qualifica: uno_tra(B1; C1; D1)
  punti: punti
}

`;

  it('undeclared, say how to declare the category (not «declare it among the inputs»)', () => {
    const src = HEAD + 'calcola fascia = se punti >= 90 allora alta altrimenti bassa';
    expect(errors(src)).toEqual(['9:40 category-not-declared «alta»', '9:56 category-not-declared «bassa»']);
    const d = diagnosticsOf(src)[0];
    expect(d.message).toBe('«alta» non è dichiarato: se è un valore di una categoria calcolata, i valori della categoria vanno dichiarati.');
    expect(d.hint).toContain('«calcola fascia: uno_tra(alta; bassa) = …»');
    expect(d.hint).not.toContain('tra i dati');
  });

  it('undeclared in a scale, the same', () => {
    expect(errors(HEAD + 'calcola area = scala qualifica { B1 → operatori; C1 → istruttori; D1 → funzionari }')).toEqual([
      '9:39 category-not-declared «operatori»', '9:55 category-not-declared «istruttori»', '9:72 category-not-declared «funzionari»',
    ]);
  });

  it.each([
    ['a label not among the declared values', 'calcola f: uno_tra(alta; bassa) = se punti >= 90 allora alta altrimenti media', '9:73 bad-enum-label «media»'],
    ['a category from another with more values', 'calcola q: uno_tra(B1; C1) = qualifica', '9:30 category-values-mismatch «qualifica»'],
    ['a number where a category is declared', 'calcola q: uno_tra(B1; C1) = punti', '9:30 type-mismatch «punti»'],
    ['a comparison with a label of no value', 'calcola f: uno_tra(alta; bassa) = se punti >= 90 allora alta altrimenti bassa\ncalcola g = f = altissima', '10:17 bad-enum-label «altissima»'],
    ['a type name that is no category', 'calcola f: fascia_x = alta', '9:12 unknown-type «fascia_x»'],
  ])('%s is an error with its code and position', (_what, body, expected) => {
    expect(errors(HEAD + body)).toEqual([expected]);
  });

  it('a scale that misses a value of the source category is reported', () => {
    const src = HEAD + 'calcola m: uno_tra(x; y) = scala qualifica { B1 → x; C1 → y }';
    expect(diagnosticsOf(src).map((d) => `${where(d)} ${d.code} ${d.severity}`)).toEqual(['9:54 table-uncovered warning']);
  });

  it('an unknown label says where the category\'s values are declared', () => {
    const d = diagnosticsOf(HEAD + 'calcola f: uno_tra(alta; bassa) = se punti >= 90 allora alta altrimenti media').find((x) => x.code === 'bad-enum-label')!;
    expect(d.message).toBe('«media» non è uno dei valori ammessi (alta, bassa), dichiarati in «f» a 9:12.');
  });

  it('read the same in an English scheme, with its English message', async () => {
    const en = `scheme t year 2025 language en

inputs person {
  id: text key
  score: points
}

compute band: one_of(high, low) = if score >= 90 then high else low
compute bonus = scale band { high → 100 €; low → 0 € }
`;
    const r = await year(en, 'id;score\nA;95\nB;10\n');
    const run = r.runs.get('t')!;
    expect(run.pop.persons.map((_, i) => `${show(run.ev.value('band', { level: 'persona', p: i }))}/${show(run.ev.value('bonus', { level: 'persona', p: i }))}`)).toEqual(['high/100', 'low/0']);
    const bad = en.replace('compute band: one_of(high, low)', 'compute band');
    const d = diagnosticsOf(bad).find((x) => x.code === 'category-not-declared')!;
    expect(d.message).toBe('«high» is not declared: if it is a value of a computed category, the category\'s values must be declared.');
    expect(d.hint).toContain('«compute band: one_of(high, low) = …»');
  });
});

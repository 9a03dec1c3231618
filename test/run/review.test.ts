// Defects found in review, each pinned by the smallest scheme that showed it.
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';
import { runExample } from '../../engine/run/examples.ts';
import { Evaluator } from '../../engine/run/evaluate.ts';
import { D } from '../../engine/run/decimal.ts';
import type { Population, V } from '../../engine/run/population.ts';

function compile(text: string) {
  const b = buildBundle([{ id: 't', file: 't.scheda', text }]);
  const errs = b.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) throw new Error(errs.map((d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`).join('\n'));
  return b.irs.get('t')!;
}

function population(persons: { key: string; unit: string; inputs: Record<string, V> }[], tables: Record<string, Record<string, V>[]> = {}): Population {
  return {
    ente: new Map(), units: new Map(), ext: new Map(),
    persons: persons.map((p) => ({ key: p.key, unit: p.unit, inputs: new Map(Object.entries({ ...p.inputs })) })),
    tables: new Map(Object.entries(tables).map(([k, rows]) => [k, rows.map((r) => new Map(Object.entries(r)))])),
  };
}

describe('review fixes', () => {
  it('keeps a weighted section exact: scores worth exactly 60 pass a «>= 60» gate', () => {
    const ir = compile(`scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  punti_a: punti da 0 a 15
  punti_b: punti da 0 a 15
}
totale max 100 punti
sezione s max 100 punti {
  voce va max 15 punti peso 20% = punti_a
  voce vb max 15 punti peso 80% = punti_b
}
requisito soglia: totale >= 60 punti
esempio "1 e 11" {
  dato punti_a = 1 punti
  dato punti_b = 11 punti
  atteso totale = 60 punti
  atteso ammesso = vero
}
`);
    expect(runExample(ir, ir.examples[0])).toMatchObject({ ok: true });
  });

  it('computes an entity-wide mean inside an entity-wide count, whatever unit the persons are in', () => {
    const ir = compile(`scheda t anno 2025 lingua it
unità ufficio
dati persona {
  matricola: testo chiave
  ufficio: ufficio
  p: punti
}
calcola sopra_media per ente = conta(p dove p > media(p))
`);
    const scores = [['A', 10], ['A', 20], ['B', 80], ['B', 81], ['B', 82], ['B', 97]] as const;
    const pop = population(scores.map(([u, p], i) => ({ key: `P${i}`, unit: u, inputs: { matricola: `P${i}`, ufficio: u, p: new D(p) } })));
    expect(String(new Evaluator(ir, pop).value('sopra_media', { level: 'ente' }))).toBe('4');
  });

  it('splits a unit pot within the unit even when summed across the entity', () => {
    const ir = compile(`scheda t anno 2025 lingua it
unità ufficio
dati ufficio {
  codice: testo chiave
  fondo_ufficio: euro
}
dati persona {
  matricola: testo chiave
  ufficio: ufficio
}
calcola quota_x = ripartisci(fondo_ufficio; 1)
calcola totale_quote per ente = somma(ripartisci(fondo_ufficio; 1))
parità: matricola crescente
`);
    const pop = population([{ key: 'P1', unit: 'A', inputs: { matricola: 'P1', ufficio: 'A' } }, { key: 'P2', unit: 'A', inputs: { matricola: 'P2', ufficio: 'A' } }, { key: 'P3', unit: 'B', inputs: { matricola: 'P3', ufficio: 'B' } }]);
    pop.units.set('A', new Map<string, V>([['codice', 'A'], ['fondo_ufficio', new D(100)]]));
    pop.units.set('B', new Map<string, V>([['codice', 'B'], ['fondo_ufficio', new D(300)]]));
    expect(String(new Evaluator(ir, pop).value('totale_quote', { level: 'ente' }))).toBe('400');
  });

  it('matches rows of a per-person table to a numeric person key', () => {
    const ir = compile(`scheda t anno 2025 lingua it
dati persona {
  matricola: intero chiave
}
tabella assenze per persona {
  matricola: intero
  durata: giorni
}
calcola giorni_assenza = somma(assenze.durata)
`);
    const pop = population([{ key: '1', unit: '', inputs: { matricola: new D(1) } }, { key: '2', unit: '', inputs: { matricola: new D(2) } }], { assenze: [{ matricola: new D(1), durata: new D(10) }, { matricola: new D(2), durata: new D(5) }] });
    const ev = new Evaluator(ir, pop);
    expect([0, 1].map((p) => String(ev.value('giorni_assenza', { level: 'persona', p })))).toEqual(['10', '5']);
  });

  it('caps a penalty at its declared maximum and refuses a negative deduction', () => {
    const ir = compile(`scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  ritardi: intero
}
penalità ritardi_p max 10 punti = ritardi * 2 punti
esempio "8 ritardi: 10 punti, non 16" {
  dato ritardi = 8
  atteso ritardi_p = 10 punti
}
esempio "un numero negativo non è un bonus" {
  dato ritardi = -3
  atteso ritardi_p = 0 punti
}
`);
    expect(runExample(ir, ir.examples[0]).ok).toBe(true);
    expect(runExample(ir, ir.examples[1]).error?.code).toBe('item-over-max');
  });

  it('orders tie keys on an enumeration as declared, not alphabetically', () => {
    const ir = compile(`scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  livello: uno_tra(bassa; media; alta)
}
calcola scelto = migliori 1 per 1
parità: livello decrescente; matricola crescente
`);
    const pop = population([{ key: 'P1', unit: '', inputs: { matricola: 'P1', livello: 'media' } }, { key: 'P2', unit: '', inputs: { matricola: 'P2', livello: 'alta' } }]);
    const ev = new Evaluator(ir, pop);
    expect([0, 1].map((p) => ev.value('scelto', { level: 'persona', p }))).toEqual([false, true]);
  });
});

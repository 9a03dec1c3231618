// Cases found by writing a second body's scheme from the README alone.
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';
import { runExample } from '../../engine/run/examples.ts';
import { diagnosticsOf } from './helpers.ts';

describe('what an HR officer writes by mistake', () => {
  it('refuses a misspelt type instead of reading it as a unit, with did-you-mean', () => {
    const ds = diagnosticsOf('scheme t year 2025 language en\nunit office\ninputs person {\n  id: text key\n  office: office\n  q: percentage\n  r: procent\n}\n');
    const errs = ds.filter((d) => d.severity === 'error');
    expect(errs.map((d) => [d.code, `${d.span.line}:${d.span.col}`])).toEqual([['unknown-type', '7:6']]);
    expect(errs[0].hint).toContain('«percent»');
  });

  it('does not reserve an Italian function name in an English scheme', () => {
    const ds = diagnosticsOf('scheme t year 2025 language en\ninputs person {\n  id: text key\n  somma_x: number\n}\ncompute quota = 1\n');
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('weighted sections', () => {
  it('scale each item to its weight of the section maximum', () => {
    const text = 'scheda w anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  a_in: punti da 0 a 60\n  b_in: punti da 0 a 40\n}\ntotale max 100 punti\nsezione s "S" max 100 punti {\n  voce va max 60 punti peso 50% = a_in\n  voce vb max 40 punti peso 50% = b_in\n}\nesempio "pesi" {\n  dato a_in = 60 punti\n  dato b_in = 20 punti\n  atteso s = 75 punti\n}\n';
    const b = buildBundle([{ id: 'w', file: 'w.scheda', text }]);
    expect(b.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const ir = b.irs.get('w')!;
    expect(runExample(ir, ir.examples[0]).ok).toBe(true);
  });

  it('require a weight on every item once one item has one', () => {
    const ds = diagnosticsOf('scheda w anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  a_in: punti\n  b_in: punti\n}\ntotale max 100 punti\nsezione s max 100 punti {\n  voce va max 60 punti peso 100% = a_in\n  voce vb max 40 punti = b_in\n}\n');
    expect(ds.map((d) => [d.code, `${d.span.line}:${d.span.col}`])).toEqual([['weight-missing', '10:8']]);
  });
});

describe('more of what a second body needed', () => {
  const unitScheme = (body: string) => `scheda uw anno 2025 lingua it
unità ufficio
dati ufficio {
  codice: testo chiave
  coefficiente: numero
}
dati persona {
  matricola: testo chiave
  ufficio: ufficio
  giudizio: uno_tra(insufficiente; buono; ottimo)
  mesi_servizio: mesi da 0 a 12
}
${body}
`;

  it('sums per-unit values over the units of the entity', () => {
    const b = buildBundle([{ id: 'uw', file: 'uw.scheda', text: unitScheme('calcola peso_ufficio per ufficio = coefficiente * 3\ncalcola peso_tot per ente = somma(peso_ufficio)\nesempio "x" {\n  dato coefficiente = 2\n  atteso peso_tot = 6\n}') }]);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ir = b.irs.get('uw')!;
    expect(runExample(ir, ir.examples[0]).ok).toBe(true);
  });

  it('suggests the right label when an example gives an unknown enumeration value', () => {
    const ds = diagnosticsOf(unitScheme('calcola punti_giudizio = scala giudizio { insufficiente → 0; buono → 5; ottimo → 10 }\nesempio "x" {\n  dato giudizio = otimo\n  atteso punti_giudizio = 10\n}'), 'uw');
    expect(ds.map((d) => d.code)).toEqual(['bad-enum-label']);
    expect(ds[0].hint).toContain('«ottimo»');
  });

  it('checks the unit of an expected value and the range of a given one', () => {
    const ds = diagnosticsOf(unitScheme('calcola premio_x = 600 €\nesempio "x" {\n  dato mesi_servizio = 13 mesi\n  atteso premio_x = 600 punti\n}'), 'uw');
    expect(ds.map((d) => d.code).sort()).toEqual(['example-out-of-range', 'type-mismatch']);
  });

  it('gives no gap warning when the table has an «altrimenti» row', () => {
    const ds = diagnosticsOf(unitScheme('calcola x = scala coefficiente { da 3 → 1; 2 → 2; altrimenti → 0 }'), 'uw');
    expect(ds.filter((d) => d.code === 'table-gap')).toEqual([]);
  });

  it('accepts a report with one row per unit', () => {
    const ds = diagnosticsOf(unitScheme('prospetto per_ufficio "Per ufficio" per ufficio {\n  persone "Persone" = conta(matricola <> "")\n}'), 'uw');
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('one mistake, one diagnostic', () => {
  it('reports an unknown name once, whether it is a bands subject, a scale subject or an allocation pot', () => {
    const ds = diagnosticsOf(`scheda t anno 2025 lingua it
unità ufficio
dati persona {
  matricola: testo chiave
  ufficio: ufficio
  p: punti da 0 a 10
}
totale max 10 punti
voce v max 10 punti = p
fasce f su totalx {
  bassa da 0 sotto 5 → 0%
  alta da 5 a 10 → 100%
}
calcola s = scala pp { da 0 → 1 }
calcola quota_x = ripartisci(fondox; 1)
calcola somma_quote per ente = somma(ripartisci(fondoy; 1))
parità: matricola crescente
`);
    expect(ds.map((d) => `${d.span.line}:${d.span.col} ${d.code}`)).toEqual([
      '10:12 unknown-name', '14:19 unknown-name', '15:30 unknown-name-nosuggest', '16:49 unknown-name-nosuggest',
    ]);
  });
});

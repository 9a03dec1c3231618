// Expressions (issue 8.2): integer division and remainder, local names (`sia` / `let`) and pure functions
// declared in the scheme — checked (arity, types, units, recursion, what a function may read), compiled by
// inlining into the IR, run on data, explained, formatted and translated. Small schemes, Italian and English.
import { describe, expect, it } from 'vitest';
import { bundleOf, diagnosticsOf, pointedText, where } from '../check/helpers.ts';
import { runExample } from '../../engine/run/examples.ts';
import { explainPerson, explanationText } from '../../engine/explain.ts';
import { parse } from '../../engine/syntax/index.ts';
import { format } from '../../engine/format/format.ts';
import { treeKey } from '../../engine/format/translate.ts';
import type { V } from '../../engine/run/population.ts';
import { show, yearRunner } from './year-helpers.ts';

const year = yearRunner('scheda-expr-');

async function values(text: string, persons: string, names: string[]): Promise<Record<string, string[]>> {
  const r = await year(text, persons);
  if (!r.ok) throw new Error(JSON.stringify([...r.dataErrors, ...r.problems]));
  const run = r.runs.get('t')!;
  return Object.fromEntries(run.pop.persons.map((p, i) => [p.key, names.map((name) => show(run.ev.value(name, { level: 'persona', p: i })))]));
}

/** Each error diagnostic as `line:col code «pointed text»`. */
const errors = (text: string) => diagnosticsOf(text).filter((d) => d.severity === 'error').map((d) => `${where(d)} ${d.code} «${pointedText(text, d)}»`);

/** Prints `text` in `lang` and reads it back: the same tree, no error. */
function roundTrip(text: string, lang: 'it' | 'en'): string {
  const a = parse(text, 't.scheda');
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const out = format(a.ast, lang);
  const b = parse(out, 't.scheda');
  expect(b.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  expect(treeKey(b.ast)).toBe(treeKey(a.ast));
  expect(format(b.ast, lang)).toBe(out);
  return out;
}

const IT_DIV = `scheda t anno 2025 lingua it

dati persona {
  matricola: testo chiave
  giorni_servizio: giorni
  importo: numero
  divisore: numero
}

calcola mesi_interi = quoziente(giorni_servizio; 30 giorni)
calcola giorni_oltre = resto(giorni_servizio; 30)
calcola quote = quoziente(importo; 2,5)
calcola avanzo = resto(importo; 2,5)
calcola per_divisore = quoziente(importo; divisore)
`;

describe('integer division and remainder', () => {
  it('round down (toward minus infinity), exactly on decimals, and a = b × quoziente + resto', async () => {
    const v = await values(IT_DIV, 'matricola;giorni_servizio;importo;divisore\nA;200;10,00;3\nB;10;-7,00;-2\nC;29,5;0;4\n',
      ['mesi_interi', 'giorni_oltre', 'quote', 'avanzo', 'per_divisore']);
    expect(v).toEqual({
      A: ['6', '20', '4', '0', '3'],
      B: ['0', '10', '-3', '0.5', '3'],
      C: ['0', '29.5', '0', '0', '0'],
    });
  });

  it('by zero, stops the run naming the person and the value', async () => {
    const r = await year(IT_DIV, 'matricola;giorni_servizio;importo;divisore\nA;200;10,00;3\nB;10;5,00;0\n');
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ person: 'B', rule: 'per_divisore' });
    expect(r.problems[0].message).toContain('divisione per zero in «per_divisore»');
  });

  it('follow the unit algebra: days over a plain number stay days, days over days are a whole number, plain numbers stay plain', () => {
    const b = bundleOf(IT_DIV);
    const types = new Map([...b.checked!.schemes.get('t')!.syms.names.values()].map((s) => [s.name, s.ty]));
    expect(types.get('mesi_interi')).toEqual({ t: 'num', unit: 'intero', dp: 0 });
    expect(types.get('giorni_oltre')).toMatchObject({ t: 'num', unit: 'giorni' });
    expect(types.get('quote')).toEqual({ t: 'num', unit: 'intero', dp: 0 });
    expect(types.get('avanzo')).toMatchObject({ t: 'num', unit: 'numero' });
    expect(types.get('per_divisore')).toEqual({ t: 'num', unit: 'intero', dp: 0 });
  });

  it('refuses a remainder by another unit, and a wrong number of arguments', () => {
    const src = IT_DIV + 'calcola x = resto(importo; 3 giorni)\ncalcola y = quoziente(importo)\n';
    expect(errors(src)).toEqual([
      '15:28 unit-mismatch «3 giorni»',
      '16:13 wrong-arguments «quoziente(importo)»',
    ]);
  });

  it('read the same in English (quotient, remainder)', async () => {
    const en = roundTrip(IT_DIV, 'en');
    expect(en).toContain('compute mesi_interi = quotient(giorni_servizio, 30 days)');
    expect(en).toContain('compute avanzo = remainder(importo, 2.5)');
    expect(roundTrip(en, 'it')).toBe(IT_DIV);
  });
});

const IT_FN = `scheda t anno 2025 lingua it

dati persona {
  matricola: testo chiave
  stipendio: euro
  mesi_servizio: mesi
  punti: punti da 0 a 100
}

funzione pro_rata(importo: euro; mesi: mesi) = importo * mesi / 12 mesi
funzione con_maggiorazione(importo: euro; quota: percentuale) = importo + importo * quota

calcola base = pro_rata(stipendio; mesi_servizio)

calcola premio =
  sia pieno = pro_rata(stipendio; 12 mesi);
  sia ridotto = base * 50%;
  se punti >= 90 allora con_maggiorazione(pieno; 10%) altrimenti se punti >= 60 allora base altrimenti ridotto

esempio "Un anno intero, 95 punti" {
  dato stipendio = 1.200 €
  dato mesi_servizio = 12 mesi
  dato punti = 95 punti
  atteso premio = 1.320 €
}
`;

describe('local names and functions declared in the scheme', () => {
  it('compute as written: a function is its body with the arguments in place of the parameters', async () => {
    const v = await values(IT_FN, 'matricola;stipendio;mesi_servizio;punti\nA;1200;6;95\nB;1200;6;70\nC;1000;3;10\n', ['base', 'premio']);
    expect(v).toEqual({ A: ['600', '1320'], B: ['600', '600'], C: ['250', '125'] });
  });

  it('run in the examples written in the scheme', () => {
    const ir = bundleOf(IT_FN).irs.get('t')!;
    expect(ir.examples.map((ex) => runExample(ir, ex).ok)).toEqual([true]);
  });

  it('are inlined: the IR has no new operation, and names the functions each value calls', () => {
    const ir = bundleOf(IT_FN).irs.get('t')!;
    const base = ir.decls.find((d) => d.name === 'base')!;
    expect(base.expr).toEqual({ '/': [{ '*': [{ var: 'persona.stipendio' }, { var: 'persona.mesi_servizio' }] }, { dec: '12' }] });
    expect(base.functions).toEqual(['pro_rata']);
    expect(ir.decls.find((d) => d.name === 'premio')!.functions).toEqual(['con_maggiorazione', 'pro_rata']);
  });

  it('are named in explain', async () => {
    const r = await year(IT_FN, 'matricola;stipendio;mesi_servizio;punti\nA;1200;6;95\n');
    const x = explainPerson(r.runs.get('t')!, 'A')!;
    const text = explanationText(x, 'it');
    expect(text).toContain('premio = 1.320,00 €');
    expect(text).toContain('con le funzioni: con_maggiorazione, pro_rata');
    expect(x.figures.find((f) => f.name === 'premio')!.reads.map((r) => r.name)).toEqual(['dato punti', 'dato stipendio', 'base']);
  });

  it('print canonically and translate to English and back', () => {
    const en = roundTrip(IT_FN, 'en');
    expect(en).toContain('function pro_rata(importo: euro, mesi: months) = importo * mesi / 12 months');
    expect(en).toContain('compute premio =\n  let pieno = pro_rata(stipendio, 12 months),\n  let ridotto = base * 50%,\n  if punti >= 90 then');
    expect(roundTrip(en, 'it')).toBe(IT_FN);
  });

  it('read the same in an English scheme', async () => {
    const en = `scheme t year 2025 language en

inputs person {
  id: text key
  salary: euro
}

function half(amount: euro) = amount / 2

compute bonus = let h = half(salary), h + half(h)
`;
    const v = await values(en, 'id;salary\nA;100\n', ['bonus']);
    expect(v).toEqual({ A: ['75'] });
  });

  const HEAD = `scheda t anno 2025 lingua it

dati persona {
  matricola: testo chiave
  stipendio: euro
  punti: punti
}

`;

  it.each([
    ['a call with too many arguments', 'funzione doppio(x: euro) = x * 2\ncalcola y = doppio(stipendio; 2)', '10:13 wrong-arguments «doppio(stipendio; 2)»'],
    ['an argument of another unit', 'funzione doppio(x: euro) = x * 2\ncalcola y = doppio(punti)', '10:20 function-argument «punti»'],
    ['an argument of another type', 'funzione doppio(x: euro) = x * 2\ncalcola y = doppio(vero)', '10:20 function-argument «vero»'],
    ['a misspelt function', 'funzione doppio(x: euro) = x * 2\ncalcola y = dopio(stipendio)', '10:13 unknown-function «dopio»'],
    ['a function that reads an input it is not given', 'funzione f(x: euro) = x + stipendio\ncalcola y = f(stipendio)', '9:27 function-reads-outside «stipendio»'],
    ['a function that reads the total', 'funzione f(x: punti) = x + totale\ncalcola y = f(punti)', '9:28 function-reads-outside «totale»'],
    ['a function that calls itself', 'funzione f(x: numero) = f(x) + 1\ncalcola y = f(1)', '9:10 function-recursive «f»'],
    ['two functions that call each other', 'funzione f(x: numero) = g(x)\nfunzione g(x: numero) = f(x)\ncalcola y = f(1)', '9:10 function-recursive «f»'],
    ['a function named as a built-in', 'funzione somma(x: numero) = x\ncalcola y = 1', '9:10 function-name-taken «somma»'],
    ['a function named as a value', 'funzione y(x: numero) = x\ncalcola y = 1', '9:10 function-name-taken «y»'],
    ['a local name that hides an input', 'calcola y = sia punti = 3; punti', '9:17 local-name-taken «punti»'],
    ['a local name read outside its expression', 'calcola y = sia z = 3; z\ncalcola w = z', '10:13 unknown-name «z»'],
  ])('%s is an error with its code and position', (_what, body, expected) => {
    expect(errors(HEAD + body)).toEqual([expected]);
  });

  it('a recursion names the cycle, with a hint', () => {
    const d = diagnosticsOf(HEAD + 'funzione f(x: numero) = g(x)\nfunzione g(x: numero) = f(x)\ncalcola y = f(1)').find((x) => x.code === 'function-recursive')!;
    expect(d.message).toBe('La funzione «f» richiama se stessa: f → g → f.');
    expect(d.hint).toContain('non possono essere ricorsive');
  });

  it('a misspelt function gets a did-you-mean among the scheme\'s functions', () => {
    const d = diagnosticsOf(HEAD + 'funzione doppio(x: euro) = x * 2\ncalcola y = dopio(stipendio)').find((x) => x.code === 'unknown-function')!;
    expect(d.hint).toContain('Forse intendevi «doppio»?');
  });

  it('errors speak English in an English scheme', () => {
    const en = format(parse(HEAD + 'funzione f(x: euro) = x + stipendio\ncalcola y = f(punti)', 't.scheda').ast, 'en');
    const ds = diagnosticsOf(en).filter((d) => d.severity === 'error');
    expect(ds.map((d) => d.message)).toEqual([
      'The function «f» reads «stipendio», which is not one of its parameters.',
      '«f»: the parameter «x» is euro, here it gets points.',
    ]);
  });
});

describe('«resto» is both a fund\'s remainder and a function', () => {
  it('reads as the function when called, as the remainder line in a fund', () => {
    const src = `scheda t anno 2025 lingua it

dati ente {
  fondo_totale: euro
}

fondo f "Fondo" = fondo_totale {
  pagato: 0 €
  resto avanzo "Avanzo": fondo_totale - resto(fondo_totale; 100 €)
  resto spiccioli "Spiccioli": resto(fondo_totale; 100 €)
}
`;
    expect(errors(src)).toEqual([]);
    const ir = bundleOf(src).irs.get('t')!;
    expect(ir.funds[0].remainders.map((r) => r.expr)).toEqual([
      { '-': [{ var: 'ente.fondo_totale' }, { remainder: [{ var: 'ente.fondo_totale' }, { dec: '100' }] }] },
      { remainder: [{ var: 'ente.fondo_totale' }, { dec: '100' }] },
    ]);
  });
});

// One minimal scheme per important diagnostic: the code, the severity, the 1-based line:column of the
// token it points at, and the hint where it names something. Then the same schemes in English.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type Code } from '../../engine/diagnostics/catalogue.ts';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.ts';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';
import { diagnosticsOf, diagnosticsOfBundle, messageMatches, pointedText, templateRegex, where } from './helpers.ts';

/** Lines 1-8 of most cases; the case's own declarations start on line 9. */
const HEAD = `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  punti_base: punti da 0 a 10
  bonus: euro
}

`;
const withHead = (body: string) => HEAD + body + '\n';

interface Case {
  code: Code;
  severity: 'error' | 'warning' | 'info';
  what: string;
  source: string;
  at: string; // line:col
  token: string; // the text the diagnostic points at (from its column, on its line)
  hint?: string; // a piece of the hint, e.g. the did-you-mean name
  message?: string; // a piece of the message
  others?: Code[]; // other errors the case also produces (cascades), if any
  startOnly?: boolean; // the span starts at the token but does not cover all of it
}

const SECTION = (max: string, items: string) => `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  p1: punti da 0 a 10
  p2: punti da 0 a 10
}

totale max ${max} punti

sezione s max ${max} punti {
${items}
}
`;

const CASES: Case[] = [
  {
    code: 'unknown-name', severity: 'error', what: 'a misspelt input, with the declared name as did-you-mean',
    source: withHead('calcola x = punti_bse * 2'), at: '9:13', token: 'punti_bse', hint: '«punti_base»', message: '«punti_bse»',
  },
  {
    code: 'unknown-name', severity: 'error', what: 'a misspelt value declared later in the file, with did-you-mean',
    source: withHead('calcola y = dopio + 1\ncalcola doppio = punti_base * 2'), at: '9:13', token: 'dopio', hint: '«doppio»',
  },
  {
    code: 'unknown-name', severity: 'error', what: 'a misspelt item in the tie rule, with did-you-mean',
    source: withHead('voce qualita max 10 punti = punti_base\n\nparità: qualta decrescente; matricola crescente'), at: '11:9', token: 'qualta', hint: '«qualita»',
  },
  {
    code: 'unknown-name-nosuggest', severity: 'error', what: 'a name far from every declared one, without did-you-mean',
    source: withHead('calcola x = zzzzzzzz + 1'), at: '9:13', token: 'zzzzzzzz',
  },
  {
    code: 'unknown-function', severity: 'error', what: 'a misspelt function, with the right one as did-you-mean',
    source: withHead('calcola x = arotonda(punti_base; 2)'), at: '9:13', token: 'arotonda', hint: '«arrotonda»',
  },
  {
    code: 'wrong-arguments', severity: 'error', what: 'a function with one argument too few',
    source: withHead('calcola x = arrotonda(punti_base)'), at: '9:13', token: 'arrotonda(punti_base)', message: 'vuole 2, qui ne ha 1',
  },
  {
    code: 'wrong-arguments', severity: 'error', what: 'a function with one argument too many',
    source: withHead('calcola x = tronca(punti_base; 2; 3)'), at: '9:13', token: 'tronca(punti_base; 2; 3)', message: 'vuole 2, qui ne ha 3',
  },
  {
    code: 'duplicate-name', severity: 'error', what: 'a value declared twice, pointing at the second',
    source: withHead('calcola x = 1\ncalcola x = 2'), at: '10:9', token: 'x', message: '«x»',
  },
  {
    code: 'duplicate-name', severity: 'error', what: 'a value with the name of an input',
    source: withHead('calcola bonus = 1 €'), at: '9:9', token: 'bonus',
  },
  {
    code: 'unit-mismatch', severity: 'error', what: 'adding euro to points',
    source: withHead('calcola x = punti_base + bonus'), at: '9:13', token: 'punti_base + bonus', message: 'sommare punti e euro',
  },
  {
    code: 'unit-mismatch', severity: 'error', what: 'comparing points with euro',
    source: withHead('requisito r: punti_base >= 10 €'), at: '9:14', token: 'punti_base >= 10 €', message: 'confrontare punti e euro',
  },
  {
    code: 'type-mismatch', severity: 'error', what: 'a gate whose condition is a number',
    source: withHead('requisito r: punti_base'), at: '9:14', token: 'punti_base', message: 'un sì/no',
  },
  {
    code: 'type-mismatch', severity: 'error', what: 'adding a text to a number',
    source: withHead('calcola x = punti_base + "dieci"'), at: '9:26', token: '"dieci"', message: 'un testo',
  },
  {
    code: 'level-mismatch', severity: 'error', what: 'a per-entity value that reads a per-person input',
    source: withHead('calcola m per ente = punti_base'), at: '9:22', token: 'punti_base', message: '«punti_base», che varia per persona',
  },
  {
    code: 'item-max-exceeds-section', severity: 'error', what: 'items worth 20 points in a section of 15',
    source: SECTION('15', '  voce v1 max 10 punti = p1\n  voce v2 max 10 punti = p2'), at: '11:15', token: '15 punti', message: '20 punti',
  },
  {
    code: 'section-max-unreachable', severity: 'warning', what: 'items worth 20 points in a section of 25',
    source: SECTION('25', '  voce v1 max 10 punti = p1\n  voce v2 max 10 punti = p2'), at: '11:15', token: '25 punti', message: '20 punti',
  },
  {
    code: 'weights-not-100', severity: 'error', what: 'item weights adding up to 90%',
    source: SECTION('20', '  voce v1 max 10 punti peso 60% = p1\n  voce v2 max 10 punti peso 30% = p2'), at: '11:9', token: 's', message: '90%',
  },
  {
    code: 'total-max-mismatch', severity: 'error', what: 'one item of 10 points under a total of 100',
    source: withHead('totale max 100 punti\n\nvoce v1 max 10 punti = punti_base'), at: '9:12', token: '100 punti', message: 'in tutto 10 punti',
  },
  {
    code: 'table-overlap', severity: 'error', what: 'two rows of a scale sharing their boundary',
    source: withHead('calcola x = scala punti_base {\n  fino a 5 punti → 1\n  da 5 punti → 2\n}'), at: '11:3', token: 'da 5 punti → 2', message: '5 ricade in entrambe',
  },
  {
    code: 'table-gap', severity: 'warning', what: 'a euro table in whole euro leaving the cents between rows uncovered (1.499 to 1.500)',
    source: withHead('calcola x = scala bonus {\n  da 1.500,00 € → 100%\n  da 1.001,00 € a 1.499,00 € → 50%\n  fino a 1.000,00 € → 0%\n}'),
    at: '10:3', token: 'da 1.500,00 € → 100%', message: 'tra 1499 e 1500', hint: '1499,01',
  },
  {
    code: 'table-gap', severity: 'warning', what: 'a euro table in whole euro leaving the cents between rows uncovered (1.000 to 1.001)',
    source: withHead('calcola x = scala bonus {\n  da 1.500,00 € → 100%\n  da 1.001,00 € a 1.499,00 € → 50%\n  fino a 1.000,00 € → 0%\n}'),
    at: '11:3', token: 'da 1.001,00 € a 1.499,00 € → 50%', message: 'tra 1000 e 1001', hint: '1000,01',
  },
  {
    code: 'table-uncovered', severity: 'warning', what: 'bands on the total leaving a score of 0 in no band',
    source: `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  p: punti da 0 a 100
}

totale max 100 punti

voce v max 100 punti = p

fasce f su totale {
  bassa oltre 0 fino a 60 → 0%
  alta oltre 60 fino a 100 → 100%
}
`,
    at: '13:3', token: 'bassa oltre 0 fino a 60 → 0%', message: 'Il valore 0',
  },
  {
    code: 'gate-admits-unpaid', severity: 'warning', what: 'a gate at 60 points with bands that pay nothing up to 60',
    source: `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  p: punti da 0 a 100
}

totale max 100 punti

voce v max 100 punti = p

requisito minimo_60: totale >= 60 punti

fasce f su totale {
  nessuna fino a 60 → 0%
  pagata oltre 60 → 100%
}
`,
    at: '12:1', token: 'requisito minimo_60: totale >= 60 punti', message: 'il punteggio 60',
  },
  {
    code: 'constraint-violated', severity: 'error', what: 'a payment-time item worth 20 of 100 points under a 30% constraint',
    source: `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  p1: punti da 0 a 80
  p2: punti da 0 a 20
}

totale max 100 punti

voce tempi_pagamento max 20 punti = p2
voce altro max 80 punti = p1

vincolo "Tempi di pagamento: almeno il 30%": massimo_voce(tempi_pagamento) >= 30% * massimo_voce(totale)
  fonte "DL 13/2023 art. 4-bis"
`,
    at: '14:1', token: 'vincolo "Tempi di pagamento: almeno il 30%": massimo_voce(tempi_pagamento) >= 30% * massimo_voce(totale)', message: 'Tempi di pagamento: almeno il 30%', hint: 'DL 13/2023 art. 4-bis',
  },
  {
    code: 'missing-ties', severity: 'error', what: 'a top-k without a tie rule',
    source: withHead('calcola top = migliori 10% per punti_base arrotondando per difetto'), at: '9:15', token: 'migliori 10% per punti_base arrotondando per difetto', message: '«migliori»',
  },
  {
    code: 'missing-ties', severity: 'error', what: 'an allocation without a tie rule',
    source: withHead('calcola pot per ente = 100 €\ncalcola parte = ripartisci(pot; punti_base)'), at: '10:17', token: 'ripartisci(pot; punti_base)', message: '«ripartisci»',
  },
  {
    code: 'ties-not-total', severity: 'error', what: 'a tie rule that does not end with the person key',
    source: withHead('calcola top = migliori 10% per punti_base arrotondando per difetto\n\nparità: punti_base decrescente'), at: '11:1', token: 'parità: punti_base decrescente', message: '«matricola»',
  },
  {
    code: 'missing-key', severity: 'error', what: 'person inputs without a key field',
    source: `scheda t anno 2024 lingua it

dati persona {
  matricola: testo
  p: punti da 0 a 10
}
`,
    at: '3:1', token: 'dati persona {', message: 'persona',
  },
  {
    code: 'example-unknown-name', severity: 'error', what: 'an example expecting a misspelt value, with did-you-mean',
    source: withHead('calcola doppio = punti_base * 2\n\nesempio "doppio" {\n  dato punti_base = 5 punti\n  atteso dopio = 10 punti\n}'), at: '13:10', token: 'dopio', hint: '«doppio»',
  },
  {
    code: 'example-unknown-name', severity: 'error', what: 'an example giving a misspelt input, with did-you-mean',
    source: withHead('calcola doppio = punti_base * 2\n\nesempio "doppio" {\n  dato punti_bas = 5 punti\n  atteso doppio = 10 punti\n}'), at: '12:8', token: 'punti_bas', hint: '«punti_base»',
  },
  {
    code: 'value-cycle', severity: 'error', what: 'two values computed from each other',
    source: withHead('calcola alfa = beta + 1\ncalcola beta = alfa * 2'), at: '9:9', token: 'alfa = beta + 1', message: 'alfa → beta → alfa',
  },
  {
    code: 'value-cycle', severity: 'error', what: 'a value computed from itself',
    source: withHead('calcola alfa = alfa + 1'), at: '9:9', token: 'alfa = alfa + 1', message: 'alfa → alfa',
  },
  {
    code: 'unit-result', severity: 'error', what: 'an item whose value is in euro',
    source: withHead('totale max 10 punti\n\nvoce v max 10 punti = bonus'), at: '11:23', token: 'bonus', message: '«v» deve dare punti, ma l\'espressione dà euro.',
  },
  {
    code: 'duplicate-name', severity: 'error', what: 'two bands with the same name',
    source: `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  p: punti da 0 a 100
}

totale max 100 punti

voce v max 100 punti = p

fasce f su totale {
  alta da 50 → 100%
  alta sotto 50 → 0%
}
`,
    at: '14:3', token: 'alta', message: '«alta»',
  },
  {
    code: 'table-overlap', severity: 'error', what: 'a scale on an enumeration with the same label twice',
    source: withHead('calcola x = scala ruolo {\n  capo → 1\n  capo → 2\n  addetto → 3\n  altro → 4\n}').replace('  bonus: euro\n', '  bonus: euro\n  ruolo: uno_tra(capo; addetto; altro)\n'),
    at: '12:3', token: 'capo', message: 'capo ricade in entrambe',
  },
  {
    code: 'table-uncovered', severity: 'warning', what: 'a scale on an enumeration without a row for one of its values',
    source: withHead('calcola x = scala ruolo {\n  capo → 1\n  addetto → 3\n}').replace('  bonus: euro\n', '  bonus: euro\n  ruolo: uno_tra(capo; addetto; altro)\n'),
    at: '12:3', token: 'addetto → 3', message: 'Il valore altro',
  },
  {
    code: 'type-mismatch', severity: 'error', what: 'a negative number of decimals in arrotonda',
    source: withHead('calcola x = arrotonda(punti_base; -1)'), at: '9:35', token: '-1', message: 'numero intero di decimali',
  },
  {
    code: 'type-mismatch', severity: 'error', what: 'a fractional number of decimals in tronca',
    source: withHead('calcola x = tronca(punti_base; 2,5)'), at: '9:32', token: '2,5', message: 'numero intero di decimali',
  },
  {
    code: 'constraint-not-static', severity: 'info', what: 'a constraint over persons, left for the run',
    source: withHead('vincolo "almeno un valutato": conta(matricola <> "") >= 1'), at: '9:1', token: 'vincolo "almeno un valutato": conta(matricola <> "") >= 1', message: '«almeno un valutato»',
  },
  {
    code: 'constraint-not-static', severity: 'info', what: 'a constraint on a sum over persons, left for the run',
    source: withHead('vincolo "premi sotto il tetto": somma(bonus) <= 1.000 €'), at: '9:1', token: 'vincolo "premi sotto il tetto": somma(bonus) <= 1.000 €',
  },
  {
    code: 'syntax-reserved-word', severity: 'error', what: 'a reserved word used as an input field name',
    source: 'scheda t anno 2024 lingua it\n\ndati persona {\n  matricola: testo chiave\n  oltre: euro\n}\n', at: '5:3', token: 'oltre', message: '«oltre»',
  },
  {
    code: 'syntax-reserved-word', severity: 'error', what: 'a reserved word used as the name of a gate',
    source: withHead('requisito tra: punti_base >= 5 punti'), at: '9:11', token: 'tra', message: '«tra»',
  },
  {
    code: 'syntax-reserved-word', severity: 'error', what: 'a reserved word used as the name of a value',
    source: withHead('calcola sotto = 1 €'), at: '9:9', token: 'sotto', hint: '«sotto_totale»',
  },
  {
    code: 'syntax-unexpected', severity: 'error', what: 'a missing "="',
    source: withHead('calcola x  punti_base + 1'), at: '9:12', token: 'punti_base', message: '«=»',
  },
  {
    code: 'syntax-unexpected', severity: 'error', what: 'an unclosed parenthesis',
    source: withHead('calcola x = (punti_base + 1\ncalcola y = 2'), at: '10:1', token: 'calcola', message: '«)»',
  },
  {
    code: 'syntax-unexpected', severity: 'error', what: 'an expression cut short at the end of the file',
    source: withHead('calcola x = punti_base +'), at: '9:25', token: '', message: "un valore o un'espressione",
  },
];

function find(ds: Diagnostic[], c: Case): Diagnostic {
  const d = ds.find((x) => x.code === c.code && where(x) === c.at) ?? ds.find((x) => x.code === c.code);
  if (!d) throw new Error(`no ${c.code}; got:\n${ds.map((x) => `${where(x)} ${x.code}: ${x.message}`).join('\n')}`);
  return d;
}

describe.each(CASES)('$code: $what', (c) => {
  const ds = diagnosticsOf(c.source);
  const d = find(ds, c);

  it(`is reported as ${c.severity} at ${c.at}, on «${c.token}»`, () => {
    expect({ severity: d.severity, at: where(d) }).toEqual({ severity: c.severity, at: c.at });
    const line = c.source.split('\n')[d.span.line - 1];
    expect(line.slice(d.span.col - 1).startsWith(c.token)).toBe(true);
    if (c.token && !c.startOnly) expect(pointedText(c.source, d)).toBe(c.token);
    expect(d.file).toBe('t.scheda');
  });

  it('says what it found in the message and what to do in the hint', () => {
    expect(d.message).toMatch(templateRegex(CATALOGUE[c.code].it));
    if (c.message) expect(d.message).toContain(c.message);
    if (c.hint) expect(d.hint).toContain(c.hint);
  });

  it('has an offset that agrees with its line and column', () => {
    const lines = c.source.split('\n');
    expect(d.span.offset).toBe(lines.slice(0, d.span.line - 1).reduce((n, l) => n + l.length + 1, 0) + d.span.col - 1);
    expect(d.span.endOffset).toBeGreaterThanOrEqual(d.span.offset);
  });

  it('comes with no unrelated errors', () => {
    const other = ds.filter((x) => x.severity === 'error' && x !== d && x.code !== c.code && !(c.others ?? []).includes(x.code));
    expect(other.map((x) => `${where(x)} ${x.code}`)).toEqual([]);
    if (c.severity !== 'error') expect(ds.filter((x) => x.severity === 'error')).toEqual([]);
  });
});

describe('diagnostics that need more than one scheme', () => {
  const alfa = `scheda alfa anno 2024 lingua it

usa beta

dati persona {
  matricola: testo chiave
}

calcola x = se_manca(beta.y; 0)
`;
  const beta = `scheda beta anno 2024 lingua it

usa alfa

dati persona {
  matricola: testo chiave
}

calcola y = se_manca(alfa.x; 0)
`;

  it('reports scheme-cycle when two schemes use each other, at the first «usa», naming the cycle', () => {
    const ds = diagnosticsOfBundle({ alfa, beta });
    const cyc = ds.filter((d) => d.code === 'scheme-cycle');
    expect(cyc).toHaveLength(1);
    expect(cyc[0]).toMatchObject({ severity: 'error', file: 'alfa.scheda', span: { line: 3, col: 1 } });
    expect(cyc[0].message).toContain('alfa → beta → alfa');
  });

  it('reports scheme-cycle for a scheme that uses itself', () => {
    const ds = diagnosticsOfBundle({ alfa: alfa.replace('usa beta', 'usa alfa').replace('beta.y', 'alfa.x') });
    expect(ds.map((d) => d.code)).toContain('scheme-cycle');
  });

  it('reports unknown-scheme at the misspelt name, with the sibling scheme as did-you-mean', () => {
    const gamma = 'scheda gamma anno 2024 lingua it\n\nusa alfs\n\ndati persona {\n  matricola: testo chiave\n}\n';
    const ds = diagnosticsOfBundle({ alfa: alfa.replace('usa beta\n', '').replace('se_manca(beta.y; 0)', '1'), gamma });
    const d = ds.find((x) => x.code === 'unknown-scheme')!;
    expect(d).toMatchObject({ severity: 'error', file: 'gamma.scheda', span: { line: 3, col: 5, endCol: 8 } });
    expect(d.hint).toContain('«alfa»');
  });

  it('reports a misspelt name of a used scheme with a did-you-mean from that scheme', () => {
    const base = 'scheda base anno 2024 lingua it\n\ndati persona {\n  matricola: testo chiave\n}\n\ncalcola premio_totale = 10 €\n';
    const user = 'scheda uso anno 2024 lingua it\n\nusa base\n\ndati persona {\n  matricola: testo chiave\n}\n\ncalcola x = base.premio_totle\n';
    const d = diagnosticsOfBundle({ base, uso: user }).find((x) => x.code === 'unknown-name')!;
    expect(d).toMatchObject({ file: 'uso.scheda', span: { line: 9, col: 18 } });
    expect(d.hint).toContain('«premio_totale»');
  });
});

describe('interval tables: gaps depend on the unit of the subject', () => {
  const table = (unit: string, rows: string) => withHead(`calcola x = scala quanti {\n${rows}\n}`).replace('  bonus: euro\n', `  bonus: euro\n  quanti: ${unit}\n`);
  const codes = (src: string) => diagnosticsOf(src).map((d) => d.code);

  it('finds no gap in an integer count table «fino a 20» / «da 21 a 40» / «oltre 40»', () => {
    expect(codes(table('intero', '  fino a 20 → 1\n  da 21 a 40 → 2\n  oltre 40 → 3'))).toEqual([]);
  });

  it('finds the gap between 20 and 21 when the same table reads a continuous number', () => {
    expect(codes(table('numero', '  fino a 20 → 1\n  da 21 a 40 → 2\n  oltre 40 → 3'))).toEqual(['table-gap']);
  });

  it('finds no gap in a euro table whose rows meet at the cent', () => {
    expect(codes(table('euro', '  fino a 1.000,00 € → 1\n  da 1.000,01 € → 2'))).toEqual([]);
  });

  it('finds no gap between «sotto X» and «da X»', () => {
    expect(codes(table('numero', '  sotto 30 → 1\n  da 30 → 2'))).toEqual([]);
  });

  it('finds no overlap and no gap between «fino a X» and «oltre X»', () => {
    expect(codes(table('numero', '  fino a 30 → 1\n  oltre 30 → 2'))).toEqual([]);
  });

  it('does not report a gap or an uncovered value when the table ends with «altrimenti»', () => {
    const src = `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  p: punti da 0 a 100
}

calcola x = scala p {
  fino a 20 punti → 1
  da 21 punti a 30 punti → 2
  altrimenti → 3
}
`;
    expect(codes(src).filter((c) => c !== 'table-gap')).toEqual([]);
    expect(codes(src.replace('da 21 punti', 'oltre 20 punti'))).toEqual([]);
  });
});

describe('gates against bands', () => {
  const scheme = (gate: string, rows: string) => `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  p: punti da 0 a 100
  ok: sì_no
}

totale max 100 punti

voce v max 100 punti = p

requisito g: ${gate}

fasce f su totale {
${rows}
}
`;
  const codes = (src: string) => diagnosticsOf(src).map((d) => d.code);

  it('says nothing when the gate «>= 60» meets a first paid band «da 60»', () => {
    expect(codes(scheme('totale >= 60 punti', '  nessuna sotto 60 → 0%\n  pagata da 60 → 100%'))).toEqual([]);
  });

  it('says nothing when the gate «> 60» meets a first paid band «oltre 60»', () => {
    expect(codes(scheme('totale > 60 punti', '  nessuna da 0 fino a 60 → 0%\n  pagata oltre 60 → 100%'))).toEqual([]);
  });

  it('finds the threshold inside a compound gate («ok e totale >= 50»)', () => {
    const ds = diagnosticsOf(scheme('ok e totale >= 50 punti', '  nessuna da 0 sotto 60 → 0%\n  pagata da 60 → 100%'));
    expect(ds.map((d) => [d.code, where(d)])).toEqual([['gate-admits-unpaid', '13:1']]);
    expect(ds[0].message).toContain('il punteggio 50');
    expect(ds[0].related?.[0].span.line).toBe(15); // the «fasce» declaration
  });
});

describe('constraints decided at compile time', () => {
  const scheme = (max: number) => `scheda t anno 2024 lingua it

dati persona {
  matricola: testo chiave
  p1: punti da 0 a ${100 - max}
  p2: punti da 0 a ${max}
}

totale max 100 punti

voce tempi_pagamento max ${max} punti = p2
voce altro max ${100 - max} punti = p1

vincolo "Tempi di pagamento: almeno il 30%": massimo_voce(tempi_pagamento) >= 30% * massimo_voce(totale)
`;

  it('accepts a payment-time item worth 30 of 100 points', () => {
    expect(diagnosticsOf(scheme(30))).toEqual([]);
  });

  it('says a constraint on an entity input will be checked when the scheme runs (info, not an error)', () => {
    const src = HEAD.replace('dati persona', 'dati ente {\n  tetto: euro\n}\n\ndati persona') + 'vincolo "tetto basso": tetto <= 1.000 €\n';
    const ds = diagnosticsOf(src);
    expect(ds.map((d) => [d.code, d.severity, where(d)])).toEqual([['constraint-not-static', 'info', '13:1']]);
  });

  it('decides at compile time a constraint that reads only literal amounts and maxima', () => {
    const src = withHead('vincolo "quota minima": 10.000,00 € / (90.000,00 € + 10.000,00 €) >= 15%');
    expect(diagnosticsOf(src).map((d) => [d.code, where(d)])).toEqual([['constraint-violated', '9:1']]);
  });

  // a `val` reads data only if its declaration does, transitively (fixed amounts are decided here)
  it('decides at compile time a constraint over values that are fixed amounts', () => {
    const body = 'calcola risorse_posizione per ente = 90.000,00 €\ncalcola risorse_risultato per ente = 10.000,00 €\n\n'
      + 'vincolo "quota minima": risorse_risultato / (risorse_posizione + risorse_risultato) >= 15%';
    expect(diagnosticsOf(withHead(body)).map((d) => [d.code, where(d)])).toEqual([['constraint-violated', '12:1']]);
    expect(diagnosticsOf(withHead(body.replace('>= 15%', '>= 10%')))).toEqual([]);
  });
});

describe('messages in both languages', () => {
  const placeholders = (s = '') => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it.each(Object.keys(CATALOGUE) as Code[])('%s has an Italian and an English message with the same placeholders', (code) => {
    const e = CATALOGUE[code] as { it: string; en: string; hintIt?: string; hintEn?: string };
    expect(e.it.trim().length).toBeGreaterThan(0);
    expect(e.en.trim().length).toBeGreaterThan(0);
    expect(e.it).not.toBe(e.en);
    expect(placeholders(e.it)).toEqual(placeholders(e.en));
    expect(e.hintIt === undefined).toBe(e.hintEn === undefined);
    expect(placeholders(e.hintIt)).toEqual(placeholders(e.hintEn));
  });

  // The check-level cases, printed with English keywords by the formatter: same codes, English words.
  const checkCases = CASES.filter((c) => !c.code.startsWith('syntax-'));
  it.each(checkCases.map((c) => [c.code, c.what, c] as const))('%s (%s) speaks English in a scheme with «language en»', (_code, _what, c) => {
    const en = format(parse(c.source).ast, 'en');
    expect(en).toMatch(/^scheme t year 2024 language en$/m);
    const ds = diagnosticsOf(en);
    const d = ds.find((x) => x.code === c.code);
    expect(d, ds.map((x) => x.code).join(', ')).toBeDefined();
    expect(messageMatches(d!, 'en')).toBe(true);
    expect(messageMatches(d!, 'it')).toBe(false);
    if (d!.hint) expect(d!.hint).toMatch(templateRegex((CATALOGUE[c.code] as { hintEn: string }).hintEn));
  });

  const EN_HEAD = `scheme t year 2024 language en

inputs person {
  id: text key
  base_points: points from 0 to 10
  bonus: euro
}

`;
  const enCases: [string, string, Code, string, string][] = [
    ['a misspelt name', 'compute x = base_pionts + 1', 'unknown-name', '9:13', 'Did you mean «base_points»?'],
    ['euro added to points', 'compute x = base_points + bonus', 'unit-mismatch', '9:13', 'Cannot add points and euro.'],
    ['a misspelt function', 'compute x = rond(base_points, 2)', 'unknown-function', '9:13', 'Did you mean «round»?'],
    ['a reserved word as a name', 'gate among: base_points >= 5 points', 'syntax-reserved-word', '9:6', '«among» is a reserved word of the language and cannot be used as a name.'],
    ['a missing "="', 'compute x 1', 'syntax-unexpected', '9:11', 'Expected «=» here, but found «1».'],
  ];
  it.each(enCases)('an English scheme with %s gets the English diagnostic', (_what, body, code, at, text) => {
    const ds = diagnosticsOf(EN_HEAD + body + '\n');
    const d = ds.find((x) => x.code === code)!;
    expect(d).toBeDefined();
    expect(where(d)).toBe(at);
    expect(`${d.message} ${d.hint ?? ''}`).toContain(text);
    expect(messageMatches(d, 'en')).toBe(true);
  });

  it('writes the hint of an English wrong-arguments diagnostic about «,», not «;»', () => {
    const d = diagnosticsOf(EN_HEAD + 'compute x = round(base_points)\n').find((x) => x.code === 'wrong-arguments')!;
    expect(d.message).toBe('«round» takes 2, here it has 1.');
    expect(d.hint).toBe('Separate arguments with «,».');
  });
});

describe('hints', () => {
  it('gives no «did you mean» hint when there is nothing to suggest', () => {
    const ds = diagnosticsOf(withHead('usa inesistente\n\nesempio "e" {\n  atteso zzzzzzzz = 1\n}'));
    expect(ds.map((d) => d.code).sort()).toEqual(['example-unknown-name', 'unknown-scheme']);
    for (const d of ds) {
      expect(d.hint ?? '').not.toContain('«—»');
      expect(d.hint ?? '').not.toContain('Forse intendevi');
    }
  });
});

describe('advisory notes', () => {
  it('notes an input that no rule reads, and not the keys or unit fields', async () => {
    const { buildBundle } = await import('../../engine/pipeline.ts');
    const text = 'scheda t anno 2024 lingua it\n\nunità settore\n\ndati persona {\n  matricola: testo chiave\n  settore: settore\n  usato: punti\n  dimenticato: punti\n}\n\ncalcola doppio = usato * 2\n';
    const ds = buildBundle([{ id: 't', file: 't.scheda', text }]).diagnostics;
    expect(ds.map((d) => [d.code, d.severity, `${d.span.line}:${d.span.col}`])).toEqual([['unused-input', 'info', '9:3']]);
  });

  it('notes a scheme whose header name is not its file name (other schemes use the file name)', async () => {
    const { buildBundle } = await import('../../engine/pipeline.ts');
    const ds = buildBundle([{ id: 'comparto', file: 'comparto.scheda', text: 'scheda compart anno 2024 lingua it\n' }]).diagnostics;
    expect(ds.map((d) => [d.code, d.severity, `${d.span.line}:${d.span.col}`])).toEqual([['file-name-mismatch', 'info', '1:8']]);
  });
});

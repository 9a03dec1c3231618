// Issue 7, "Words": common domain words were reserved (`fondo`, `peso`, `giorni`, `minimo`, `media`, `unit`,
// `share`) and one use as a name gave a cascade of syntax errors. A keyword is now reserved only where the
// grammar needs it: these words name inputs, values, items, bands, band rows, table columns and report rows,
// and the formatter prints them back as names, in either language.
import { describe, expect, it } from 'vitest';
import { format } from '../../engine/format/format.ts';
import { runExample } from '../../engine/run/examples.ts';
import { parse } from '../../engine/syntax/index.ts';
import { RESERVED, reservedWords, KEYWORDS, type KeywordName } from '../../engine/syntax/keywords.ts';
import { bundleOf } from '../check/helpers.ts';

const errorsOf = (text: string) => bundleOf(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`);

/** Every example of the scheme passes. */
function examplesPass(text: string): void {
  const b = bundleOf(text);
  const ir = b.irs.get('t')!;
  expect(ir.examples.length).toBeGreaterThan(0);
  for (const ex of ir.examples) expect(runExample(ir, ex), ex.label).toMatchObject({ ok: true });
}

const IT = `scheda t "Parole" anno 2025 lingua it
dati persona {
  matricola: testo chiave
  punti: punti da 0 a 10
  giorni: giorni
  nota: testo "Nota"
  chiave: testo
}
dati ente {
  fondo_ente: euro
}
tabella presenze per persona {
  matricola: testo
  giorni: giorni
}
calcola peso = punti * 2
calcola fondo per ente = 100,00 €
calcola minimo per ente = 1 punti
calcola media per ente = media(punti)
calcola quota = quota(fascia)
totale max 20 punti
voce voce "Voce" max 20 punti = peso
fasce fascia su totale {
  giorni "Giorni" da 0 a 10 punti → 5%
  nota "Nota" oltre 10 punti → 10%
}
prospetto p "Prospetto" {
  soglia = 10
  anno = somma(presenze.giorni)
  resto = fondo
}
esempio "nomi di dominio" {
  dato punti = 6 punti
  atteso peso = 12 punti
  atteso voce = 12 punti
  atteso quota = 10%
}
`;

const EN = `scheme t "Words" year 2025 language en
unit unit "Office"
inputs person {
  id: text key
  points: points from 0 to 10
  days: days
  unit_of: unit
  note: text "Note"
  key: text
}
table records per person {
  id: text
  days: days
}
compute weight = points * 2
compute fund per entity = 100.00 €
compute minimum per entity = 1 points
compute mean per entity = mean(points)
compute share = share(band)
total max 20 points
item item "Item" max 20 points = weight
bands band on total {
  days "Days" from 0 to 10 points → 5%
  note "Note" over 10 points → 10%
}
report r "Report" {
  threshold = 10
  year = sum(records.days)
  remainder = fund
}
example "domain words" {
  given points = 6 points
  expect weight = 12 points
  expect item = 12 points
  expect share = 10%
}
`;

describe('domain words as names (contextual keywords)', () => {
  it('the acceptance scheme: giorni, peso, fondo, minimo as names of inputs and values check with no error', () => {
    const text = 'scheda parole "Parole" anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  punti: punti da 0 a 10\n  giorni: giorni\n}\n'
      + 'calcola peso = punti * 2\ncalcola fondo per ente = 100,00 €\ncalcola minimo per ente = 1 punti\n';
    expect(bundleOf(text, 'parole').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ast = parse(text).ast;
    const fields = ast.decls.find((d) => d.kind === 'inputs');
    expect(fields?.kind === 'inputs' && fields.fields.map((f) => [f.name.name, f.type.kind === 'num' ? f.type.unit : f.type.kind])).toEqual([
      ['matricola', 'text'], ['punti', 'punti'], ['giorni', 'giorni'],
    ]);
  });

  it.each([['it', IT], ['en', EN]])('%s: inputs, values, items, bands, band rows, columns and report rows named by keywords check and run', (_lang, text) => {
    expect(errorsOf(text)).toEqual([]);
    examplesPass(text);
  });

  it.each([['it', IT], ['en', EN]])('%s: the formatter prints the names back as names, in both languages', (lang, text) => {
    const ast = parse(text).ast;
    const again = format(ast);
    expect(parse(again).diagnostics).toEqual([]);
    const other = lang === 'it' ? 'en' : 'it';
    const translated = format(ast, other);
    const back = parse(translated);
    expect(back.diagnostics).toEqual([]);
    // the names stay as written: `peso` stays `peso` in English, `weight` stays `weight` in Italian
    if (lang === 'it') {
      expect(again).toContain('calcola peso = punti * 2');
      expect(translated).toContain('compute peso = punti * 2');
      expect(translated).toContain('compute fondo per entity = 100.00 €');
      expect(translated).toContain('  giorni: days');
      expect(translated).toContain('compute media per entity = mean(punti)');
    } else {
      expect(again).toContain('compute weight = points * 2');
      expect(translated).toContain('calcola weight = points * 2');
      expect(translated).toContain('  days: giorni');
      expect(translated).toContain('calcola mean per ente = media(points)');
      expect(translated).toContain('unità unit "Office"');
    }
    expect(format(back.ast, lang as 'it' | 'en')).toBe(again);
    expect(errorsOf(translated)).toEqual([]);
  });

  it('a unit word after a number is the unit; at the start of the next field or row it is a name', () => {
    const text = 'scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  n: numero da 0 a 10\n  giorni: giorni\n}\n'
      + 'fasce f su n {\n  x da 0 a 5 → 5\n  giorni da 6 a 10 → 7 giorni\n}\nprospetto p "P" {\n  r = 5\n  giorni = 2\n}\n';
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    const ins = r.ast.decls.find((d) => d.kind === 'inputs');
    expect(ins?.kind === 'inputs' && ins.fields.map((f) => f.name.name)).toEqual(['matricola', 'n', 'giorni']);
    const bands = r.ast.decls.find((d) => d.kind === 'bands');
    expect(bands?.kind === 'bands' && bands.rows.map((x) => [x.name?.name, x.value.kind === 'quantity' ? x.value.unit : null])).toEqual([['x', null], ['giorni', 'giorni']]);
    const rep = r.ast.decls.find((d) => d.kind === 'report');
    expect(rep?.kind === 'report' && rep.rows.map((x) => x.name.name)).toEqual(['r', 'giorni']);
  });

  it('the words that join expressions stay reserved, with one error that says so', () => {
    for (const [name, lang] of [['se', 'it'], ['tra', 'it'], ['da', 'it'], ['if', 'en'], ['among', 'en'], ['from', 'en']] as const) {
      const head = lang === 'it' ? 'scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n}\ncalcola ' : 'scheme t year 2025 language en\ninputs person {\n  id: text key\n}\ncompute ';
      const ds = parse(`${head}${name} = 1\n`).diagnostics;
      expect(ds.map((d) => [d.code, `${d.span.line}:${d.span.col}`])).toEqual([['syntax-reserved-word', '5:9']]);
      expect(ds[0].message).toContain(`«${name}»`);
    }
  });

  it('reserves only the expression words, totale and ammesso — not the declaration, type or domain words', () => {
    const reserved = [...RESERVED].map((k) => KEYWORDS[k].it).sort();
    expect(reserved).toEqual(['a', 'allora', 'altrimenti', 'ammesso', 'arrotondando', 'da', 'dove', 'e', 'entro', 'falso', 'fino', 'in', 'migliori', 'non', 'o', 'oltre', 'per', 'scala', 'se', 'secondo', 'sia', 'sotto', 'totale', 'tra', 'vero']);
    for (const w of ['fondo', 'peso', 'giorni', 'minimo', 'chiave', 'voce', 'calcola']) expect(reservedWords('it').has(w)).toBe(false);
    for (const w of ['fund', 'weight', 'days', 'minimum', 'unit', 'key', 'item']) expect(reservedWords('en').has(w)).toBe(false);
    expect((Object.keys(KEYWORDS) as KeywordName[]).length - RESERVED.size).toBeGreaterThan(50);
  });

  it('a unit cannot be named after a type or a level, where its name would read as the type', () => {
    const ds = parse('scheda t anno 2025 lingua it\nunità numero "Ufficio"\ndati persona {\n  matricola: testo chiave\n  ufficio: numero\n}\n').diagnostics;
    expect(ds.map((d) => [d.code, `${d.span.line}:${d.span.col}`])).toEqual([['syntax-reserved-word', '2:7']]);
  });

  it('a field, band row or report row named «nota», «chiave» or «fonte» is not read as a note, a key or a source', () => {
    const text = 'scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave "Matricola" nota "la chiave"\n  chiave: testo\n  fonte: testo fonte "registro"\n  nota: numero\n}\n'
      + 'fasce f su nota {\n  bassa da 0 a 5 → 5 nota "bassa"\n  nota "Nota" da 6 a 10 → 7\n  fonte altrimenti → 0\n}\nprospetto p "P" {\n  r = 5\n    nota "una nota"\n  nota "Nota" = 2\n}\n';
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    const ins = r.ast.decls.find((d) => d.kind === 'inputs');
    expect(ins?.kind === 'inputs' && ins.fields.map((f) => [f.name.name, f.isKey, f.meta.notes, f.meta.sources])).toEqual([
      ['matricola', true, ['la chiave'], []], ['chiave', false, [], []], ['fonte', false, [], ['registro']], ['nota', false, [], []],
    ]);
    const bands = r.ast.decls.find((d) => d.kind === 'bands');
    expect(bands?.kind === 'bands' && bands.rows.map((x) => [x.name?.name, x.meta.notes])).toEqual([['bassa', ['bassa']], ['nota', []], ['fonte', []]]);
    const rep = r.ast.decls.find((d) => d.kind === 'report');
    expect(rep?.kind === 'report' && rep.rows.map((x) => [x.name.name, x.meta.notes])).toEqual([['r', ['una nota']], ['nota', []]]);
  });
});

// scheda diff: each change described in plain words with the spans of both versions; layout, order,
// comments and the keyword language are no change; constructs the diff has no words for still get a line.
import { describe, expect, it } from 'vitest';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';
import { diffVersions, parseVersion, type Change } from '../../engine/review/diff.ts';

const BASE = `scheda t "Prova" anno 2024 lingua it
  fonte "Accordo 2024"

dati persona {
  matricola: testo chiave
  punti_a: punti da 0 a 60
  punti_b: punti da 0 a 40
  incentivi: euro
}

totale max 100 punti

voce ob "Obiettivi" max 60 punti = punti_a
  fonte "art. 3"
voce co "Comportamenti" max 40 punti = punti_b

calcola maggiorazione per ente "Maggiorazione" = 33%
  fonte "art. 5: 33%"

calcola soglia = scala incentivi {
  da 1.500,00 € → 100%
  da 1.001,00 € a 1.499,00 € → 50%
  fino a 1.000,00 € → 0%
}

requisito minimo "Almeno 60 punti": totale >= 60 punti

fasce fascia su totale {
  terza da 60 a 90 → 80%
  seconda oltre 90 fino a 95 → 90%
  prima oltre 95 fino a 100 → 100%
}

penalità ritardi "Ritardi" = scala punti_b {
  fino a 10 → 2 punti
  oltre 10 → 0 punti
}
`;

const v = (text: string, file = 't.scheda') => parseVersion({ id: 't', file, text });
const diff = (a: string, b: string, lang: 'it' | 'en' = 'it') => diffVersions([v(a, 'old.scheda')], [v(b, 'new.scheda')], { lang });
const texts = (cs: Change[]) => cs.map((c) => c.text);

describe('scheda diff: what changed, in words', () => {
  it('a percentage: «33% → 35%», with the value\'s label', () => {
    const cs = diff(BASE, BASE.replace('= 33%', '= 35%'));
    expect(texts(cs)).toEqual(['Valore «Maggiorazione» (maggiorazione): 33% → 35%']);
    expect(cs[0]).toMatchObject({ kind: 'value', scheme: 't', old: '33%', new: '35%' });
  });

  it('a named variant added, relabelled, given another expression, and removed', () => {
    const withV = (label: string, pct: string) => BASE.replace('  fonte "art. 5: 33%"', `  fonte "art. 5: 33%"\n  variante alta "${label}": ${pct}`);
    expect(texts(diff(BASE, withV('Lettura alta', '40%')))).toEqual(['Valore «Maggiorazione» (maggiorazione): variante aggiunta alta «Lettura alta»: 40%']);
    expect(texts(diff(withV('Lettura alta', '40%'), withV('Lettura più alta', '45%')))).toEqual([
      'Valore «Maggiorazione» (maggiorazione): variante alta, etichetta «Lettura alta» → «Lettura più alta»',
      'Valore «Maggiorazione» (maggiorazione): variante alta, formula 40% → 45%',
    ]);
    const gone = diff(withV('Lettura alta', '40%'), BASE);
    expect(texts(gone)).toEqual(['Valore «Maggiorazione» (maggiorazione): variante rimossa alta «Lettura alta»: 40%']);
    expect(gone[0]).toMatchObject({ kind: 'variant', spans: { old: { file: 'old.scheda' } } });
    expect(diff(withV('Lettura alta', '40%'), withV('Lettura alta', '40%'))).toEqual([]);
  });

  it('a band threshold: «Fascia seconda: da 90 < X ≤ 95 a 92 < X ≤ 95»', () => {
    const cs = diff(BASE, BASE.replace('terza da 60 a 90', 'terza da 60 a 92').replace('seconda oltre 90', 'seconda oltre 92'));
    expect(texts(cs)).toContain('Fasce fascia: Fascia seconda: da 90 < X ≤ 95 a 92 < X ≤ 95');
    expect(texts(cs)).toContain('Fasce fascia: Fascia terza: da 60 ≤ X ≤ 90 a 60 ≤ X ≤ 92');
    expect(cs).toHaveLength(2);
  });

  it('a scale threshold and a new penalty row', () => {
    const b = BASE.replace('da 1.500,00 € → 100%', 'da 1.200,00 € → 100%').replace('  fino a 10 → 2 punti\n', '  fino a 5 → 3 punti\n  oltre 5 fino a 10 → 2 punti\n');
    const t = texts(diff(BASE, b));
    expect(t).toContain('Valore soglia: riga → 100%: da X ≥ 1.500,00 € a X ≥ 1.200,00 €');
    expect(t.some((x) => /^Penalità «Ritardi» \(ritardi\): .*nuova riga X ≤ 5 → 3 punti|Penalità «Ritardi» \(ritardi\): riga → 2 punti: da X ≤ 10 a 5 < X ≤ 10/.test(x))).toBe(true);
  });

  it('an item added and one removed, a maximum changed', () => {
    const b = BASE.replace('voce co "Comportamenti" max 40 punti = punti_b', 'voce fo "Formazione" max 40 punti = punti_b');
    expect(texts(diff(BASE, b))).toEqual(['Voce «Comportamenti» (co): tolta (max 40 punti, punti_b)', 'Voce «Formazione» (fo): nuova (max 40 punti, punti_b)']);
    const m = diff(BASE, BASE.replace('max 60 punti = punti_a', 'max 50 punti = punti_a'));
    expect(texts(m)).toEqual(['Voce «Obiettivi» (ob): massimo 60 punti → 50 punti']);
  });

  it('a formula, a source and a reading (nota) changed', () => {
    const b = BASE.replace('requisito minimo "Almeno 60 punti": totale >= 60 punti', 'requisito minimo "Almeno 60 punti": totale >= 60 punti e punti_b > 0 punti\n  nota "Lettura nuova"').replace('fonte "art. 3"', 'fonte "art. 4"');
    const t = texts(diff(BASE, b));
    expect(t).toContain('Voce «Obiettivi» (ob): fonte «art. 3» → «art. 4»');
    expect(t).toContain('Requisito «Almeno 60 punti» (minimo): nota aggiunta «Lettura nuova»');
    expect(t).toContain('Requisito «Almeno 60 punti» (minimo): condizione da totale >= 60 punti a totale >= 60 punti e punti_b > 0 punti');
  });

  it('speaks English with --lang en', () => {
    expect(texts(diff(BASE, BASE.replace('= 33%', '= 35%'), 'en'))).toEqual(['Value «Maggiorazione» (maggiorazione): 33% → 35%']);
    expect(texts(diff(BASE, BASE.replace('voce co "Comportamenti" max 40 punti = punti_b', ''), 'en'))[0]).toMatch(/^Item «Comportamenti» \(co\): removed/);
  });

  it('carries the spans of both versions', () => {
    const b = '\n\n' + BASE.replace('= 33%', '= 35%');
    const [c] = diff(BASE, b);
    const line = BASE.split('\n').findIndex((l) => l.includes('= 33%')) + 1;
    expect(c.spans.old).toMatchObject({ file: 'old.scheda', line });
    expect(c.spans.new).toMatchObject({ file: 'new.scheda', line: line + 2 });
    expect(c.spans.new!.endCol).toBeGreaterThanOrEqual(c.spans.new!.col);
  });
});

describe('scheda diff: no change', () => {
  it('after reformatting, translating into English and back, and with comments', () => {
    const ast = parse(BASE, 't').ast;
    expect(diff(BASE, format(ast, 'it'))).toEqual([]);
    const en = format(ast, 'en');
    expect(en).toMatch(/^scheme t/);
    expect(diff(BASE, en)).toEqual([]);
    expect(diff(en, format(parse(en, 't').ast, 'it'))).toEqual([]);
    expect(diff(BASE, BASE.replace('voce ob', '# un commento\nvoce ob').replace('= 33%', '= 33%   # commento'))).toEqual([]);
  });

  it('the scheme\'s year values (fine_anno / year_end) translated are no change', () => {
    const dated = BASE.replace('  incentivi: euro\n', '  incentivi: euro\n  cessazione: data facoltativo predefinito fine_anno\n')
      .replace('requisito minimo "Almeno 60 punti": totale >= 60 punti', 'requisito minimo "Almeno 60 punti": totale >= 60 punti e cessazione >= inizio_anno');
    const en = format(parse(dated, 't').ast, 'en');
    expect(en).toContain('year_end');
    expect(diff(dated, en)).toEqual([]);
    expect(texts(diff(dated, dated.replace('predefinito fine_anno', 'predefinito inizio_anno')))).toHaveLength(1);
  });

  it('after reordering declarations and band rows', () => {
    const blocks = BASE.split('\n\n');
    const reordered = [blocks[0], ...blocks.slice(1).reverse()].join('\n\n').replace('  terza da 60 a 90 → 80%\n  seconda oltre 90 fino a 95 → 90%\n', '  seconda oltre 90 fino a 95 → 90%\n  terza da 60 a 90 → 80%\n');
    expect(reordered).not.toBe(BASE);
    expect(diff(BASE, reordered)).toEqual([]);
  });

  it('an English scheme against its Italian translation', () => {
    const en = `scheme s year 2025 language en
inputs person {
  id: text key
  score: points from 0 to 10
}
total max 10 points
item x "X" max 10 points = score
compute m per entity = mean(score where score > 0 points, otherwise 0 points)
constraint warning "Cap": count(eligible) <= 3
`;
    expect(diff(en, format(parse(en, 's').ast, 'it'))).toEqual([]);
  });
});

describe('scheda diff: constructs without special words', () => {
  it('a declaration kind it does not know gives a generic, readable line and no crash', () => {
    const a = v(BASE);
    const b = v(BASE);
    (b.ast.decls as unknown[]).push({ kind: 'futureThing', name: { kind: 'ident', name: 'nuovo' }, payload: { kind: 'strangeNode', x: 1 }, span: b.ast.span, meta: { sources: [], notes: [], comments: [] } });
    const cs = diffVersions([a], [b]);
    expect(cs).toHaveLength(1);
    expect(cs[0].text).toMatch(/futureThing nuovo: nuov/);
    const c = v(BASE);
    (c.ast.decls as unknown[]).push({ kind: 'futureThing', name: { kind: 'ident', name: 'nuovo' }, payload: { kind: 'strangeNode', x: 2 }, span: c.ast.span, meta: { sources: [], notes: [], comments: [] } });
    const d = diffVersions([b], [c]);
    expect(d).toHaveLength(1);
    expect(d[0].text).toContain('payload');
    expect(d[0].text).toContain('x: 1');
    expect(d[0].text).toContain('x: 2');
  });
});

// The formatter on local names (`sia`/`let` at the start of a declaration's value) and on the scheme's
// year as a value (`fine_anno`/`year_end`) when translating: both must read back as the same scheme.
import { describe, expect, it } from 'vitest';
import { format } from '../../engine/format/format.ts';
import { treeKey } from '../../engine/format/translate.ts';
import { parse } from '../../engine/syntax/index.ts';

function clean(text: string) {
  const r = parse(text, 't.scheda');
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return r.ast;
}

const EN = `scheme t year 2025 language en

inputs person {
  id: text key
  start: date
  finish: date optional default year_end
  salary: euro
}

compute months = whole_months(start, year_end)
compute pay = let full = salary * 2, let half = full / 2, if months >= 6 then full else half
  variant small "Small": let full = salary, full / 2
`;

describe('local names at the start of a value', () => {
  it('puts every let on its own line under the declaration, the variant too, and is idempotent', () => {
    const out = format(clean(EN));
    expect(out).toContain(
      'compute pay =\n  let full = salary * 2,\n  let half = full / 2,\n  if months >= 6 then full else half\n' +
        '  variant small "Small":\n    let full = salary,\n    full / 2\n',
    );
    expect(format(clean(out))).toBe(out);
  });

  it('keeps the same layout in Italian', () => {
    const it_ = format(clean(EN), 'it');
    expect(it_).toContain('calcola pay =\n  sia full = salary * 2;\n  sia half = full / 2;\n');
  });
});

describe('the scheme\'s year when translating', () => {
  it('translates year_end in a default and in an expression, and the tree reads back the same', () => {
    const ast = clean(EN);
    const it_ = format(ast, 'it');
    expect(it_).toContain('finish: data facoltativo predefinito fine_anno');
    expect(it_).toContain('mesi_interi(start; fine_anno)');
    expect(treeKey(clean(it_))).toBe(treeKey(ast));
    expect(treeKey(clean(format(clean(it_), 'en')))).toBe(treeKey(ast));
  });

  it('does not take a declared field named like the year for the year', () => {
    const a = clean('scheme t year 2025 language en\ninputs person {\n  id: text key\n  year_end: date\n}\ncompute d = year_end\n');
    const b = clean('scheme t year 2025 language en\ninputs person {\n  id: text key\n  year_end: date\n}\ncompute d = year_start\n');
    expect(treeKey(a)).not.toBe(treeKey(b));
  });
});

describe('translating words kept as written', () => {
  it('a rounded total («decimali»/«decimals») and a split among units by file order («ordine»/«order») read back the same', () => {
    const it_ = `scheda t anno 2025 lingua it
unità settore "Settore"
dati settore {
  codice: testo chiave
}
dati ente {
  fondo: euro
}
dati persona {
  matricola: testo chiave
  settore: settore
  punti_in: punti da 0 a 100
}
parità: matricola crescente
totale max 100 punti arrotondando a 0 decimali
voce v "V" max 100 punti = punti_in
calcola addetti per settore = conta(matricola)
calcola premio = ripartisci(fondo; totale) tra settore secondo addetti parità ordine
`;
    const ast = clean(it_);
    const en = format(ast, 'en');
    expect(en).toContain('rounding to 0 decimals');
    expect(en).toContain('ties order');
    expect(treeKey(clean(en))).toBe(treeKey(ast));
  });
});

describe('scheda diff and the scheme\'s year', () => {
  it('an English scheme using year_end and its Italian translation are no change', async () => {
    const { parseVersion, diffVersions } = await import('../../engine/review/diff.ts');
    const it_ = format(clean(EN), 'it');
    const changes = diffVersions([parseVersion({ id: 't', file: 't.scheda', text: EN })], [parseVersion({ id: 't', file: 't.scheda', text: it_ })]);
    expect(changes).toEqual([]);
  });
});

// Issue 7, "Words": a wrong enumeration label suggested another label instead of pointing at the type to
// extend. The error now says where the values are declared (the `uno_tra` of the field, line:col, also as a
// related location) and that a new value goes there; a near miss still gets its did-you-mean.
import { describe, expect, it } from 'vitest';
import { bundleOf } from '../check/helpers.ts';

const labelErrors = (text: string) => bundleOf(text).diagnostics.filter((d) => d.code === 'bad-enum-label');

describe('a wrong enumeration label points at the type to extend', () => {
  it('Italian: in a comparison, a scale row and an example, with the uno_tra that declares the values', () => {
    const text = `scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  categoria: uno_tra(dirigente; funzionario; operatore)
}
calcola extra = categoria = istruttore
calcola q = scala categoria {
  dirigente → 10%
  funzionari → 5%
  altrimenti → 0%
}
esempio "e" {
  dato categoria = operatore_x
  atteso q = 0%
}
`;
    const ds = labelErrors(text);
    expect(ds.map((d) => `${d.span.line}:${d.span.col}`)).toEqual(['6:29', '9:3', '13:20']);
    for (const d of ds) {
      expect(d.message).toContain('dichiarati in «categoria» a 4:14');
      expect(d.hint).toContain('aggiungilo a uno_tra(…)');
      expect(d.related?.map((r) => `${r.span.line}:${r.span.col}`)).toEqual(['4:14']);
    }
    expect(ds[0].hint).not.toContain('forse');
    expect(ds[1].hint).toContain('forse «funzionario»?');
    expect(ds[2].hint).toContain('forse «operatore»?');
  });

  it('English: a table column typed one_of, compared inside an aggregate', () => {
    const text = `scheme t year 2025 language en
inputs person {
  id: text key
}
table goals per person {
  id: text
  state: one_of(met, partly, missed)
}
compute met_count = count(goals.state where goals.state = mett)
`;
    const [d] = labelErrors(text);
    expect(`${d.span.line}:${d.span.col}`).toBe('9:59');
    expect(d.message).toBe('«mett» is not one of the allowed values (met, partly, missed), declared for «goals.state» at 7:10.');
    expect(d.hint).toBe('If «mett» is a new value, add it to the one_of(…) where the values are declared; if it is a typo, correct it (did you mean «met»?).');
  });
});

// explain prints a formula on one line: local names keep their own separator (no «,;» or «;;»), scale rows
// are joined with «; ».
import { describe, expect, it } from 'vitest';
import { formulasOf, formulaText } from '../../engine/review/explain-formula.ts';
import { parse } from '../../engine/syntax/index.ts';

function formula(text: string, name: string): string {
  const r = parse(text, 't.scheda');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const e = formulasOf(r.ast).get(name);
  expect(e).toBeDefined();
  return formulaText(e!, r.ast.lang, r.ast.lang);
}

describe('a formula on one line', () => {
  it('keeps the separators of local names (en and it)', () => {
    const en = 'scheme t year 2025 language en\ninputs person {\n  id: text key\n  pay: euro\n}\ncompute b =\n  let full = pay * 2,\n  let cut = full * 10%,\n  round(full - cut, 2)\n';
    expect(formula(en, 'b')).toBe('let full = pay * 2, let cut = full * 10%, round(full - cut, 2)');
    const it_ = 'scheda t anno 2025 lingua it\ndati persona {\n  matricola: testo chiave\n  paga: euro\n}\ncalcola b =\n  sia pieno = paga * 2;\n  arrotonda(pieno; 2)\n';
    expect(formula(it_, 'b')).toBe('sia pieno = paga * 2; arrotonda(pieno; 2)');
  });

  it('still joins scale rows with «; »', () => {
    const en = 'scheme t year 2025 language en\ninputs person {\n  id: text key\n  pay: euro\n}\ncompute r = scale pay {\n  from 100 € → 10%\n  else → 0%\n}\n';
    expect(formula(en, 'r')).toBe('scale pay { from 100 € → 10%; else → 0% }');
  });
});

// Issue 7, "Words": one misplaced word gave a cascade of follow-on syntax errors. After a syntax error the
// parser recovers, but what it stumbles on until the next declaration is not reported: one mistake, one
// error, at the mistake, with a message that says what to do.
import { describe, expect, it } from 'vitest';
import { parse } from '../../engine/syntax/index.ts';

const IT_HEAD = `scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  punteggio: punti da 0 a 100
  assenze: giorni
}
`;
const IT_TAIL = `
calcola doppio = punteggio * 2
requisito presente "Presente": assenze < 30 giorni
fasce premio su punteggio {
  alta da 80 a 100 → 100%
  bassa da 0 sotto 80 → 50%
}
esempio "uno" {
  dato punteggio = 90 punti
  atteso doppio = 180 punti
}
`;
const EN_HEAD = `scheme t year 2025 language en
inputs person {
  id: text key
  score: points from 0 to 100
  absences: days
}
`;
const EN_TAIL = `
compute double = score * 2
gate present "Present": absences < 30 days
bands award on score {
  high from 80 to 100 → 100%
  low from 0 under 80 → 50%
}
example "one" {
  given score = 90 points
  expect double = 180 points
}
`;

const errors = (text: string) => parse(text).diagnostics.filter((d) => d.severity === 'error');

// [what, the faulty declaration, the one error's code, line:col (the faulty line is line 7), words of its message]
const IT_CASES: [string, string, string, string, string][] = [
  ['a misplaced word in a value', 'calcola x = punteggio punteggio * 2', 'syntax-unreadable', '7:23', '«punteggio»'],
  ['a doubled «=»', 'calcola x = = punteggio', 'syntax-unexpected', '7:13', 'un valore'],
  ['a missing «=»', 'calcola x punteggio * 2', 'syntax-unexpected', '7:11', '«=»'],
  ['a reserved word as a name', 'calcola se = 1', 'syntax-reserved-word', '7:9', '«se»'],
  ['an unclosed parenthesis', 'calcola x = (punteggio + 1', 'syntax-unexpected', '9:1', '«)»'],
  ['a block without its «}»', 'dati ente {\n  fondo_x: euro\n', 'syntax-incomplete-declaration', '11:1', 'incompleta'],
  ['a misspelt keyword', 'calcla x = 1', 'syntax-misspelt-keyword', '7:1', '«calcola»'],
  ['a stray word between declarations', 'parola\ncalcola x = 1', 'syntax-unreadable', '7:1', '«parola»'],
  ['a band row without its arrow', 'fasce f su punteggio {\n  alta da 80 a 100 100%\n  bassa da 0 sotto 80 → 50%\n}', 'syntax-unexpected', '8:20', '«→»'],
  ['a value left out', 'calcola x =\ncalcola y = 2', 'syntax-incomplete-declaration', '8:1', '«calcola»'],
  ['an «if» without «else»', 'calcola x = se punteggio > 50 allora 1', 'syntax-unexpected', '9:1', '«altrimenti»'],
  ['a field without its colon', 'dati ente {\n  fondo_x euro\n  altro: euro\n}', 'syntax-unexpected', '8:11', '«:»'],
];

const EN_CASES: [string, string, string, string, string][] = [
  ['a misplaced word in a value', 'compute x = score score * 2', 'syntax-unreadable', '7:19', '«score»'],
  ['a missing «=»', 'compute x score * 2', 'syntax-unexpected', '7:11', '«=»'],
  ['a reserved word as a name', 'compute if = 1', 'syntax-reserved-word', '7:9', '«if»'],
  ['a block without its «}»', 'inputs entity {\n  pot: euro\n', 'syntax-incomplete-declaration', '11:1', 'incomplete'],
  ['a misspelt keyword', 'compte x = 1', 'syntax-misspelt-keyword', '7:1', '«compute»'],
  ['a value left out', 'compute x =\ncompute y = 2', 'syntax-incomplete-declaration', '8:1', '«compute»'],
];

describe('one mistake, one error', () => {
  it.each(IT_CASES)('Italian: %s gives exactly one error, at the mistake', (_what, body, code, at, words) => {
    const errs = errors(IT_HEAD + body + '\n' + IT_TAIL);
    expect(errs.map((d) => [d.code, `${d.span.line}:${d.span.col}`])).toEqual([[code, at]]);
    expect(`${errs[0].message} ${errs[0].hint ?? ''}`).toContain(words);
    expect(errs[0].hint).toBeTruthy();
  });

  it.each(EN_CASES)('English: %s gives exactly one error, at the mistake', (_what, body, code, at, words) => {
    const errs = errors(EN_HEAD + body + '\n' + EN_TAIL);
    expect(errs.map((d) => [d.code, `${d.span.line}:${d.span.col}`])).toEqual([[code, at]]);
    expect(`${errs[0].message} ${errs[0].hint ?? ''}`).toContain(words);
  });

  it('two mistakes in two declarations give two errors, one each', () => {
    const errs = errors(IT_HEAD + 'calcola x punteggio\ncalcola y = 1\ncalcola z = = 2\n' + IT_TAIL);
    expect(errs.map((d) => `${d.span.line}:${d.span.col}`)).toEqual(['7:11', '9:13']);
  });

  it('a domain word used as a name is no mistake at all', () => {
    expect(errors(IT_HEAD + 'calcola fondo = punteggio * 2\ncalcola peso = fondo + 1 punti\n' + IT_TAIL)).toEqual([]);
    expect(errors(EN_HEAD + 'compute fund = score * 2\ncompute weight = fund + 1 points\n' + EN_TAIL)).toEqual([]);
  });
});

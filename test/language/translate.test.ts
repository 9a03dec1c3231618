// Issue 7, "Words": translating with `fmt --lang` could produce a file that fails its own check (names that
// are keywords or function names in the other language). Now only the other language's reserved words can
// collide (its other keywords are names where a name is written; a function is a function only when called),
// and `fmt --lang` refuses such a file, naming each name where it is written and a rename, before writing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { format } from '../../engine/format/format.ts';
import { collisionMessage, translationCollisions } from '../../engine/format/translate.ts';
import { runExample } from '../../engine/run/examples.ts';
import { parse } from '../../engine/syntax/index.ts';
import { bundleOf } from '../check/helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'scheda-translate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const errorsOf = (text: string) => bundleOf(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line}:${d.span.col} ${d.code}`);

// English words that are names in Italian: function names, keywords, reserved English words
const IT_WITH_ENGLISH_NAMES = `scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  sum: punti da 0 a 10
  round: punti da 0 a 10
  if: sì_no
}
calcola total_x = sum + round
calcola mean per ente = media(sum)
calcola from = se if allora sum altrimenti 0 punti
esempio "e" {
  dato sum = 2 punti
  dato round = 3 punti
  dato if = vero
  atteso total_x = 5 punti
  atteso from = 2 punti
}
`;

describe('translation collisions', () => {
  it('names that are function names or non-reserved keywords of the target language translate and check clean', () => {
    const text = `scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  sum: punti da 0 a 10
  weight: punti da 0 a 10
}
calcola mean = sum + weight
calcola total_sum per ente = somma(sum)
calcola share = quota(f)
fasce f su mean {
  key da 0 a 10 punti → 5%
  fund oltre 10 punti → 10%
}
esempio "e" {
  dato sum = 2 punti
  dato weight = 3 punti
  atteso mean = 5 punti
  atteso share = 5%
}
`;
    expect(errorsOf(text)).toEqual([]);
    const ast = parse(text).ast;
    expect(translationCollisions(ast, 'en')).toEqual([]);
    const en = format(ast, 'en');
    expect(en).toContain('compute total_sum per entity = sum(sum)');
    expect(en).toContain('compute share = share(f)');
    expect(errorsOf(en)).toEqual([]);
    const b = bundleOf(en);
    const ir = b.irs.get('t')!;
    expect(runExample(ir, ir.examples[0])).toMatchObject({ ok: true });
  });

  it('names that are reserved words of the target language are found, each once, where first written, with a rename', () => {
    const ast = parse(IT_WITH_ENGLISH_NAMES).ast;
    expect(errorsOf(IT_WITH_ENGLISH_NAMES)).toEqual([]);
    const cs = translationCollisions(ast, 'en');
    expect(cs.map((c) => [c.name, `${c.span.line}:${c.span.col}`, c.reason, c.suggestion])).toEqual([
      ['if', '6:3', 'reserved', 'if_1'],
      ['from', '10:9', 'reserved', 'from_1'],
    ]);
    const msg = collisionMessage('t.scheda', cs, 'it', 'en');
    expect(msg[0]).toContain('non la scrivo in inglese');
    expect(msg[1]).toBe('  t.scheda:6:3: «if» è una parola riservata in inglese: rinominalo, es. «if_1»');
    expect(msg.at(-1)).toContain('fmt --lang en');
    // with the suggested renames the scheme translates and its translation checks clean
    const renamed = IT_WITH_ENGLISH_NAMES.replace(/\bif\b/g, 'if_1').replace(/\bfrom\b/g, 'from_1');
    expect(translationCollisions(parse(renamed).ast, 'en')).toEqual([]);
    expect(errorsOf(format(parse(renamed).ast, 'en'))).toEqual([]);
  });

  it('a unit named like a type of the target language is a collision (it would read as the type)', () => {
    const text = 'scheda t anno 2025 lingua it\nunità points "Ufficio"\ndati persona {\n  matricola: testo chiave\n  ufficio: points\n}\n';
    expect(errorsOf(text)).toEqual([]);
    const cs = translationCollisions(parse(text).ast, 'en');
    expect(cs.map((c) => [c.name, c.reason, `${c.span.line}:${c.span.col}`])).toEqual([['points', 'type', '2:7']]);
    expect(collisionMessage('t.scheda', cs, 'it', 'en')[1]).toContain('nome di un tipo');
  });

  it('English to Italian: Italian reserved words used as English names are found', () => {
    const text = 'scheme t year 2025 language en\ninputs person {\n  id: text key\n  se: number\n  tra: number\n}\ncompute allora = se + tra\n';
    expect(errorsOf(text)).toEqual([]);
    const cs = translationCollisions(parse(text).ast, 'it');
    expect(cs.map((c) => c.name)).toEqual(['se', 'tra', 'allora']);
    expect(collisionMessage('t.scheda', cs, 'en', 'it')[0]).toContain('3 names are reserved words in Italian');
  });

  it('the checker warns of such a name when the scheme is written, naming the language', () => {
    const ds = bundleOf(IT_WITH_ENGLISH_NAMES).diagnostics.filter((d) => d.code === 'name-is-keyword-elsewhere');
    expect(ds.map((d) => d.message)).toEqual([
      '«if» è una parola chiave in inglese: la scheda non si potrà stampare in quella lingua (fmt --lang en).',
      '«from» è una parola chiave in inglese: la scheda non si potrà stampare in quella lingua (fmt --lang en).',
    ]);
  });

  it('scheda fmt --lang en refuses, names the names and a rename, and leaves the file as it was', () => {
    const file = join(tmp, 't.scheda');
    writeFileSync(file, IT_WITH_ENGLISH_NAMES);
    const r = spawnSync(process.execPath, ['bin/scheda.mjs', 'fmt', '--lang', 'en', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain(`${file}:6:3: «if» è una parola riservata in inglese: rinominalo, es. «if_1»`);
    expect(r.stdout).toContain(`${file}:10:9: «from»`);
    expect(readFileSync(file, 'utf8')).toBe(IT_WITH_ENGLISH_NAMES);
  });
});

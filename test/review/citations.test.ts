// Stale citations: `check` warns when a `fonte` or `nota` quotes a figure its rule held in the previous version
// (`--since OLD`, or the origin nuovo-anno writes) and holds no longer; rules that did not change never warn.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { figuresIn, staleCitations } from '../../engine/review/citations.ts';
import { parse } from '../../engine/syntax/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'scheda-citations-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const scheda = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/scheda.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('figures quoted in a text', () => {
  it('reads Italian percentages, amounts and numbers, and leaves out references, dates, years and codes', () => {
    const f = figuresIn('CCNL 16/11/2022 art. 24, 27 e 28, §3.3 lett. d: «non superiore al 10%», 56 × 317,08 € = 17.756,48 €; € 1.500,00; 47,5 punti; D.Lgs. 33/2013; anno 2024; categoria D1; punti 1-5', 'it');
    expect(f.map((x) => [x.raw, x.kind, x.value])).toEqual([
      ['10%', 'pct', '10'], ['56', 'num', '56'], ['317,08 €', 'eur', '317.08'], ['17.756,48 €', 'eur', '17756.48'], ['€ 1.500,00', 'eur', '1500'], ['47,5', 'num', '47.5'],
    ]);
  });

  it('reads English numbers in an English scheme', () => {
    expect(figuresIn('at most 10% of the eligible, 1,500.00 € and 47.5 points (section 3)', 'en').map((x) => [x.raw, x.value])).toEqual([['10%', '10'], ['1,500.00 €', '1500'], ['47.5', '47.5']]);
  });
});

const IT = `scheda t anno 2024 lingua it
dati persona {
  matricola: testo chiave
  punti: punti da 0 a 100
  settore: testo
}
totale max 100 punti
voce v "Voce" max 100 punti = punti
calcola vincitore "Migliori" = migliori 10% per totale
  fonte "art. 24: «non superiore al 10% di coloro che hanno ottenuto le migliori valutazioni»"
  nota "Lettura: al più il 10%, per difetto; 56 × 317,08 € nel 2023"
calcola quota per ente "Quota" = 10%
  nota "Il 10% è scritto anche in «vincitore»"
fasce f su totale {
  bassa da 0 a 60 → 0%
  alta oltre 60 fino a 100 → 100%
}
  nota "Soglia a 60 punti, come nel 2023"
`;
const EN = `scheme t year 2024 language en
inputs person {
  id: text key
  score: points from 0 to 100
}
total max 100 points
item v "Item" max 100 points = score
compute winner "Best" = best 10% by total
  source "art. 24: «at most 10% of those with the best ratings»"
bands b on total {
  low from 0 to 60 → 0%
  high over 60 up to 100 → 100%
}
  note "Threshold at 60 points"
`;

const stale = (a: string, b: string) => staleCitations(parse(a, 'a').ast, parse(b, 'b').ast, b).map((s) => [s.rule, s.what, s.figure.raw]);

describe('stale citations against the previous version', () => {
  it('flags the citations of a changed percentage and of a changed band threshold, and nothing else (Italian)', () => {
    const b = IT.replace('migliori 10%', 'migliori 8%').replace('da 0 a 60', 'da 0 a 65').replace('oltre 60', 'oltre 65');
    expect(stale(IT, b)).toEqual([['value:vincitore', 'fonte', '10%'], ['value:vincitore', 'nota', '10%'], ['bands:f', 'nota', '60']]);
  });

  it('the same in English', () => {
    const b = EN.replace('best 10%', 'best 8%').replace('from 0 to 60', 'from 0 to 65').replace('over 60', 'over 65');
    expect(stale(EN, b)).toEqual([['value:winner', 'fonte', '10%'], ['bands:b', 'nota', '60']]);
  });

  it('no warning when nothing changed, when the citation was updated, or for figures the rule never held', () => {
    expect(stale(IT, IT)).toEqual([]);
    const updated = IT.replace('migliori 10%', 'migliori 8%').replace('al 10% di coloro', "all'8% di coloro").replace('al più il 10%', "al più l'8%");
    expect(stale(IT, updated)).toEqual([]);
    // 317,08 € and 56 are results, not literals of the rule: no evidence either way
    expect(stale(IT, IT.replace('migliori 10% per totale', 'migliori 10% per totale entro settore'))).toEqual([]);
  });

  it('points at the figure inside the string', () => {
    const b = IT.replace('migliori 10%', 'migliori 8%');
    const s = staleCitations(parse(IT, 'a').ast, parse(b, 'b').ast, b)[0];
    expect(b.slice(s.offset, s.offset + 3)).toBe('10%');
    expect(s.now).toEqual(['8']);
  });
});

describe('check after nuovo-anno', () => {
  it('flags exactly the stale citations of the two rules changed in the rolled-over Cremona bundle', () => {
    const to = join(tmp, 'cremona', '2025');
    expect(scheda('nuovo-anno', 'rules/cremona/2024', to).status).toBe(0);
    const text = readFileSync(join(to, 'comparto.scheda'), 'utf8');
    expect(text).toMatch(/^# ripreso da «[^»]*rules\/cremona\/2024\/comparto\.scheda» con scheda nuovo-anno$/m);
    // right after the rollover: nothing is stale
    const clean = scheda('check', to, '--json');
    expect(JSON.parse(clean.stdout).filter((d: { code: string }) => d.code === 'stale-citation')).toEqual([]);
    // a percentage and a band threshold change
    const changed = text.replace('= migliori 10% per totale entro settore', '= migliori 8% per totale entro settore')
      .replace('terza oltre 40 fino a 45 → 0%', 'terza oltre 40 fino a 44 → 0%').replace('seconda oltre 45 fino a 47,5', 'seconda oltre 44 fino a 47,5');
    expect(changed).not.toBe(text);
    writeFileSync(join(to, 'comparto.scheda'), changed);
    const r = scheda('check', to, '--json');
    const ds = JSON.parse(r.stdout).filter((d: { code: string }) => d.code === 'stale-citation') as { file: string; message: string; span: { line: number } }[];
    // the declarations the flagged lines belong to: the two changed rules, each flagged
    const ast = parse(changed, 'c').ast;
    const ruleAt = (line: number) => ast.decls.filter((d) => d.span.line <= line).at(-1) as { name?: { name: string } };
    expect([...new Set(ds.map((d) => ruleAt(d.span.line).name?.name))].sort()).toEqual(['fascia_valutazione', 'vincitore']);
    expect(ds.every((d) => d.file.endsWith('comparto.scheda'))).toBe(true);
    expect(ds.find((d) => d.message.includes('«45»'))!.message).toContain('(ora: 44)');
    expect(ds.filter((d) => d.message.includes('«10%»')).length).toBeGreaterThanOrEqual(2);
    // the same with --since, from any folder
    const since = scheda('check', to, '--since', 'rules/cremona/2024', '--json');
    expect(JSON.parse(since.stdout).filter((d: { code: string }) => d.code === 'stale-citation')).toHaveLength(ds.length);
  });

  it('the bundled rules hold no stale citation: each folder against itself, and Cremona 2025 against 2024', () => {
    const dirs = readdirSync(join(ROOT, 'rules')).flatMap((b) => readdirSync(join(ROOT, 'rules', b)).map((y) => `rules/${b}/${y}`));
    for (const d of dirs) {
      const r = scheda('check', d, '--since', d, '--json');
      expect(JSON.parse(r.stdout).filter((x: { code: string }) => x.code === 'stale-citation'), d).toEqual([]);
    }
    const r = scheda('check', 'rules/cremona/2025', '--since', 'rules/cremona/2024', '--json');
    expect(JSON.parse(r.stdout).filter((x: { code: string }) => x.code === 'stale-citation')).toEqual([]);
  }, 240_000);
});

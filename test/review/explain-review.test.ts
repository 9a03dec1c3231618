// explain for reviewers: each figure's formula and the same formula with the person's values, labels on the
// values read, the exact value beside a rounded one, «lettura»/«reading» (never «norma»), and --compare OLD:
// the person's figures under both versions, on the same data, differences marked.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'scheda-explain-review-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const IT = (pct: string) => `scheda s anno 2025 lingua it
dati persona {
  matricola: testo chiave
  punti_in: punti da 0 a 100 "Punti della scheda"
  stipendio: euro "Stipendio annuo"
}
totale max 100 punti
voce v "Valutazione" max 100 punti = punti_in
calcola quota_premio "Quota del premio" = ${pct}
  nota "Una lettura dell'accordo"
calcola premio_esatto = stipendio * quota_premio / 7
calcola premio "Premio" = arrotonda(premio_esatto; 2)
`;
const EN = `scheme s year 2025 language en
inputs person {
  id: text key
  score: points from 0 to 100 "Score"
  salary: euro "Salary"
}
total max 100 points
item v "Rating" max 100 points = score
compute rate "Rate" = 10%
  note "A reading of the agreement"
compute bonus_exact = salary * rate / 7
`;

function scheda(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/scheda.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

function folder(name: string, text: string, persons: string) {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 's.scheda'), text);
  writeFileSync(join(dir, 'data', 's-persone.csv'), persons);
  return dir;
}

describe('scheda explain, for reviewers', () => {
  it('writes the formula, the formula with the values, labels, and the exact value beside the rounded one (Italian)', () => {
    const d = folder('it', IT('10%'), 'matricola;punti_in;stipendio\nP1;80;30000\n');
    const r = scheda('explain', join(d, 's.scheda'), '--data', join(d, 'data'), '--person', 'P1');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('premio_esatto = 428,5714285714… (esatto) → 428,57 €');
    expect(r.stdout).toContain('    formula: stipendio * quota_premio / 7');
    expect(r.stdout).toContain('    con i valori: 30.000,00 € * 10% / 7 = 428,57 €');
    expect(r.stdout).toContain('    formula: arrotonda(premio_esatto; 2)');
    expect(r.stdout).toContain('legge: dato stipendio «Stipendio annuo» = 30.000,00 €; quota_premio «Quota del premio» = 10%');
    expect(r.stdout).toContain('    lettura: Una lettura dell\'accordo');
    expect(r.stdout).not.toMatch(/norma/i);
  });

  it('speaks English in an English scheme: «reading», «exact», «with the values»', () => {
    const d = folder('en', EN, 'id;score;salary\nP1;80;30000\n');
    const r = scheda('explain', join(d, 's.scheda'), '--data', join(d, 'data'), '--person', 'P1');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('bonus_exact = 428.5714285714… (exact) → 428.57 €');
    expect(r.stdout).toContain('    with the values: 30,000.00 € * 10% / 7 = 428.57 €');
    expect(r.stdout).toContain('    reading: A reading of the agreement');
    expect(r.stdout).toContain('reads: input salary «Salary» = 30,000.00 €; rate «Rate» = 10%');
  });

  it('--compare OLD: the person\'s figures under both versions, differences marked, also as JSON', () => {
    const persons = 'matricola;punti_in;stipendio\nP1;80;30000\n';
    const a = folder('old', IT('10%'), persons);
    const b = folder('new', IT('12%'), persons);
    const r = scheda('explain', join(b, 's.scheda'), '--data', join(b, 'data'), '--person', 'P1', '--compare', join(a, 's.scheda'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const table = r.stdout.slice(r.stdout.indexOf('== confronto'));
    expect(table).toMatch(/≠ Quota del premio \[quota_premio\]\s+10%  →  12%/);
    expect(table).toMatch(/≠ Premio \[premio\]\s+428,57 €  →  514,29 €/);
    expect(table).toMatch(/^ {2}Valutazione \[v\]\s+80 punti  →  80 punti$/m);
    expect(table).toContain('3 cifre cambiano (≠)');
    const j = JSON.parse(scheda('explain', join(b, 's.scheda'), '--data', join(b, 'data'), '--person', 'P1', '--compare', join(a, 's.scheda'), '--json').stdout);
    const premio = j.compare.figures.find((f: { name: string }) => f.name === 'premio');
    expect(premio).toMatchObject({ scheme: 's', old: '428,57 €', new: '514,29 €', changed: true });
    expect(j.compare.figures.filter((f: { changed: boolean }) => f.changed).map((f: { name: string }) => f.name)).toEqual(['quota_premio', 'premio_esatto', 'premio']);
  });
});

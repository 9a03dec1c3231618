// `scheda test --update` rewrites the expected values that differ, in place (comments and layout kept), and prints
// old → new; `--variant` on test and run (an unknown name is a usage error with did-you-mean; the reports name it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
function scheda(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/scheda.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = mkdtempSync(join(tmpdir(), 'scheda-update-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SCHEME = `scheda quote anno 2025 lingua it
dati persona {
  matricola: testo chiave
  punti: punti da 0 a 100
}
dati ente {
  fondo: euro
}
parità: punti decrescente; matricola crescente
calcola quota per ente = 10%
  nota "Lettura: il dieci per cento."
  variante doppia "Quota raddoppiata": 20%
calcola premio = ripartisci(fondo * quota; punti)

# un esempio di una persona
esempio "Una persona" {
  dato fondo = 1.000 €
  dato punti = 10 punti
  atteso premio = 90 €   # valore vecchio
}

esempio "Tre persone" {
  persone {
    matricola | punti
    A         | 10 punti
    B         | 10 punti
    C         | 10 punti  # la terza
  }
  dato fondo = 100 €
  atteso per persona {
    matricola | premio
    A         | 1 €
    B         | 3,33 €
    C         | 3,33 €
  }
}

esempio "Raddoppiata" variante doppia {
  dato fondo = 1.000 €
  atteso quota = 20%
}
`;

describe('scheda test --update and --variant', () => {
  it('--update rewrites only the expected values that differ, in single-person and population examples, and prints old → new', () => {
    const file = join(tmp, 'quote.scheda');
    writeFileSync(file, SCHEME);
    const before = scheda('test', file);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('A: premio: atteso 1,00 €, calcolato 3,34 €');
    const r = scheda('test', '--update', file);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('premio: 90 € → 100,00 €');
    expect(r.stdout).toContain('A · premio: 1 € → 3,34 €');
    expect(r.stdout).toContain('2 valori aggiornati');
    const after = readFileSync(file, 'utf8');
    // exactly the two literals changed: comments, alignment elsewhere and every other value as written
    expect(after).toBe(SCHEME.replace('atteso premio = 90 €', 'atteso premio = 100,00 €').replace('    A         | 1 €', '    A         | 3,34 €'));
    expect(readdirSync(tmp).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(scheda('test', file).stdout.trim().split('\n').at(-1)).toBe('3 passed, 0 failed');
  }, 120_000);

  it('test --variant runs that reading\'s examples; an unknown name is a usage error with did-you-mean', () => {
    const file = join(tmp, 'quote.scheda');
    const r = scheda('test', '--variant', 'doppia', file);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 passed, 0 failed');
    const bad = scheda('test', '--variant', 'dopia', file);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('«doppia»');
  }, 120_000);

  it('run --variant on Cremona runs, and report.json, results.json and report.html name the variant and its label', () => {
    const out = join(tmp, 'out');
    const r = scheda('run', 'rules/cremona/2024', '--data', 'data/cremona-2024', '--variant', 'soglie_arrotondate', '--out', out);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('variante soglie_arrotondate');
    const rep = JSON.parse(readFileSync(join(out, 'comparto', 'report.json'), 'utf8'));
    expect(rep.variante).toEqual({ nome: 'soglie_arrotondate', etichetta: "Importi arrotondati all'euro prima delle soglie" });
    expect(JSON.parse(readFileSync(join(out, 'comparto', 'results.json'), 'utf8')).variante.nome).toBe('soglie_arrotondate');
    expect(readFileSync(join(out, 'comparto', 'report.html'), 'utf8')).toContain('Variante «soglie_arrotondate»');
    const bad = scheda('run', 'rules/cremona/2024', '--data', 'data/cremona-2024', '--variant', 'soglie_arotondate', '--out', join(tmp, 'out2'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('«soglie_arrotondate»');
    expect(existsSync(join(tmp, 'out2'))).toBe(false);
  }, 240_000);
});

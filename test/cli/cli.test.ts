// The `scheda` command as users run it: `node bin/scheda.mjs …` from the project root. Each spawn
// costs one to two seconds (node + tsx), so there are few of them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CREMONA = 'rules/cremona/2024';

function scheda(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/scheda.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.trimEnd().split('\n') };
}

const tmp = mkdtempSync(join(tmpdir(), 'scheda-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('node bin/scheda.mjs', () => {
  it('check on the Cremona folder exits 0 and counts 0 errors', () => {
    const r = scheda('check', CREMONA);
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines.at(-1)).toMatch(/^0 errori, \d+ avvis[oi]$/); // the schemes are Italian: counted in Italian
    expect(r.stdout).toContain(`${CREMONA}/comparto.scheda:`);
  });

  it('check on a copy with a misspelt name exits 1, printing file:line:col and the right name as did-you-mean', () => {
    const dir = join(tmp, 'misspelt');
    cpSync(join(ROOT, CREMONA), dir, { recursive: true });
    const file = join(dir, 'comparto.scheda');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const n = lines.findIndex((l) => l.startsWith('calcola premio_medio_senza per ente'));
    const col = lines[n].indexOf('fondo_netto') + 1;
    lines[n] = lines[n].replace('fondo_netto', 'fondo_neto');
    writeFileSync(file, lines.join('\n'));
    const shown = relative(ROOT, file);
    const r = scheda('check', shown);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${shown}:${n + 1}:${col}: error unknown-name: Il nome «fondo_neto» non è dichiarato.`);
    expect(r.stdout).toContain('Forse intendevi «fondo_netto»?');
  });

  it('fmt --check exits 0 on the rules folder', () => {
    const r = scheda('fmt', '--check', 'rules');
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('fmt --check exits 1 on a badly formatted file, and leaves it as it was', () => {
    const file = join(tmp, 'brutta.scheda');
    const text = 'scheda brutta anno 2025 lingua it\ndati persona {\n   matricola:testo chiave\n   p: punti\n}\ncalcola   doppio=p*2\n';
    writeFileSync(file, text);
    const r = scheda('fmt', '--check', relative(ROOT, file));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('brutta.scheda: da riformattare / would be reformatted');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('test runs the Cremona examples and ends with «N passed, M failed»', () => {
    const r = scheda('test', CREMONA);
    expect(r.status, r.stdout).toBe(0);
    expect(r.lines.at(-1)).toMatch(/^\d+ passed, \d+ failed$/);
    const [, passed, failed] = /^(\d+) passed, (\d+) failed$/.exec(r.lines.at(-1)!)!;
    expect(Number(passed)).toBeGreaterThanOrEqual(40);
    expect(Number(failed)).toBe(0);
  });

  it('exits 2 on an unknown command', () => {
    const r = scheda('boh');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('boh');
  });

  it('compile prints the IR as JSON', () => {
    const r = scheda('compile', `${CREMONA}/progetti.scheda`);
    expect(r.status, r.stderr).toBe(0);
    const ir = JSON.parse(r.stdout);
    expect(ir).toMatchObject({ ir: 'scheda-ir/1', id: 'progetti', file: 'progetti.scheda', lang: 'it' });
  });

  it('check --json prints a JSON array of diagnostics', () => {
    const r = scheda('check', '--json', CREMONA);
    expect(r.status, r.stderr).toBe(0);
    const ds = JSON.parse(r.stdout);
    expect(Array.isArray(ds)).toBe(true);
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) expect(d).toMatchObject({ code: expect.any(String), severity: expect.any(String), message: expect.any(String), file: expect.any(String), span: { line: expect.any(Number), col: expect.any(Number) } });
  });
});

describe('scheda run never deletes what it did not write', () => {
  it('refuses a non-empty output folder that no run wrote, and leaves it untouched (exit 2)', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'scheda-keep-'));
    writeFileSync(join(dir, 'precious.txt'), 'keep me');
    const r = spawnSync(process.execPath, ['bin/scheda.mjs', 'run', 'rules/example-town/2025', '--data', 'data/example-town-2025', '--out', dir], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/non è vuota/);
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me');
  });
});

// Safe to run: what `scheda run` writes stays inside --out, replaces the previous output atomically
// under a lock, never deletes a file scheda did not write, fails on the file system in one line, and
// writes a results.csv a spreadsheet cannot run. Fictional data only (rules/example-town) and small
// schemes written here. The CLI is spawned as operators run it (`node bin/scheda.mjs`).
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadBundles, schemeFiles } from '../../engine/pipeline.ts';
import { csvCell, resultsCsv } from '../../engine/report/csv.ts';
import { D } from '../../engine/run/decimal.ts';
import type { SchemeRun } from '../../engine/run/year.ts';
import type { V } from '../../engine/run/population.ts';
import { OutputError, OutputFolder, STEPS } from '../../engine/cli/output.ts';

// each spawn takes one to two seconds, more on a busy machine
vi.setConfig({ testTimeout: 120_000, hookTimeout: 240_000 });

const ROOT = join(import.meta.dirname, '..', '..');
const RULES = 'rules/example-town/2025';
const DATA = join(ROOT, 'data', 'example-town-2025');
const IS_ROOT = process.getuid?.() === 0;

const tmp = mkdtempSync(join(tmpdir(), 'scheda-safety-'));
chmodSync(tmp, 0o755); // the read-only tests run the command as an unprivileged user when the suite runs as root
afterAll(() => {
  spawnSync('chmod', ['-R', 'u+w', tmp]);
  rmSync(tmp, { recursive: true, force: true });
});

type Ran = { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function scheda(args: string[], o: { env?: Record<string, string>; as?: 'operator' } = {}): Ran {
  const opts: SpawnSyncOptions = { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...o.env } };
  if (o.as && IS_ROOT) Object.assign(opts, { uid: 65534, gid: 65534 });
  const r = spawnSync(process.execPath, ['bin/scheda.mjs', ...args], opts);
  return { status: r.status, signal: r.signal, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function schedaAsync(args: string[], env: Record<string, string> = {}): { pid: number; done: Promise<Ran> } {
  const c = spawn(process.execPath, ['bin/scheda.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  c.stdout.on('data', (b) => (stdout += b));
  c.stderr.on('data', (b) => (stderr += b));
  const done = new Promise<Ran>((res) => c.on('close', (status, signal) => res({ status, signal, stdout, stderr })));
  return { pid: c.pid!, done };
}

const run = (data: string, out: string, env?: Record<string, string>) => scheda(['run', RULES, '--data', data, '--out', out], { env });

/** Every file under `dir` (symbolic links as «-> target»), by relative path. */
function tree(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(dir, r));
    if (st.isDirectory()) {
      out[`${r}/`] = '';
      Object.assign(out, tree(dir, r));
    } else out[r] = st.isSymbolicLink() ? `-> ${readlinkSync(join(dir, r))}` : readFileSync(join(dir, r), 'latin1');
  }
  return out;
}

/** One line on stderr, no stack trace. */
function oneLine(r: Ran) {
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error|errore interno/);
}

/** A copy of the example-town data where person P001 scored less: another, different output. */
function otherData(name: string): string {
  const d = join(tmp, name);
  cpSync(DATA, d, { recursive: true });
  const f = join(d, 'staff-persone.csv');
  writeFileSync(f, readFileSync(f, 'utf8').replace(/^P001,OF2,365,58\.18,/m, 'P001,OF2,365,41.5,'));
  return d;
}

/** What an operator puts in the output folder: a signed PDF, a sub-folder, an empty folder, a note
 *  inside a scheme's folder, a symbolic link. */
function operatorFiles(out: string) {
  writeFileSync(join(out, 'firmato.pdf'), '%PDF signed');
  mkdirSync(join(out, 'allegati', '2025'), { recursive: true });
  writeFileSync(join(out, 'allegati', '2025', 'verbale.txt'), 'minutes');
  mkdirSync(join(out, 'vuota'));
  writeFileSync(join(out, 'staff', 'appunti.txt'), 'notes');
  symlinkSync('firmato.pdf', join(out, 'link-al-pdf'));
}

/** The same, as `tree` shows them. */
function operatorTree(): Record<string, string> {
  return {
    'firmato.pdf': '%PDF signed', 'allegati/': '', 'allegati/2025/': '', 'allegati/2025/verbale.txt': 'minutes', 'vuota/': '',
    'staff/appunti.txt': 'notes', 'link-al-pdf': '-> firmato.pdf',
  };
}

let B: string; // data giving another output
let outA: Record<string, string>;
let outB: Record<string, string>;
beforeAll(async () => {
  B = otherData('data-b');
  const [a, b] = await Promise.all([DATA, B].map((d, i) => schedaAsync(['run', RULES, '--data', d, '--out', join(tmp, i ? 'ref-b' : 'ref-a')]).done));
  expect(a.status, a.stdout + a.stderr).toBe(0);
  expect(b.status, b.stdout + b.stderr).toBe(0);
  outA = tree(join(tmp, 'ref-a'));
  outB = tree(join(tmp, 'ref-b'));
  expect(outA['staff/results.json']).not.toBe(outB['staff/results.json']);
});

describe('outputs contained: a scheme id is an identifier, and no path leaves --out', () => {
  const folder = join(tmp, 'names');
  beforeAll(() => {
    mkdirSync(folder);
    const text = readFileSync(join(ROOT, RULES, 'staff.scheda'), 'utf8');
    for (const f of ['staff.scheda', '...scheda', '.x.scheda', 'a b.scheda', '1x.scheda', 'a-b.scheda']) writeFileSync(join(folder, f), text);
  });
  const codes = (paths: string[]) =>
    loadBundles(paths).flatMap(({ bundle }) => bundle.diagnostics.filter((d) => d.code === 'file-name-not-identifier').map((d) => [d.file.slice(folder.length + 1), d.severity]));

  it('a rule file whose name is not an identifier is an error (folder scan), and is never compiled', () => {
    expect(codes([folder])).toEqual([['1x.scheda', 'error'], ['a b.scheda', 'error'], ['a-b.scheda', 'error']]);
    const [{ bundle }] = loadBundles([folder]);
    expect([...bundle.irs.keys()]).toEqual(['staff']);
    expect(bundle.ok).toBe(false);
  });

  it('dotfiles are skipped by the folder scan and among the siblings, and are an error when named explicitly', () => {
    expect(schemeFiles(folder).map((f) => f.slice(folder.length + 1))).toEqual(['1x.scheda', 'a b.scheda', 'a-b.scheda', 'staff.scheda']);
    const [{ bundle }] = loadBundles([join(folder, 'staff.scheda')]);
    expect([...bundle.sources.keys()].sort()).toEqual(['1x', 'a b', 'a-b', 'staff']); // no «..», no «.x»
    expect(codes([join(folder, '...scheda')])).toContainEqual(['...scheda', 'error']);
    expect(codes([join(folder, '.x.scheda')])).toContainEqual(['.x.scheda', 'error']);
  });

  it('scheda run with a dot-named rule file (and data for it) writes nothing outside --out', () => {
    const base = join(tmp, 'dot');
    const rules = join(base, 'R');
    const data = join(base, 'D');
    const parent = join(base, 'p');
    mkdirSync(rules, { recursive: true });
    mkdirSync(parent);
    cpSync(join(ROOT, RULES, 'staff.scheda'), join(rules, 'staff.scheda'));
    cpSync(join(ROOT, RULES, 'staff.scheda'), join(rules, '...scheda'));
    cpSync(DATA, data, { recursive: true });
    for (const f of readdirSync(DATA)) if (f.startsWith('staff-')) cpSync(join(DATA, f), join(data, `..-${f.slice(6)}`));
    writeFileSync(join(parent, 'results.json'), 'keep');
    const out = join(parent, 'out');

    const folderRun = scheda(['run', rules, '--data', data, '--out', out]);
    expect(folderRun.status, folderRun.stdout + folderRun.stderr).toBe(0);
    expect(readdirSync(parent).sort()).toEqual(['out', 'results.json']);
    expect(readdirSync(out).sort()).toEqual(['.scheda-run', 'staff']);

    const fileRun = scheda(['run', join(rules, '...scheda'), '--data', data, '--out', join(parent, 'out2')]);
    expect(fileRun.status).toBe(1);
    expect(fileRun.stdout).toContain('file-name-not-identifier');
    expect(readdirSync(parent).sort()).toEqual(['out', 'results.json']);
    expect(readFileSync(join(parent, 'results.json'), 'utf8')).toBe('keep');
  });

  it('a rule file named «a b.scheda» in the folder stops the run, and nothing is written', () => {
    const rules = join(tmp, 'space', 'R');
    mkdirSync(rules, { recursive: true });
    cpSync(join(ROOT, RULES, 'staff.scheda'), join(rules, 'staff.scheda'));
    cpSync(join(ROOT, RULES, 'staff.scheda'), join(rules, 'a b.scheda'));
    const r = scheda(['run', rules, '--data', DATA, '--out', join(tmp, 'space', 'out')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/a b\.scheda:1:1: error file-name-not-identifier/);
    expect(readdirSync(join(tmp, 'space'))).toEqual(['R']);
  });

  it('every output path is checked to lie inside --out before anything is written', () => {
    const base = join(tmp, 'paths');
    mkdirSync(base);
    for (const bad of ['../escaped.txt', 'x/../../escaped.txt', '/tmp/escaped.txt', 'x//y', './x', '']) {
      const f = OutputFolder.open(join(base, 'out'), { warn: () => {} });
      try {
        expect(() => f.write([['ok/results.json', '{}'], [bad, 'boom']]), bad).toThrow(OutputError);
      } finally {
        f.release();
      }
      expect(readdirSync(base), bad).toEqual([]);
    }
  });
});

describe('atomic, non-destructive replacement of the output folder', () => {
  it('keeps the operator\'s files (the very same files) on a rerun, and writes the new output', () => {
    const out = join(tmp, 'keep', 'out');
    mkdirSync(join(tmp, 'keep'));
    expect(run(DATA, out).status).toBe(0);
    operatorFiles(out);
    const ino = statSync(join(out, 'firmato.pdf')).ino;
    const r = run(B, out);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const after = tree(out);
    expect(after).toEqual({ ...outB, ...operatorTree() });
    expect(statSync(join(out, 'firmato.pdf')).ino).toBe(ino);
    expect(readdirSync(join(tmp, 'keep'))).toEqual(['out']); // no temporary folder, no lock
  });

  it('the manifest lists what scheda wrote with sha256, sorted, identical from run to run', () => {
    const m = outA['.scheda-run'].split('\n').filter((l) => l && !l.startsWith('#'));
    expect(m.map((l) => l.slice(66))).toEqual(['staff/report.html', 'staff/report.json', 'staff/results.csv', 'staff/results.json']);
    const again = join(tmp, 'again');
    expect(run(DATA, again).status).toBe(0);
    expect(tree(again)).toEqual(outA);
  });

  it('refuses, listing it, a file that changed since scheda wrote it where the new output goes; nothing is touched', () => {
    const out = join(tmp, 'changed', 'out');
    mkdirSync(join(tmp, 'changed'));
    expect(run(DATA, out).status).toBe(0);
    writeFileSync(join(out, 'staff', 'results.csv'), 'edited in a spreadsheet');
    const before = tree(out);
    const r = run(B, out);
    expect(r.status).toBe(1);
    oneLine(r);
    expect(r.stderr).toContain('staff/results.csv');
    expect(tree(out)).toEqual(before);
    expect(readdirSync(join(tmp, 'changed'))).toEqual(['out']);
  });

  it('refuses a non-empty folder that no run wrote, and leaves it untouched', () => {
    const out = join(tmp, 'foreign');
    mkdirSync(out);
    writeFileSync(join(out, 'precious.txt'), 'keep me');
    const r = run(DATA, out);
    expect(r.status).toBe(2);
    oneLine(r);
    expect(tree(out)).toEqual({ 'precious.txt': 'keep me' });
  });

  describe('a run killed after each step of the write sequence', () => {
    const results = new Map<string, { crash: Ran; base: string; ino: number; next?: Ran }>();
    beforeAll(async () => {
      // all the killed runs at once, then all the recovering runs
      await Promise.all(STEPS.map(async (step) => {
        const base = join(tmp, `crash-${step}`);
        mkdirSync(base);
        cpSync(join(tmp, 'ref-a'), join(base, 'out'), { recursive: true });
        operatorFiles(join(base, 'out'));
        const ino = statSync(join(base, 'out', 'firmato.pdf')).ino;
        const crash = await schedaAsync(['run', RULES, '--data', B, '--out', join(base, 'out')], { SCHEDA_CRASH_AFTER: step }).done;
        results.set(step, { crash, base, ino });
      }));
    });

    it.each(STEPS.map((s) => [s]))('after «%s»: the previous output or the new one, complete, with the operator\'s files', (step) => {
      const { crash, base } = results.get(step)!;
      expect(crash.signal, crash.stdout + crash.stderr).toBe('SIGKILL');
      const prev = { ...outA, ...operatorTree() };
      const next = { ...outB, ...operatorTree() };
      const expected = STEPS.indexOf(step) >= STEPS.indexOf('swap') ? next : prev;
      if (step === 'aside') {
        // between the two renames: the folder is absent for that instant; the complete previous output,
        // with the operator's files, is the folder set aside, which the next run puts back first
        expect(existsSync(join(base, 'out'))).toBe(false);
        const aside = readdirSync(base).filter((n) => /^out\.old-\d+$/.test(n));
        expect(aside).toHaveLength(1);
        expect(tree(join(base, aside[0]))).toEqual(prev);
      } else {
        expect(tree(join(base, 'out'))).toEqual(expected);
      }
    });

    describe('then the next run', () => {
      beforeAll(async () => {
        await Promise.all(STEPS.map(async (step) => {
          const r = results.get(step)!;
          r.next = await schedaAsync(['run', RULES, '--data', B, '--out', join(r.base, 'out')]).done;
        }));
      });

      it.each(STEPS.map((s) => [s]))('after «%s»: takes the stale lock over, cleans the temporary folders and writes the new output', (step) => {
        const { base, ino, next } = results.get(step)!;
        expect(next!.status, next!.stdout + next!.stderr).toBe(0);
        expect(tree(join(base, 'out'))).toEqual({ ...outB, ...operatorTree() });
        expect(statSync(join(base, 'out', 'firmato.pdf')).ino).toBe(ino);
        expect(readdirSync(base)).toEqual(['out']);
      });
    });
  });

  it('a second run on the same --out is refused while the first holds the lock; the first then finishes', async () => {
    const base = join(tmp, 'lock');
    mkdirSync(base);
    const out = join(base, 'out');
    const first = schedaAsync(['run', RULES, '--data', DATA, '--out', out], { SCHEDA_STOP_AFTER: 'lock' });
    const lock = join(base, 'out.scheda-lock');
    const t0 = Date.now();
    while (!existsSync(lock) && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 10));
    expect(readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${first.pid} `));
    const second = run(B, out);
    expect(second.status).toBe(1);
    oneLine(second);
    expect(second.stderr).toMatch(new RegExp(`another run is writing.*|pid ${first.pid}`));
    process.kill(first.pid, 'SIGCONT');
    const r = await first.done;
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(tree(out)).toEqual(outA);
    expect(readdirSync(base)).toEqual(['out']);
  });

  it('a lock left by a process that is gone is taken over; one held by a live process is respected', () => {
    const base = join(tmp, 'stale');
    mkdirSync(base);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const host = hostname();
    writeFileSync(join(base, 'out.scheda-lock'), `${dead} ${host}\n`);
    const r = run(DATA, join(base, 'out'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readdirSync(base)).toEqual(['out']);
    writeFileSync(join(base, 'out.scheda-lock'), `${process.pid} ${host}\n`);
    const held = run(B, join(base, 'out'));
    expect(held.status).toBe(1);
    oneLine(held);
    expect(tree(join(base, 'out'))).toEqual(outA);
    expect(readFileSync(join(base, 'out.scheda-lock'), 'utf8')).toBe(`${process.pid} ${host}\n`);
  });
});

describe('file-system errors: one line, exit 1, nothing half-written', () => {
  it('a read-only parent folder: nothing is created', () => {
    const ro = join(tmp, 'ro-parent');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const r = scheda(['run', RULES, '--data', DATA, '--out', join(ro, 'out')], { as: 'operator' });
    expect(r.status).toBe(1);
    oneLine(r);
    expect(r.stderr).toMatch(/EACCES|EROFS/);
    expect(readdirSync(ro)).toEqual([]);
  });

  it('a read-only output folder: the previous output is left as it was', () => {
    const base = join(tmp, 'ro-out');
    mkdirSync(base);
    cpSync(join(tmp, 'ref-a'), join(base, 'out'), { recursive: true });
    chmodSync(base, 0o777);
    chmodSync(join(base, 'out'), 0o555);
    const r = scheda(['run', RULES, '--data', B, '--out', join(base, 'out')], { as: 'operator' });
    expect(r.status).toBe(1);
    oneLine(r);
    expect(r.stderr).toMatch(/sola lettura|read-only/);
    expect(tree(join(base, 'out'))).toEqual(outA);
    expect(readdirSync(base)).toEqual(['out']);
  });

  it('a path through a regular file (ENOTDIR)', () => {
    const base = join(tmp, 'notdir');
    mkdirSync(base);
    writeFileSync(join(base, 'file'), 'x');
    const r = run(DATA, join(base, 'file', 'out'));
    expect(r.status).toBe(1);
    oneLine(r);
    expect(r.stderr).toContain('ENOTDIR');
    expect(readdirSync(base)).toEqual(['file']);
  });

  // a full disk needs a small file system: a tmpfs, mountable when the tests run as root with the right to mount
  const disk = join(tmp, 'disk');
  const mounted = (() => {
    if (!IS_ROOT) return false;
    mkdirSync(disk);
    return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48k', 'tmpfs', disk]).status === 0;
  })();
  afterAll(() => {
    if (mounted) spawnSync('umount', [disk]);
  });
  it.skipIf(!mounted)('a full disk (ENOSPC): the previous output stays complete, no temporary folder, no lock', () => {
    // room for one output but not for two (the new one is written beside the old one)
    const pages = Object.values(outA).reduce((n, text) => n + Math.ceil(Buffer.byteLength(text) / 4096), 0);
    expect(spawnSync('mount', ['-o', `remount,size=${Math.ceil(pages * 1.4) * 4}k`, disk]).status).toBe(0);
    const out = join(disk, 'out');
    const first = run(DATA, out);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    const r = run(B, out);
    expect(r.status).toBe(1);
    oneLine(r);
    expect(r.stderr).toContain('ENOSPC');
    expect(tree(out)).toEqual(outA);
    expect(readdirSync(disk)).toEqual(['out']);
  });
});

// ── results.csv ────────────────────────────────────────────────────────────────────────────────

/** A run of one text column and one number column, for the CSV writer alone. */
function fakeRun(rows: { key: string; unit?: string; note: V; amount: V }[]): SchemeRun {
  return {
    ir: { personKey: 'id', unit: 'office', decls: [{ name: 'note', level: 'persona' }, { name: 'amount', level: 'persona' }] },
    pop: { persons: rows.map((r) => ({ key: r.key, unit: r.unit ?? 'OF1' })) },
    ev: { value: (name: string, at: { p: number }) => (name === 'note' ? rows[at.p].note : rows[at.p].amount) },
  } as unknown as SchemeRun;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const plainNumber = (s: string) => /^-?\d+(?:\.\d+)?$/.test(s);
const hostile = ['=1+1', '+41 555', '-1+2', '@SUM(A1)', '\t=1+1', '\r=1+1', ' =1+1', '=HYPERLINK("http://x";"y")', 'a;b', 'say "hi"', 'two\nlines', 'cr\ronly', 'a,b', "'quoted"];

describe('results.csv is safe for spreadsheets', () => {
  it('neutralises formula-leading cells (key and text), keeps plain numbers, quotes ; , " CR and LF: one record per person', () => {
    const rows = hostile.map((h, i) => ({ key: i % 2 ? h : `K${i}`, note: h, amount: D(i % 3 ? '-12.50' : '1245.83') }));
    const csv = resultsCsv(fakeRun(rows));
    const recs = parseCsv(csv, { delimiter: ';' }) as string[][];
    expect(recs).toHaveLength(rows.length + 1);
    expect(recs[0]).toEqual(['id', 'office', 'note', 'amount']);
    recs.slice(1).forEach((r, i) => {
      expect(r).toHaveLength(4);
      for (const c of r) expect(FORMULA_START.test(c) && !plainNumber(c), JSON.stringify(c)).toBe(false);
      const note = rows[i].note as string;
      expect(r[2]).toBe(FORMULA_START.test(note) || /^\s*[=+\-@]/.test(note) ? `'${note}` : note); // never trimmed
      expect(r[3]).toBe(i % 3 ? '-12.5' : '1245.83');
    });
  });

  it('any text at all reads back as one cell: itself, or itself after a single quote', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: 'grapheme' }), (a, b) => {
      for (const s of [a, b, `\t${a}`, `=${b}`, `-${a}`]) {
        const [[cell]] = parseCsv(csvCell(s) + '\n', { delimiter: ';', relax_column_count: false }) as string[][];
        expect(cell === s || cell === `'${s}`).toBe(true);
        expect(FORMULA_START.test(cell) && !plainNumber(cell)).toBe(false);
      }
    }));
  });

  it('a hostile key through `scheda run`: one row per person, no formula-leading cell', () => {
    const data = join(tmp, 'evil');
    cpSync(DATA, data, { recursive: true });
    for (const f of ['staff-persone.csv', 'staff-absences.csv']) {
      const p = join(data, f);
      writeFileSync(p, readFileSync(p, 'utf8').replace(/^P001,/m, '"=HYPERLINK(""http://x"")",').replace(/^P002,/m, '@SUM(A1),').replace(/^P003,/m, '"-2+3",'));
    }
    const out = join(tmp, 'evil-out');
    const r = run(data, out);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const recs = parseCsv(readFileSync(join(out, 'staff', 'results.csv'), 'utf8'), { delimiter: ';', bom: true }) as string[][];
    const persons = readFileSync(join(DATA, 'staff-persone.csv'), 'utf8').trim().split('\n').length - 1;
    expect(recs).toHaveLength(persons + 1);
    for (const row of recs) for (const c of row) expect(FORMULA_START.test(c) && !plainNumber(c), c).toBe(false);
    expect(recs.map((x) => x[0])).toEqual(expect.arrayContaining(["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'-2+3"]));
  });

  it('--excel-it: UTF-8 BOM, «;», decimal comma, CRLF; negative numbers stay numbers', () => {
    const rows = [{ key: 'P1', note: 'perché; sì', amount: D('-12.50') }, { key: '=X', note: 'x', amount: D('1245.83') }];
    const csv = resultsCsv(fakeRun(rows), { excelIt: true });
    expect(csv.startsWith('\ufeffid;office;note;amount\r\n')).toBe(true);
    expect(csv).toContain('P1;OF1;"perché; sì";-12,5\r\n');
    const recs = parseCsv(csv, { delimiter: ';', bom: true }) as string[][];
    expect(recs.slice(1)).toEqual([['P1', 'OF1', 'perché; sì', '-12,5'], ["'=X", 'OF1', 'x', '1245,83']]);

    const out = join(tmp, 'excel-out');
    const r = scheda(['run', RULES, '--data', DATA, '--out', out, '--excel-it']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const text = readFileSync(join(out, 'staff', 'results.csv'), 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toMatch(/^P001;OF2;58,18;24,87;83,05;/m);
    expect(text.split('\r\n').length).toBe(text.split('\n').length);
  });
});

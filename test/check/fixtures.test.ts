// Golden checks on files: every test/fixtures/bad/*.scheda is checked on its own and its diagnostics,
// as `line:col code` lines, must equal its sibling .expected.txt (UPDATE_GOLDEN=1 rewrites them).
// The files of test/fixtures/good form one folder that checks without errors and whose examples pass.
import { ADVISORY } from './helpers.ts';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle, loadBundles, readSources } from '../../engine/pipeline.ts';
import { runExample } from '../../engine/run/examples.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const BAD = join(FIXTURES, 'bad');
const GOOD = join(FIXTURES, 'good');
const schedaFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.scheda')).sort();

const golden = (file: string) =>
  buildBundle(readSources([file])).diagnostics.filter((d) => !ADVISORY.has(d.code)).map((d) => `${d.span.line}:${d.span.col} ${d.code}`);

describe.each(schedaFiles(BAD))('the bad fixture %s', (name) => {
  const file = join(BAD, name);
  const expectedFile = file.replace(/\.scheda$/, '.expected.txt');

  it('has an .expected.txt next to it', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, golden(file).map((l) => l + '\n').join(''));
    expect(existsSync(expectedFile)).toBe(true);
  });

  it('gives exactly the diagnostics listed in its .expected.txt, in order', () => {
    const expected = readFileSync(expectedFile, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(golden(file)).toEqual(expected);
  });

  it('gives at least one error', () => {
    expect(buildBundle(readSources([file])).diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
});

describe('the good fixtures', () => {
  const [{ bundle }] = loadBundles([GOOD]);

  it('are at least three schemes, checked as one folder', () => {
    expect(bundle.sources.size).toBeGreaterThanOrEqual(3);
    expect(bundle.irs.size).toBe(bundle.sources.size);
  });

  it('check without errors', () => {
    expect(bundle.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.span.line}:${d.span.col} ${d.code}: ${d.message}`)).toEqual([]);
  });

  it.each(schedaFiles(GOOD))('%s checks without errors on its own too, when it uses no other scheme', (name) => {
    const r = buildBundle(readSources([join(GOOD, name)]));
    const usesOthers = r.diagnostics.some((d) => d.code === 'unknown-scheme');
    if (!usesOthers) expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('pass all their examples', () => {
    const failures: string[] = [];
    let n = 0;
    for (const ir of bundle.irs.values()) {
      for (const ex of ir.examples) {
        n++;
        const r = runExample(ir, ex);
        if (!r.ok) failures.push(`${ir.id}: ${r.label}: ${JSON.stringify(r.failures)} ${r.error?.code ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
    expect(n).toBeGreaterThanOrEqual(8);
  });
});

describe('a bad fixture checked with its folder, as `scheda check <file>` does', () => {
  // compile-time checks (value-cycle, constraint-violated, IR validation) of a scheme free of errors of
  // its own run whatever its siblings hold
  const needsWholeFolderClean = new Set(['vincoli.scheda']);

  it.each(schedaFiles(BAD).filter((f) => !needsWholeFolderClean.has(f)))('%s reports its own diagnostics even though siblings have syntax errors', (name) => {
    expect(withFolder(name)).toEqual(golden(join(BAD, name)));
  });

  it.each([...needsWholeFolderClean])('%s reports its own compile-time diagnostics even though siblings have errors', (name) => {
    expect(withFolder(name)).toEqual(golden(join(BAD, name)));
  });
});

function withFolder(name: string): string[] {
  const file = join(BAD, name);
  const [{ bundle, requested }] = loadBundles([file]);
  return bundle.diagnostics.filter((d) => !ADVISORY.has(d.code) && [...requested].some((r) => resolve(r) === resolve(d.file))).map((d) => `${d.span.line}:${d.span.col} ${d.code}`);
}

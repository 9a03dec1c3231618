// The IR: every rule file compiles to JSON that validates against schemas/ir.schema.json; the bytes
// depend only on the rules (not on runs, file order, layout or keyword language); the schema file is
// what its generator writes; no IR reads data it does not declare.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { IrScheme } from '../../engine/compile/ir.ts';
import { serializeIr } from '../../engine/compile/index.ts';
import { irProblems, usesData } from '../../engine/compile/validate.ts';
import { format } from '../../engine/format/format.ts';
import { buildBundle, readSources, schemeFiles, type SourceFile } from '../../engine/pipeline.ts';
import { parse } from '../../engine/syntax/index.ts';
import type { Lang } from '../../engine/syntax/keywords.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SCHEMA_FILE = join(ROOT, 'schemas', 'ir.schema.json');
const rel = (f: string) => relative(ROOT, f);

/** The rule folders (and the good test fixtures): each folder holding .scheda files is one bundle. */
function folders(): Map<string, SourceFile[]> {
  const byDir = new Map<string, string[]>();
  for (const f of [...schemeFiles(join(ROOT, 'rules')), ...schemeFiles(join(ROOT, 'test', 'fixtures', 'good'))]) {
    const dir = f.slice(0, f.lastIndexOf('/'));
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  return new Map([...byDir].map(([d, fs]) => [rel(d), readSources(fs)]));
}

const FOLDERS = folders();
const ALL_FILES = [...FOLDERS.values()].flat().map((s) => rel(s.file)).filter((f) => f.startsWith('rules/'));

/** A deep copy without `line` and `col` keys (maps become plain objects). */
function withoutPositions(x: unknown): unknown {
  if (x instanceof Map) return withoutPositions(Object.fromEntries(x));
  if (Array.isArray(x)) return x.map(withoutPositions);
  if (x === null || typeof x !== 'object') return x;
  return Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'line' && k !== 'col').map(([k, v]) => [k, withoutPositions(v)]));
}

function compileAll(sources: SourceFile[]): Map<string, IrScheme> {
  const r = buildBundle(sources);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.file}:${d.span.line}:${d.span.col} ${d.code}: ${d.message}`).join('\n'));
  return r.irs;
}

const json = (irs: Map<string, IrScheme>) => new Map([...irs].map(([id, ir]) => [id, JSON.stringify(ir, null, 2)]));

/** Each source printed by the formatter in `lang`. */
const formatted = (sources: SourceFile[], lang?: Lang) => sources.map((s) => ({ ...s, text: format(parse(s.text, s.file).ast, lang) }));
const langOf = (s: SourceFile): Lang => parse(s.text, s.file).lang;
const other = (l: Lang): Lang => (l === 'it' ? 'en' : 'it');
/** Each source printed in the other keyword language and back into its own. */
const roundTrip = (sources: SourceFile[]) =>
  sources.map((s) => ({ ...s, text: format(parse(format(parse(s.text, s.file).ast, other(langOf(s))), s.file).ast, langOf(s)) }));

/** An untidy but equivalent layout: no blank lines, odd indentation and spacing outside strings and comments. */
function untidy(text: string): string {
  const outside = (l: string, f: (x: string) => string) => l.split(/("(?:[^"\\]|\\.)*")/).map((x, i) => (i % 2 ? x : f(x))).join('');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (l.trim().startsWith('#') ? l : '   ' + outside(l, (x) => x.replace(/ = /g, '   =   ').replace(/; /g, ' ;  ').replace(/\{$/, '  {'))))
    .join('\n') + '\n\n\n';
}

it('finds rule files to test', () => {
  expect(ALL_FILES.length).toBeGreaterThanOrEqual(4);
});

describe.each([...FOLDERS.keys()])('the rules in %s', (folder) => {
  const sources = FOLDERS.get(folder)!;
  const irs = compileAll(sources);
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));

  it('compile, one IR per file', () => {
    expect([...irs.keys()].sort()).toEqual(sources.map((s) => s.id).sort());
  });

  it.each(sources.map((s) => s.id))('%s validates against schemas/ir.schema.json (ajv, draft 2020-12)', (id) => {
    const ok = validate(irs.get(id));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it.each(sources.map((s) => s.id))('%s reads only declared data and has no «eval» key (irProblems)', (id) => {
    const ir = irs.get(id)!;
    expect(irProblems(ir)).toEqual([]);
    expect(JSON.stringify(ir)).not.toMatch(/"eval"\s*:/);
    // independently of irProblems: an input path names a declared input of its level; a row path names a
    // column of a declared table (as `riga.column` or `riga.table.column`)
    const inputs = new Set(ir.inputs.map((i) => `${i.level}.${i.name}`));
    const columns = new Set(ir.tables.flatMap((t) => t.columns.flatMap((c) => [`riga.${c.name}`, `riga.${t.name}.${c.name}`])));
    for (const p of usesData(ir)) expect(p === 'elemento' || inputs.has(p) || columns.has(p), p).toBe(true);
  });

  it('compile to byte-identical JSON twice', () => {
    expect(json(compileAll(sources))).toEqual(json(irs));
  });

  it('compile to the same JSON whatever the order of the files', () => {
    expect(json(compileAll([...sources].reverse()))).toEqual(json(irs));
  });

  it('carry no absolute path, no timestamp', () => {
    for (const ir of irs.values()) {
      const text = JSON.stringify(ir);
      expect(text).not.toContain(ROOT);
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
      expect(ir.file).toBe(`${ir.id}.scheda`);
    }
  });

  it('compile to the same IR, line and column aside, after formatting', () => {
    expect(withoutPositions(compileAll(formatted(sources)))).toEqual(withoutPositions(irs));
  });

  it('compile to the same IR, line and column aside, when laid out untidily and formatted back', () => {
    const messy = sources.map((s) => ({ ...s, text: untidy(s.text) }));
    expect(messy.every((m, i) => m.text !== sources[i].text)).toBe(true);
    expect(withoutPositions(compileAll(messy))).toEqual(withoutPositions(irs));
    expect(withoutPositions(compileAll(formatted(messy)))).toEqual(withoutPositions(irs));
  });

  it('serialise (serializeIr, what `scheda compile` prints) to the same bytes however the files are laid out', () => {
    const bytes = (m: Map<string, IrScheme>) => new Map([...m].map(([id, ir]) => [id, serializeIr(ir)]));
    const base = bytes(irs);
    for (const [, text] of base) expect(text).not.toMatch(/"(line|col)":/);
    expect(bytes(compileAll(sources.map((s) => ({ ...s, text: untidy(s.text) }))))).toEqual(base);
    expect(bytes(compileAll(roundTrip(sources)))).toEqual(base);
    const withPositions = serializeIr(irs.values().next().value!, true);
    expect(withPositions).toMatch(/"line":/);
  });

  it('compile to the same IR (but for «lang») in the other keyword language, and to the same IR after «fmt --lang» there and back', () => {
    const translated = sources.map((s) => ({ ...s, text: format(parse(s.text, s.file).ast, other(langOf(s))) }));
    for (const [i, t] of translated.entries()) expect(langOf(t)).toBe(other(langOf(sources[i])));
    const trIrs = compileAll(translated);
    for (const [id, ir] of irs) {
      expect(trIrs.get(id)!.lang).toBe(other(ir.lang));
      expect(withoutPositions({ ...trIrs.get(id)!, lang: ir.lang })).toEqual(withoutPositions(ir));
    }
    expect(withoutPositions(compileAll(roundTrip(sources)))).toEqual(withoutPositions(irs));
  });

  it('has the test helpers compare IRs for real (a changed IR is not equal)', () => {
    const changed = compileAll(sources);
    const first = changed.values().next().value!;
    first.year = '1999';
    expect(withoutPositions(changed)).not.toEqual(withoutPositions(irs));
  });
});

describe('schemas/ir.schema.json', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'scheda-ir-schema-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is exactly what `node schemas/make-ir-schema.mjs` writes', () => {
    // the script writes the file it is given: a temporary one, leaving the repository alone
    const r = spawnSync(process.execPath, [join(ROOT, 'schemas', 'make-ir-schema.mjs'), join(tmp, 'ir.schema.json')], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'ir.schema.json'), 'utf8')).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('is a valid draft 2020-12 schema', () => {
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')))).toBe(true);
  });
});

describe('the IR checks catch what they are for', () => {
  const [first] = [...FOLDERS.values()];
  const ir = [...compileAll(first).values()][0];
  const copy = () => JSON.parse(JSON.stringify(ir)) as IrScheme;

  it('rejects an operation outside the whitelist, such as «eval»', () => {
    const bad = copy();
    bad.decls[0].expr = { eval: ['process.exit(1)'] };
    expect(irProblems(bad).length).toBeGreaterThan(0);
  });

  it('rejects a data path that names no declared input', () => {
    const bad = copy();
    bad.decls[0].expr = { var: 'persona.stipendio_segreto' };
    expect(irProblems(bad)).toContain('reads undeclared data "persona.stipendio_segreto"');
  });

  it('rejects a number that is not a decimal string', () => {
    const bad = copy();
    bad.decls[0].expr = { dec: '1e3' };
    expect(irProblems(bad).length).toBeGreaterThan(0);
  });

  it('rejects an unknown top-level key', () => {
    const bad = { ...copy(), extra: true } as unknown as IrScheme;
    expect(irProblems(bad).length).toBeGreaterThan(0);
  });
});

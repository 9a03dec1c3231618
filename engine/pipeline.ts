// The data path, one pass per folder:
//
//   .scheda text ─syntax─► AST ─check─► names, types, units, tables, constraints ─compile─► IR (JSON)
//        ─run─► per-person values (exact decimals) ─allocate─► cents that add up ─report─► tables, charts
//
// This file chains the passes for a bundle (the schemes of one folder) and stops at a pass boundary
// once errors are collected.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkBundle, type CheckedBundle, type ParsedFile } from './check/index.ts';
import { compileScheme } from './compile/index.ts';
import type { IrScheme } from './compile/ir.ts';
import { validateIr } from './compile/validate.ts';
import { checkConstraints } from './compile/constraints.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.ts';
import { parse } from './syntax/index.ts';

export const EXT = '.scheda';

export interface SourceFile {
  id: string;
  file: string; // as given on the command line, for messages
  text: string;
}

export interface BundleResult {
  sources: Map<string, SourceFile>;
  checked?: CheckedBundle;
  irs: Map<string, IrScheme>;
  diagnostics: Diagnostic[];
  ok: boolean;
}

/** The .scheda files a path names: the file itself, or every .scheda file in the folder, sorted. */
export function schemeFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isDirectory()) {
    return readdirSync(path).filter((f) => f.endsWith(EXT)).sort().map((f) => join(path, f));
  }
  return [path];
}

export function readSources(files: string[]): SourceFile[] {
  return files.map((f) => ({ id: basename(f, EXT), file: f, text: readFileSync(f, 'utf8').replace(/^\uFEFF/, '') }));
}

/** Parses, checks and compiles the schemes of one bundle. */
export function buildBundle(sources: SourceFile[]): BundleResult {
  const diagnostics: Diagnostic[] = [];
  const parsed: ParsedFile[] = [];
  const map = new Map(sources.map((s) => [s.id, s]));
  for (const s of sources) {
    const r = parse(s.text, s.file);
    diagnostics.push(...r.diagnostics);
    parsed.push({ id: s.id, file: s.file, ast: r.ast });
  }
  const irs = new Map<string, IrScheme>();
  if (hasErrors(diagnostics)) return { sources: map, irs, diagnostics: sortDiagnostics(diagnostics), ok: false };
  const checked = checkBundle(parsed);
  diagnostics.push(...checked.diagnostics);
  if (!hasErrors(diagnostics)) {
    for (const id of checked.order) {
      const ir = compileScheme(checked.schemes.get(id)!);
      diagnostics.push(...validateIr(ir, map.get(id)!.file), ...checkConstraints(ir, map.get(id)!.file));
      irs.set(id, ir);
    }
  }
  return { sources: map, checked, irs, diagnostics: sortDiagnostics(diagnostics), ok: !hasErrors(diagnostics) };
}

/** The bundle a set of command-line paths needs: each folder, or a file with its folder's siblings. */
export function loadBundles(paths: string[]): { bundle: BundleResult; requested: Set<string> }[] {
  const byDir = new Map<string, { files: Set<string>; requested: Set<string> }>();
  for (const p of paths) {
    const isDir = statSync(p).isDirectory();
    const dir = resolve(isDir ? p : dirname(p));
    const entry = byDir.get(dir) ?? { files: new Set<string>(), requested: new Set<string>() };
    byDir.set(dir, entry);
    const siblings = isDir ? schemeFiles(p) : [p, ...schemeFiles(dirname(p)).filter((f) => resolve(f) !== resolve(p))];
    for (const f of siblings) entry.files.add(f);
    for (const f of isDir ? siblings : [p]) entry.requested.add(f);
  }
  return [...byDir.values()].map(({ files, requested }) => {
    const uniq = new Map<string, string>();
    for (const f of files) if (!uniq.has(resolve(f))) uniq.set(resolve(f), f);
    return { bundle: buildBundle(readSources([...uniq.values()])), requested };
  });
}

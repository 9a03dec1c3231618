// The data path, one pass per folder:
//
//   .scheda text ─syntax─► AST ─check─► names, types, units, tables, constraints ─compile─► IR (JSON)
//        ─run─► per-person values (exact decimals) ─allocate─► cents that add up ─report─► tables, charts
//
// This file chains the passes for a bundle (the texts of one folder's schemes, already read) and stops
// at a pass boundary once errors are collected. It runs anywhere (the CLI, the editor's Web Worker):
// reading files from disk is pipeline.ts's job.
import { checkBundle, type CheckedBundle, type ParsedFile } from './check/index.ts';
import { compileScheme } from './compile/index.ts';
import type { IrScheme } from './compile/ir.ts';
import { validateIr } from './compile/validate.ts';
import { checkConstraints } from './compile/constraints.ts';
import { checkValueCycles } from './compile/cycles.ts';
import { capDiagnostics, diag, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.ts';
import { parse, spanAt } from './syntax/index.ts';
import { detectLang } from './syntax/lexer.ts';
import { folderOfPath, yearFolderMismatches } from './review/year-folder.ts';
import { applyVariant, collectVariants, variantDiagnostics, type VariantInfo } from './check/variants.ts';
import { variantReplacements } from './compile/variants.ts';
import { suggest } from './diagnostics/suggest.ts';

export const EXT = '.scheda';

/** A scheme's id is its file name without `.scheda`, and must be an identifier of the language: it
 *  names the scheme in `usa` and the folder `run` writes into, so `..`, `.x` or `a b` are refused. */
export const SCHEME_ID = /^[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*$/;

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
  /** the named variants the bundle declares; `variant`: the one this bundle was built under */
  variants?: Map<string, VariantInfo>;
  variant?: string;
}

export interface BuildOptions {
  /** build the bundle as it reads under this variant (each declaration carrying it takes its expression) */
  variant?: string;
  /** false: skip checking each named variant like the main reading (the editor's preview, which runs the
   *  main reading only; its markers come from a full build) */
  variantChecks?: boolean;
}


/** The last component of a path, with either separator (node:path's basename, which the browser lacks). */
function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** Parses, checks and compiles the schemes of one bundle. `folderOf`: the name of the folder a file is in
 *  (by default read from its path; pipeline.ts asks the file system). */
export function buildBundle(sources: SourceFile[], opts: BuildOptions = {}, folderOf: (file: string) => string | undefined = folderOfPath): BundleResult {
  const diagnostics: Diagnostic[] = [];
  const parsed: ParsedFile[] = [];
  const map = new Map(sources.map((s) => [s.id, s]));
  for (const s of sources) {
    if (!SCHEME_ID.test(s.id)) {
      // never parsed, checked or run: its id would become a path
      diagnostics.push(diag('file-name-not-identifier', s.file, spanAt(s.text, 0, 0), detectLang(s.text), { file: baseName(s.file) }));
      continue;
    }
    const r = parse(s.text, s.file);
    diagnostics.push(...r.diagnostics);
    parsed.push({ id: s.id, file: s.file, ast: r.ast });
  }
  // a folder named for a year (rules/x/2025) whose schemes say another year
  for (const m of yearFolderMismatches(sources, folderOf)) {
    const text = map.get(baseName(m.file).replace(/\.scheda$/, '').normalize('NFC'))?.text ?? '';
    diagnostics.push(diag('year-folder-mismatch', m.file, spanAt(text, m.offset, 4), detectLang(text), { folder: m.folder, year: m.year }));
  }
  const irs = new Map<string, IrScheme>();
  const variants = collectVariants(parsed);
  diagnostics.push(...variantDiagnostics(parsed, variants));
  const mainParsed = parsed;
  if (opts.variant !== undefined) parsed.splice(0, parsed.length, ...parsed.map((f) => ({ ...f, ast: applyVariant(f.ast, opts.variant!) })));
  // a file with syntax errors keeps only those; its siblings are still checked against its partial tree
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const checked = checkBundle(parsed);
  diagnostics.push(...checked.diagnostics.filter((d) => !broken.has(d.file)));
  // each scheme free of errors of its own is compiled and checked further, whatever its siblings hold
  const withErrors = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  {
    for (const id of checked.order) {
      if (withErrors.has(map.get(id)!.file)) continue;
      const ir = compileScheme(checked.schemes.get(id)!);
      const src = map.get(id)!;
      diagnostics.push(...validateIr(ir, src.file), ...checkValueCycles(ir, src.file, src.text), ...checkConstraints(ir, src.file, src.text));
      irs.set(id, ir);
    }
  }
  // at most MAX_DIAGNOSTICS_PER_FILE per file, then one that counts the rest
  const langOf = (file: string) => detectLang(sources.find((x) => x.file === file)?.text ?? '');
  if (opts.variant !== undefined) {
    const label = variants.get(opts.variant)?.label;
    for (const ir of irs.values()) ir.variant = { name: opts.variant, ...(label !== undefined ? { label } : {}) };
  } else if (variants.size && opts.variantChecks !== false && !hasErrors(diagnostics)) {
    diagnostics.push(...checkVariants(mainParsed, variants, irs, map, diagnostics));
  }
  return { sources: map, checked, irs, diagnostics: capDiagnostics(sortDiagnostics(diagnostics), langOf), ok: !hasErrors(diagnostics), variants, ...(opts.variant !== undefined ? { variant: opts.variant } : {}) };
}

/**
 * Each variant checked like the main reading: the bundle checked and compiled under it (types, units, levels,
 * cycles); what it adds to the main reading's diagnostics is reported as «Con la variante «x»: …». The main
 * documents get, per variant, the expressions it replaces.
 */
function checkVariants(parsed: ParsedFile[], variants: Map<string, VariantInfo>, irs: Map<string, IrScheme>, map: Map<string, SourceFile>, main: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const key = (d: Diagnostic) => `${d.code}|${d.file}|${d.span.line}|${d.span.col}|${d.message}`;
  const seen = new Set(main.map(key));
  for (const v of variants.values()) {
    const files = parsed.map((f) => ({ ...f, ast: applyVariant(f.ast, v.name) }));
    const checked = checkBundle(files);
    const found: Diagnostic[] = [...checked.diagnostics.filter((d) => d.severity !== 'info')];
    const under = new Map<string, IrScheme>();
    if (!hasErrors(checked.diagnostics)) {
      for (const id of checked.order) {
        const src = map.get(id)!;
        const ir = compileScheme(checked.schemes.get(id)!);
        under.set(id, ir);
        found.push(...validateIr(ir, src.file), ...checkValueCycles(ir, src.file, src.text));
      }
    }
    for (const d of found) {
      if (seen.has(key(d))) continue;
      seen.add(key(d));
      const w = diag('variant-problem', d.file, d.span, detectLang([...map.values()].find((x) => x.file === d.file)?.text ?? ''), { name: v.name, message: d.message });
      out.push({ ...w, severity: d.severity, ...(d.hint ? { hint: d.hint } : {}), ...(d.related ? { related: d.related } : {}) });
    }
    if (hasErrors(found)) continue;
    for (const [id, ir] of irs) {
      const u = under.get(id);
      const r = u && variantReplacements(v, ir, u);
      if (r) (ir.variants ??= []).push(r);
    }
  }
  return out;
}

/** Usage: the variant named on the command line, or a message with a did-you-mean (undefined: it exists). */
export function unknownVariant(bundle: BundleResult, name: string): string | undefined {
  if (bundle.variants?.has(name)) return undefined;
  const known = [...(bundle.variants?.keys() ?? [])];
  const near = suggest(name, known);
  const list = known.length ? known.join(', ') : '(nessuna / none)';
  return `scheda: la variante «${name}» non è dichiarata in queste schede / variant «${name}» is not declared in these schemes${near ? `; forse / did you mean «${near}»?` : ''} (varianti / variants: ${list})`;
}

/** Scheme `id` and every scheme it uses, transitively (what it needs to compile and to run). */
export function withDependencies(bundle: BundleResult, id: string): Set<string> {
  const needed = new Set<string>();
  const need = (x: string) => {
    if (needed.has(x)) return;
    needed.add(x);
    for (const u of bundle.checked?.schemes.get(x)?.syms.uses ?? []) need(u);
  };
  need(id);
  return needed;
}

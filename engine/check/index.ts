// Check pass: a bundle of parsed schemes -> symbol tables, resolutions, diagnostics.
// Schemes refer to each other by file name (progetti.scheda is `progetti`); cycles are errors.
import type * as A from '../syntax/ast.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { checkScheme, type CheckedScheme } from './scheme.ts';
import { collectSymbols, type SchemeSymbols } from './symbols.ts';

export interface ParsedFile {
  id: string;
  file: string;
  ast: A.SchemeFile;
}

export interface CheckedBundle {
  schemes: Map<string, CheckedScheme>;
  order: string[]; // dependency order: a scheme comes after those it uses
  diagnostics: Diagnostic[];
}

export function checkBundle(files: ParsedFile[]): CheckedBundle {
  const diagnostics: Diagnostic[] = [];
  const syms = new Map<string, SchemeSymbols>();
  for (const f of files) syms.set(f.id, collectSymbols(f.ast, f.file, f.id, diagnostics));
  for (const s of syms.values()) {
    for (const d of s.ast.decls) {
      if (d.kind !== 'uses' || syms.has(d.scheme.name)) continue;
      diagnostics.push(diag('unknown-scheme', s.file, d.scheme.span, s.ast.lang, { name: d.scheme.name, suggestion: suggest(d.scheme.name, syms.keys()) ?? '' }));
    }
  }
  const order = dependencyOrder(syms, diagnostics);
  const schemes = new Map<string, CheckedScheme>();
  for (const id of order) schemes.set(id, checkScheme(syms.get(id)!, syms, diagnostics));
  for (const s of syms.values()) {
    if (s.ast.name.name && s.ast.name.name !== s.id) {
      diagnostics.push(diag('file-name-mismatch', s.file, s.ast.name.span, s.ast.lang, { name: s.ast.name.name, file: s.id + '.scheda' }));
    }
  }
  diagnostics.push(...unusedInputs(syms, schemes));
  return { schemes, order, diagnostics };
}

/** Inputs no rule of the bundle reads (keys and unit fields aside): worth a look, not an error. */
function unusedInputs(syms: Map<string, SchemeSymbols>, schemes: Map<string, CheckedScheme>): Diagnostic[] {
  const used = new Map<string, Set<string>>();
  const mark = (id: string, name: string) => (used.get(id) ?? used.set(id, new Set()).get(id)!).add(name);
  for (const [id, cs] of schemes) {
    for (const r of cs.res.refs.values()) {
      if (r.ns === 'sym') mark(id, r.sym.name);
      else if (r.ns === 'ext') mark(r.scheme, r.sym.name);
      else if (r.ns === 'element') mark(id, r.list);
    }
    for (const k of cs.syms.ties ?? []) mark(id, k.expr.name);
  }
  const out: Diagnostic[] = [];
  for (const [id, s] of syms) {
    if (!schemes.has(id)) continue;
    for (const sym of s.names.values()) {
      if (sym.kind !== 'input' || sym.isKey || sym.ty.t === 'unitref' || used.get(id)?.has(sym.name)) continue;
      out.push(diag('unused-input', s.file, sym.span ?? s.ast.name.span, s.ast.lang, { name: sym.name }));
    }
  }
  return out;
}

function dependencyOrder(syms: Map<string, SchemeSymbols>, out: Diagnostic[]): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    const st = state.get(id);
    if (st === 'done') return;
    const s = syms.get(id);
    if (!s) return;
    if (st === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id].join(' → ');
      const d = s.ast.decls.find((x) => x.kind === 'uses');
      out.push(diag('scheme-cycle', s.file, d?.span ?? s.ast.name.span, s.ast.lang, { cycle }));
      return;
    }
    state.set(id, 'visiting');
    for (const u of [...s.uses].sort()) visit(u, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of [...syms.keys()].sort()) visit(id, []);
  return order;
}

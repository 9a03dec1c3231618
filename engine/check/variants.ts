// Named variants: `variante nome "etichetta": expr` under a declaration states the expression it has in
// another reading of an ambiguity. Names are bundle-wide: selecting a variant switches every declaration
// that carries it, in every scheme of the bundle. A variant is checked like the main reading by checking
// the bundle with the variant applied (types, units, levels, cycles); here: collecting, applying and the
// diagnostics that belong to the variants themselves.
import type * as A from '../syntax/ast.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import type { ParsedFile } from './index.ts';

export interface VariantPlace {
  scheme: string;
  file: string;
  decl: string; // the name of the declaration it changes (`F.R` for a fund's remainder or tier)
  span: A.Span;
}

export interface VariantInfo {
  name: string;
  label?: string;
  places: VariantPlace[];
}

/** The declarations a variant may change: those whose meaning is one expression. */
type Carrier = A.Decl | A.Item | A.Remainder | A.PaidTier;

/** Every declaration that may carry variants, with its name and a function giving its copy with another expression. */
function carriers(ast: A.SchemeFile): { node: Carrier; name: string; with: (e: A.Expr) => Carrier; setIn: (copy: Carrier) => void }[] {
  const out: ReturnType<typeof carriers> = [];
  ast.decls.forEach((d, i) => {
    const put = (c: Carrier) => (ast.decls[i] = c as A.Decl);
    switch (d.kind) {
      case 'value': case 'item': case 'penalty': case 'reduction':
        out.push({ node: d, name: d.name.name, with: (e) => ({ ...d, expr: e }), setIn: put });
        break;
      case 'gate':
        out.push({ node: d, name: d.name.name, with: (e) => ({ ...d, cond: e }), setIn: put });
        break;
      case 'section':
        d.items.forEach((it, k) => out.push({ node: it, name: it.name.name, with: (e) => ({ ...it, expr: e }), setIn: (c) => (d.items[k] = c as A.Item) }));
        break;
      case 'fund':
        out.push({ node: d, name: d.name.name, with: (e) => ({ ...d, amount: e }), setIn: put });
        d.remainders.forEach((r, k) => out.push({ node: r, name: `${d.name.name}.${r.name.name}`, with: (e) => ({ ...r, expr: e }), setIn: (c) => (d.remainders[k] = c as A.Remainder) }));
        (d.tiers ?? []).forEach((t, k) => out.push({ node: t, name: `${d.name.name}.${t.name.name}`, with: (e) => ({ ...t, expr: e }), setIn: (c) => (d.tiers![k] = c as A.PaidTier) }));
        break;
    }
  });
  return out;
}

/** The variants a bundle declares, by name (sorted), with where each is declared. */
export function collectVariants(files: ParsedFile[]): Map<string, VariantInfo> {
  const out = new Map<string, VariantInfo>();
  for (const f of [...files].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const c of carriers(f.ast)) {
      for (const v of c.node.meta.variants ?? []) {
        const info = out.get(v.name.name) ?? { name: v.name.name, places: [] };
        if (info.label === undefined && v.label !== undefined) info.label = v.label;
        info.places.push({ scheme: f.id, file: f.file, decl: c.name, span: v.span });
        out.set(v.name.name, info);
      }
    }
  }
  return new Map([...out].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/** The scheme as it reads under variant `name`: each declaration carrying it takes the variant's expression. */
export function applyVariant(ast: A.SchemeFile, name: string): A.SchemeFile {
  const copy: A.SchemeFile = {
    ...ast,
    decls: ast.decls.map((d) => (d.kind === 'section' ? { ...d, items: [...d.items] } : d.kind === 'fund' ? { ...d, remainders: [...d.remainders], ...(d.tiers ? { tiers: [...d.tiers] } : {}) } : d)),
  };
  for (const c of carriers(copy)) {
    const v = c.node.meta.variants?.find((x) => x.name.name === name);
    if (v) c.setIn(c.with(v.expr));
  }
  return copy;
}

/** Variants where none may stand, twice on one declaration, labelled two ways; examples naming an unknown variant. */
export function variantDiagnostics(files: ParsedFile[], variants: Map<string, VariantInfo>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of files) {
    const lang = f.ast.lang;
    const allowed = new Set<A.Meta>(carriers(f.ast).map((c) => c.node.meta));
    // a variant anywhere else (a field, an example line, a band row, a constraint, a report, a table …)
    const walk = (x: unknown) => {
      if (!x || typeof x !== 'object') return;
      if (Array.isArray(x)) return x.forEach(walk);
      const o = x as Record<string, unknown>;
      const meta = o.meta as A.Meta | undefined;
      if (meta?.variants?.length && !allowed.has(meta)) {
        for (const v of meta.variants) out.push(diag('variant-not-here', f.file, v.span, lang, { name: v.name.name }));
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'meta' && k !== 'span') walk(v);
    };
    walk(f.ast.decls);
    for (const c of carriers(f.ast)) {
      const seen = new Set<string>();
      for (const v of c.node.meta.variants ?? []) {
        if (seen.has(v.name.name)) out.push(diag('variant-duplicate', f.file, v.name.span, lang, { name: v.name.name, decl: c.name }));
        seen.add(v.name.name);
        const info = variants.get(v.name.name);
        if (v.label !== undefined && info?.label !== undefined && v.label !== info.label) {
          out.push(diag('variant-label-differs', f.file, v.span, lang, { name: v.name.name, label: info.label }));
        }
      }
    }
    for (const d of f.ast.decls) {
      if (d.kind !== 'example' || !d.variant || variants.has(d.variant.name)) continue;
      out.push(diag('variant-unknown', f.file, d.variant.span, lang, { name: d.variant.name, suggestion: suggest(d.variant.name, variants.keys()) ?? '' }));
    }
  }
  return out;
}

/** `scheda check`: one line (info) per variant the bundle declares, at its first place. */
export function variantList(variants: Map<string, VariantInfo>, langOf: (file: string) => 'it' | 'en'): Diagnostic[] {
  return [...variants.values()].map((v) => {
    const p = v.places[0];
    return diag('variant-declared', p.file, p.span, langOf(p.file), { name: v.name, label: v.label ?? v.name, decls: v.places.map((x) => `${x.scheme}.${x.decl}`).join(', ') });
  });
}

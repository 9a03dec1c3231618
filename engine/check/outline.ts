// What a scheme declares, for tools that show it (the browser editor's completion, hover, go to definition
// and folding): each name with its kind, level, inferred type, label, maximum, legal sources and notes, and
// where it is declared; band and enumeration labels; the spans of the declarations. Plain JSON.
import type * as A from '../syntax/ast.ts';
import type { CheckedBundle } from './index.ts';
import { describe } from './types.ts';

export interface OutlineName {
  name: string;
  kind: string; // input, value, item, penalty, reduction, gate, bands, report, table, set, section, fund, band, enum-value, unit
  level?: string;
  type?: string; // as the checker inferred it, in the scheme's language
  label?: string;
  max?: string; // an item's or section's maximum, as written (`15 punti`)
  sources: string[];
  notes: string[];
  span?: A.Span; // the name where it is declared
}

export interface Outline {
  lang: 'it' | 'en';
  names: OutlineName[];
  decls: A.Span[]; // every declaration's span (for folding)
}

const UNIT_WORDS: Record<string, { it: string; en: string }> = {
  punti: { it: 'punti', en: 'points' }, euro: { it: '€', en: '€' }, percentuale: { it: '%', en: '%' }, giorni: { it: 'giorni', en: 'days' },
  mesi: { it: 'mesi', en: 'months' }, ore: { it: 'ore', en: 'hours' },
};

function quantity(q: A.Quantity, lang: 'it' | 'en'): string {
  const num = lang === 'it' ? q.text.replace('.', ',') : q.text;
  const u = q.unit ? UNIT_WORDS[q.unit]?.[lang] : undefined;
  return u ? (u === '%' ? `${num}%` : `${num} ${u}`) : num;
}

/** The outline of scheme `id` of a checked bundle. */
export function outline(checked: CheckedBundle, id: string): Outline | undefined {
  const cs = checked.schemes.get(id);
  if (!cs) return undefined;
  const s = cs.syms;
  const lang = s.ast.lang;
  const names: OutlineName[] = [];
  const meta = (m?: A.Meta) => ({ sources: m?.sources ?? [], notes: m?.notes ?? [] });
  for (const sym of s.names.values()) {
    if (sym.kind === 'builtin') continue;
    const d = sym.decl as (A.Decl | A.Field | A.Item | A.ReportRow) | undefined;
    const n: OutlineName = {
      name: sym.name, kind: sym.kind, level: sym.level, type: describe(sym.ty, lang), ...meta(d && 'meta' in d ? d.meta : undefined),
      span: d && 'name' in d && d.name && typeof d.name === 'object' && 'span' in d.name ? d.name.span : sym.span,
    };
    if (d && 'label' in d && typeof d.label === 'string') n.label = d.label;
    if (d?.kind === 'item') n.max = quantity(d.max, lang);
    names.push(n);
    for (const row of sym.bands ?? []) {
      if (row.name) names.push({ name: row.name.name, kind: 'band', label: row.label, span: row.name.span, ...meta(row.meta) });
    }
  }
  for (const d of s.ast.decls) {
    if (d.kind === 'section') names.push({ name: d.name.name, kind: 'section', label: d.label, max: quantity(d.max, lang), span: d.name.span, ...meta(d.meta) });
    if (d.kind === 'fund') {
      names.push({ name: d.name.name, kind: 'fund', label: d.label, span: d.name.span, ...meta(d.meta) });
      for (const r of d.remainders) names.push({ name: r.name.name, kind: 'remainder', label: r.label, span: r.name.span, ...meta(r.meta) });
    }
    if (d.kind === 'unitDecl') names.push({ name: d.name.name, kind: 'unit', label: d.label, span: d.name.span, ...meta(d.meta) });
    const fields = d.kind === 'inputs' || d.kind === 'table' ? d.fields : [];
    for (const f of fields) {
      if (f.type.kind === 'enum') for (const v of f.type.values) names.push({ name: v.name, kind: 'enum-value', label: f.name.name, span: v.span, sources: [], notes: [] });
    }
  }
  return { lang, names, decls: s.ast.decls.map((d) => d.span) };
}

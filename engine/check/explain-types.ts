// `scheda check --explain-types`: the type and unit the checker inferred for each computed value, one a line,
// in the language of its scheme: `t.scheda:12:9: tasso (ente): euro/punti`.
import type * as A from '../syntax/ast.ts';
import type { CheckedBundle } from './index.ts';
import { describe } from './types.ts';

export interface TypeLine {
  file: string;
  lang: 'it' | 'en';
  line: number;
  col: number;
  name: string;
  level: string;
  type: string;
  unit?: string; // the canonical unit, for numbers
  decimals?: number; // the most decimals the value can have, when known (0: whole numbers)
}

/** Every computed value and published row of the checked schemes (or of `only`), in source order. */
export function inferredTypes(checked: CheckedBundle, only?: (file: string) => boolean): TypeLine[] {
  const out: TypeLine[] = [];
  for (const id of checked.order) {
    const cs = checked.schemes.get(id)!;
    const s = cs.syms;
    if (only && !only(s.file)) continue;
    const lang = s.ast.lang;
    for (const sym of s.names.values()) {
      if (sym.kind !== 'value' && sym.kind !== 'report') continue;
      const d = sym.decl as Extract<A.Decl, { kind: 'value' }> | A.ReportRow | A.Decl | undefined;
      const span = d && 'name' in d && d.name && typeof d.name === 'object' && 'span' in d.name ? d.name.span : sym.span;
      if (!span) continue;
      const level = sym.level === 'ente' ? (lang === 'it' ? 'ente' : 'entity') : sym.level === 'unit' ? s.unitName ?? 'unit' : lang === 'it' ? 'persona' : 'person';
      const t: TypeLine = { file: s.file, lang, line: span.line, col: span.col, name: sym.name, level, type: describe(sym.ty, lang) };
      if (sym.ty.t === 'num') {
        if (sym.ty.unit) t.unit = sym.ty.unit;
        if (sym.ty.dp !== undefined) t.decimals = sym.ty.dp;
      }
      out.push(t);
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}

/** The lines `--explain-types` prints. */
export function typeLines(lines: TypeLine[]): string[] {
  return lines.map((t) => {
    const it = t.lang === 'it';
    const dec = t.decimals === undefined || t.decimals === 0 && /inter|whole/.test(t.type) ? ''
      : t.decimals === 0 ? (it ? ', intero' : ', whole') : it ? `, al più ${t.decimals} ${t.decimals === 1 ? 'decimale' : 'decimali'}` : `, at most ${t.decimals} ${t.decimals === 1 ? 'decimal' : 'decimals'}`;
    return `${t.file}:${t.line}:${t.col}: ${t.name} (${t.level}): ${t.type}${t.unit && /[/*^]/.test(t.unit) ? ` [${t.unit}]` : ''}${dec}`;
  });
}

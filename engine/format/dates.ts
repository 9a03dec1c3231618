// Printing dates: `data 31/12/2024` in Italian, `date 2024-12-31` in English (each language's usual form;
// either reads in both), and the names a scheme declares (its own `anno` is not the scheme's year).
import type { Expr, SchemeFile } from '../syntax/ast.ts';
import { italianOf, parseIso } from '../run/calendar.ts';
import { word } from '../syntax/keywords.ts';
import type { Ctx } from './expr.ts';

export function dateText(e: Extract<Expr, { kind: 'date' }>, ctx: Ctx): string {
  const c = parseIso(e.value);
  const shown = !c ? e.text ?? '' : ctx.lang === 'it' ? italianOf(c) : e.value;
  return `${word('TData', ctx.lang)} ${shown}`;
}

/** Every name declared in the file: inputs, table columns, values, items, sections, gates, bands, reports… */
export function declaredNames(ast: SchemeFile): Set<string> {
  const out = new Set<string>();
  for (const d of ast.decls) {
    if ('name' in d && d.name && typeof d.name === 'object') out.add(d.name.name);
    if (d.kind === 'inputs' || d.kind === 'table') for (const f of d.fields) out.add(f.name.name);
    if (d.kind === 'table') for (const c of d.computed ?? []) out.add(c.name.name);
    if (d.kind === 'section') for (const i of d.items) out.add(i.name.name);
  }
  return out;
}

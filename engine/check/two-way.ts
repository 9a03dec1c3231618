// Checking a two-way report: `prospetto P "title" per righe e colonne { cella "label" = conta(…) | somma(…) | media(…) }`.
// Rows and columns are each the unit, or a person's enumeration (a `uno_tra` input, bands, a computed category);
// each cell line is one aggregate of a person's values, computed over the persons of the cell.
import type * as A from '../syntax/ast.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { functionByWord } from '../syntax/keywords.ts';
import type { IrCategory } from '../compile/ir.ts';
import type { ExprChecker, Resolutions } from './expr.ts';
import type { SchemeSymbols } from './symbols.ts';

/** The categories of each two-way report the checker accepted, for compile. */
export const twoWayCategories = new WeakMap<A.Decl, { rows: IrCategory; cols: IrCategory }>();

const CELL_FUNCTIONS = new Set(['conta', 'somma', 'media']);

export function checkTwoWay(s: SchemeSymbols, out: Diagnostic[], res: Resolutions, at: () => ExprChecker, d: Extract<A.Decl, { kind: 'report' }>): void {
  const lang = s.ast.lang;
  const it = lang === 'it';
  const err = (code: Parameters<typeof diag>[0], span: A.Span, args: Record<string, string | number> = {}) => out.push(diag(code, s.file, span, lang, args));
  const category = (id: A.Ident): IrCategory | undefined => {
    if (id.name === s.unitName) return { kind: 'unit' };
    const sym = s.names.get(id.name);
    if (sym && sym.level === 'persona' && sym.ty.t === 'enum' && (sym.kind === 'input' || sym.kind === 'value' || sym.kind === 'bands')) {
      res.refs.set({ kind: 'ref', path: [id], span: id.span }, { ns: 'sym', sym }); // the input is used (by this table)
      return { kind: sym.kind === 'input' ? 'input' : 'value', name: sym.name, values: sym.ty.values };
    }
    err('two-way-category', id.span, { name: id.name, unit: s.unitName ?? (it ? 'nessuna dichiarata' : 'none declared') });
    return undefined;
  };
  const rows = category(d.per!);
  const cols = category(d.across!);
  if (d.per!.name === d.across!.name) err('two-way-same', d.across!.span, { name: d.across!.name });
  for (const r of d.rows) {
    const e = r.expr;
    const fn = e.kind === 'call' ? functionByWord(e.fn.name, lang) : undefined;
    const typed = at().check(e);
    (res.columnTypes ??= new Map()).set(r, typed.ty);
    const dom = res.domains.get(e);
    if (e.kind !== 'call' || !fn || !CELL_FUNCTIONS.has(fn) || dom?.kind !== 'persons' || e.otherwise) {
      err('two-way-cell', e.span, { found: e.kind === 'call' ? `«${e.fn.name}(…)»${dom && dom.kind !== 'persons' ? (it ? ' su righe di una tabella o una lista' : ' over rows of a table or a list') : ''}` : it ? "un'altra espressione" : 'another expression' });
    }
  }
  if (rows && cols) twoWayCategories.set(d, { rows, cols });
}

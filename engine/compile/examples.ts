// Examples in the IR: given and expected values, the reading they run under, and the tables of a
// population example (persons, units, table rows; expected values per person or per unit).
import type * as A from '../syntax/ast.ts';
import type { ExprCompiler } from './expr.ts';
import type { IrExample, IrExampleTable, JL } from './ir.ts';

/** The unit written on an expected literal (`56,25%`, `-3 punti`): examples compare units too. */
export function literalUnit(e: A.Expr): { unit?: string } {
  if (e.kind === 'unary' && e.op === '-') return literalUnit(e.arg);
  return e.kind === 'quantity' && e.unit ? { unit: e.unit } : {};
}

/** A cell: a bare name the checker left unresolved is a text (a person key, a unit code), else an expression. */
export function exampleCell(e: A.Expr, x: ExprCompiler, resolved: (e: A.Expr) => boolean): JL {
  if (e.kind === 'ref' && e.path.length === 1 && !resolved(e)) return e.path[0].name;
  return x.c(e);
}

export function compileExampleTables(d: Extract<A.Decl, { kind: 'example' }>, x: ExprCompiler, resolved: (e: A.Expr) => boolean): Partial<IrExample> {
  const out: Partial<IrExample> = {};
  if (d.variant) out.variant = d.variant.name;
  if (d.everyVariant) out.every = true;
  if (d.tables?.length) {
    out.tables = d.tables.map((t): IrExampleTable => ({
      role: t.role, ...(t.name ? { name: t.name.name } : {}), columns: t.columns.map((c) => c.map((p) => p.name)),
      rows: t.rows.map((r) => ({ cells: r.cells.map((c) => ({ value: exampleCell(c, x, resolved), ...literalUnit(c), line: c.span.line, col: c.span.col })), line: r.span.line, col: r.span.col })),
      line: t.span.line, col: t.span.col,
    }));
  }
  return out;
}

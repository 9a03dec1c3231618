// Constraints with legal citations: those that depend only on the scheme (maxima, fixed amounts) are
// decided here, at compile time; those that read data are checked when the scheme runs.
import type { IrScheme } from './ir.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { EvalError } from '../run/errors.ts';
import { Evaluator } from '../run/evaluate.ts';

export function checkConstraints(ir: IrScheme, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ev = new Evaluator(ir, { ente: new Map(), units: new Map(), persons: [], tables: new Map(), ext: new Map() });
  for (const c of ir.constraints) {
    const span = { line: c.line, col: c.col, endLine: c.line, endCol: c.col, offset: 0, endOffset: 0 };
    const label = c.label ?? (ir.lang === 'it' ? 'vincolo' : 'constraint');
    try {
      const ok = ev.eval(c.expr, { scope: { level: 'ente' } });
      if (ok === false) out.push(diag('constraint-violated', file, span, ir.lang, { label, source: (c.sources ?? []).join('; ') || '—' }));
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      out.push(diag('constraint-not-static', file, span, ir.lang, { label }));
    }
  }
  return out;
}

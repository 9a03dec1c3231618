// Constraints with legal citations: those that depend only on the scheme (maxima, fixed amounts) are
// decided here, at compile time; those that read data (inputs, computed values, aggregates over
// persons or tables) are checked when the scheme runs.
import type { IrScheme, JL } from './ir.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { EvalError } from '../run/errors.ts';
import { Evaluator } from '../run/evaluate.ts';
import { isDec, type Dec } from '../run/decimal.ts';
import type { Span } from '../syntax/ast.ts';

const DATA_OPS = new Set(['var', 'ext', 'sum', 'count', 'mean', 'min_of', 'max_of', 'count_distinct', 'weighted_mean', 'allocate', 'best', 'share']);

/** Does the expression read data, directly or through the values it uses? Fixed amounts do not. (A loop:
 *  values that use values that use values … are followed without recursion.) */
export function readsData(e: unknown, ir?: IrScheme, seen = new Set<string>()): boolean {
  const decls = new Map(ir?.decls.map((d) => [d.name, d]));
  const stack = [e];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (DATA_OPS.has(k)) return true;
        if (k === 'val') {
          const d = decls.get(v as string);
          if (!d || d.level !== 'ente') return true;
          if (seen.has(d.name)) continue; // already looked at (and found fixed), or a cycle reported elsewhere
          seen.add(d.name);
          stack.push(d.expr);
        } else stack.push(v);
      }
    }
  }
  return false;
}

/** The span of a declaration from its line and column: to the end of that line. */
export function lineSpan(text: string | undefined, line: number, col: number): Span {
  const lines = (text ?? '').split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
  const len = Math.max(1, (lines[line - 1] ?? '').length - col + 1);
  return { line, col, endLine: line, endCol: col + len - 1, offset, endOffset: offset + len };
}

/** For a comparison, the values of its two sides («: 20 contro 30»), to show what failed. */
export function sides(ev: Evaluator, e: JL, lang: 'it' | 'en'): string {
  const op = e && typeof e === 'object' ? Object.keys(e)[0] : '';
  if (!['<', '<=', '>', '>=', '==', '!='].includes(op)) return '';
  try {
    const [l, r] = (e as Record<string, JL[]>)[op].map((x) => ev.evaluate(x, { scope: { level: 'ente' } }));
    const show = (v: unknown) => (isDec(v) ? (lang === 'it' ? (v as Dec).toFixed().replace('.', ',') : (v as Dec).toFixed()) : String(v));
    return ` (${show(l)} ${op} ${show(r)} ${lang === 'it' ? 'è falso' : 'is false'})`;
  } catch {
    return '';
  }
}

export function checkConstraints(ir: IrScheme, file: string, text?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ev = new Evaluator(ir, { ente: new Map(), units: new Map(), persons: [], tables: new Map(), ext: new Map() });
  for (const c of ir.constraints) {
    const span = lineSpan(text, c.line, c.col);
    const label = c.label ?? (ir.lang === 'it' ? 'vincolo' : 'constraint');
    if (readsData(c.expr as JL, ir)) {
      out.push(diag('constraint-not-static', file, span, ir.lang, { label }));
      continue;
    }
    try {
      const ok = ev.evaluate(c.expr, { scope: { level: 'ente' } });
      if (ok === false) out.push(diag('constraint-violated', file, span, ir.lang, { label, sides: sides(ev, c.expr, ir.lang), source: (c.sources ?? []).join('; ') || '—' }));
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      out.push(diag('constraint-not-static', file, span, ir.lang, { label }));
    }
  }
  return out;
}

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

/** Does the expression read data, directly or through the values it uses? Fixed amounts do not. */
export function readsData(e: unknown, ir?: IrScheme, seen = new Set<string>()): boolean {
  if (Array.isArray(e)) return e.some((x) => readsData(x, ir, seen));
  if (e && typeof e === 'object') {
    return Object.entries(e).some(([k, v]) => {
      if (DATA_OPS.has(k)) return true;
      if (k === 'val') {
        const d = ir?.decls.find((x) => x.name === v);
        if (!d || d.level !== 'ente') return true;
        if (seen.has(d.name)) return false; // already looked at (and found fixed), or a cycle reported elsewhere
        seen.add(d.name);
        return readsData(d.expr, ir, seen);
      }
      return readsData(v, ir, seen);
    });
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

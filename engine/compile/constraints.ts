// Constraints with legal citations: those that depend only on the scheme (maxima, fixed amounts) are
// decided here, at compile time; those that read data (inputs, computed values, aggregates over
// persons or tables) are checked when the scheme runs.
import type { IrScheme, IrType, JL } from './ir.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { EvalError } from '../run/errors.ts';
import { Evaluator, type Env } from '../run/evaluate.ts';
import { displayIn } from '../report/values.ts';
import type { Span } from '../syntax/ast.ts';
import { ops } from '../ops/registry.ts';


/** Does the expression read data, directly or through the values it uses? Fixed amounts do not. (A loop:
 *  values that use values that use values … are followed without recursion.) */
export function readsData(e: unknown, ir?: IrScheme, seen = new Set<string>()): boolean {
  const decls = new Map(ir?.decls.map((d) => [d.name, d]));
  const dataOps = ops().dataOps(); // what the registry says the folder cannot decide (inputs, aggregates, allocations…)
  const stack = [e];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (dataOps.has(k)) return true;
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

/** The unit of a sub-expression when it names something (a value, an input, a column), for showing it. */
function typeOf(e: JL, ir: IrScheme): IrType | undefined {
  if (!e || typeof e !== 'object') return undefined;
  if ('val' in e) return ir.decls.find((d) => d.name === (e as { val: string }).val)?.type;
  if ('var' in e) {
    const [level, name, col] = String((e as { var: string }).var).split('.');
    if (level === 'riga') return ir.tables.find((t) => t.name === name)?.columns.find((c) => c.name === col)?.type;
    return ir.inputs.find((i) => i.name === name && i.level === level)?.type;
  }
  if ('ext' in e) return undefined;
  return undefined;
}

/** The name a sub-expression reads, when it is just a name («ore_extra», «assenze.giorni»). */
function nameOf(e: JL): string | undefined {
  if (!e || typeof e !== 'object') return undefined;
  if ('val' in e) return (e as { val: string }).val;
  if ('var' in e) {
    const [level, name, col] = String((e as { var: string }).var).split('.');
    return level === 'riga' ? `${name}.${col}` : name;
  }
  if ('ext' in e) return (e as { ext: [string, string] }).ext.join('.');
  return undefined;
}

const WORDS: Record<string, { it: string; en: string }> = {
  '<': { it: 'meno di', en: 'less than' },
  '<=': { it: 'al massimo', en: 'at most' },
  '>': { it: 'più di', en: 'more than' },
  '>=': { it: 'almeno', en: 'at least' },
  '==': { it: 'uguale a', en: 'equal to' },
  '!=': { it: 'diverso da', en: 'different from' },
};

/**
 * Why a condition is false, in plain words: for a comparison both sides with their values and units
 * («ore_extra vale 180, ma dovrebbe essere al massimo 150 (massimo_ore)»); for `e`/`and` the first part that
 * is false. Empty when nothing more useful than «la condizione è falsa» can be said.
 */
export function whyFalse(ev: Evaluator, e: JL, env: Env, lang: 'it' | 'en', ir: IrScheme = ev.ir, depth = 0): string {
  const op = e && typeof e === 'object' ? Object.keys(e)[0] : '';
  const args = op ? (e as Record<string, JL[]>)[op] : [];
  try {
    if (op === 'and' && Array.isArray(args) && depth < 20) {
      for (const a of args) if (ev.evaluate(a, env) === false) return whyFalse(ev, a, env, lang, ir, depth + 1);
      return '';
    }
    if (!WORDS[op] || !Array.isArray(args) || args.length !== 2) return '';
    const [l, r] = args.map((x) => ev.evaluate(x, env));
    const [tl, tr] = [typeOf(args[0], ir), typeOf(args[1], ir)];
    const [nl, nr] = [nameOf(args[0]), nameOf(args[1])];
    // a literal is shown in the unit of the side it is compared with (a limit in euro, a share in percent)
    const left = displayIn(l, tl ?? tr, lang);
    const right = displayIn(r, tr ?? tl, lang);
    const subject = nl ? `«${nl}» ${lang === 'it' ? 'vale' : 'is'} ${left}` : lang === 'it' ? `il valore è ${left}` : `the value is ${left}`;
    return `${subject}, ${lang === 'it' ? 'ma dovrebbe essere' : 'but should be'} ${WORDS[op][lang]} ${right}${nr ? ` («${nr}»)` : ''}`;
  } catch {
    return '';
  }
}

/** Kept for callers that want the old form: «: …» with the plain-words reason, or nothing. */
export function sides(ev: Evaluator, e: JL, lang: 'it' | 'en'): string {
  const w = whyFalse(ev, e, { scope: { level: 'ente' } }, lang);
  return w ? `: ${w}` : '';
}

export function checkConstraints(ir: IrScheme, file: string, text?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ev = new Evaluator(ir, { ente: new Map(), units: new Map(), persons: [], tables: new Map(), ext: new Map() });
  for (const c of ir.constraints) {
    const span = lineSpan(text, c.line, c.col);
    const label = c.label ?? (ir.lang === 'it' ? 'vincolo' : 'constraint');
    if (c.per || readsData(c.expr as JL, ir)) {
      out.push(diag('constraint-not-static', file, span, ir.lang, { label }));
      continue;
    }
    try {
      const ok = ev.evaluate(c.expr, { scope: { level: 'ente' } });
      if (ok === false) out.push(diag(c.severity ? 'constraint-violated-warning' : 'constraint-violated', file, span, ir.lang, { label, sides: sides(ev, c.expr, ir.lang), source: (c.sources ?? []).join('; ') || '—' }));
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      out.push(diag('constraint-not-static', file, span, ir.lang, { label }));
    }
  }
  out.push(...topScoreUncapped(ir, file, text));
  return out;
}

/** Does `e` mention `{val: name}` anywhere? */
function mentions(e: unknown, name: string): boolean {
  const stack = [e];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) stack.push(...x);
    else if (x && typeof x === 'object') {
      if ((x as { val?: unknown }).val === name) return true;
      stack.push(...Object.values(x));
    }
  }
  return false;
}

/**
 * A value that picks everyone at the top score (`totale = massimo_di(totale)`, `x >= massimo_di(x)`) pays
 * everyone tied there: with no constraint on it (no declared cap), the recipients are unbounded. A check-time
 * warning; `migliori N per …` takes exactly N (ties broken by the tie rule), and a run-time warning names
 * those left out by the person key alone.
 */
function topScoreUncapped(ir: IrScheme, file: string, text?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  // a maximum over persons, written in place or as a value of the entity or a unit (`punteggio_massimo`)
  const isMax = (a: unknown): boolean => {
    if (!a || typeof a !== 'object') return false;
    if ('max_of' in a) return true;
    const d = 'val' in a ? ir.decls.find((x) => x.name === (a as { val: string }).val) : undefined;
    return !!d && d.level !== 'persona' && !!d.expr && typeof d.expr === 'object' && 'max_of' in d.expr;
  };
  const atTop = (e: unknown): boolean => {
    const stack = [e];
    while (stack.length) {
      const x = stack.pop();
      if (Array.isArray(x)) stack.push(...x);
      else if (x && typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) {
          if ((k === '==' || k === '>=' || k === '<=') && Array.isArray(v) && v.some(isMax)) return true;
          stack.push(v);
        }
      }
    }
    return false;
  };
  for (const d of ir.decls) {
    if (d.level !== 'persona' || !atTop(d.expr)) continue;
    if (ir.constraints.some((c) => mentions(c.expr, d.name))) continue;
    out.push(diag('top-score-uncapped', file, lineSpan(text, d.line, d.col), ir.lang, { name: d.name }));
  }
  return out;
}

// `explain` for reviewers: the formula of each figure as the scheme writes it, and the same formula with the
// values the person's run read written in place of the names (aggregates and rankings are left as written:
// they read other persons, not this one's value).
import type * as A from '../syntax/ast.ts';
import { expr as printExpr, makeCtx } from '../format/expr.ts';
import { functionByWord } from '../syntax/keywords.ts';
import { REGISTRY } from '../ops/registry.ts';

// what reads other persons: the aggregates (engine/ops/aggregates.ts), shares of bands, item maxima, allocations
const AGGREGATES = new Set(['quota', 'massimo_voce', ...REGISTRY.functions().filter((e) => e.family === 'aggregate').map((e) => e.names!.it), 'ripartisci']);

/** The formula of each declaration a person's figure comes from, by name. */
export function formulasOf(ast: A.SchemeFile): Map<string, A.Expr> {
  const out = new Map<string, A.Expr>();
  const add = (d: { kind: string; name?: A.Ident; expr?: A.Expr; cond?: A.Expr }) => {
    const e = d.kind === 'gate' ? d.cond : d.expr;
    if (d.name && e && ['value', 'item', 'gate', 'penalty', 'reduction'].includes(d.kind)) out.set(d.name.name, e);
  };
  for (const d of ast.decls) {
    if (d.kind === 'section') d.items.forEach(add);
    else add(d as never);
  }
  return out;
}

// a line that already ends with its separator (`sia x = v;` / `let x = v,`) keeps it alone
const oneLine = (s: string) => s.replace(/([;,])\s*\n\s*/g, '$1 ').replace(/\s*\n\s*/g, '; ').replace(/\{; /g, '{ ').replace(/; \}/g, ' }');
const cut = (s: string) => (s.length > 400 ? s.slice(0, 399) + '…' : s);

export function formulaText(e: A.Expr, lang: 'it' | 'en', src: 'it' | 'en'): string {
  try {
    return cut(oneLine(printExpr(e, makeCtx(src, lang))));
  } catch {
    return '';
  }
}

/** The formula with each name the person's run read replaced by its value (`values`: name → displayed value). */
export function substituted(e: A.Expr, values: Map<string, string>, lang: 'it' | 'en', src: 'it' | 'en'): string {
  const put = (name: string): A.Expr | undefined => {
    const v = values.get(name);
    if (v === undefined || v.length > 40) return undefined;
    return { kind: 'ref', path: [{ kind: 'ident', name: v } as A.Ident], span: (e as { span: A.Span }).span };
  };
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (!x || typeof x !== 'object') return x;
    const o = x as Record<string, unknown>;
    if (o.kind === 'ref') return put((o.path as A.Ident[]).map((p) => p.name).join('.')) ?? o;
    if (o.kind === 'builtin') return put(String(o.name)) ?? o;
    if (o.kind === 'best') return o;
    if (o.kind === 'call' && AGGREGATES.has(functionByWord((o.fn as A.Ident).name, src) ?? (o.fn as A.Ident).name)) return o;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = k === 'span' || k === 'meta' ? v : walk(v);
    return out;
  };
  return formulaText(walk(e) as A.Expr, lang, src);
}

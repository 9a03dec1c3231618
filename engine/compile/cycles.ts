// A value that depends on itself, directly or through others, is an error found before anything runs.
// Dependencies are read off the IR: {"val": name}, the band a share reads, and the tie rule's keys for
// rankings and allocations (which order persons by them).
import type { IrScheme } from './ir.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { lineSpan } from './constraints.ts';

function deps(e: unknown, ties: string[], out: Set<string>): Set<string> {
  if (Array.isArray(e)) e.forEach((x) => deps(x, ties, out));
  else if (e && typeof e === 'object') {
    for (const [k, v] of Object.entries(e)) {
      if (k === 'val' && typeof v === 'string') out.add(v);
      else if (k === 'share' && Array.isArray(v)) out.add(String(v[0]));
      else {
        if (k === 'allocate' || k === 'best') ties.forEach((t) => out.add(t));
        deps(v, ties, out);
      }
    }
  }
  return out;
}

export function checkValueCycles(ir: IrScheme, file: string, text?: string): Diagnostic[] {
  const names = new Set(ir.decls.map((d) => d.name));
  const ties = ir.ties.map((t) => t.name).filter((n) => names.has(n));
  const graph = new Map(ir.decls.map((d) => [d.name, [...deps(d.expr, ties, new Set())].filter((n) => names.has(n)).sort()]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  const visit = (n: string, path: string[]) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(n)), n];
      const key = [...cycle].sort().join(',');
      if (reported.has(key)) return;
      reported.add(key);
      const d = ir.decls.find((x) => x.name === n)!;
      out.push(diag('value-cycle', file, lineSpan(text, d.line, d.col), ir.lang, { name: n, cycle: cycle.join(' → ') }));
      return;
    }
    state.set(n, 'visiting');
    for (const m of graph.get(n) ?? []) visit(m, [...path, n]);
    state.set(n, 'done');
  };
  for (const d of ir.decls) visit(d.name, []);
  return out;
}

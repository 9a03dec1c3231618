// A value that depends on itself, directly or through others, is an error found before anything runs.
// Dependencies are read off the IR: {"val": name}, the band a share reads, and the tie rule's keys for
// rankings and allocations (which order persons by them).
import type { IrScheme } from './ir.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { lineSpan } from './constraints.ts';

function deps(e: unknown, ties: string[], out: Set<string>): Set<string> {
  const stack = [e];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === 'val' && typeof v === 'string') out.add(v);
        else if (k === 'share' && Array.isArray(v)) out.add(String(v[0]));
        else {
          if (k === 'allocate' || k === 'allocate_units' || k === 'best') ties.forEach((t) => out.add(t));
          stack.push(v);
        }
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
  // depth-first, with an explicit stack: a chain of thousands of values is no deeper for the engine than one
  for (const d of ir.decls) {
    if (state.has(d.name)) continue;
    state.set(d.name, 'visiting');
    const stack: { n: string; next: number }[] = [{ n: d.name, next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const ms = graph.get(top.n) ?? [];
      if (top.next >= ms.length) {
        state.set(top.n, 'done');
        stack.pop();
        continue;
      }
      const m = ms[top.next++];
      const st = state.get(m);
      if (st === 'done') continue;
      if (st === 'visiting') {
        const path = stack.map((f) => f.n);
        const cycle = [...path.slice(path.indexOf(m)), m];
        const key = [...cycle].sort().join(',');
        if (reported.has(key)) continue;
        reported.add(key);
        const dm = ir.decls.find((x) => x.name === m)!;
        out.push(diag('value-cycle', file, lineSpan(text, dm.line, dm.col), ir.lang, { name: m, cycle: cycle.join(' → ') }));
        continue;
      }
      state.set(m, 'visiting');
      stack.push({ n: m, next: 0 });
    }
  }
  return out;
}

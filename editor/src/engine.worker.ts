// The engine in a Web Worker: parse → check → compile of the open scheme and its siblings (for `usa`), as
// `scheda check` does, off the page's thread; then the scheme's examples and its tables for the grid; the
// compare view's change list. It imports the engine through engine/index.ts only.
import { buildBundle, format, outline, parse } from '../../engine/index.ts';
import { gridTables } from './grids.ts';
import { compare, needed, runExamples } from './live.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

const post = (m: WorkerResponse) => (self as unknown as Worker).postMessage(m);

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const m = ev.data;
  try {
    if (m.op === 'check') {
      const t0 = performance.now();
      const files = needed(m.files, m.target);
      const bundle = buildBundle(files);
      const target = m.files.find((f) => f.file === m.target);
      const diagnostics = bundle.diagnostics.filter((d) => d.file === m.target);
      const o = bundle.checked && target ? outline(bundle.checked, target.id) : undefined;
      post({ op: 'check', seq: m.seq, diagnostics, outline: o, ms: performance.now() - t0 });
      // the markers first; the examples and the tables after them
      const t1 = performance.now();
      const examples = target && bundle.ok ? runExamples(bundle, files, target.id) : [];
      const tables = target ? gridTables(target.text, target.file) : [];
      post({ op: 'examples', seq: m.seq, examples, tables, ms: performance.now() - t1 });
    } else if (m.op === 'format') {
      const r = parse(m.text, m.file);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      post({ op: 'format', seq: m.seq, text: errors.length ? undefined : format(r.ast, m.lang ?? r.lang), diagnostics: errors });
    } else if (m.op === 'compare') {
      post({ op: 'compare', seq: m.seq, result: compare(m.older, m.newer, m.lang) });
    }
  } catch (e) {
    post({ op: 'error', seq: m.seq, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
};

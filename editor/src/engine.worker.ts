// The engine in a Web Worker: parse → check → compile of the open scheme and its siblings (for `usa`), as
// `scheda check` does, off the page's thread. It imports the engine through engine/index.ts only.
import { buildBundle, format, outline, parse } from '../../engine/index.ts';
import type { WorkerFile, WorkerRequest, WorkerResponse } from './protocol.ts';

const post = (m: WorkerResponse) => (self as unknown as Worker).postMessage(m);

const USES = /^[ \t]*(?:usa|uses)[ \t]+([A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*)/gm;

/** The target and the schemes it uses, transitively (its siblings that it does not use need no checking). */
function needed(files: WorkerFile[], target: string): WorkerFile[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  const keep = new Map<string, WorkerFile>();
  const visit = (f: WorkerFile | undefined) => {
    if (!f || keep.has(f.id)) return;
    keep.set(f.id, f);
    for (const m of f.text.matchAll(USES)) visit(byId.get(m[1]));
  };
  visit(files.find((f) => f.file === target));
  return [...keep.values()];
}

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const m = ev.data;
  try {
    if (m.op === 'check') {
      const t0 = performance.now();
      const bundle = buildBundle(needed(m.files, m.target));
      const target = m.files.find((f) => f.file === m.target);
      const diagnostics = bundle.diagnostics.filter((d) => d.file === m.target);
      const o = bundle.checked && target ? outline(bundle.checked, target.id) : undefined;
      post({ op: 'check', seq: m.seq, diagnostics, outline: o, ms: performance.now() - t0 });
    } else if (m.op === 'format') {
      const r = parse(m.text, m.file);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      post({ op: 'format', seq: m.seq, text: errors.length ? undefined : format(r.ast, m.lang ?? r.lang), diagnostics: errors });
    }
  } catch (e) {
    post({ op: 'error', seq: m.seq, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
};

// The published tables of the open scheme on the sample data, in a worker of their own: their disclosure
// control (engine/report/disclosure.ts) can take seconds on a real year, so the page asks for them once
// typing pauses, and ends this worker (and starts another) when the text changes meanwhile.
import type { MemoryTables } from '../../engine/index.ts';
import { reportOf, runOn, tablesOf } from './live.ts';
import type { ReportRequest, ReportResponse } from './protocol.ts';

const post = (m: ReportResponse) => (self as unknown as Worker).postMessage(m);
const data = new Map<string, MemoryTables | null>();

self.onmessage = async (ev: MessageEvent<ReportRequest>) => {
  const m = ev.data;
  if (m.op === 'data') {
    data.set(m.key, m.files ? tablesOf(m.files) : null);
    return;
  }
  try {
    const tables = data.get(m.key);
    if (!tables) return post({ op: 'report', seq: m.seq, error: 'no data' });
    const t0 = performance.now();
    const id = m.files.find((f) => f.file === m.target)?.id ?? '';
    const r = reportOf(id, await runOn(m.files, m.target, tables));
    post({ op: 'report', seq: m.seq, ...r, ms: performance.now() - t0 });
  } catch (e) {
    post({ op: 'report', seq: m.seq, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
};

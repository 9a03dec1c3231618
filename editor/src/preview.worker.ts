// The year on the sample data, in its own Web Worker (the markers never wait for it): the open scheme and
// the schemes it uses run on the data folder's files (parsed once per folder), and, when the text differs
// from the saved one, the saved version too (run once per saved text) for the impact. Through
// engine/index.ts only. The published tables (their disclosure control can take seconds) are report.worker.ts's.
import { summaryOf, type MemoryTables } from '../../engine/index.ts';
import { impactFor, previewOf, runKey, runOn, tablesOf, type YearRuns } from './live.ts';
import type { SchemeRun } from '../../engine/index.ts';
import type { PreviewRequest, PreviewResponse } from './protocol.ts';

const post = (m: PreviewResponse) => (self as unknown as Worker).postMessage(m);
const data = new Map<string, MemoryTables | null>();
let savedRun: { key: string; runs: YearRuns } | undefined;
let last: { id: string; runs: YearRuns } | undefined; // the last preview's run, for the hover

// the last run of each scheme without problems, by data folder, its text and its used schemes' texts: a
// scheme the keystroke did not touch (the schemes the open one uses) is not run again
let runsOf = new Map<string, SchemeRun>();
const reuseFrom = (key: string, files: { id: string; file: string; text: string }[]) => (id: string) => runsOf.get(key + '\0' + runKey(files, id));
function remember(key: string, files: { id: string; file: string; text: string }[], r: YearRuns) {
  if (!r.ok) return;
  const next = new Map<string, SchemeRun>();
  for (const [id, run] of r.runs) next.set(key + '\0' + runKey(files, id), run);
  runsOf = next;
}

const keyOf = (key: string, files: { file: string; text: string }[]) => key + '\0' + files.map((f) => `${f.file}\0${f.text}`).join('\0');

self.onmessage = async (ev: MessageEvent<PreviewRequest>) => {
  const m = ev.data;
  if (m.op === 'data') {
    data.set(m.key, m.files ? tablesOf(m.files) : null);
    runsOf = new Map(); // runs on the folder's former files are not reused
    return;
  }
  if (m.op === 'summary') {
    const run = last?.runs.ok ? last.runs.runs.get(last.id) : undefined;
    let text: string | undefined;
    try {
      text = run ? summaryOf(run, m.name, m.lang) : undefined;
    } catch {
      text = undefined;
    }
    post({ op: 'summary', seq: m.seq, text });
    return;
  }
  try {
    const tables = data.get(m.key);
    if (!tables) {
      post({ op: 'preview', seq: m.seq, preview: null, reason: tables === null ? 'nodata' : 'loading' });
      return;
    }
    const t0 = performance.now();
    const id = m.files.find((f) => f.file === m.target)?.id ?? '';
    const now = await runOn(m.files, m.target, tables, reuseFrom(m.key, m.files));
    remember(m.key, m.files, now);
    const t1 = performance.now();
    const lang = now.bundle?.irs.get(id)?.lang ?? 'it';
    last = { id, runs: now };
    const p = previewOf(id, now, lang, false); // the published tables: report.worker.ts
    const same = m.saved.every((s) => m.files.some((f) => f.file === s.file && f.text === s.text));
    let impact: NonNullable<ReturnType<typeof impactFor>>;
    const t2 = performance.now();
    if (same) {
      impact = { persons: [], same: true };
      savedRun = { key: keyOf(m.key, m.saved), runs: now }; // the saved version's run, for the next change
    }
    else {
      const k = keyOf(m.key, m.saved);
      if (savedRun?.key !== k) savedRun = { key: k, runs: await runOn(m.saved, m.target, tables, reuseFrom(m.key, m.saved)) };
      impact = impactFor(id, savedRun.runs, now)!;
    }
    const t3 = performance.now();
    post({ op: 'preview', seq: m.seq, preview: { ...p, impact, ms: { build: now.buildMs ?? 0, run: t1 - t0 - (now.buildMs ?? 0), tables: t2 - t1, impact: t3 - t2 } } });
  } catch (e) {
    post({ op: 'error', seq: m.seq, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
};

// The browser editor: the rule files by body and year, one scheme open in Monaco, checked by the engine in
// a Web Worker as it is typed, saved through the local server (Ctrl+S) without overwriting what changed on
// disk, every unsaved change kept as a draft in the browser.
import type { Diagnostic, Outline } from '../../engine/index.ts';
import { listFiles, readData, readFile, saveFile, type RuleEntry } from './api.ts';
import { initCompare } from './compare-ui.ts';
import { initGrid, setTables } from './grid-ui.ts';
import type { CompareResult } from './live.ts';
import { bindPreviewControls, renderExamples, renderImpact, renderPreview, renderReport } from './panels.ts';
import { dropDraft, lastOpen, loadDraft, saveDraft, setLastOpen } from './drafts.ts';
import { setUiLang, t, uiLang, type Word } from './i18n.ts';
import { LANGUAGE, langOfText, registerLanguage, toMarker } from './language.ts';
import { monaco } from './monaco.ts';
import type { PreviewRequest, PreviewResponse, ReportRequest, ReportResponse, WorkerFile, WorkerRequest, WorkerResponse } from './protocol.ts';
import EngineWorker from './engine.worker.ts?worker';
import PreviewWorker from './preview.worker.ts?worker';
import ReportWorker from './report.worker.ts?worker';
import './style.css';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Open {
  path: string;
  id: string;
  base: string | null; // sha256 of the version on disk the text started from
  saved: string; // the text as last read or saved
  model: monaco.editor.ITextModel;
  siblings: WorkerFile[]; // the other schemes of its folder (for `usa`)
  siblingsSaved: WorkerFile[]; // the same, as saved on disk (for the impact)
  dataKey: string; // the sample data's folder (body-year)
}

let files: RuleEntry[] = [];
let open: Open | undefined;
let outlineNow: Outline | undefined;
let diagnosticsNow: Diagnostic[] = [];

// ── the engine's worker: one check in flight, the latest text queued behind it ──
const worker = new EngineWorker();
let seq = 0;
let inFlight = 0; // seq of the check the worker is running, 0 when idle
let queued = false;
const formatWaiters = new Map<number, (text: string | undefined) => void>();
const compareWaiters = new Map<number, (r: CompareResult) => void>();
let lastKeystroke = 0;
let lastCheckSeq = 0;

worker.onmessage = (ev: MessageEvent<WorkerResponse>) => {
  const m = ev.data;
  if (m.op === 'format') {
    formatWaiters.get(m.seq)?.(m.text);
    formatWaiters.delete(m.seq);
    return;
  }
  if (m.op === 'compare') {
    compareWaiters.get(m.seq)?.(m.result);
    compareWaiters.delete(m.seq);
    return;
  }
  if (m.op === 'examples') {
    if (!queued && open && m.seq === lastCheckSeq) {
      renderExamples(m.examples, reveal);
      setTables(m.tables);
      document.body.dataset.examplesVersion = String(open.model.getVersionId());
    }
    return;
  }
  if (m.seq === inFlight) inFlight = 0;
  if (m.op === 'error') {
    setStatus(`${t('error')}: ${m.message}`);
  } else if (m.op === 'check' && !queued && open) {
    lastCheckSeq = m.seq;
    diagnosticsNow = m.diagnostics;
    if (m.outline) outlineNow = m.outline;
    monaco.editor.setModelMarkers(open.model, 'scheda', m.diagnostics.map(toMarker));
    renderProblems();
    const ms = lastKeystroke ? performance.now() - lastKeystroke : m.ms;
    document.body.dataset.checkedVersion = String(open.model.getVersionId());
    setStatus(t('checked', { ms: Math.round(ms) }));
    (window as unknown as { __scheda: unknown }).__scheda = { lastCheckMs: ms, engineMs: m.ms, version: open.model.getVersionId() };
    requestPreview(); // after the markers, so that the year's run never delays them
  }
  if (queued) {
    queued = false;
    requestCheck();
  }
};

function requestCheck() {
  if (!open) return;
  if (inFlight) {
    queued = true;
    return;
  }
  inFlight = ++seq;
  const me: WorkerFile = { id: open.id, file: open.path, text: open.model.getValue() };
  const msg: WorkerRequest = { op: 'check', seq: inFlight, files: [me, ...open.siblings], target: open.path };
  worker.postMessage(msg);
}

function formatSource(text: string): Promise<string | undefined> {
  const s = ++seq;
  return new Promise((ok) => {
    formatWaiters.set(s, (out) => {
      if (out === undefined) setStatus(t('cannotFormat'));
      ok(out);
    });
    worker.postMessage({ op: 'format', seq: s, text, file: open?.path ?? 'scheda' } satisfies WorkerRequest);
  });
}
const formatText = (model: monaco.editor.ITextModel) => formatSource(model.getValue());

const summaryWaiters = new Map<number, (text: string | undefined) => void>();
let summarySeq = 0;
/** For the hover: the name's values on the sample data, from the preview worker's last run (at most 1 s). */
function summaryOf(name: string): Promise<string | undefined> {
  const s = ++summarySeq;
  return new Promise((ok) => {
    const timer = setTimeout(() => summaryWaiters.delete(s) && ok(undefined), 1000);
    summaryWaiters.set(s, (text) => {
      clearTimeout(timer);
      ok(text);
    });
    previewWorker.postMessage({ op: 'summary', seq: s, name, lang: uiLang() } satisfies PreviewRequest);
  });
}

registerLanguage({ outline: () => outlineNow, format: formatText, summary: summaryOf });

// ── the preview worker: the year on the sample data, one run in flight, the latest text queued behind it ──
const previewWorker = new PreviewWorker();
let previewSeq = 0;
let previewInFlight = 0;
let previewQueued = false;
let previewStart = 0;
const dataSent = new Set<string>();

previewWorker.onmessage = (ev: MessageEvent<PreviewResponse>) => {
  const m = ev.data;
  if (m.op === 'summary') {
    summaryWaiters.get(m.seq)?.(m.text);
    summaryWaiters.delete(m.seq);
    return;
  }
  if (m.seq === previewInFlight) previewInFlight = 0;
  if (!previewQueued && open) {
    const ms = performance.now() - previewStart;
    if (m.op === 'error') renderPreview(null, `${t('error')}: ${m.message}`);
    else if (!m.preview) renderPreview(null, m.reason === 'nodata' ? t('previewNoData', { folder: open.dataKey }) : t('previewLoading'));
    else {
      const p = m.preview;
      renderPreview(p, p.ok ? t('previewOn', { folder: open.dataKey, n: p.persons.length, ms: Math.round(ms) }) : t('previewFails'));
      if (p.ok) scheduleReport();
      renderImpact(p);
      document.body.dataset.previewVersion = String(open.model.getVersionId());
      (window as unknown as { __preview: unknown }).__preview = { ms, buildMs: p.ms.build, runMs: p.ms.run, tablesMs: p.ms.tables, impactMs: p.ms.impact, version: open.model.getVersionId(), ok: p.ok };
    }
  }
  if (previewQueued) {
    previewQueued = false;
    requestPreview();
  }
};

function requestPreview() {
  if (!open) return;
  if (previewInFlight) {
    previewQueued = true;
    return;
  }
  previewInFlight = ++previewSeq;
  previewStart = lastKeystroke || performance.now();
  const me: WorkerFile = { id: open.id, file: open.path, text: open.model.getValue() };
  const saved: WorkerFile = { ...me, text: open.saved };
  const msg: PreviewRequest = { op: 'preview', seq: previewInFlight, key: open.dataKey, files: [me, ...open.siblings], saved: [saved, ...open.siblingsSaved], target: open.path };
  previewWorker.postMessage(msg);
}

// ── the report worker: the published tables once typing pauses; a newer text ends the run in flight ──
const dataFiles = new Map<string, { name: string; base64: string }[] | null>();
let reportWorker: Worker | undefined;
let reportSeq = 0;
let reportInFlight = 0;
let reportTimer: ReturnType<typeof setTimeout> | undefined;

function newReportWorker(): Worker {
  const w = new ReportWorker();
  for (const [key, files] of dataFiles) w.postMessage({ op: 'data', key, files } satisfies ReportRequest);
  w.onmessage = (ev: MessageEvent<ReportResponse>) => {
    const m = ev.data;
    if (m.seq !== reportInFlight) return;
    reportInFlight = 0;
    renderReport(m.report, m.error, false);
    if (open) document.body.dataset.reportVersion = String(open.model.getVersionId());
  };
  return w;
}

function scheduleReport() {
  clearTimeout(reportTimer);
  if (reportInFlight) {
    reportWorker?.terminate(); // its text is old: start again
    reportWorker = undefined;
    reportInFlight = 0;
  }
  renderReport(undefined, undefined, true);
  reportTimer = setTimeout(() => {
    if (!open) return;
    reportWorker ??= newReportWorker();
    reportInFlight = ++reportSeq;
    const me: WorkerFile = { id: open.id, file: open.path, text: open.model.getValue() };
    reportWorker.postMessage({ op: 'report', seq: reportInFlight, key: open.dataKey, files: [me, ...open.siblings], target: open.path } satisfies ReportRequest);
  }, 400);
}

async function sendData(entry: RuleEntry | undefined): Promise<string> {
  const key = entry?.body && entry.year ? `${entry.body}-${entry.year}` : '';
  if (dataSent.has(key)) return key;
  dataSent.add(key);
  let files: { name: string; base64: string }[] | null = null;
  if (key) {
    try {
      files = (await readData(entry!.body, entry!.year))?.files ?? null;
    } catch {
      files = null;
    }
  }
  previewWorker.postMessage({ op: 'data', key, files } satisfies PreviewRequest);
  dataFiles.set(key, files);
  reportWorker?.postMessage({ op: 'data', key, files } satisfies ReportRequest);
  return key;
}

function compareChanges(older: { path: string; text: string }, newer: { path: string; text: string }): Promise<CompareResult> {
  const s = ++seq;
  return new Promise((ok) => {
    compareWaiters.set(s, ok);
    worker.postMessage({
      op: 'compare', seq: s, lang: uiLang(),
      older: { id: idOf(older.path), file: older.path, text: older.text }, newer: { id: idOf(newer.path), file: newer.path, text: newer.text },
    } satisfies WorkerRequest);
  });
}

// ── the page ──
const editor = monaco.editor.create($('editor'), {
  automaticLayout: true, minimap: { enabled: false }, fontSize: 14, wordBasedSuggestions: 'off', renderWhitespace: 'none',
  fixedOverflowWidgets: true, 'semanticHighlighting.enabled': false,
});
let diffEditor: monaco.editor.IStandaloneDiffEditor | undefined;

function reveal(line: number, col: number) {
  editor.setPosition({ lineNumber: line, column: col });
  editor.revealLineInCenter(line);
  editor.focus();
}

initGrid({ editor, format: formatSource, diagnostics: () => diagnosticsNow }, Object.values(LANGUAGE));
initCompare({
  files: () => files,
  open: () => open?.path,
  read: async (path) => (path === open?.path ? open.model.getValue() : (await readFile(path)).text),
  changes: compareChanges,
  language: (text) => LANGUAGE[langOfText(text)],
});

function setStatus(s: string) {
  $('status').textContent = s;
}

function applyUiLang() {
  document.documentElement.lang = uiLang();
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) el.textContent = t(el.dataset.t as Word);
  renderProblems();
  bindPreviewControls();
}

function showTab(name: string) {
  for (const b of document.querySelectorAll<HTMLElement>('footer .tabs [data-tab]')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
  for (const sec of document.querySelectorAll<HTMLElement>('footer section.tab')) sec.hidden = sec.id !== `tab-${name}`;
}
for (const b of document.querySelectorAll<HTMLElement>('footer .tabs [data-tab]')) b.onclick = () => showTab(b.dataset.tab!);
showTab('problems');

function renderFiles() {
  const ul = $('files');
  ul.replaceChildren();
  const byBody = new Map<string, Map<string, RuleEntry[]>>();
  for (const f of files) {
    const years = byBody.get(f.body) ?? new Map<string, RuleEntry[]>();
    byBody.set(f.body, years);
    years.set(f.year, [...(years.get(f.year) ?? []), f]);
  }
  for (const [body, years] of byBody) {
    const li = document.createElement('li');
    li.className = 'body';
    li.textContent = body || '—';
    const yl = document.createElement('ul');
    for (const [year, list] of years) {
      const y = document.createElement('li');
      y.className = 'year';
      y.textContent = year || '';
      const fl = document.createElement('ul');
      for (const f of list) {
        const a = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'file' + (open?.path === f.path ? ' open' : '');
        b.dataset.path = f.path;
        b.textContent = f.path.split('/').pop()!.replace(/\.scheda$/, '') + (loadDraft(f.path) ? ' •' : '');
        b.title = f.path;
        b.onclick = () => void openFile(f.path);
        a.append(b);
        fl.append(a);
      }
      y.append(fl);
      yl.append(y);
    }
    li.append(yl);
    ul.append(li);
  }
}

function renderProblems() {
  const ul = $('problems');
  ul.replaceChildren();
  $('problem-count').textContent = String(diagnosticsNow.length);
  if (!diagnosticsNow.length) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = t('noProblems');
    ul.append(li);
    return;
  }
  for (const d of diagnosticsNow) {
    const li = document.createElement('li');
    li.className = `problem ${d.severity}`;
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = t(d.severity);
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = `${d.span.line}:${d.span.col}`;
    const msg = document.createElement('span');
    msg.className = 'msg';
    msg.textContent = d.message + (d.hint ? ` — ${d.hint}` : '');
    const code = document.createElement('code');
    code.textContent = d.code;
    li.append(sev, where, msg, code);
    li.onclick = () => reveal(d.span.line, d.span.col);
    ul.append(li);
  }
}

function folderOf(path: string) {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

const idOf = (path: string) => path.split('/').pop()!.replace(/\.scheda$/, '');

async function openFile(path: string) {
  closeDiff();
  const disk = await readFile(path);
  const draft = loadDraft(path);
  if (draft && draft.text === disk.text) dropDraft(path);
  const text = draft && draft.text !== disk.text ? draft.text : disk.text;
  const siblings: WorkerFile[] = [];
  const siblingsSaved: WorkerFile[] = [];
  for (const f of files) {
    if (f.path === path || folderOf(f.path) !== folderOf(path)) continue;
    const s = await readFile(f.path);
    siblings.push({ id: idOf(f.path), file: f.path, text: loadDraft(f.path)?.text ?? s.text });
    siblingsSaved.push({ id: idOf(f.path), file: f.path, text: s.text });
  }
  const dataKey = await sendData(files.find((f) => f.path === path));
  open?.model.dispose();
  const model = monaco.editor.createModel(text, LANGUAGE[langOfText(text)], monaco.Uri.parse(`scheda:/${path}`));
  // a draft keeps the version it was based on: saving it over a file changed since then is a conflict
  open = { path, id: idOf(path), base: draft && draft.text !== disk.text ? draft.base : disk.sha256, saved: disk.text, model, siblings, siblingsSaved, dataKey };
  setTables([]);
  renderPreview(null, t('previewLoading'));
  renderImpact(null);
  outlineNow = undefined;
  diagnosticsNow = [];
  editor.setModel(model);
  setLastOpen(path);
  $('file-name').textContent = path;
  document.body.dataset.open = path;
  renderFiles();
  $('notice').textContent = draft && draft.text !== disk.text ? t('draftRestored') : '';
  model.onDidChangeContent(() => {
    lastKeystroke = performance.now();
    const now = model.getValue();
    const lang = LANGUAGE[langOfText(now)];
    if (model.getLanguageId() !== lang) monaco.editor.setModelLanguage(model, lang);
    if (now === open!.saved) dropDraft(path);
    else saveDraft(path, now, open!.base);
    setStatus(now === open!.saved ? '' : t('unsaved'));
    requestCheck();
  });
  lastKeystroke = 0;
  requestCheck();
}

async function save(force = false, over?: string | null) {
  if (!open) return;
  const o = open;
  const text = o.model.getValue();
  const r = await saveFile(o.path, text, force ? over ?? null : o.base);
  if (r.ok) {
    o.base = r.sha256;
    o.saved = text;
    requestPreview(); // the impact is now against this version
    dropDraft(o.path);
    closeDiff();
    renderFiles();
    setStatus(t('saved'));
    $('notice').textContent = '';
    document.body.dataset.saved = String(Date.now());
  } else showConflict(r.conflict.text ?? '', r.conflict.sha256);
}

function showConflict(diskText: string, diskSha: string | null) {
  if (!open) return;
  const o = open;
  $('conflict').hidden = false;
  $('conflict-text').textContent = t('conflict');
  diffEditor ??= monaco.editor.createDiffEditor($('diff'), { automaticLayout: true, readOnly: false, originalEditable: false, renderSideBySide: true });
  diffEditor.setModel({
    original: monaco.editor.createModel(diskText, o.model.getLanguageId()),
    modified: o.model,
  });
  $('keep-mine').onclick = () => void save(true, diskSha);
  $('take-disk').onclick = () => {
    o.base = diskSha;
    o.saved = diskText;
    o.model.setValue(diskText);
    dropDraft(o.path);
    closeDiff();
  };
}

function closeDiff() {
  $('conflict').hidden = true;
  const m = diffEditor?.getModel();
  diffEditor?.setModel(null);
  m?.original.dispose();
}

editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void save());
window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 's') {
    e.preventDefault();
    void save();
  }
});
$('save').onclick = () => void save();
$('format').onclick = () => void editor.getAction('editor.action.formatDocument')?.run();
$('close-diff').onclick = closeDiff;
$('ui-lang').onclick = () => {
  setUiLang(uiLang() === 'it' ? 'en' : 'it');
  applyUiLang();
};

// for the browser tests and the benchmark: the open text, without reaching into Monaco's DOM
(window as unknown as { scheda: unknown }).scheda = {
  text: () => editor.getValue(),
  version: () => editor.getModel()?.getVersionId(),
  at: (lineNumber: number, column: number) => {
    editor.setPosition({ lineNumber, column });
    editor.revealLineInCenterIfOutsideViewport(lineNumber);
    editor.focus();
  },
  position: () => editor.getPosition(),
};

async function start() {
  applyUiLang();
  const list = await listFiles();
  files = list.files;
  $('root').textContent = list.root;
  renderFiles();
  const last = lastOpen();
  const first = files.find((f) => f.path === last) ?? files[0];
  if (first) await openFile(first.path);
  document.body.dataset.ready = 'true';
}

void start().catch((e: unknown) => setStatus(`${t('error')}: ${(e as Error).message}`));

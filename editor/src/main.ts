// The browser editor: the rule files by body and year, one scheme open in Monaco, checked by the engine in
// a Web Worker as it is typed, saved through the local server (Ctrl+S) without overwriting what changed on
// disk, every unsaved change kept as a draft in the browser.
import type { Diagnostic, Outline } from '../../engine/index.ts';
import { listFiles, readFile, saveFile, type RuleEntry } from './api.ts';
import { dropDraft, lastOpen, loadDraft, saveDraft, setLastOpen } from './drafts.ts';
import { setUiLang, t, uiLang, type Word } from './i18n.ts';
import { LANGUAGE, langOfText, registerLanguage, toMarker } from './language.ts';
import { monaco } from './monaco.ts';
import type { WorkerFile, WorkerRequest, WorkerResponse } from './protocol.ts';
import EngineWorker from './engine.worker.ts?worker';
import './style.css';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Open {
  path: string;
  id: string;
  base: string | null; // sha256 of the version on disk the text started from
  saved: string; // the text as last read or saved
  model: monaco.editor.ITextModel;
  siblings: WorkerFile[]; // the other schemes of its folder (for `usa`)
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
let lastKeystroke = 0;

worker.onmessage = (ev: MessageEvent<WorkerResponse>) => {
  const m = ev.data;
  if (m.op === 'format') {
    formatWaiters.get(m.seq)?.(m.text);
    formatWaiters.delete(m.seq);
    return;
  }
  if (m.seq === inFlight) inFlight = 0;
  if (m.op === 'error') {
    setStatus(`${t('error')}: ${m.message}`);
  } else if (m.op === 'check' && !queued && open) {
    diagnosticsNow = m.diagnostics;
    if (m.outline) outlineNow = m.outline;
    monaco.editor.setModelMarkers(open.model, 'scheda', m.diagnostics.map(toMarker));
    renderProblems();
    const ms = lastKeystroke ? performance.now() - lastKeystroke : m.ms;
    document.body.dataset.checkedVersion = String(open.model.getVersionId());
    setStatus(t('checked', { ms: Math.round(ms) }));
    (window as unknown as { __scheda: unknown }).__scheda = { lastCheckMs: ms, engineMs: m.ms, version: open.model.getVersionId() };
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

function formatText(model: monaco.editor.ITextModel): Promise<string | undefined> {
  const s = ++seq;
  return new Promise((ok) => {
    formatWaiters.set(s, (text) => {
      if (text === undefined) setStatus(t('cannotFormat'));
      ok(text);
    });
    worker.postMessage({ op: 'format', seq: s, text: model.getValue(), file: open?.path ?? 'scheda' } satisfies WorkerRequest);
  });
}

registerLanguage({ outline: () => outlineNow, format: formatText });

// ── the page ──
const editor = monaco.editor.create($('editor'), {
  automaticLayout: true, minimap: { enabled: false }, fontSize: 14, wordBasedSuggestions: 'off', renderWhitespace: 'none',
  fixedOverflowWidgets: true, 'semanticHighlighting.enabled': false,
});
let diffEditor: monaco.editor.IStandaloneDiffEditor | undefined;

function setStatus(s: string) {
  $('status').textContent = s;
}

function applyUiLang() {
  document.documentElement.lang = uiLang();
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) el.textContent = t(el.dataset.t as Word);
  renderProblems();
}

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
    li.onclick = () => {
      editor.setPosition({ lineNumber: d.span.line, column: d.span.col });
      editor.revealLineInCenter(d.span.line);
      editor.focus();
    };
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
  for (const f of files) {
    if (f.path === path || folderOf(f.path) !== folderOf(path)) continue;
    const s = await readFile(f.path);
    siblings.push({ id: idOf(f.path), file: f.path, text: loadDraft(f.path)?.text ?? s.text });
  }
  open?.model.dispose();
  const model = monaco.editor.createModel(text, LANGUAGE[langOfText(text)], monaco.Uri.parse(`scheda:/${path}`));
  // a draft keeps the version it was based on: saving it over a file changed since then is a conflict
  open = { path, id: idOf(path), base: draft && draft.text !== disk.text ? draft.base : disk.sha256, saved: disk.text, model, siblings };
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

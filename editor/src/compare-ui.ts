// Compare versions: Monaco's diff editor between two rule files (by default the open one and the same
// file of the year before or after), beside the semantic change list of `scheda diff` (computed by the
// engine in the worker); clicking a change reveals its spans in both panes.
import type { Change } from '../../engine/index.ts';
import type { RuleEntry } from './api.ts';
import { t } from './i18n.ts';
import { monaco } from './monaco.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface CompareHost {
  files(): RuleEntry[];
  open(): string | undefined;
  read(path: string): Promise<string>;
  changes(older: { path: string; text: string }, newer: { path: string; text: string }): Promise<{ changes: Change[]; error?: string }>;
  language(text: string): string;
}

let host: CompareHost;
let diff: monaco.editor.IStandaloneDiffEditor | undefined;

export function initCompare(h: CompareHost) {
  host = h;
  $('compare').onclick = () => void openCompare();
  $('compare-close').onclick = closeCompare;
  $<HTMLSelectElement>('compare-old').onchange = () => void refresh();
  $<HTMLSelectElement>('compare-new').onchange = () => void refresh();
}

/** The same file name in the closest other year of the same body: the default partner of the open file. */
function partner(path: string, files: RuleEntry[]): { older: string; newer: string } {
  const me = files.find((f) => f.path === path);
  const name = path.split('/').pop();
  const same = files.filter((f) => f.body === me?.body && f.path.split('/').pop() === name && f.year).sort((a, b) => (a.year < b.year ? -1 : 1));
  const i = same.findIndex((f) => f.path === path);
  if (i > 0) return { older: same[i - 1].path, newer: path };
  if (i >= 0 && i + 1 < same.length) return { older: path, newer: same[i + 1].path };
  return { older: path, newer: path };
}

export async function openCompare(older?: string, newer?: string) {
  const files = host.files();
  const open = host.open() ?? files[0]?.path;
  if (!open) return;
  const p = partner(open, files);
  for (const [id, value] of [['compare-old', older ?? p.older], ['compare-new', newer ?? p.newer]] as const) {
    const s = $<HTMLSelectElement>(id);
    s.replaceChildren(...files.map((f) => {
      const o = document.createElement('option');
      o.value = f.path;
      o.textContent = f.path;
      return o;
    }));
    s.value = value;
  }
  $('compare-view').hidden = false;
  diff ??= monaco.editor.createDiffEditor($('compare-diff'), { automaticLayout: true, readOnly: true, originalEditable: false, renderSideBySide: true });
  await refresh();
}

export function closeCompare() {
  $('compare-view').hidden = true;
  const m = diff?.getModel();
  diff?.setModel(null);
  m?.original.dispose();
  m?.modified.dispose();
}

async function refresh() {
  const a = $<HTMLSelectElement>('compare-old').value;
  const b = $<HTMLSelectElement>('compare-new').value;
  const [ta, tb] = await Promise.all([host.read(a), host.read(b)]);
  const old = diff!.getModel();
  diff!.setModel({ original: monaco.editor.createModel(ta, host.language(ta)), modified: monaco.editor.createModel(tb, host.language(tb)) });
  old?.original.dispose();
  old?.modified.dispose();
  const r = await host.changes({ path: a, text: ta }, { path: b, text: tb });
  const ol = $('compare-changes');
  ol.replaceChildren();
  if (r.error) {
    const li = document.createElement('li');
    li.className = 'bad';
    li.textContent = r.error;
    ol.append(li);
  }
  for (const c of r.changes) {
    const li = document.createElement('li');
    li.className = 'change';
    li.dataset.kind = c.kind;
    li.textContent = c.text;
    li.title = [c.spans.old ? `${t('old')}: ${c.spans.old.line}` : '', c.spans.new ? `${t('now')}: ${c.spans.new.line}` : ''].filter(Boolean).join(' · ');
    li.onclick = () => reveal(c);
    ol.append(li);
  }
  document.body.dataset.compare = `${a}|${b}|${r.changes.length}`;
}

/** Shows a change's spans in both panes, selected. */
function reveal(c: Change) {
  const sel = (ed: monaco.editor.ICodeEditor, s: Change['spans']['old']) => {
    if (!s) return;
    const range = new monaco.Range(s.line, s.col, s.endLine, s.endCol + 1);
    ed.setSelection(range);
    ed.revealRangeInCenter(range);
  };
  sel(diff!.getOriginalEditor(), c.spans.old);
  sel(diff!.getModifiedEditor(), c.spans.new);
  document.body.dataset.revealed = `${c.spans.old?.line ?? ''}|${c.spans.new?.line ?? ''}`;
}

// Tables as tables: a band table, a scale (penalty tables, value scales) or a value list opens in a grid
// beside the text, from the code lens over its declaration. Every grid edit is a splice of the text at
// the cell's span, laid out by the engine's formatter (the worker's `format`), then applied to Monaco as
// one edit (so Ctrl+Z undoes it); a change that does not parse is refused with the reason. The checker's
// diagnostics on a row (gaps, overlaps, a value in no band) mark it.
import type { Diagnostic } from '../../engine/index.ts';
import { applySplices, minimalEdit, type GridRow, type GridTable, type Splice } from './grids.ts';
import { t } from './i18n.ts';
import { monaco } from './monaco.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface GridHost {
  editor: monaco.editor.IStandaloneCodeEditor;
  format(text: string): Promise<string | undefined>;
  diagnostics(): Diagnostic[];
}

let host: GridHost;
let tables: GridTable[] = [];
let openKey: string | undefined; // kind:name:ordinal of the open grid
const lensChanged = new monaco.Emitter<monaco.languages.CodeLensProvider>();

const keyOf = (tb: GridTable, i: number) => `${tb.kind}:${tb.name}:${tables.slice(0, i).filter((x) => x.kind === tb.kind && x.name === tb.name).length}`;

export function initGrid(h: GridHost, languages: string[]) {
  host = h;
  const cmd = monaco.editor.registerCommand('scheda.openGrid', (_a, key: string) => openGrid(key));
  void cmd;
  const provider: monaco.languages.CodeLensProvider = {
    onDidChange: lensChanged.event,
    provideCodeLenses: () => ({
      lenses: tables.map((tb, i) => ({
        range: { startLineNumber: tb.line, startColumn: 1, endLineNumber: tb.line, endColumn: 1 },
        command: { id: 'scheda.openGrid', title: `▦ ${t('grid')}`, arguments: [keyOf(tb, i)] },
      })),
      dispose: () => undefined,
    }),
  };
  for (const l of languages) monaco.languages.registerCodeLensProvider(l, provider);
  $('grid-close').onclick = closeGrid;
  $('grid-add').onclick = () => void addRow();
}

/** The open scheme's tables, after each check: the code lenses and the open grid follow them. */
export function setTables(next: GridTable[]) {
  tables = next;
  lensChanged.fire(undefined as never);
  if (openKey) render();
}

export function closeGrid() {
  openKey = undefined;
  $('grid').hidden = true;
}

export function openGrid(key: string) {
  openKey = key;
  $('grid').hidden = false;
  $('grid-message').textContent = '';
  render();
}

function current(): GridTable | undefined {
  return tables.find((tb, i) => keyOf(tb, i) === openKey);
}

/** Applies splices to the editor's text through the formatter, as one undoable edit. */
async function edit(splices: Splice[]) {
  const model = host.editor.getModel();
  if (!model) return;
  const before = model.getValue();
  const formatted = await host.format(applySplices(before, splices));
  if (formatted === undefined) {
    $('grid-message').textContent = t('gridRejected', { msg: t('cannotFormat') });
    return;
  }
  $('grid-message').textContent = '';
  const now = model.getValue();
  if (now !== before) return; // typed meanwhile: the grid follows the next check
  const e = minimalEdit(now, formatted);
  if (!e) return;
  const a = model.getPositionAt(e.offset);
  const b = model.getPositionAt(e.endOffset);
  model.pushStackElement();
  model.pushEditOperations([], [{ range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column), text: e.text }], () => null);
  model.pushStackElement();
}

function input(cell: { text: string; offset: number; endOffset: number } | undefined, field: string): HTMLElement {
  const td = document.createElement('td');
  if (!cell) return td;
  const i = document.createElement('input');
  i.value = cell.text;
  i.dataset.field = field;
  i.onchange = () => {
    const v = i.value.trim();
    if (v && v !== cell.text) void edit([{ offset: cell.offset, endOffset: cell.endOffset, text: v }]);
  };
  td.append(i);
  return td;
}

function render() {
  const tb = current();
  const table = $<HTMLTableElement>('grid-table');
  if (!tb) {
    $('grid-title').textContent = '';
    $('grid-message').textContent = t('gridGone');
    table.replaceChildren();
    return;
  }
  $('grid-title').textContent = t('gridTitle', { name: tb.label ?? tb.name });
  $('grid').dataset.table = tb.name;
  const diags = host.diagnostics().filter((d) => d.span.line >= tb.line && d.span.line <= tb.endLine);
  const head = document.createElement('tr');
  const titles = tb.kind === 'set' ? [t('gridItem')] : [...(tb.kind === 'bands' ? [t('gridName')] : []), t('gridFrom'), t('gridTo'), t('gridInterval'), t('gridValue')];
  for (const x of [...titles, '']) {
    const th = document.createElement('th');
    th.textContent = x;
    head.append(th);
  }
  const rows = tb.rows.map((r, k) => {
    const tr = document.createElement('tr');
    tr.dataset.row = String(k);
    if (tb.kind === 'set') tr.append(input(r.value, 'value'));
    else {
      if (tb.kind === 'bands') tr.append(input(r.name, 'name'));
      tr.append(input(r.lo, 'lo'), input(r.hi, 'hi'));
      const w = document.createElement('td');
      w.textContent = r.when;
      tr.append(w, input(r.value, 'value'));
    }
    const del = document.createElement('td');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t('gridRemove');
    b.onclick = () => void removeRow(tb, r);
    del.append(b);
    tr.append(del);
    const mine = diags.filter((d) => d.span.line >= r.line && d.span.line <= r.endLine);
    if (mine.length) {
      tr.className = 'flag';
      tr.title = mine.map((d) => d.message).join('\n');
    }
    return tr;
  });
  // diagnostics on the table but on no row (a gap between rows, a missing `altrimenti`): under the grid
  const loose = diags.filter((d) => !tb.rows.some((r) => d.span.line >= r.line && d.span.line <= r.endLine));
  const notes = loose.map((d) => {
    const tr = document.createElement('tr');
    tr.className = 'flag';
    const td = document.createElement('td');
    td.colSpan = titles.length + 1;
    td.className = 'flagtext';
    td.textContent = `${d.span.line}:${d.span.col} ${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
    tr.append(td);
    return tr;
  });
  table.replaceChildren(head, ...rows.flatMap((tr) => {
    const k = Number(tr.dataset.row);
    const r = tb.rows[k];
    const extra = diags.filter((x) => x.span.line >= r.line && x.span.line <= r.endLine).map((d) => {
      const n = document.createElement('tr');
      n.className = 'flag';
      const td = document.createElement('td');
      td.colSpan = titles.length + 1;
      td.className = 'flagtext';
      td.textContent = `${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
      n.append(td);
      return n;
    });
    return [tr, ...extra];
  }), ...notes);
}

async function removeRow(tb: GridTable, r: GridRow) {
  if (tb.rows.length <= 1) return;
  const model = host.editor.getModel();
  if (!model) return;
  const text = model.getValue();
  // the row's own line(s); a value list item with its separator
  let { offset, endOffset } = r;
  if (tb.kind === 'set') {
    const after = /^\s*[;,]/.exec(text.slice(endOffset));
    if (after) endOffset += after[0].length;
    else {
      const before = /[;,]\s*$/.exec(text.slice(0, offset));
      if (before) offset -= before[0].length;
    }
  }
  await edit([{ offset, endOffset, text: '' }]);
}

async function addRow() {
  const tb = current();
  const model = host.editor.getModel();
  if (!tb || !model || !tb.rows.length) return;
  const text = model.getValue();
  const last = tb.rows[tb.rows.length - 1];
  if (tb.kind === 'set') {
    const sep = /[;]/.test(text.slice(tb.offset, tb.endOffset)) ? '; ' : ', ';
    await edit([{ offset: last.endOffset, endOffset: last.endOffset, text: sep + text.slice(last.offset, last.endOffset) }]);
    return;
  }
  // a copy of the last row with an interval (before a closing `altrimenti` row), its band name made new
  const at = [...tb.rows].reverse().find((r) => r.lo || r.hi) ?? last;
  let src = text.slice(at.offset, at.endOffset);
  if (at.name) src = src.slice(0, at.name.offset - at.offset) + `${at.name.text}_nuova` + src.slice(at.name.endOffset - at.offset);
  await edit([{ offset: at.endOffset, endOffset: at.endOffset, text: '\n' + src }]);
}

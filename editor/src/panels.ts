// The panels under the editor: the examples (pass or fail, click to reveal), the preview of the year on
// the sample data (per-person table, sortable and searchable; funds; the published tables; warnings) and
// the impact against the saved version (cost, who changes band; the list of persons is private).
import { t } from './i18n.ts';
import type { ReportJson } from '../../engine/index.ts';
import type { ExampleRow, Preview } from './live.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
  return String(v);
}

function row(cells: (string | HTMLElement)[], head = false): HTMLTableRowElement {
  const tr = el('tr');
  for (const c of cells) {
    const td = el(head ? 'th' : 'td');
    if (typeof c === 'string') {
      td.textContent = c;
      if (NUMERIC.test(c)) td.className = 'num';
    } else td.append(c);
    tr.append(td);
  }
  return tr;
}

// ── examples ──

export function renderExamples(examples: ExampleRow[], reveal: (line: number, col: number) => void) {
  const ul = $('examples');
  ul.replaceChildren();
  const ko = examples.filter((e) => !e.ok).length;
  $('example-count').textContent = examples.length ? `(${examples.length - ko}/${examples.length})` : '';
  $('example-count').className = ko ? 'bad' : '';
  document.body.dataset.examples = `${examples.length - ko}/${examples.length}`;
  if (!examples.length) {
    ul.append(el('li', t('noExamples'), 'none'));
    return;
  }
  for (const e of examples) {
    const li = el('li', undefined, e.ok ? 'example pass' : 'example fail');
    li.dataset.line = String(e.line);
    li.append(el('span', e.ok ? `✔ ${t('passed')}` : `✘ ${t('failed')}`, 'mark'), document.createTextNode(` ${e.line}: ${e.label}${e.variant ? ` [${e.variant}]` : ''}`));
    if (e.details.length) li.append(el('div', e.details.join('\n'), 'details'));
    li.onclick = () => reveal(e.line, e.col);
    ul.append(li);
  }
}

// ── preview ──

let current: Preview | null = null;
let sortBy = { col: 'paid', dir: -1 };
const LIMIT = 100;

export function renderPreview(p: Preview | null, status: string) {
  current = p;
  $('preview-status').textContent = status;
  const problems = $('preview-problems');
  problems.replaceChildren(...(p && !p.ok ? p.problems.slice(0, 30).map((x) => el('li', x)) : []));
  $('preview-body').hidden = !p || !p.ok;
  if (!p || !p.ok) return;
  renderPersons();
  const funds = $<HTMLTableElement>('preview-funds');
  funds.replaceChildren(row([t('fund'), t('amount'), t('paid'), t('remainders'), t('balanced')], true));
  for (const f of p.funds) {
    const ok = el('span', f.allocation ? `${t('yes')} (${f.unspent})` : f.balanced ? t('yes') : t('no'), f.balanced || f.allocation ? '' : 'bad');
    const tr = row([f.label ?? f.name, f.amount, f.paid, f.remainders.map((r) => `${r.label ?? r.name} ${r.amount}`).join('; ') || '—', ok]);
    tr.dataset.fund = f.name;
    funds.append(tr);
  }
  $('preview-findings').replaceChildren(...(p.findings.length ? p.findings.map((f) => el('li', f)) : [el('li', '—')]));
}

/** The published tables (from the report worker): `pending` while their disclosure control runs. */
export function renderReport(report: ReportJson | undefined, error: string | undefined, pending: boolean) {
  const rep = $('preview-report');
  rep.replaceChildren();
  if (pending) rep.append(el('p', t('reportPending')));
  if (error) rep.append(el('p', error, 'bad'));
  for (const pr of report?.prospetti ?? []) {
    rep.append(el('h4', pr.titolo ?? pr.nome));
    const tb = el('table');
    for (const r of pr.righe) tb.append(row([r.etichetta ?? r.nome, r.testo]));
    if (pr.colonne && pr.tabella) {
      tb.append(row(pr.colonne.map((c) => c.etichetta ?? c.nome), true));
      for (const r of pr.tabella) tb.append(row(r.testi));
    }
    rep.append(tb);
  }
}

function renderPersons() {
  const p = current;
  if (!p) return;
  const q = $<HTMLInputElement>('preview-search').value.trim().toLowerCase();
  const hasUnit = p.persons.some((x) => x.unit !== null);
  const cols: { key: string; title: string; get: (x: Preview['persons'][number]) => unknown }[] = [
    { key: 'key', title: t('person'), get: (x) => x.key },
    ...(hasUnit ? [{ key: 'unit', title: t('unit'), get: (x: Preview['persons'][number]) => x.unit }] : []),
    { key: 'paid', title: t('paid'), get: (x) => x.paid },
    ...p.columns.map((c) => ({ key: `v:${c.name}`, title: c.label ?? c.name, get: (x: Preview['persons'][number]) => x.values[c.name] })),
  ];
  const col = cols.find((c) => c.key === sortBy.col) ?? cols[0];
  const rows = p.persons.filter((x) => !q || x.key.toLowerCase().includes(q) || (x.unit ?? '').toLowerCase().includes(q));
  const cmp = (a: unknown, b: unknown) => {
    const sa = show(a), sb = show(b);
    if (NUMERIC.test(sa) && NUMERIC.test(sb)) return Number(sa) - Number(sb);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  };
  rows.sort((a, b) => sortBy.dir * cmp(col.get(a), col.get(b)) || (a.key < b.key ? -1 : 1));
  const table = $<HTMLTableElement>('preview-persons');
  const head = el('tr');
  for (const c of cols) {
    const th = el('th', c.title);
    th.title = c.key.startsWith('v:') ? c.key.slice(2) : c.title;
    if (c.key === col.key) th.dataset.sort = sortBy.dir > 0 ? ' ▲' : ' ▼';
    th.onclick = () => {
      sortBy = { col: c.key, dir: c.key === sortBy.col ? -sortBy.dir : c.key === 'key' || c.key === 'unit' ? 1 : -1 };
      renderPersons();
    };
    head.append(th);
  }
  const body = rows.slice(0, LIMIT).map((x) => {
    const tr = row(cols.map((c) => show(c.get(x))));
    tr.dataset.person = x.key;
    return tr;
  });
  table.replaceChildren(head, ...body);
  $('preview-shown').textContent = t('shownRows', { n: Math.min(LIMIT, rows.length), of: rows.length });
}

export function bindPreviewControls() {
  const s = $<HTMLInputElement>('preview-search');
  s.placeholder = t('search');
  s.oninput = () => renderPersons();
}

// ── impact ──

export function renderImpact(p: Preview | null) {
  const box = $('impact');
  box.replaceChildren();
  $('impact-count').textContent = '';
  const imp = p?.impact;
  if (!p || !imp) return;
  if (imp.same) {
    box.append(el('p', t('impactSame')));
    return;
  }
  if (imp.error || !imp.scheme) {
    box.append(el('p', t('impactFails', { msg: imp.error ?? '—' }), 'bad'));
    return;
  }
  const s = imp.scheme;
  $('impact-count').textContent = `(${imp.persons.length})`;
  const cost = el('p', t('impactCost', { old: s.old.paid, new: s.new.paid, delta: s.delta }));
  cost.id = 'impact-cost';
  box.append(cost);
  const funds = el('table');
  funds.append(row([t('fund'), `${t('amount')} (${t('old')})`, `${t('amount')} (${t('now')})`, `${t('paid')} (${t('old')})`, `${t('paid')} (${t('now')})`], true));
  for (const f of s.funds) funds.append(row([f.label ?? f.fund, f.old?.amount ?? '—', f.new?.amount ?? '—', f.old?.paid ?? '—', f.new?.paid ?? '—']));
  box.append(funds);
  box.append(el('p', t('impactPay', { gain: String(s.pay.gain), loss: String(s.pay.loss), same: String(s.pay.same) })));
  if (s.bands.length) {
    box.append(el('h3', t('impactBands')));
    const bands = el('ul');
    bands.id = 'impact-bands';
    for (const b of s.bands) bands.append(el('li', `${b.label ?? b.bands}: ${t('impactMoved', { n: String(b.moved), up: String(b.up), down: String(b.down) })}`));
    box.append(bands);
  }
  if (imp.persons.length) {
    box.append(el('h3', t('impactWho')));
    const who = el('table');
    who.id = 'impact-persons';
    const bandNames = Object.keys(imp.persons[0].bands);
    who.append(row([t('person'), t('unit'), `${t('paid')} (${t('old')})`, `${t('paid')} (${t('now')})`, 'Δ', ...bandNames], true));
    for (const x of imp.persons.slice(0, 500)) {
      who.append(row([x.key, x.unit ?? '—', x.oldPaid, x.newPaid, x.delta, ...bandNames.map((b) => {
        const [a, c] = x.bands[b] ?? [null, null];
        return a === c ? show(a) : `${show(a)} → ${show(c)}`;
      })]));
    }
    box.append(who);
  }
}

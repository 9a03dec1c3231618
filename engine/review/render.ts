// `scheda render`: the scheme as a document a lawyer reads, in Italian — numbered articles, items and
// maxima, tables of bands, penalties and thresholds, each rule beside its `fonte` and `nota`, the
// examples as tables, the checker's warnings as reviewer notes, optionally the changes since another
// version. One document model, printed as HTML (everything escaped) or as an A4 PDF (pdfmake).
import type * as A from '../syntax/ast.ts';
import { expr as printExpr, makeCtx, quantity as printQuantity, type Ctx } from '../format/expr.ts';
import { typeRef as printType } from '../format/decl.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Change } from './diff.ts';
import { esc } from './impact-html.ts';

export type Block =
  | { kind: 'h1' | 'h2' | 'h3' | 'p'; text: string }
  | { kind: 'meta'; sources: string[]; notes: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] };

export interface DocInput {
  file: string;
  ast: A.SchemeFile;
}

// a line that already ends with its separator (`sia x = v;` / `let x = v,`) keeps it alone
const oneLine = (s: string) => s.replace(/([;,])\s*\n\s*/g, '$1 ').replace(/\s*\n\s*/g, '; ').replace(/\{; /g, '{ ').replace(/; \}/g, ' }');

class Writer {
  blocks: Block[] = [];
  art = 0;
  ctx: Ctx;
  constructor(readonly ast: A.SchemeFile) {
    this.ctx = makeCtx(ast.lang, 'it');
  }
  e(x: A.Expr | undefined): string {
    if (!x) return '';
    try {
      return oneLine(printExpr(x, this.ctx));
    } catch {
      return '(espressione)';
    }
  }
  q(x: A.Quantity): string {
    return printQuantity(x, this.ctx);
  }
  article(title: string) {
    this.art++;
    this.blocks.push({ kind: 'h3', text: `Art. ${this.art} — ${title}` });
  }
  p(text: string) {
    this.blocks.push({ kind: 'p', text });
  }
  meta(m: A.Meta | undefined) {
    if (m && (m.sources.length || m.notes.length)) this.blocks.push({ kind: 'meta', sources: m.sources, notes: m.notes });
    // each named variant: the other plausible reading, beside the one adopted (`scheda run --variant NAME`)
    for (const v of m?.variants ?? []) this.p(`Lettura alternativa, variante «${v.name.name}»${v.label ? ` («${v.label}»)` : ''}: ${this.e(v.expr)}.`);
  }
  table(head: string[], rows: string[][]) {
    if (rows.length) this.blocks.push({ kind: 'table', head, rows });
  }
  interval(iv: A.Interval): string {
    if (iv.kind === 'label') return iv.label.name;
    if (iv.kind === 'otherwise') return 'in ogni altro caso';
    const { lo, hi } = iv;
    if (lo && hi && iv.loIncl && iv.hiIncl && lo.value === hi.value) return `pari a ${this.q(lo)}`;
    const parts: string[] = [];
    if (lo) parts.push(`${iv.loIncl ? 'da' : 'oltre'} ${this.q(lo)}`);
    if (hi) parts.push(`${iv.hiIncl ? (lo ? 'fino a' : 'fino a') : 'sotto'} ${this.q(hi)}`);
    return parts.join(' ');
  }
  /** A scale's rows as a table (nested scales flattened with their condition). */
  scaleRows(rows: A.ScaleRow[], prefix = ''): string[][] {
    const out: string[][] = [];
    for (const r of rows) {
      const when = `${prefix}${this.interval(r.when)}`;
      if (r.value.kind === 'scale') out.push(...this.scaleRows(r.value.rows, `${when}; ${this.e(r.value.subject)} `));
      else out.push([r.name ? `${r.name.name}${r.label ? ` (${r.label})` : ''}` : '', when, this.e(r.value), metaText(r.meta)]);
    }
    return out;
  }
  /** A rule with its formula; a scale becomes a table of thresholds. */
  rule(label: string, body: A.Expr | undefined, extra = '') {
    if (body && body.kind === 'scale') {
      this.p(`${label}${extra}: secondo ${this.e(body.subject)}, come da tabella.`);
      this.table(['Caso', 'Condizione', 'Valore', 'Fonte e note'], this.scaleRows(body.rows));
    } else this.p(`${label}${extra}${body ? `: ${this.e(body)}` : ''}.`);
  }
}

/** «Fonte: …», «Nota: …» for a table cell beside the rule. */
const metaText = (m: A.Meta) => [...m.sources.map((s) => `Fonte: ${s}`), ...m.notes.map((n) => `Nota: ${n}`)].join(' · ');

const by = <T extends A.Decl['kind']>(ast: A.SchemeFile, k: T) => ast.decls.filter((d): d is Extract<A.Decl, { kind: T }> => d.kind === k);
const nameLabel = (n: A.Ident, l?: string) => (l ? `«${l}» (${n.name})` : n.name);

/** The document of one scheme (a part of the whole when a year folder is rendered). */
export function schemeBlocks(doc: DocInput, warnings: Diagnostic[]): Block[] {
  const { ast } = doc;
  const w = new Writer(ast);
  w.blocks.push({ kind: 'h2', text: `${ast.title ?? ast.name.name} — anno ${ast.year.value}` });
  const entity = by(ast, 'entity')[0];
  w.article('Oggetto e fonti');
  w.p(`La presente scheda («${ast.name.name}»${entity ? `, ${entity.name}` : ''}) disciplina la valutazione e i premi per l'anno ${ast.year.value}.`);
  w.meta(ast.meta);
  for (const u of by(ast, 'uses')) w.p(`Si applicano i risultati della scheda «${u.scheme.name}».`);

  const inputs = by(ast, 'inputs');
  const tables = by(ast, 'table');
  if (inputs.length || tables.length) {
    w.article('Dati considerati');
    const rows: string[][] = [];
    for (const d of inputs) {
      const lv = d.level.kind === 'unit' ? `per ${d.level.name.name}` : d.level.kind === 'ente' ? "dell'ente" : 'per persona';
      for (const f of d.fields) rows.push([f.name.name, f.label ?? '', `${safeType(f.type, w.ctx)}${f.default ? `, facoltativo (predefinito ${w.e(f.default)})` : ''}`, lv, metaText(f.meta)]);
    }
    for (const t of tables) for (const f of t.fields) rows.push([`${t.name.name}.${f.name.name}`, f.label ?? t.label ?? '', safeType(f.type, w.ctx), `tabella ${t.name.name}`, metaText(f.meta)]);
    w.table(['Dato', 'Descrizione', 'Tipo', 'Livello', 'Fonte e note'], rows);
  }

  const total = by(ast, 'total')[0];
  const sections = by(ast, 'section');
  const items = by(ast, 'item');
  if (total || sections.length || items.length) {
    w.article('Punteggio: voci e massimi');
    if (total) {
      w.p(`Il punteggio complessivo vale al massimo ${w.q(total.max)}${total.min ? `, con un minimo di ${w.q(total.min)}` : ''}; è la somma delle voci, al netto delle penalità.`);
      w.meta(total.meta);
    }
    const itemRow = (it: A.Item, sec: string) => [sec, nameLabel(it.name, it.label), it.maxBy ? w.e(it.maxBy) : w.q(it.max), it.weight ? w.q(it.weight) : '', it.expr.kind === 'scale' ? `secondo ${w.e(it.expr.subject)} (tabella sotto)` : w.e(it.expr), metaText(it.meta)];
    const rows: string[][] = [];
    for (const s of sections) {
      rows.push([nameLabel(s.name, s.label), '', s.maxBy ? w.e(s.maxBy) : w.q(s.max), '', 'somma delle voci', metaText(s.meta)]);
      for (const it of s.items) rows.push(itemRow(it, ''));
    }
    for (const it of items) rows.push(itemRow(it, ''));
    w.table(['Sezione', 'Voce', 'Massimo', 'Peso', 'Come si calcola', 'Fonte e note'], rows);
    for (const it of [...sections.flatMap((s) => s.items), ...items]) if (it.expr.kind === 'scale') w.rule(`Voce ${nameLabel(it.name, it.label)}`, it.expr);
  }

  const gates = by(ast, 'gate');
  if (gates.length) {
    w.article('Requisiti di accesso');
    w.table(['Requisito', 'Condizione', 'Salvo', 'Fonte e note'], gates.map((g) => [nameLabel(g.name, g.label) + (g.entity ? " (dell'ente)" : ''), w.e(g.cond), g.waiver ? w.e(g.waiver) : '', metaText(g.meta)]));
  }

  const pens = [...by(ast, 'penalty'), ...by(ast, 'reduction')];
  if (pens.length) {
    w.article('Penalità e riduzioni');
    for (const p of pens) {
      w.rule(`${p.kind === 'penalty' ? 'Penalità' : 'Riduzione'} ${nameLabel(p.name, p.label)}`, p.expr);
      w.meta(p.meta);
    }
  }

  for (const b of by(ast, 'bands')) {
    w.article(`Fasce: ${b.label ?? b.name.name}`);
    w.p(`Le fasce «${b.name.name}» si determinano su ${w.e(b.subject)}.`);
    w.table(['Fascia', 'Intervallo', 'Valore', 'Fonte e note'], w.scaleRows(b.rows));
    w.meta(b.meta);
  }

  const values = by(ast, 'value');
  if (values.length) {
    w.article('Valori calcolati');
    for (const v of values) {
      w.rule(v.label ? `${v.label} (${v.name.name})` : v.name.name, v.expr, v.level.kind === 'ente' ? ", per l'ente" : v.level.kind === 'unit' ? `, per ${v.level.name.name}` : '');
      w.meta(v.meta);
    }
  }

  const funds = by(ast, 'fund');
  if (funds.length) {
    w.article('Fondi');
    for (const f of funds) {
      w.p(`Fondo ${nameLabel(f.name, f.label)}${f.allocation ? ' (stanziamento)' : ''}: importo ${w.e(f.amount)}; pagato ${w.e(f.paid)}.`);
      w.table(['Parte', 'Importo'], [...(f.tiers ?? []).map((t) => [nameLabel(t.name, t.label), w.e(t.expr)]), ...f.remainders.map((r) => [`resto ${nameLabel(r.name, r.label)}`, w.e(r.expr)])]);
      w.meta(f.meta);
    }
  }

  const cons = by(ast, 'constraint');
  if (cons.length) {
    w.article('Vincoli di legge e di contratto');
    w.table(['Vincolo', 'Condizione', 'Verifica', 'Fonte e note'], cons.map((c) => [c.label ?? '', w.e(c.cond), `${c.per ? `per ${typeof c.per === 'string' ? c.per : c.per.name}` : "per l'ente"}${c.severity ? ', avviso' : ''}`, metaText(c.meta)]));
  }
  const ties = by(ast, 'ties')[0];
  if (ties) {
    w.article('Parità');
    w.p(`A parità si ordina per: ${ties.keys.map((k) => `${k.expr.name} ${k.dir}`).join('; ')}.`);
    w.meta(ties.meta);
  }
  const reports = by(ast, 'report');
  if (reports.length) {
    w.article('Prospetti pubblicati');
    for (const r of reports) {
      w.table([`${r.label ?? r.name.name}`, 'Valore'], r.rows.map((x) => [x.label ?? x.name.name, w.e(x.expr)]));
      w.meta(r.meta); // a published table's legal basis (D.Lgs. 33/2013 art. 20) is a source like any other
    }
  }

  const examples = by(ast, 'example');
  if (examples.length) {
    w.blocks.push({ kind: 'h3', text: 'Allegato — Esempi' });
    for (const ex of examples) {
      w.p(`Esempio: ${ex.label}`);
      w.table(['', 'Valore', 'Dato o atteso'], [...ex.given.map((g) => [g.path.map((i) => i.name).join('.'), w.e(g.value), 'dato']), ...ex.expected.map((g) => [g.path.map((i) => i.name).join('.'), w.e(g.value), 'atteso'])]);
    }
  }
  if (warnings.length) {
    w.blocks.push({ kind: 'h3', text: 'Note del revisore (avvisi del controllo)' });
    w.blocks.push({ kind: 'list', items: warnings.map((d) => `riga ${d.span.line}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`) });
  }
  return w.blocks;
}

function safeType(t: A.TypeRef, ctx: Ctx): string {
  try {
    return printType(t, ctx);
  } catch {
    return '';
  }
}

export function changesBlocks(changes: Change[], since: string): Block[] {
  return [{ kind: 'h2', text: `Appendice — Modifiche rispetto a ${since}` }, changes.length ? { kind: 'list', items: changes.map((c) => `${c.scheme}: ${c.text}`) } : { kind: 'p', text: 'Nessuna modifica delle regole.' }];
}

export function documentBlocks(docs: DocInput[], warnings: Diagnostic[], changes?: { since: string; list: Change[] }): Block[] {
  const blocks: Block[] = [];
  const first = docs[0]?.ast;
  const entity = first ? by(first, 'entity')[0]?.name : undefined;
  blocks.push({ kind: 'h1', text: `${entity ? entity + ' — ' : ''}Sistema di valutazione e premi, anno ${first?.year.value ?? ''}` });
  blocks.push({ kind: 'p', text: `Testo generato da scheda a partire dalle regole (${docs.map((d) => d.file).join(', ')}). Ogni regola è riportata con la sua fonte («Fonte») e la lettura adottata («Nota»).` });
  for (const d of docs) blocks.push(...schemeBlocks(d, warnings.filter((x) => x.file === d.file && x.severity !== 'error')));
  if (changes) blocks.push(...changesBlocks(changes.list, changes.since));
  return blocks;
}

export function documentHtml(blocks: Block[]): string {
  const out: string[] = [
    '<!doctype html><html lang="it"><head><meta charset="utf-8"><title>' + esc((blocks[0] as { text?: string }).text ?? 'Scheda') + '</title>',
    '<style>body{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.45}table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9em}td,th{border:1px solid #999;padding:.2rem .4rem;vertical-align:top}.fonte,.nota{font-size:.9em;margin:.2rem 0 .8rem 1.5rem}.fonte{color:#124}.nota{color:#553}@page{size:A4;margin:2cm}</style></head><body>',
  ];
  for (const b of blocks) {
    if (b.kind === 'h1' || b.kind === 'h2' || b.kind === 'h3') out.push(`<${b.kind}>${esc(b.text)}</${b.kind}>`);
    else if (b.kind === 'p') out.push(`<p>${esc(b.text)}</p>`);
    else if (b.kind === 'meta') {
      for (const s of b.sources) out.push(`<p class="fonte"><b>Fonte:</b> ${esc(s)}</p>`);
      for (const n of b.notes) out.push(`<p class="nota"><b>Nota (lettura adottata):</b> ${esc(n)}</p>`);
    } else if (b.kind === 'table') {
      out.push(`<table><thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
      for (const r of b.rows) out.push(`<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
      out.push('</tbody></table>');
    } else if (b.kind === 'list') out.push(`<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`);
  }
  out.push('</body></html>\n');
  return out.join('\n');
}

/** Characters outside WinAnsi (the PDF standard fonts) written with ones it has. */
export function pdfText(s: string): string {
  return s.replace(/→/g, '->').replace(/≤/g, '<=').replace(/≥/g, '>=').replace(/×/g, 'x').replace(/[^\x20-\x7E\xA0-\xFF€«»–—‘’“”…•·]/g, '?');
}

export async function documentPdf(blocks: Block[]): Promise<Buffer> {
  const { default: pdfmake } = (await import('pdfmake')) as unknown as { default: PdfMake };
  pdfmake.setFonts({ Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' } });
  pdfmake.setUrlAccessPolicy?.(() => false);
  // the standard fonts are read from pdfkit's own data by name; nothing else on disk
  const std = new Set(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']);
  pdfmake.setLocalAccessPolicy?.((f) => std.has(f));
  const content: unknown[] = [];
  for (const b of blocks) {
    if (b.kind === 'h1') content.push({ text: pdfText(b.text), fontSize: 16, bold: true, margin: [0, 0, 0, 10] });
    else if (b.kind === 'h2') content.push({ text: pdfText(b.text), fontSize: 13, bold: true, margin: [0, 12, 0, 6] });
    else if (b.kind === 'h3') content.push({ text: pdfText(b.text), fontSize: 11, bold: true, margin: [0, 8, 0, 4] });
    else if (b.kind === 'p') content.push({ text: pdfText(b.text), margin: [0, 0, 0, 4] });
    else if (b.kind === 'meta') {
      for (const s of b.sources) content.push({ text: [{ text: 'Fonte: ', bold: true }, pdfText(s)], margin: [20, 0, 0, 2], color: '#112244' });
      for (const n of b.notes) content.push({ text: [{ text: 'Nota (lettura adottata): ', bold: true }, pdfText(n)], margin: [20, 0, 0, 4], color: '#555533' });
    } else if (b.kind === 'table') {
      content.push({
        table: { headerRows: 1, widths: b.head.map(() => '*'), body: [b.head.map((h) => ({ text: pdfText(h), bold: true })), ...b.rows.map((r) => r.map((c) => pdfText(c)))] },
        fontSize: 8, margin: [0, 2, 0, 8],
      });
    } else if (b.kind === 'list') content.push({ ul: b.items.map(pdfText), margin: [0, 0, 0, 6] });
  }
  const doc = pdfmake.createPdf({ pageSize: 'A4', pageMargins: [50, 50, 50, 50], compress: false, defaultStyle: { font: 'Helvetica', fontSize: 10 }, content, info: { title: pdfText((blocks[0] as { text?: string }).text ?? 'Scheda') } });
  return doc.getBuffer();
}

interface PdfMake {
  setFonts(f: unknown): void;
  setUrlAccessPolicy?(f: (u: string) => boolean): void;
  setLocalAccessPolicy?(f: (p: string) => boolean): void;
  createPdf(d: unknown): { getBuffer(): Promise<Buffer> };
}

// `scheda diff OLD NEW`: a semantic diff of two versions of a scheme (or of two year folders), on the
// parsed tree — the same for both keyword sets — keyed by scheme and declaration names. Layout, order,
// comments and the keyword language are not changes; every change is one line in plain Italian (or
// English) with the spans of both versions. Constructs it has no special words for still give a
// readable generic line: the walk is over the tree's plain objects, never over a closed list of kinds.
import type * as A from '../syntax/ast.ts';
import { parse } from '../syntax/index.ts';
import { functionByWord, type Lang } from '../syntax/keywords.ts';
import { yearValueByWord } from '../syntax/dates.ts';
import { expr as printExpr, makeCtx, quantity as printQuantity, type Ctx } from '../format/expr.ts';
import { field as printField, typeRef as printType } from '../format/decl.ts';

export interface DiffSpan {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface Change {
  /** what changed: added, removed, value, formula, max, weight, band, row-added, row-removed, row, label, source, note, type, section, header, generic */
  kind: string;
  scheme: string;
  /** the declaration's name (or label, for unnamed ones), with the declaration kind before a colon: `value:percentuale_maggiorazione` */
  name: string;
  old?: string;
  new?: string;
  text: string;
  spans: { old?: DiffSpan; new?: DiffSpan };
}

export interface Version {
  id: string; // the scheme's id (file name without .scheda)
  file: string;
  ast: A.SchemeFile;
}

// ---- normalisation: the tree without positions, comments, language and spelling ----

const DROP = new Set(['span', 'comments', 'trailing', 'headTrailing', 'open', 'closing', 'trailingComments', 'lang', 'offset', 'endOffset']);

/** A canonical copy: positions and comments removed, function names in Italian, quantities by value. */
export function normalise(x: unknown, lang: Lang): unknown {
  if (Array.isArray(x)) return x.map((v) => normalise(v, lang));
  if (!x || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    if (DROP.has(k)) continue;
    if (k === 'text' && o.kind === 'quantity') continue; // digits as written: the value says it
    if (o[k] === undefined) continue;
    // words that only mark a form, spelt in the file's language (`avviso`/`warning`, `stanziati`/`allocated`, `decimali`/`decimals`)
    if (MARKERS.has(k) && identName(o[k]) !== undefined) {
      out[k] = true;
      continue;
    }
    out[k] = normalise(o[k], lang);
  }
  if (o.kind === 'call' && out.fn && typeof out.fn === 'object') {
    const fn = out.fn as { name: string };
    out.fn = { ...fn, name: functionByWord(fn.name, lang) ?? fn.name };
  }
  if (o.kind === 'ident' && typeof o.name === 'string') out.name = o.name.normalize('NFC');
  // the scheme's year as a value is one value under either language's name (`fine_anno` is `year_end`); a scheme
  // that declares a name so spelt (rare) may then show a translated copy as a change of that reference
  if (o.kind === 'ref' && Array.isArray(o.path) && o.path.length === 1) {
    const y = yearValueByWord(String((o.path[0] as { name?: unknown }).name), lang);
    if (y) return { kind: 'year', which: y };
  }
  return out;
}

const MARKERS = new Set(['severity', 'allocation', 'word']);

const key = (x: unknown, lang: Lang) => JSON.stringify(normalise(x, lang));

// ---- words ----

type Words = Record<string, string>;
const IT: Words = {
  scheme: 'Scheda', year: 'Anno', title: 'Titolo', entity: 'Ente', added: 'aggiunta', removed: 'rimossa', source: 'Fonte', note: 'Nota',
  value: 'Valore', item: 'Voce', section: 'Sezione', gate: 'Requisito', penalty: 'Penalità', reduction: 'Riduzione', bands: 'Fasce',
  band: 'Fascia', fund: 'Fondo', report: 'Prospetto', constraint: 'Vincolo', example: 'Esempio', field: 'Dato', table: 'Tabella',
  column: 'Colonna', set: 'Insieme', total: 'Totale', ties: 'Parità', uses: 'Usa', unitDecl: 'Unità', row: 'riga',
  max: 'massimo', weight: 'peso', formula: 'formula', label: 'etichetta', type: 'tipo', clamped: 'limitata', yes: 'sì', no: 'no',
  from: 'da', to: 'a', newRow: 'nuova riga', goneRow: 'riga tolta', default: 'valore predefinito', onlyIf: 'solo se', key: 'chiave',
  amount: 'importo', paid: 'pagato', tiers: 'quote pagate', remainders: 'resti', per: 'per', severity: 'gravità', cond: 'condizione',
  waiver: 'salvo', subject: 'su', level: 'livello', min: 'minimo', rounding: 'arrotondamento', given: 'dati', expected: 'attesi',
  items: 'elementi', rows: 'righe', keys: 'criteri', isNew: 'nuovo', isGone: 'tolto', changedPart: 'cambia', in: 'in', none: 'nessuno',
  allocation: 'stanziamento', entityGate: 'dell\'ente', variant: 'variante',
};
const EN: Words = {
  scheme: 'Scheme', year: 'Year', title: 'Title', entity: 'Entity', added: 'added', removed: 'removed', source: 'Source', note: 'Note',
  value: 'Value', item: 'Item', section: 'Section', gate: 'Gate', penalty: 'Penalty', reduction: 'Reduction', bands: 'Bands',
  band: 'Band', fund: 'Fund', report: 'Report', constraint: 'Constraint', example: 'Example', field: 'Input', table: 'Table',
  column: 'Column', set: 'Set', total: 'Total', ties: 'Ties', uses: 'Uses', unitDecl: 'Unit', row: 'row',
  max: 'maximum', weight: 'weight', formula: 'formula', label: 'label', type: 'type', clamped: 'clamped', yes: 'yes', no: 'no',
  from: 'from', to: 'to', newRow: 'new row', goneRow: 'row removed', default: 'default', onlyIf: 'only if', key: 'key',
  amount: 'amount', paid: 'paid', tiers: 'paid tiers', remainders: 'remainders', per: 'per', severity: 'severity', cond: 'condition',
  waiver: 'unless', subject: 'on', level: 'level', min: 'minimum', rounding: 'rounding', given: 'given', expected: 'expected',
  items: 'items', rows: 'rows', keys: 'criteria', isNew: 'new', isGone: 'removed', changedPart: 'changes', in: 'in', none: 'none',
  allocation: 'allocation', entityGate: 'entity', variant: 'variant',
};
const w = (lang: Lang, k: string) => (lang === 'it' ? IT : EN)[k] ?? k;

// ---- entries: every declaration (and every item, field, table column) under a stable key ----

interface Entry {
  key: string; // kind:name
  kind: string;
  name: string;
  label?: string;
  node: Record<string, unknown>;
  /** the parts compared as a whole in this entry (children flattened into their own entries are left out) */
  omit: string[];
  parent?: string;
}

function identName(x: unknown): string | undefined {
  if (x && typeof x === 'object' && (x as { kind?: string }).kind === 'ident') return (x as A.Ident).name;
  return undefined;
}

function entries(ast: A.SchemeFile, lang: Lang): Entry[] {
  const out: Entry[] = [];
  const seen = new Map<string, number>();
  const add = (e: Omit<Entry, 'key'> & { key?: string }) => {
    let k = e.key ?? `${e.kind}:${e.name}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n > 1) k += `#${n}`;
    out.push({ ...e, key: k } as Entry);
  };
  for (const d0 of ast.decls) {
    const d = d0 as unknown as Record<string, unknown> & { kind: string; label?: string; meta?: A.Meta };
    switch (d.kind) {
      case 'inputs': {
        const lv = d.level as A.Level;
        const level = lv.kind === 'unit' ? lv.name.name : lv.kind;
        for (const f of d.fields as A.Field[]) add({ kind: 'field', name: `${level}.${f.name.name}`, label: f.label, node: f as never, omit: [] });
        break;
      }
      case 'table': {
        const name = identName(d.name)!;
        add({ kind: 'table', name, label: d.label, node: d, omit: ['fields', 'computed'] });
        for (const f of d.fields as A.Field[]) add({ kind: 'column', name: `${name}.${f.name.name}`, label: f.label, node: f as never, omit: [] });
        for (const c of (d.computed as A.ComputedColumn[] | undefined) ?? []) add({ kind: 'column', name: `${name}.${c.name.name}`, label: c.label, node: c as never, omit: [] });
        break;
      }
      case 'section': {
        const name = identName(d.name)!;
        add({ kind: 'section', name, label: d.label, node: d, omit: ['items'] });
        for (const it of d.items as A.Item[]) add({ kind: 'item', name: it.name.name, label: it.label, node: { ...(it as unknown as Record<string, unknown>), section: name }, omit: [], parent: name });
        break;
      }
      case 'source':
        add({ kind: 'source', name: String(d.text), node: d, omit: [] });
        break;
      case 'entity':
        add({ kind: 'entity', name: '', key: 'entity', node: d, omit: [] });
        break;
      case 'uses':
        add({ kind: 'uses', name: identName(d.scheme)!, node: d, omit: [] });
        break;
      case 'total':
        add({ kind: 'total', name: '', key: 'total', node: d, omit: [] });
        break;
      case 'ties':
        add({ kind: 'ties', name: '', key: 'ties', node: d, omit: [] });
        break;
      case 'constraint':
        add({ kind: 'constraint', name: d.label ?? key(d.cond, lang), label: d.label, node: d, omit: [] });
        break;
      case 'example':
        add({ kind: 'example', name: d.label ?? '', label: d.label, node: d, omit: [] });
        break;
      default: {
        // every named declaration (value, item, gate, penalty, bands, fund, report, set, unit, and kinds added later)
        const name = identName(d.name) ?? (typeof d.name === 'string' ? d.name : undefined) ?? d.label ?? key({ ...d, meta: undefined }, lang).slice(0, 60);
        add({ kind: d.kind, name, label: d.label, node: d, omit: [] });
      }
    }
  }
  return out;
}

// ---- printing ----

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, '; ').replace(/\{; /g, '{ ').replace(/; \}/g, ' }');
}

class Printer {
  constructor(readonly src: Lang, readonly lang: Lang) {}
  get ctx(): Ctx {
    return makeCtx(this.src, this.lang);
  }
  expr(e: unknown): string {
    try {
      return oneLine(printExpr(e as A.Expr, this.ctx));
    } catch {
      return this.generic(e);
    }
  }
  q(x: A.Quantity): string {
    return printQuantity(x, this.ctx);
  }
  /** An interval in mathematical notation: `90 < X ≤ 95`, `X ≥ 1.500,00 €`, `X = nessuna`. */
  interval(iv: A.Interval): string {
    if (iv.kind === 'label') return `X = ${iv.label.name}`;
    if (iv.kind === 'otherwise') return this.lang === 'it' ? 'altrimenti' : 'otherwise';
    const { lo, hi } = iv;
    if (lo && hi && iv.loIncl && iv.hiIncl && lo.value === hi.value) return `X = ${this.q(lo)}`;
    if (lo && hi) return `${this.q(lo)} ${iv.loIncl ? '≤' : '<'} X ${iv.hiIncl ? '≤' : '<'} ${this.q(hi)}`;
    if (lo) return `X ${iv.loIncl ? '≥' : '>'} ${this.q(lo)}`;
    if (hi) return `X ${iv.hiIncl ? '≤' : '<'} ${this.q(hi)}`;
    return this.lang === 'it' ? 'altrimenti' : 'otherwise';
  }
  type(t: A.TypeRef): string {
    try {
      return printType(t, this.ctx);
    } catch {
      return this.generic(t);
    }
  }
  /** Anything: an expression if it is one, a quoted string, yes/no, or a compact rendering of its fields. */
  generic(x: unknown): string {
    if (x === undefined || x === null) return '—';
    if (typeof x === 'string') return `«${x}»`;
    if (typeof x === 'boolean') return w(this.lang, x ? 'yes' : 'no');
    if (typeof x === 'number') return String(x);
    if (Array.isArray(x)) return `[${x.map((v) => this.generic(v)).join(this.lang === 'it' ? '; ' : ', ')}]`;
    const o = x as Record<string, unknown>;
    if (o.kind === 'ident') return String(o.name);
    if (o.kind === 'quantity') return this.q(o as unknown as A.Quantity);
    if (typeof o.kind === 'string' && EXPR_KINDS.has(o.kind)) {
      try {
        return oneLine(printExpr(o as unknown as A.Expr, this.ctx));
      } catch {
        /* a node the printer does not know: its fields */
      }
    }
    const parts = Object.keys(o)
      .filter((k) => !DROP.has(k) && k !== 'kind' && k !== 'meta' && o[k] !== undefined)
      .map((k) => `${k}: ${this.generic(o[k])}`);
    return `${typeof o.kind === 'string' ? o.kind + ' ' : ''}{${parts.join(', ')}}`;
  }
}

const EXPR_KINDS = new Set(['quantity', 'string', 'bool', 'ref', 'builtin', 'unary', 'binary', 'chain', 'if', 'call', 'in', 'lookup', 'list', 'scale', 'best']);
const isExpr = (x: unknown): boolean => !!x && typeof x === 'object' && EXPR_KINDS.has((x as { kind?: string }).kind ?? '');

// ---- leaf differences inside an expression: `33% → 35%` rather than two whole formulas ----

/** Pairs of differing leaves when the two trees have the same shape, else undefined. */
function leafDiffs(a: unknown, b: unknown, la: Lang, lb: Lang, out: [unknown, unknown][] = []): [unknown, unknown][] | undefined {
  const leaf = (x: unknown) => x && typeof x === 'object' && ['quantity', 'string', 'bool'].includes((x as { kind: string }).kind);
  if (leaf(a) && leaf(b)) {
    if (key(a, la) !== key(b, lb)) out.push([a, b]);
    return out;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return undefined;
    for (let i = 0; i < a.length; i++) if (!leafDiffs(a[i], b[i], la, lb, out)) return undefined;
    return out;
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return a === b ? out : undefined;
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  if (oa.kind !== ob.kind) return undefined;
  if (oa.kind === 'ident' || oa.kind === 'ref' || oa.kind === 'call' && key(oa.fn, la) !== key(ob.fn, lb)) {
    if (key(a, la) !== key(b, lb)) return undefined;
  }
  const ks = new Set([...Object.keys(oa), ...Object.keys(ob)].filter((k) => !DROP.has(k) && k !== 'meta' && k !== 'text'));
  for (const k of ks) {
    if (oa.kind === 'call' && k === 'fn') continue;
    if (!leafDiffs(oa[k], ob[k], la, lb, out)) return undefined;
  }
  return out;
}

// ---- the diff of two versions of one scheme ----

interface Side {
  v: Version;
  p: Printer;
}

export interface DiffOptions {
  lang?: Lang; // the language of the lines (default Italian)
}

function spanOf(v: Version, node: unknown): DiffSpan | undefined {
  const s = (node as { span?: A.Span } | undefined)?.span;
  if (!s) return undefined;
  return { file: v.file, line: s.line, col: s.col, endLine: s.endLine, endCol: s.endCol };
}

class SchemeDiff {
  changes: Change[] = [];
  readonly lang: Lang;
  constructor(readonly a: Side, readonly b: Side, readonly scheme: string, lang: Lang) {
    this.lang = lang;
  }
  W(k: string) {
    return w(this.lang, k);
  }
  push(kind: string, e: Entry | undefined, name: string, text: string, oldNode: unknown, newNode: unknown, old?: string, neu?: string) {
    this.changes.push({
      kind, scheme: this.scheme, name, ...(old !== undefined ? { old } : {}), ...(neu !== undefined ? { new: neu } : {}), text,
      spans: { ...(oldNode ? { old: spanOf(this.a.v, oldNode) } : {}), ...(newNode ? { new: spanOf(this.b.v, newNode) } : {}) },
    });
    void e;
  }
  /** «tolta», «nuova», … agreeing with the Italian word for the kind. */
  gone(kind: string, added: boolean): string {
    if (this.lang === 'en') return added ? 'added' : 'removed';
    const g = FEMININE.has(kind) ? 'a' : kind === 'bands' ? 'e' : 'o';
    return (added ? 'nuov' : 'tolt') + g;
  }
  /** «Label» (name) or «name». */
  title(kind: string, e: Entry): string {
    const what = this.W(kind);
    const nm = e.name && !e.name.startsWith('{') ? e.name : '';
    if (kind === 'constraint' || kind === 'example' || kind === 'source') return `${what} «${e.label ?? e.name}»`;
    if (e.label && nm) return `${what} «${e.label}» (${nm})`;
    return nm ? `${what} ${nm}` : what;
  }

  header() {
    const A0 = this.a.v.ast;
    const B0 = this.b.v.ast;
    const hdr = (kind: string, label: string, x: string, y: string) => {
      if (x !== y) this.push('header', undefined, kind, `${label}: ${x} → ${y}`, A0.name, B0.name, x, y);
    };
    hdr('year', this.W('year'), A0.year.value, B0.year.value);
    hdr('title', this.W('title'), A0.title ? `«${A0.title}»` : '—', B0.title ? `«${B0.title}»` : '—');
    this.meta({ key: 'scheme', kind: 'scheme', name: '', node: A0 as never, omit: [] }, this.W('scheme'), A0.meta, B0.meta, A0.name, B0.name);
  }

  meta(e: Entry, title: string, ma: A.Meta | undefined, mb: A.Meta | undefined, na: unknown, nb: unknown) {
    for (const [field, word] of [['sources', 'source'], ['notes', 'note']] as const) {
      const xs = ma?.[field] ?? [];
      const ys = mb?.[field] ?? [];
      const gone = xs.filter((x) => !ys.includes(x));
      const added = ys.filter((y) => !xs.includes(y));
      const kind = word;
      if (gone.length === added.length) {
        gone.forEach((g, i) => this.push(kind, e, e.key, `${title}: ${this.W(word).toLowerCase()} «${g}» → «${added[i]}»`, na, nb, g, added[i]));
      } else {
        for (const g of gone) this.push(kind, e, e.key, `${title}: ${this.W(word).toLowerCase()} ${this.W('removed')} «${g}»`, na, nb, g, undefined);
        for (const y of added) this.push(kind, e, e.key, `${title}: ${this.W(word).toLowerCase()} ${this.W('added')} «${y}»`, na, nb, undefined, y);
      }
    }
    // named variants (alternative readings), by name: added, removed, relabelled, or another expression
    const va = new Map((ma?.variants ?? []).map((v) => [v.name.name, v]));
    const vb = new Map((mb?.variants ?? []).map((v) => [v.name.name, v]));
    const word = this.W('variant');
    for (const [n, x] of va) {
      const y = vb.get(n);
      const shown = (v: A.Variant, p: Printer) => `${n}${v.label ? ` «${v.label}»` : ''}: ${p.expr(v.expr)}`;
      if (!y) {
        this.push('variant', e, e.key, `${title}: ${word} ${this.W('removed')} ${shown(x, this.a.p)}`, x, undefined, shown(x, this.a.p), undefined);
        continue;
      }
      if ((x.label ?? '') !== (y.label ?? '')) this.push('variant', e, e.key, `${title}: ${word} ${n}, ${this.W('label')} «${x.label ?? ''}» → «${y.label ?? ''}»`, x, y, x.label, y.label);
      const ex = this.a.p.expr(x.expr);
      const ey = this.b.p.expr(y.expr);
      if (key(x.expr, this.a.v.ast.lang) !== key(y.expr, this.b.v.ast.lang)) this.push('variant', e, e.key, `${title}: ${word} ${n}, ${this.W('formula')} ${ex} → ${ey}`, x, y, ex, ey);
    }
    for (const [n, y] of vb) {
      if (va.has(n)) continue;
      const s = `${n}${y.label ? ` «${y.label}»` : ''}: ${this.b.p.expr(y.expr)}`;
      this.push('variant', e, e.key, `${title}: ${word} ${this.W('added')} ${s}`, undefined, y, undefined, s);
    }
  }

  run() {
    this.header();
    const la = this.a.v.ast.lang;
    const lb = this.b.v.ast.lang;
    const ea = entries(this.a.v.ast, la);
    const eb = entries(this.b.v.ast, lb);
    const ma = new Map(ea.map((e) => [e.key, e]));
    const mb = new Map(eb.map((e) => [e.key, e]));
    // entries under another name or label but the same body (a constraint whose label changed): one change
    const body = (e: Entry, l: Lang) => key({ ...e.node, label: undefined, meta: undefined, name: undefined }, l);
    const pairOf = new Map<Entry, Entry>();
    const unB = eb.filter((e) => !ma.has(e.key));
    for (const x of ea.filter((e) => !mb.has(e.key))) {
      const i = UNNAMED.has(x.kind) ? unB.findIndex((y) => y.kind === x.kind && body(y, lb) === body(x, la)) : -1;
      if (i >= 0) pairOf.set(x, unB.splice(i, 1)[0]);
    }
    const paired = new Set(pairOf.values());
    // changes in the order of the new version; a removed entry after the one that preceded it
    const groups: { order: number; changes: Change[] }[] = [];
    const at = (order: number, f: () => void) => {
      const before = this.changes.length;
      f();
      groups.push({ order, changes: this.changes.splice(before) });
    };
    let last = -1;
    ea.forEach((x) => {
      const y = mb.get(x.key) ?? pairOf.get(x);
      if (y) {
        last = eb.indexOf(y);
        at(last, () => this.entry(x, y));
        return;
      }
      at(last + 0.5, () => this.push('removed', x, x.key, `${this.title(x.kind, x)}: ${this.gone(x.kind, false)}${this.summary(x, this.a.p)}`, x.node, undefined, this.summaryText(x, this.a.p), undefined));
    });
    eb.forEach((y, i) => {
      if (ma.has(y.key) || paired.has(y)) return;
      at(i, () => this.push('added', y, y.key, `${this.title(y.kind, y)}: ${this.gone(y.kind, true)}${this.summary(y, this.b.p)}`, undefined, y.node, undefined, this.summaryText(y, this.b.p)));
    });
    groups.sort((g, h) => g.order - h.order);
    for (const g of groups) this.changes.push(...g.changes);
  }

  summaryText(e: Entry, p: Printer): string | undefined {
    const n = e.node as Record<string, unknown>;
    const parts: string[] = [];
    if (n.max && (n.max as A.Quantity).kind === 'quantity' && !n.maxBy) parts.push(`max ${p.q(n.max as A.Quantity)}`);
    if (n.kind === 'field') {
      try {
        return oneLine(printField(n as unknown as A.Field, p.ctx, '').join('\n').replace(/^\s*(fonte|nota|source|note) .*$/gm, '').trim());
      } catch {
        /* a field the printer does not know */
      }
    }
    if (n.type) parts.push(p.type(n.type as A.TypeRef));
    const body = n.expr ?? n.cond ?? n.amount;
    if (isExpr(body)) parts.push(p.expr(body));
    return parts.length ? parts.join(', ') : undefined;
  }
  summary(e: Entry, p: Printer): string {
    const s = this.summaryText(e, p);
    return s ? ` (${s.length > 160 ? s.slice(0, 157) + '…' : s})` : '';
  }

  /** One entry present in both versions. */
  entry(x: Entry, y: Entry) {
    const la = this.a.v.ast.lang;
    const lb = this.b.v.ast.lang;
    const nx = x.node as Record<string, unknown>;
    const ny = y.node as Record<string, unknown>;
    const title = this.title(y.kind, y);
    this.meta(y, title, nx.meta as A.Meta, ny.meta as A.Meta, nx, ny);
    const props = new Set([...Object.keys(nx), ...Object.keys(ny)].filter((k) => !DROP.has(k) && k !== 'meta' && k !== 'kind' && !x.omit.includes(k)));
    if (x.kind === 'constraint' || x.kind === 'example') props.add('label');
    // a fund's first paid line and its meta are one part
    for (const k of [...props].sort()) {
      const va = nx[k];
      const vb = ny[k];
      if (key({ [k]: va }, la) === key({ [k]: vb }, lb)) continue;
      this.part(x, y, title, k, va, vb);
    }
  }

  /** One differing part of an entry. */
  part(x: Entry, y: Entry, title: string, k: string, va: unknown, vb: unknown) {
    const la = this.a.v.ast.lang;
    const lb = this.b.v.ast.lang;
    const pa = this.a.p;
    const pb = this.b.p;
    const nx = x.node;
    const ny = y.node;
    const name = y.key;
    const word = (WORD_OF_PART[k] ? this.W(WORD_OF_PART[k]) : k);
    // band rows and scale rows: row by row
    if (k === 'rows' && Array.isArray(va) && Array.isArray(vb) && (y.kind === 'bands' || (va as { kind?: string }[]).every((r) => r.kind === 'scaleRow'))) {
      this.rows(title, name, va as A.ScaleRow[], vb as A.ScaleRow[]);
      return;
    }
    if ((k === 'rows' || k === 'tiers' || k === 'remainders' || k === 'keys' || k === 'given' || k === 'expected' || k === 'items') && Array.isArray(va) && Array.isArray(vb)) {
      this.list(title, name, word, va, vb);
      return;
    }
    if (k === 'max' || k === 'weight' || k === 'min') {
      const sa = va ? pa.generic(va) : '—';
      const sb = vb ? pb.generic(vb) : '—';
      this.push(k === 'weight' ? 'weight' : 'max', y, name, `${title}: ${word} ${sa} → ${sb}`, nx, ny, sa, sb);
      return;
    }
    if (isExpr(va) && isExpr(vb)) {
      this.exprChange(title, name, word, va, vb, nx, ny);
      return;
    }
    if (k === 'type') {
      const sa = pa.type(va as A.TypeRef);
      const sb = pb.type(vb as A.TypeRef);
      this.push('type', y, name, `${title}: ${word} ${sa} → ${sb}`, nx, ny, sa, sb);
      return;
    }
    if (k === 'label') {
      this.push('label', y, name, `${title}: ${word} «${va ?? '—'}» → «${vb ?? '—'}»`, nx, ny, va as string, vb as string);
      return;
    }
    if (k === 'section') {
      this.push('section', y, name, `${title}: ${this.W('section').toLowerCase()} ${va} → ${vb}`, nx, ny, String(va), String(vb));
      return;
    }
    const sa = va === undefined ? '—' : pa.generic(va);
    const sb = vb === undefined ? '—' : pb.generic(vb);
    void la;
    void lb;
    this.push(k === 'expr' || k === 'cond' ? 'formula' : 'generic', y, name, `${title}: ${word} ${sa} → ${sb}`, nx, ny, sa, sb);
  }

  exprChange(title: string, name: string, word: string, va: unknown, vb: unknown, nx: unknown, ny: unknown) {
    const la = this.a.v.ast.lang;
    const lb = this.b.v.ast.lang;
    const ea = va as A.Expr;
    const eb = vb as A.Expr;
    // two scales on the same subject: row by row
    if (ea.kind === 'scale' && eb.kind === 'scale' && key(ea.subject, la) === key(eb.subject, lb)) {
      this.rows(title, name, ea.rows, eb.rows);
      return;
    }
    const leaves = leafDiffs(ea, eb, la, lb);
    if (leaves && leaves.length && leaves.length <= 4) {
      const pairs = leaves.map(([p, q]) => `${this.a.p.generic(p)} → ${this.b.p.generic(q)}`);
      const old = leaves.map(([p]) => this.a.p.generic(p)).join(', ');
      const neu = leaves.map(([, q]) => this.b.p.generic(q)).join(', ');
      this.push(word === this.W('formula') || word === this.W('cond') ? 'value' : 'value', undefined, name, `${title}: ${pairs.join(', ')}${word !== this.W('formula') && word !== this.W('cond') ? ` (${word})` : ''}`, ea, eb, old, neu);
      return;
    }
    const sa = this.a.p.expr(ea);
    const sb = this.b.p.expr(eb);
    void nx;
    void ny;
    this.push('formula', undefined, name, `${title}: ${word} ${this.W('from')} ${sa} ${this.W('to')} ${sb}`, ea, eb, sa, sb);
  }

  /** Rows of a band table or a scale: named rows by name, the others by their interval or their value. */
  rows(title: string, name: string, ra: A.ScaleRow[], rb: A.ScaleRow[], prefix = '') {
    const la = this.a.v.ast.lang;
    const lb = this.b.v.ast.lang;
    const pa = this.a.p;
    const pb = this.b.p;
    const rowKey = (r: A.ScaleRow, l: Lang) => key({ ...r, meta: undefined }, l);
    const restA = [...ra];
    const restB = [...rb];
    const pairs: [A.ScaleRow, A.ScaleRow][] = [];
    const take = (f: (r: A.ScaleRow, l: Lang) => string | undefined) => {
      for (const x of [...restA]) {
        const kx = f(x, la);
        if (kx === undefined) continue;
        const i = restB.findIndex((y) => f(y, lb) === kx);
        if (i < 0) continue;
        pairs.push([x, restB[i]]);
        restA.splice(restA.indexOf(x), 1);
        restB.splice(i, 1);
      }
    };
    take((r, l) => rowKey(r, l)); // unchanged rows
    take((r) => r.name?.name); // bands: by name
    take((r, l) => key(r.when, l)); // same interval, another value
    take((r, l) => key(r.value, l)); // same value, another interval
    if (restA.length === restB.length) restA.forEach((x, i) => pairs.push([x, restB[i]])); // in order
    const label = (r: A.ScaleRow, p: Printer) => (r.name ? `${this.W('band')} ${r.name.name}${r.label ? ` «${r.label}»` : ''}` : `${this.W('row')} ${p.interval(r.when)}`);
    const lead = `${title}: ${prefix}`;
    for (const [x, y] of pairs) {
      if (rowKey(x, la) === rowKey(y, lb)) {
        this.meta({ key: name, kind: 'row', name, node: y as never, omit: [] }, `${lead}${label(y, pb)}`, x.meta, y.meta, x, y);
        continue;
      }
      if (key(x.when, la) !== key(y.when, lb)) {
        const sa = pa.interval(x.when);
        const sb = pb.interval(y.when);
        this.push(y.name ? 'band' : 'row', undefined, name, `${lead}${y.name ? `${label(y, pb)}: ` : `${this.W('row')} → ${pb.expr(y.value)}: `}${this.W('from')} ${sa} ${this.W('to')} ${sb}`, x, y, sa, sb);
      }
      if (key(x.value, la) !== key(y.value, lb)) {
        if (x.value.kind === 'scale' && y.value.kind === 'scale' && key(x.value.subject, la) === key(y.value.subject, lb)) {
          this.rows(title, name, x.value.rows, y.value.rows, `${prefix}${label(y, pb)}, `);
        } else {
          const sa = pa.expr(x.value);
          const sb = pb.expr(y.value);
          this.push('row', undefined, name, `${lead}${label(y, pb)}: ${sa} → ${sb}`, x, y, sa, sb);
        }
      }
      if (key(x.label, la) !== key(y.label, lb) && y.name) this.push('label', undefined, name, `${lead}${label(y, pb)}: ${this.W('label')} «${x.label ?? '—'}» → «${y.label ?? '—'}»`, x, y, x.label, y.label);
      this.meta({ key: name, kind: 'row', name, node: y as never, omit: [] }, `${lead}${label(y, pb)}`, x.meta, y.meta, x, y);
    }
    if (restA.length !== restB.length) {
      for (const x of restA) {
        const s = `${pa.interval(x.when)} → ${pa.expr(x.value)}`;
        this.push('row-removed', undefined, name, `${lead}${this.W('goneRow')} ${x.name ? `${x.name.name}: ` : ''}${s}`, x, undefined, s, undefined);
      }
      for (const y of restB) {
        const s = `${pb.interval(y.when)} → ${pb.expr(y.value)}`;
        this.push('row-added', undefined, name, `${lead}${this.W('newRow')} ${y.name ? `${y.name.name}: ` : ''}${s}`, undefined, y, undefined, s);
      }
    }
  }

  /** Lists of named parts (fund tiers and remainders, report rows, tie keys, example lines): by name, else in order. */
  list(title: string, name: string, word: string, va: unknown[], vb: unknown[]) {
    const la = this.a.v.ast.lang;
    const lb = this.b.v.ast.lang;
    const nameOf = (r: unknown) => {
      const o = r as Record<string, unknown>;
      if (identName(o.name)) return identName(o.name);
      if (Array.isArray(o.path)) return (o.path as A.Ident[]).map((i) => i.name).join('.');
      return undefined;
    };
    const named = va.every((r) => nameOf(r) !== undefined) && vb.every((r) => nameOf(r) !== undefined);
    if (!named) {
      const sa = this.a.p.generic(va);
      const sb = this.b.p.generic(vb);
      this.push('generic', undefined, name, `${title}: ${word} ${sa} → ${sb}`, undefined, undefined, sa, sb);
      return;
    }
    const mb = new Map(vb.map((r) => [nameOf(r)!, r]));
    const ma = new Map(va.map((r) => [nameOf(r)!, r]));
    const body = (r: unknown, p: Printer) => {
      const o = r as Record<string, unknown>;
      const e = o.expr ?? o.value ?? o.dir;
      return isExpr(e) ? p.expr(e) : p.generic(e);
    };
    for (const [n, x] of ma) {
      const y = mb.get(n);
      if (!y) {
        this.push('removed', undefined, name, `${title}: ${word}, ${this.W('isGone')} ${n} (${body(x, this.a.p)})`, x, undefined, body(x, this.a.p), undefined);
        continue;
      }
      const ox = x as Record<string, unknown>;
      const oy = y as Record<string, unknown>;
      if (key({ ...ox, meta: undefined }, la) !== key({ ...oy, meta: undefined }, lb)) {
        const e1 = ox.expr ?? ox.value;
        const e2 = oy.expr ?? oy.value;
        const restSame = key({ ...ox, meta: undefined, label: undefined, expr: undefined, value: undefined }, la) === key({ ...oy, meta: undefined, label: undefined, expr: undefined, value: undefined }, lb);
        if (restSame) {
          if (key(ox.label, la) !== key(oy.label, lb)) this.push('label', undefined, name, `${title}, ${word} ${n}: ${this.W('label')} «${ox.label ?? '—'}» → «${oy.label ?? '—'}»`, x, y, ox.label as string, oy.label as string);
          if (isExpr(e1) && isExpr(e2) && key(e1, la) !== key(e2, lb)) this.exprChange(`${title}, ${word} ${n}`, name, this.W('formula'), e1, e2, x, y);
        } else {
          const sa = this.a.p.generic({ ...ox, meta: undefined });
          const sb = this.b.p.generic({ ...oy, meta: undefined });
          this.push('generic', undefined, name, `${title}, ${word} ${n}: ${sa} → ${sb}`, x, y, sa, sb);
        }
      }
      this.meta({ key: name, kind: 'part', name, node: oy, omit: [] }, `${title}, ${word} ${n}`, ox.meta as A.Meta, oy.meta as A.Meta, x, y);
    }
    for (const [n, y] of mb) {
      if (ma.has(n)) continue;
      this.push('added', undefined, name, `${title}: ${word}, ${this.W('isNew')} ${n} (${body(y, this.b.p)})`, undefined, y, undefined, body(y, this.b.p));
    }
    // the order of tie criteria matters
    if (word === this.W('keys')) {
      const oa = va.map(nameOf).join(',');
      const ob = vb.map(nameOf).join(',');
      if (oa !== ob && [...ma.keys()].sort().join(',') === [...mb.keys()].sort().join(',')) {
        this.push('generic', undefined, name, `${title}: ${this.lang === 'it' ? 'ordine dei criteri' : 'order of the criteria'} ${oa} → ${ob}`, undefined, undefined, oa, ob);
      }
    }
  }
}

/** Declarations known by their label only: one whose label changed is found by its body. */
const UNNAMED = new Set(['constraint']);

const FEMININE = new Set(['item', 'section', 'penalty', 'reduction', 'table', 'column', 'unitDecl', 'source', 'scheme']);

const WORD_OF_PART: Record<string, string> = {
  expr: 'formula', cond: 'cond', max: 'max', maxBy: 'max', weight: 'weight', clamped: 'clamped', label: 'label', type: 'type', default: 'default',
  onlyIf: 'onlyIf', isKey: 'key', amount: 'amount', paid: 'paid', tiers: 'tiers', remainders: 'remainders', per: 'per', severity: 'severity',
  waiver: 'waiver', subject: 'subject', level: 'level', min: 'min', rounding: 'rounding', given: 'given', expected: 'expected', items: 'items',
  rows: 'rows', keys: 'keys', section: 'section', allocation: 'allocation', entity: 'entityGate',
};

// ---- bundles ----

export interface DiffInput {
  id: string;
  file: string;
  text: string;
}

export class DiffError extends Error {}

export function parseVersion(s: DiffInput): Version {
  const r = parse(s.text, s.file);
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) throw new DiffError(`${s.file}:${errs[0].span.line}:${errs[0].span.col}: ${errs[0].message}`);
  return { id: s.id, file: s.file, ast: r.ast };
}

/** The changes from `olds` to `news` (schemes matched by id; a single file against a single file whatever their names). */
export function diffVersions(olds: Version[], news: Version[], o: DiffOptions = {}): Change[] {
  const lang = o.lang ?? 'it';
  const out: Change[] = [];
  const pairs: [Version | undefined, Version | undefined][] = [];
  if (olds.length === 1 && news.length === 1) pairs.push([olds[0], news[0]]);
  else {
    const nb = new Map(news.map((v) => [v.id, v]));
    for (const a of olds) pairs.push([a, nb.get(a.id)]);
    for (const b of news) if (!olds.some((a) => a.id === b.id)) pairs.push([undefined, b]);
  }
  for (const [a, b] of pairs) {
    if (a && b) {
      const d = new SchemeDiff({ v: a, p: new Printer(a.ast.lang, lang) }, { v: b, p: new Printer(b.ast.lang, lang) }, b.id, lang);
      d.run();
      out.push(...d.changes);
    } else {
      const v = (a ?? b)!;
      const s = spanOf(v, v.ast.name);
      const text = lang === 'it' ? `Scheda ${v.id}: ${a ? 'tolta' : 'nuova'}` : `Scheme ${v.id}: ${a ? 'removed' : 'added'}`;
      out.push({ kind: a ? 'removed' : 'added', scheme: v.id, name: 'scheme', text, spans: a ? { old: s } : { new: s } });
    }
  }
  return out;
}

/** The text report: one line per change, grouped by scheme, with the lines of both versions. */
export function changesText(changes: Change[], lang: Lang): string[] {
  if (!changes.length) return [lang === 'it' ? 'Nessuna modifica delle regole.' : 'No change to the rules.'];
  const lines: string[] = [];
  let scheme = '';
  for (const c of changes) {
    if (c.scheme !== scheme) {
      scheme = c.scheme;
      lines.push(`${lines.length ? '\n' : ''}${lang === 'it' ? 'Scheda' : 'Scheme'} ${scheme}:`);
    }
    const where = [c.spans.old ? `${c.spans.old.line}` : '—', c.spans.new ? `${c.spans.new.line}` : '—'].join(' → ');
    lines.push(`  ${c.text}  [${lang === 'it' ? 'righe' : 'lines'} ${where}]`);
  }
  lines.push('', lang === 'it' ? `${changes.length} ${changes.length === 1 ? 'modifica' : 'modifiche'}` : `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}`);
  return lines;
}

// Stale citations: a `fonte` or `nota` that quotes a figure (a percentage, an amount, a number) its rule
// contained in the previous version and no longer contains — «non superiore al 10%» over a rule that now
// says 8%. Judged against the previous version only (`check --since OLD`, or the origin that
// `scheda nuovo-anno` writes in each file's header): a figure the text quotes but the rule never held as a
// literal (a computed result, an article number, a date) is no evidence either way and is never flagged,
// so an unchanged rule never warns and only the rules that changed do.
import { D } from '../run/decimal.ts';
import type * as A from '../syntax/ast.ts';
import type { Lang } from '../syntax/keywords.ts';
import { spanAt } from '../syntax/index.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';

export type FigureKind = 'pct' | 'eur' | 'num';

export interface Figure {
  raw: string; // as written in the text: «10%», «1.500,00 €»
  kind: FigureKind;
  value: string; // canonical decimal of the number as written («10» for 10%, «1500» for 1.500,00 €)
  index: number; // where it starts in the text
}

// a reference, not a figure: «art. 24», «§3.3», «c. 2», «punto 5», «n. 398», «D.Lgs. 33/2013»
const REF_BEFORE = /(?:\bart(?:t)?\.?|§|\bc\.|\bcomm[ai]|\blett\.|\bpunt[oi]|\bn\.|\bnr\.?|\bparagraf[oi]|\bpar\.|\ballegat[oi]|\btab\.|\bcap\.|\bcapitol[oi]|\bprovv\.?|\bprot\.?|\bsection|\bitem|\bno\.|\bpara\.?|\barticles?)\s*$/i;
const NUMBER = /(€\s?)?(\d+(?:[.,]\d+)*)(\s?%|\s?€|\s(?:euro|EUR)\b)?/g;

function canonical(digits: string, lang: Lang): string | undefined {
  const it = lang === 'it';
  const grouped = it ? /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/ : /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
  const plain = it ? /^\d+(?:,\d+)?$/ : /^\d+(?:\.\d+)?$/;
  let s: string;
  if (grouped.test(digits)) s = it ? digits.replace(/\./g, '').replace(',', '.') : digits.replace(/,/g, '');
  else if (plain.test(digits)) s = it ? digits.replace(',', '.') : digits;
  else return undefined; // «3.3.1», «1,2,3»: not one number
  return D(s).toString();
}

/** The figures a text quotes, in the number format of the file's language; references and dates are left out. */
export function figuresIn(text: string, lang: Lang): Figure[] {
  const out: Figure[] = [];
  let lastRefEnd = -1;
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index!;
    const digitsAt = start + (m[1]?.length ?? 0);
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 14), start);
    const prev = text[start - 1] ?? ' ';
    const next = text[digitsAt + m[2].length] ?? ' ';
    const listed = lastRefEnd >= 0 && /^\s*(?:,|e|ed|and|-|–)\s*$/.test(text.slice(lastRefEnd, start));
    const isRef = !m[1] && (REF_BEFORE.test(before) || listed);
    // glued to a word or part of a date, a code or a range of references («D1», «16/11/2022», «33/2013», «2023-2025»)
    const glued = /[\p{L}\d_/]/u.test(prev) || /[\p{L}_/]/u.test(next) || (next === '-' && /\d/.test(text[digitsAt + m[2].length + 1] ?? ''));
    if (isRef || glued) {
      lastRefEnd = end;
      continue;
    }
    const value = canonical(m[2], lang);
    if (value === undefined) continue;
    const unit = (m[3] ?? '').trim();
    const kind: FigureKind = unit === '%' ? 'pct' : m[1] || unit ? 'eur' : 'num';
    if (kind === 'num' && /^\d{4}$/.test(m[2]) && Number(m[2]) >= 1900 && Number(m[2]) <= 2100) continue; // a year
    out.push({ raw: m[0].trim(), kind, value, index: start });
  }
  return out;
}

// ---- the rules of a scheme: each with its citations and its literals ----

interface Rule {
  key: string;
  title: string; // «quota_maggiorazione», «Fasce di risultato»
  node: unknown;
  skip: string[]; // parts that are rules of their own (a section's items)
  span: A.Span;
  whole?: boolean; // the header's sources and notes: their rule is the whole scheme
}

const nameOf = (x: unknown): string | undefined => (x && typeof x === 'object' && (x as { kind?: string }).kind === 'ident' ? (x as A.Ident).name : typeof x === 'string' ? x : undefined);

function rules(ast: A.SchemeFile): Rule[] {
  const out: Rule[] = [];
  const seen = new Map<string, number>();
  const add = (r: Rule) => {
    const n = (seen.get(r.key) ?? 0) + 1;
    seen.set(r.key, n);
    out.push(n > 1 ? { ...r, key: `${r.key}#${n}` } : r);
  };
  for (const d0 of ast.decls) {
    const d = d0 as unknown as Record<string, unknown> & { kind: string; span: A.Span; label?: string };
    if (d.kind === 'inputs') {
      for (const f of d.fields as A.Field[]) add({ key: `field:${f.name.name}`, title: f.name.name, node: f, skip: [], span: f.span });
      continue;
    }
    if (d.kind === 'section') {
      add({ key: `section:${nameOf(d.name)}`, title: nameOf(d.name)!, node: d, skip: ['items'], span: d.span });
      for (const it of d.items as A.Item[]) add({ key: `item:${it.name.name}`, title: it.name.name, node: it, skip: [], span: it.span });
      continue;
    }
    if (d.kind === 'source' || d.kind === 'entity') {
      add({ key: d.kind, title: '', node: d, skip: [], span: d.span, whole: true });
      continue;
    }
    const name = nameOf(d.name) ?? d.label ?? (typeof d.text === 'string' ? d.text : undefined) ?? '';
    add({ key: `${d.kind}:${name}`, title: name, node: d, skip: [], span: d.span });
  }
  return out;
}

// `skip`: keys left out at the top level; `skipEverywhere`: keys left out at any depth
function walk(x: unknown, skip: string[], f: (o: Record<string, unknown>, key: string) => void, key = '', skipEverywhere: string[] = []) {
  if (Array.isArray(x)) return x.forEach((v) => walk(v, skip, f, key, skipEverywhere));
  if (!x || typeof x !== 'object') return;
  const o = x as Record<string, unknown>;
  f(o, key);
  for (const [k, v] of Object.entries(o)) if (!skip.includes(k) && !skipEverywhere.includes(k) && k !== 'span') walk(v, [], f, k, skipEverywhere);
}

/**
 * The figures a rule holds as literals, by kind: 8% as pct «8», 1.200,00 € as eur «1200», 30 punti as num «30».
 * Only the main reading's: a `fonte` or `nota` describes it, while a named variant carries its own label.
 */
function literals(node: unknown, skip: string[]): Set<string> {
  const out = new Set<string>();
  walk(node, skip, (o, k) => {
    if (o.kind !== 'quantity' || k === 'year') return;
    const q = o as unknown as A.Quantity;
    const v = D(q.text).toString();
    out.add(`${q.unit === 'percentuale' ? 'pct' : q.unit === 'euro' ? 'eur' : 'num'}:${v}`);
    out.add(`any:${v}`);
  }, '', ['variants']);
  return out;
}

function citations(node: unknown, skip: string[]): { what: 'fonte' | 'nota'; text: string }[] {
  const out: { what: 'fonte' | 'nota'; text: string }[] = [];
  walk(node, skip, (o, k) => {
    if (k !== 'meta' && k !== 'paidMeta') return;
    const m = o as unknown as A.Meta;
    for (const s of m.sources ?? []) out.push({ what: 'fonte', text: s });
    for (const n of m.notes ?? []) out.push({ what: 'nota', text: n });
  });
  return out;
}

const has = (lits: Set<string>, f: Figure) => lits.has(f.kind === 'num' ? `any:${f.value}` : `${f.kind}:${f.value}`);

export interface StaleCitation {
  rule: string; // the rule's key, e.g. `value:quota_maggiorazione`
  what: 'fonte' | 'nota';
  text: string;
  figure: Figure;
  now: string[]; // the rule's new figures of the same kind, for the message
  offset: number; // where the figure stands in the new file's text (the rule's start when not found)
}

/** The citations of `neu` that quote a figure the same rule held in `old` and holds no longer. */
export function staleCitations(old: A.SchemeFile, neu: A.SchemeFile, newText: string): StaleCitation[] {
  const olds = new Map(rules(old).map((r) => [r.key, r]));
  const all = (ast: A.SchemeFile) => literals(ast.decls, []);
  const oldAll = all(old);
  const newAll = all(neu);
  const out: StaleCitation[] = [];
  for (const r of rules(neu)) {
    const o = olds.get(r.key);
    if (!o && !r.whole) continue; // a new rule has no previous figures
    const before = r.whole ? oldAll : literals(o!.node, o!.skip);
    const after = r.whole ? newAll : literals(r.node, r.skip);
    for (const c of citations(r.node, r.skip)) {
      const told = new Set<string>(); // one warning per figure of a text, at its first occurrence
      for (const f of figuresIn(c.text, neu.lang)) {
        if (!has(before, f) || has(after, f) || told.has(`${f.kind}:${f.value}`)) continue;
        told.add(`${f.kind}:${f.value}`);
        const kinds = f.kind === 'num' ? ['num', 'pct', 'eur'] : [f.kind];
        const now = [...after].filter((x) => kinds.includes(x.split(':')[0]) && !before.has(x)).map((x) => x.split(':')[1]);
        out.push({ rule: r.key, what: c.what, text: c.text, figure: f, now: [...new Set(now)], offset: locate(newText, r.span, c.text, f) });
      }
    }
  }
  return out;
}

/** The offset of a figure inside the string literal that holds the citation, searched from the rule's start. */
function locate(text: string, span: A.Span, citation: string, f: Figure): number {
  const from = (span as { offset?: number }).offset ?? 0;
  const lit = JSON.stringify(citation).slice(1, -1); // the escapes of a string literal: \" and \\
  const at = text.indexOf(`"${lit}"`, from);
  if (at < 0) return from;
  const inLit = JSON.stringify(citation.slice(0, f.index)).length - 2;
  return at + 1 + inLit;
}

/** `check`'s warnings for the stale citations of one file against its previous version. */
export function staleCitationDiagnostics(file: string, text: string, old: A.SchemeFile, neu: A.SchemeFile, oldFile: string): Diagnostic[] {
  const lang = neu.lang;
  return staleCitations(old, neu, text).map((s) => {
    const what = lang === 'it' ? s.what : s.what === 'fonte' ? 'source' : 'note';
    const rule = s.rule.includes(':') ? s.rule.slice(s.rule.indexOf(':') + 1) : lang === 'it' ? "l'intestazione" : 'the header';
    const now = s.now.length ? s.now.slice(0, 4).map((v) => figureText(v, s.figure.kind, lang)).join(', ') : lang === 'it' ? 'nessuna cifra simile' : 'no similar figure';
    return diag('stale-citation', file, spanAt(text, s.offset, s.figure.raw.length), lang, { what, figure: s.figure.raw, rule, old: oldFile, now });
  });
}

function figureText(v: string, kind: FigureKind, lang: Lang): string {
  const [i, d] = v.split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'it' ? '.' : ',');
  const n = d ? `${grouped}${lang === 'it' ? ',' : '.'}${d}` : grouped;
  return kind === 'pct' ? `${n}%` : kind === 'eur' ? `${n} €` : n;
}

/** The origin `scheda nuovo-anno` writes before the header: `# ripreso da «../2024/comparto.scheda» …`. */
export function originOf(ast: A.SchemeFile): string | undefined {
  for (const c of ast.meta.comments) {
    const m = /^\s*(?:ripreso da|carried over from)\s+«([^»]+)»/.exec(c);
    if (m) return m[1];
  }
  return undefined;
}

// ---- `check`: against `--since OLD` (a file or a folder), else against the origin nuovo-anno recorded ----

import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse } from '../syntax/index.ts';

/** The stale-citation warnings of the files `check` was asked about. `since`: the previous version. */
export function citationWarnings(files: { file: string; text: string }[], since?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sinceDir = since !== undefined && statSync(since).isDirectory();
  for (const f of files) {
    const neu = parse(f.text, f.file);
    if (neu.diagnostics.some((d) => d.severity === 'error')) continue;
    let oldFile: string | undefined;
    if (since !== undefined) oldFile = sinceDir ? join(since, basename(f.file)) : files.length === 1 ? since : basename(since) === basename(f.file) ? since : undefined;
    else {
      const o = originOf(neu.ast);
      if (o) oldFile = resolve(dirname(f.file), o);
    }
    if (!oldFile || !existsSync(oldFile) || !statSync(oldFile).isFile()) continue;
    const old = parse(readFileSync(oldFile, 'utf8').replace(/^\uFEFF/, ''), oldFile);
    if (old.diagnostics.some((d) => d.severity === 'error')) continue;
    const shown = relative(process.cwd(), oldFile);
    out.push(...staleCitationDiagnostics(f.file, f.text, old.ast, neu.ast, shown.startsWith('..') ? resolve(oldFile) : shown));
  }
  return out;
}

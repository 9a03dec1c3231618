// `scheda test --update`: the expected values that differ are rewritten where they stand in the file — the
// literal after `atteso x =`, or the cell of an `atteso per persona` table — and nothing else: comments,
// layout and every other value stay as written. Each file is replaced in one step (written aside, synced,
// renamed), and every change is printed, old → new.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type * as A from '../syntax/ast.ts';
import { parse } from '../syntax/index.ts';
import type { V } from '../run/population.ts';
import { isDec, type Dec } from '../run/decimal.ts';

export interface Update {
  file: string;
  line: number;
  col: number;
  name: string;
  value: V;
  unit?: string;
  lang: 'it' | 'en';
}

const WORDS: Record<string, [string, string]> = { punti: ['punti', 'points'], euro: ['€', '€'], giorni: ['giorni', 'days'], mesi: ['mesi', 'months'], ore: ['ore', 'hours'] };
const IDENT = /^[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*$/;

function numberText(d: Dec, lang: 'it' | 'en', money: boolean): string {
  const s = money && d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed();
  return lang === 'it' ? s.replace('.', ',') : s;
}

/** A value as a literal of the language, in the unit of the value (undefined: it has none that reads back). */
export function literalText(v: V, lang: 'it' | 'en', unit: string | undefined, bare: boolean): string | undefined {
  const w = (u: string) => WORDS[u]?.[lang === 'it' ? 0 : 1];
  if (v === null) return undefined;
  if (typeof v === 'boolean') return lang === 'it' ? (v ? 'vero' : 'falso') : String(v);
  if (typeof v === 'string') return bare && IDENT.test(v) ? v : JSON.stringify(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => literalText(x, lang, unit, bare));
    return items.some((x) => x === undefined) ? undefined : `[${items.join(lang === 'it' ? '; ' : ', ')}]`;
  }
  if (!isDec(v)) return undefined;
  const d = v as Dec;
  if (!unit || unit === 'numero' || unit === 'intero') return numberText(d, lang, false);
  if (unit === 'percentuale') return numberText(d.times(100), lang, false) + '%';
  if (w(unit)) return `${numberText(d, lang, unit === 'euro')} ${w(unit)}`;
  const m = /^([a-z]+)\/([a-z]+)$/.exec(unit); // a rate: `10,5 € / 1 punti`
  if (m && w(m[1]) && w(m[2])) return `${numberText(d, lang, false)} ${w(m[1])} / 1 ${w(m[2])}`;
  return undefined;
}

/** The expected literal or cell that starts at line:col (an `atteso` line is found by its keyword). */
function findValue(ast: A.SchemeFile, line: number, col: number): A.Expr | undefined {
  for (const d of ast.decls) {
    if (d.kind !== 'example') continue;
    for (const a of d.expected) if (a.span.line === line && a.span.col === col) return a.value;
    for (const t of d.tables ?? []) for (const r of t.rows) for (const c of r.cells) if (c.span.line === line && c.span.col === col) return c;
  }
  return undefined;
}

/** Applies the updates, file by file; prints each change; returns how many values changed. */
export function applyUpdates(updates: Update[], out: (s: string) => void): number {
  let changed = 0;
  const byFile = new Map<string, Update[]>();
  for (const u of updates) (byFile.get(u.file) ?? byFile.set(u.file, []).get(u.file)!).push(u);
  for (const [file, us] of byFile) {
    const text = readFileSync(file, 'utf8');
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    const body = text.slice(bom.length);
    const ast = parse(body, file).ast;
    const edits: { from: number; to: number; text: string }[] = [];
    for (const u of us) {
      const e = findValue(ast, u.line, u.col);
      if (!e) continue;
      const old = body.slice(e.span.offset, e.span.endOffset);
      const neu = literalText(u.value, u.lang, u.unit, !old.trim().startsWith('"'));
      if (neu === undefined) {
        out(`${file}:${e.span.line}:${e.span.col}: ${u.name}: ${u.lang === 'it' ? 'valore non scrivibile, da aggiornare a mano' : 'value cannot be written, update it by hand'}`);
        continue;
      }
      if (neu === old || edits.some((x) => x.from === e.span.offset)) continue;
      edits.push({ from: e.span.offset, to: e.span.endOffset, text: neu });
      out(`${file}:${e.span.line}:${e.span.col}: ${u.name}: ${old} → ${neu}`);
    }
    if (!edits.length) continue;
    let next = body;
    for (const x of edits.sort((a, b) => b.from - a.from)) next = next.slice(0, x.from) + x.text + next.slice(x.to);
    writeAtomically(file, bom + next);
    changed += edits.length;
  }
  return changed;
}

function writeAtomically(file: string, text: string) {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

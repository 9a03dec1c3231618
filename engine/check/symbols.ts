// The names a scheme declares, with their kind, type and level. One table per scheme; the bundle
// check links the tables of schemes that use each other.
import type * as A from '../syntax/ast.ts';
import { functionByWord, functionWord, KEYWORDS, reservedWords, typeAndLevelWords, type KeywordName } from '../syntax/keywords.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { BOOL, DATE, num, TEXT, type LevelName, type Ty } from './types.ts';

export type SymKind = 'input' | 'value' | 'item' | 'penalty' | 'reduction' | 'gate' | 'bands' | 'builtin' | 'report' | 'table' | 'set';

export interface Sym {
  name: string;
  kind: SymKind;
  level: LevelName;
  ty: Ty;
  decl?: A.Decl | A.Field | A.Item | A.ReportRow;
  span?: A.Span;
  bands?: A.ScaleRow[];
  columns?: Map<string, Sym>; // tables
  isKey?: boolean;
  checked?: boolean; // a value's or report row's declaration has been checked: its type is final, even when unknown
  computed?: A.ComputedColumn; // a table's computed column
  table?: string; // the table a column belongs to
}

export interface SchemeSymbols {
  id: string; // file name without extension: how other schemes refer to it
  ast: A.SchemeFile;
  file: string;
  unitName?: string;
  uses: string[];
  names: Map<string, Sym>;
  personKey?: Sym;
  personUnitField?: Sym;
  unitKey?: Sym;
  ties?: A.OrderKey[];
  functions: Map<string, FnSym>; // `funzione f(…) = …`: called, never read as a value
}

export interface FnSym {
  decl: A.FunctionDecl;
  params: Ty[];
  result?: Ty; // the body's type (or the declared one), once checked
  state?: 'checking' | 'done';
}

export function typeOf(t: A.TypeRef): Ty {
  switch (t.kind) {
    case 'num':
      return num(t.unit, t.whole ? 0 : undefined);
    case 'bool':
      return BOOL;
    case 'text':
      return TEXT;
    case 'enum':
      return { t: 'enum', values: t.values.map((v) => v.name) };
    case 'list':
      return { t: 'list', of: typeOf(t.of) };
    case 'unitref':
      return { t: 'unitref' };
    case 'date':
      return DATE;
  }
}

export function levelName(l: A.Level): LevelName {
  return l.kind === 'unit' ? 'unit' : l.kind;
}

export function collectSymbols(ast: A.SchemeFile, file: string, id: string, out: Diagnostic[]): SchemeSymbols {
  const lang = ast.lang;
  const s: SchemeSymbols = { id, ast, file, uses: [], names: new Map(), functions: new Map() };
  const otherLang = lang === 'it' ? 'en' : 'it';
  // only the other language's reserved words clash: its other keywords are names where a name is written,
  // and a function is a function only when called (`media(x)`), so `media` may name a value
  const otherWords = reservedWords(otherLang);
  const clash = (name: string, at: A.Span, words = otherWords) => {
    if (words.has(name) && at !== ast.span) {
      out.push(diag('name-is-keyword-elsewhere', file, at, lang, { name, other: otherLang === 'en' ? (lang === 'it' ? 'inglese' : 'English') : lang === 'it' ? 'italiano' : 'Italian', lang2: otherLang }));
    }
  };
  // names that are not symbols but are printed as written: band names, enumeration values, columns
  for (const d of ast.decls) {
    if (d.kind === 'bands') for (const r of d.rows) if (r.name) clash(r.name.name, r.name.span);
    if (d.kind === 'unitDecl') clash(d.name.name, d.name.span, new Set([...otherWords, ...typeAndLevelWords(otherLang)]));
    if (d.kind === 'inputs' || d.kind === 'table') {
      for (const f of d.fields) {
        if (d.kind === 'table') clash(f.name.name, f.name.span);
        if (f.type.kind === 'enum') for (const v of f.type.values) clash(v.name, v.span);
      }
    }
  }
  const add = (sym: Sym, at: A.Span) => {
    if (!sym.name) return;
    clash(sym.name, at);
    const prev = s.names.get(sym.name);
    if (prev) {
      out.push(diag('duplicate-name', file, at, lang, { name: sym.name }, prev.span ? [{ message: lang === 'it' ? 'prima dichiarazione' : 'first declared here', file, span: prev.span }] : undefined));
      return;
    }
    s.names.set(sym.name, { ...sym, span: at });
  };
  add({ name: 'totale', kind: 'builtin', level: 'persona', ty: num('punti') }, ast.span);
  add({ name: 'ammesso', kind: 'builtin', level: 'persona', ty: BOOL }, ast.span);
  s.names.get('totale')!.span = undefined;
  s.names.get('ammesso')!.span = undefined;
  for (const d of ast.decls) if (d.kind === 'unitDecl') s.unitName = d.name.name;
  // a field typed with a bare name must name the declared unit: anything else is a misspelt type
  const typeWords = ['TPunti', 'TEuro', 'TPercentuale', 'TGiorni', 'TMesi', 'TOre', 'TNumero', 'TIntero', 'TSiNo', 'TTesto'].map((k) => KEYWORDS[k as KeywordName][lang]);
  const checkType = (t: A.TypeRef) => {
    if (t.kind === 'list') return checkType(t.of);
    if (t.kind !== 'unitref' || t.name.name === s.unitName || !t.name.name) return;
    const sug = suggest(t.name.name, [...typeWords, ...(s.unitName ? [s.unitName] : [])]);
    out.push(diag('unknown-type', file, t.name.span, lang, { name: t.name.name, types: typeWords.join(', '), suggestion: sug ?? '' }));
  };
  for (const d of ast.decls) if (d.kind === 'inputs' || d.kind === 'table') for (const f of d.fields) checkType(f.type);
  const levelOf = (l: A.Level): LevelName => {
    if (l.kind === 'unit' && l.name.name !== s.unitName) {
      out.push(diag('unknown-unit-level', file, l.name.span, lang, { name: l.name.name, unit: s.unitName ?? '—' }));
    }
    return levelName(l);
  };
  for (const d of ast.decls) {
    switch (d.kind) {
      case 'uses':
        s.uses.push(d.scheme.name);
        break;
      case 'ties':
        s.ties = d.keys;
        break;
      case 'inputs': {
        const level = levelOf(d.level);
        for (const f of d.fields) {
          const sym: Sym = { name: f.name.name, kind: 'input', level, ty: typeOf(f.type), decl: f, isKey: f.isKey };
          add(sym, f.name.span);
          if (f.isKey && level === 'persona') s.personKey = sym;
          if (f.isKey && level === 'unit') s.unitKey = sym;
          if (level === 'persona' && f.type.kind === 'unitref') s.personUnitField = sym;
        }
        break;
      }
      case 'table': {
        const columns = new Map<string, Sym>();
        const level = levelOf(d.level);
        for (const f of d.fields) columns.set(f.name.name, { name: f.name.name, kind: 'input', level, ty: typeOf(f.type), decl: f, span: f.name.span, isKey: f.isKey, table: d.name.name });
        for (const c of d.computed ?? []) {
          if (columns.has(c.name.name)) out.push(diag('duplicate-name', file, c.name.span, lang, { name: c.name.name }));
          else columns.set(c.name.name, { name: c.name.name, kind: 'value', level, ty: { t: 'any' }, span: c.name.span, computed: c, table: d.name.name });
        }
        add({ name: d.name.name, kind: 'table', level, ty: { t: 'any' }, decl: d, columns }, d.name.span);
        break;
      }
      case 'set':
        add({ name: d.name.name, kind: 'set', level: 'ente', ty: { t: 'any' }, decl: d }, d.name.span);
        break;
      case 'value':
        // a declared type (a computed category) is known before the value is checked
        add({ name: d.name.name, kind: 'value', level: levelOf(d.level), ty: { t: 'any' }, decl: d }, d.name.span);
        break;
      case 'section':
        for (const it of d.items) add({ name: it.name.name, kind: 'item', level: 'persona', ty: num('punti'), decl: it }, it.name.span);
        add({ name: d.name.name, kind: 'value', level: 'persona', ty: num('punti'), decl: d }, d.name.span);
        break;
      case 'item':
        add({ name: d.name.name, kind: 'item', level: 'persona', ty: num('punti'), decl: d }, d.name.span);
        break;
      case 'penalty':
        add({ name: d.name.name, kind: 'penalty', level: 'persona', ty: num('punti'), decl: d }, d.name.span);
        break;
      case 'reduction':
        add({ name: d.name.name, kind: 'reduction', level: 'persona', ty: num('percentuale'), decl: d }, d.name.span);
        break;
      case 'gate':
        add({ name: d.name.name, kind: 'gate', level: d.entity ? 'ente' : 'persona', ty: BOOL, decl: d }, d.name.span); // requisito ente: once for the scheme
        break;
      case 'bands': {
        const seen = new Map<string, A.Span>();
        for (const r of d.rows) {
          const n = r.name?.name ?? '';
          if (seen.has(n)) out.push(diag('duplicate-name', file, r.name!.span, lang, { name: n }, [{ message: lang === 'it' ? 'prima fascia con questo nome' : 'first band with this name', file, span: seen.get(n)! }]));
          else seen.set(n, r.name!.span);
        }
      }
        add({ name: d.name.name, kind: 'bands', level: 'persona', ty: { t: 'enum', values: d.rows.map((r) => r.name?.name ?? '') }, decl: d, bands: d.rows }, d.name.span);
        break;
      case 'report':
        if (d.per) break; // the columns of a per-row report are local to it
        for (const r of d.rows) add({ name: r.name.name, kind: 'report', level: 'ente', ty: { t: 'any' }, decl: r }, r.name.span);
        break;
    }
  }
  collectFunctions(s, out);
  return s;
}

/**
 * A type written where a value or a parameter is declared: a type word, `uno_tra(…)`, the unit, or the name of
 * an input or computed value of category type, whose values it takes (`calcola area_bis: area = …`).
 */
export function declaredType(t: A.TypeRef, s: SchemeSymbols, out: Diagnostic[]): Ty {
  if (t.kind === 'list') return { t: 'list', of: declaredType(t.of, s, out) };
  if (t.kind !== 'unitref' || t.name.name === s.unitName || !t.name.name) return typeOf(t);
  const sym = s.names.get(t.name.name);
  const d = sym?.decl as A.Decl | A.Field | undefined;
  if (sym?.ty.t === 'enum') return sym.ty;
  if (d && d.kind === 'value' && d.type && d.type.kind !== 'unitref') return typeOf(d.type);
  const pool = [...s.names.values()].filter((x) => x.ty.t === 'enum' || (x.decl as A.Decl | undefined)?.kind === 'value').map((x) => x.name);
  const sug = suggest(t.name.name, [...pool, ...(s.unitName ? [s.unitName] : [])]);
  out.push(diag('unknown-type', s.file, t.name.span, s.ast.lang, { name: t.name.name, types: 'uno_tra(…)', suggestion: sug ?? '' }));
  return { t: 'any' };
}

function collectFunctions(s: SchemeSymbols, out: Diagnostic[]) {
  const lang = s.ast.lang;
  for (const d of s.ast.decls) {
    if (d.kind === 'value' && d.type) {
      const sym = s.names.get(d.name.name);
      if (sym?.decl === d) sym.ty = declaredType(d.type, s, out);
    }
  }
  for (const d of s.ast.decls) {
    if (d.kind !== 'function' || !d.name.name) continue;
    const name = d.name.name;
    const builtin = functionByWord(name, 'it') ?? functionByWord(name, 'en');
    const taken = builtin ? (lang === 'it' ? `della funzione predefinita «${builtin}»` : `of the built-in function «${functionWord(builtin, 'en')}»`)
      : s.functions.has(name) ? (lang === 'it' ? 'di un\'altra funzione' : 'of another function')
      : s.names.has(name) ? (lang === 'it' ? `di un valore dichiarato` : 'of a declared value') : undefined;
    if (taken) {
      out.push(diag('function-name-taken', s.file, d.name.span, lang, { name, what: taken }));
      continue;
    }
    const seen = new Set<string>();
    for (const p of d.params) {
      if (seen.has(p.name.name)) out.push(diag('duplicate-name', s.file, p.name.span, lang, { name: p.name.name }));
      seen.add(p.name.name);
    }
    s.functions.set(name, { decl: d, params: d.params.map((p) => declaredType(p.type, s, out)) });
  }
}

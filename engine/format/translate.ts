// Translating a scheme into the other keyword language (`scheda fmt --lang en|it`). Keywords and function
// names are translated; the names a scheme declares are written as they are. A name that is a reserved word
// of the target language (`if` in an Italian scheme printed in English), or a unit named like one of the
// target's types or levels, would not read back: such names are found before anything is written, each with
// a rename to suggest, and the file is not written.
import type * as A from '../syntax/ast.ts';
import { functionByWord, reservedWords, typeAndLevelWords, type Lang } from '../syntax/keywords.ts';
import { yearValueByWord } from '../syntax/dates.ts';
import { declaredNames } from './dates.ts';

export interface Collision {
  name: string;
  span: A.Span;
  /** `reserved`: a reserved word of the target language; `type`: a unit named like a type or level there */
  reason: 'reserved' | 'type';
  suggestion: string;
}

/** Every name written in the tree (declared or referred to), with where it is written. Function names excepted. */
function names(ast: A.SchemeFile): A.Ident[] {
  const out: A.Ident[] = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown, key: string): void => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      for (const y of x) walk(y, key);
      return;
    }
    const o = x as Record<string, unknown>;
    if (o.kind === 'ident' && typeof o.name === 'string') {
      // a call's function is translated; `totale`/`ammesso` are the built-ins, written as keywords
      if (key !== 'fn' && o.name && o.name !== 'totale' && o.name !== 'ammesso') out.push(o as unknown as A.Ident);
      return;
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'span' && k !== 'meta') walk(v, k);
  };
  walk(ast.decls, 'decls');
  return out;
}

/** The unit's names as written in the tree: its declaration, field types and levels that name it. */
function unitNames(ast: A.SchemeFile): Set<string> {
  const out = new Set<string>();
  for (const d of ast.decls) if (d.kind === 'unitDecl') out.add(d.name.name);
  return out;
}

/** The names of `ast` that would not read back once printed in `target`, first occurrence of each. */
export function translationCollisions(ast: A.SchemeFile, target: Lang): Collision[] {
  if (target === ast.lang) return [];
  const reserved = reservedWords(target);
  const typeWords = typeAndLevelWords(target);
  const units = unitNames(ast);
  const all = names(ast);
  const taken = new Set(all.map((n) => n.name));
  const out = new Map<string, Collision>();
  for (const n of [...all].sort((a, b) => a.span.offset - b.span.offset)) {
    if (out.has(n.name)) continue;
    const reason = reserved.has(n.name) ? 'reserved' : units.has(n.name) && typeWords.has(n.name) ? 'type' : undefined;
    if (!reason) continue;
    let i = 1;
    while (taken.has(`${n.name}_${i}`) || reserved.has(`${n.name}_${i}`)) i++;
    out.set(n.name, { name: n.name, span: n.span, reason, suggestion: `${n.name}_${i}` });
  }
  return [...out.values()];
}

const LANG_NAME: Record<Lang, Record<Lang, string>> = { it: { it: 'italiano', en: 'inglese' }, en: { it: 'Italian', en: 'English' } };

/** The message `fmt --lang` prints when it refuses to translate: one line per name, in the scheme's language. */
export function collisionMessage(file: string, collisions: Collision[], from: Lang, target: Lang): string[] {
  const tgt = LANG_NAME[from][target];
  const n = collisions.length;
  const head = from === 'it'
    ? `${file}: non la scrivo in ${tgt}: ${n === 1 ? 'un nome è una parola riservata' : `${n} nomi sono parole riservate`} in ${tgt} e la traduzione non si rileggerebbe.`
    : `${file}: not written in ${tgt}: ${n === 1 ? 'a name is a reserved word' : `${n} names are reserved words`} in ${tgt}, so the translation would not read back.`;
  const lines = collisions.map((c) => {
    const why = from === 'it'
      ? c.reason === 'reserved' ? `è una parola riservata in ${tgt}` : `in ${tgt} è il nome di un tipo o di un livello`
      : c.reason === 'reserved' ? `is a reserved word in ${tgt}` : `names a type or a level in ${tgt}`;
    return from === 'it'
      ? `  ${file}:${c.span.line}:${c.span.col}: «${c.name}» ${why}: rinominalo, es. «${c.suggestion}»`
      : `  ${file}:${c.span.line}:${c.span.col}: «${c.name}» ${why}: rename it, e.g. «${c.suggestion}»`;
  });
  const tail = from === 'it'
    ? `  Rinomina ${n === 1 ? 'il nome' : 'questi nomi'} in ogni punto della scheda (e dove altre schede li leggono come «scheda.nome»), poi rilancia fmt --lang ${target}.`
    : `  Rename ${n === 1 ? 'it' : 'them'} everywhere in the scheme (and where other schemes read ${n === 1 ? 'it' : 'them'} as «scheme.name»), then run fmt --lang ${target} again.`;
  return [head, ...lines, tail];
}

/** The tree without positions, comments or language: what must be the same after a translation reads back. */
export function treeKey(ast: A.SchemeFile): string {
  // a built-in function is the same function under either language's name (`somma` is `sum`)
  const fnName = (v: { name: string }) => functionByWord(v.name, 'it') ?? functionByWord(v.name, 'en') ?? v.name;
  // the scheme's year is the same value under either language's name (`fine_anno` is `year_end`), unless declared
  const declared = declaredNames(ast);
  const yearOf = (v: unknown) => {
    const r = v as { kind?: unknown; path?: { name: string }[] } | null;
    if (!r || typeof r !== 'object' || r.kind !== 'ref' || r.path?.length !== 1) return undefined;
    const w = r.path[0].name;
    return declared.has(w) ? undefined : yearValueByWord(w, ast.lang);
  };
  // words kept as written, which the formatter writes in the target language: `decimali`/`decimals` of a rounded
  // total, `ordine`/`order` of a split among units
  const WORDS: Record<string, string> = { decimali: 'decimals', decimale: 'decimals', decimal: 'decimals', decimals: 'decimals', ordine: 'order', order: 'order' };
  return JSON.stringify(ast, (k, v) => (yearOf(v) ? { kind: 'year', which: yearOf(v) }
    : k === 'word' && v && typeof v === 'object' && typeof v.name === 'string' ? WORDS[v.name] ?? v.name
    : k === 'span' || k === 'lang' || k === 'comments' || k === 'trailingComments' || k === 'headTrailing' || k === 'trailing' || k === 'closing' ? undefined
    : k === 'fn' && v && typeof v === 'object' ? fnName(v)
    : (k === 'severity' || k === 'allocation') && v && typeof v === 'object' ? true : v)); // contextual words: `avviso` is `warning`
}

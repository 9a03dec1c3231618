// The words the editor highlights and completes, taken from the engine's keyword tables
// (engine/syntax/keywords.ts: plain data, the one list of the language's words).
import { CONTEXT_WORDS, FUNCTIONS, KEYWORDS, SYNONYMS, type Lang } from '../../engine/syntax/keywords.ts';

/** The keyword set a scheme text is written in, from its header (`lingua en` / `language en`, or its first word). */
export function langOfText(text: string): Lang {
  const head = text.replace(/#.*$/gm, '');
  if (/\b(lingua|language)\s+en\b/.test(head)) return 'en';
  if (/\b(lingua|language)\s+it\b/.test(head)) return 'it';
  return /^\s*scheme\b/.test(head) ? 'en' : 'it';
}

export function keywordWords(lang: Lang): { keywords: string[]; types: string[] } {
  const keywords: string[] = [];
  const types: string[] = [];
  for (const [name, words] of Object.entries(KEYWORDS)) (/^T[A-Z]/.test(name) ? types : keywords).push(words[lang]);
  for (const [w, name] of Object.entries(SYNONYMS[lang])) (/^T[A-Z]/.test(name) ? types : keywords).push(w);
  for (const c of Object.values(CONTEXT_WORDS)) keywords.push(c[lang]);
  return { keywords, types };
}

export function functionWords(lang: Lang): string[] {
  return Object.entries(FUNCTIONS).map(([it, f]) => (lang === 'it' ? it : f.en));
}

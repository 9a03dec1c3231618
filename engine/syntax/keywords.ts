// The two keyword sets of the language over one AST. Each keyword has one token name and one word per
// language; the lexer reads identifiers and turns those that are keywords of the file's language into
// keyword tokens, so a word is reserved only in the language that uses it.

import { AGGREGATE_OPS } from '../ops/aggregates.ts';
import { ops } from '../ops/registry.ts';
import { SCALAR_OPS } from '../ops/scalar.ts';

export type Lang = 'it' | 'en';

export const KEYWORDS = {
  Scheda: { it: 'scheda', en: 'scheme' },
  Anno: { it: 'anno', en: 'year' },
  Lingua: { it: 'lingua', en: 'language' },
  Ente: { it: 'ente', en: 'entity' },
  Fonte: { it: 'fonte', en: 'source' },
  Nota: { it: 'nota', en: 'note' },
  Unita: { it: 'unità', en: 'unit' },
  Usa: { it: 'usa', en: 'uses' },
  Dati: { it: 'dati', en: 'inputs' },
  Persona: { it: 'persona', en: 'person' },
  Tabella: { it: 'tabella', en: 'table' },
  Chiave: { it: 'chiave', en: 'key' },
  Calcola: { it: 'calcola', en: 'compute' },
  Sezione: { it: 'sezione', en: 'section' },
  Voce: { it: 'voce', en: 'item' },
  Max: { it: 'max', en: 'max' },
  Peso: { it: 'peso', en: 'weight' },
  Limitata: { it: 'limitata', en: 'clamped' },
  Totale: { it: 'totale', en: 'total' },
  Minimo: { it: 'minimo', en: 'minimum' },
  Requisito: { it: 'requisito', en: 'gate' },
  Salvo: { it: 'salvo', en: 'unless' },
  Ammesso: { it: 'ammesso', en: 'eligible' },
  Penalita: { it: 'penalità', en: 'penalty' },
  Riduzione: { it: 'riduzione', en: 'reduction' },
  Fasce: { it: 'fasce', en: 'bands' },
  Su: { it: 'su', en: 'on' },
  Vincolo: { it: 'vincolo', en: 'constraint' },
  Fondo: { it: 'fondo', en: 'fund' },
  Pagato: { it: 'pagato', en: 'paid' },
  Resto: { it: 'resto', en: 'remainder' },
  Parita: { it: 'parità', en: 'ties' },
  Crescente: { it: 'crescente', en: 'ascending' },
  Decrescente: { it: 'decrescente', en: 'descending' },
  Prospetto: { it: 'prospetto', en: 'report' },
  Esempio: { it: 'esempio', en: 'example' },
  Dato: { it: 'dato', en: 'given' },
  Atteso: { it: 'atteso', en: 'expect' },
  Se: { it: 'se', en: 'if' },
  Allora: { it: 'allora', en: 'then' },
  Altrimenti: { it: 'altrimenti', en: 'else' },
  E: { it: 'e', en: 'and' },
  O: { it: 'o', en: 'or' },
  Non: { it: 'non', en: 'not' },
  Vero: { it: 'vero', en: 'true' },
  Falso: { it: 'falso', en: 'false' },
  In: { it: 'in', en: 'in' },
  Dove: { it: 'dove', en: 'where' },
  Scala: { it: 'scala', en: 'scale' },
  Da: { it: 'da', en: 'from' },
  A: { it: 'a', en: 'to' },
  Fino: { it: 'fino', en: 'up' },
  Oltre: { it: 'oltre', en: 'over' },
  Sotto: { it: 'sotto', en: 'under' },
  Migliori: { it: 'migliori', en: 'best' },
  Per: { it: 'per', en: 'per' },
  By: { it: 'secondo', en: 'by' }, // 'migliori 10% secondo totale' (or 'per totale') / 'best 10% by total'
  Entro: { it: 'entro', en: 'within' },
  Tra: { it: 'tra', en: 'among' },
  Arrotondando: { it: 'arrotondando', en: 'rounding' },
  Eccesso: { it: 'eccesso', en: 'upward' },
  Difetto: { it: 'difetto', en: 'downward' },
  Vicino: { it: 'vicino', en: 'nearest' },
  UnoTra: { it: 'uno_tra', en: 'one_of' },
  Lista: { it: 'lista', en: 'list' },
  Di: { it: 'di', en: 'of' },
  // inputs: optional fields with a stated default, fields of a sub-population, named value sets
  Facoltativo: { it: 'facoltativo', en: 'optional' },
  Predefinito: { it: 'predefinito', en: 'default' },
  Solo: { it: 'solo', en: 'only' },
  Insieme: { it: 'insieme', en: 'set' },
  // expressions: local names (`sia x = …; …` / `let x = …, …`) and functions declared in the scheme
  Sia: { it: 'sia', en: 'let' },
  Funzione: { it: 'funzione', en: 'function' },
  // types
  TPunti: { it: 'punti', en: 'points' },
  TEuro: { it: 'euro', en: 'euro' },
  TPercentuale: { it: 'percentuale', en: 'percent' },
  TGiorni: { it: 'giorni', en: 'days' },
  TMesi: { it: 'mesi', en: 'months' },
  TOre: { it: 'ore', en: 'hours' },
  TInteri: { it: 'interi', en: 'whole' }, // `giorni interi` / `whole days`: a quantity in whole numbers
  TNumero: { it: 'numero', en: 'number' },
  TIntero: { it: 'intero', en: 'integer' },
  TSiNo: { it: 'sì_no', en: 'yes_no' },
  TTesto: { it: 'testo', en: 'text' },
  TData: { it: 'data', en: 'date' }, // the type `data` / `date`, and the date literal `data 31/12/2024` / `date 2024-12-31`
  // named variants of a reading (`variante per_eccesso "…": expr`) and population examples (`persone { … }`)
  Variante: { it: 'variante', en: 'variant' },
  Ogni: { it: 'ogni', en: 'every' },
  Persone: { it: 'persone', en: 'persons' },
} as const satisfies Record<string, Record<Lang, string>>;

export type KeywordName = keyof typeof KEYWORDS;

// The keywords that stay reserved: they join or start parts of an expression (operators, `se … allora …
// altrimenti`, `in`, `dove`, intervals, `migliori … per … entro … tra … arrotondando`) or name the built-in
// values (`totale`, `ammesso`). Every other keyword is a keyword only where the grammar expects it and a
// name everywhere else (`calcola fondo = …`, `peso: numero`, `giorni: giorni`).
export const RESERVED: ReadonlySet<KeywordName> = new Set<KeywordName>([
  'Se', 'Allora', 'Altrimenti', 'E', 'O', 'Non', 'Vero', 'Falso', 'In', 'Dove', 'Scala', 'Migliori', 'Per', 'By', 'Entro',
  'Tra', 'Arrotondando', 'Da', 'A', 'Fino', 'Oltre', 'Sotto', 'Totale', 'Ammesso', 'Sia',
]);

// Where a type or a level is written, these keywords come before a unit's name (`settore: numero` is a number):
// a unit cannot be named with one of them.
const TYPE_AND_LEVEL: ReadonlySet<KeywordName> = new Set<KeywordName>([
  'TPunti', 'TEuro', 'TPercentuale', 'TGiorni', 'TMesi', 'TOre', 'TNumero', 'TIntero', 'TSiNo', 'TTesto', 'TData', 'Ente', 'Persona',
]);

/** The words of `lang` that cannot name the unit: types and levels (with their synonyms). */
export function typeAndLevelWords(lang: Lang): Set<string> {
  const out = new Set<string>();
  for (const [w, k] of keywordTable(lang)) if (TYPE_AND_LEVEL.has(k)) out.add(w);
  return out;
}

/** The words of `lang` that cannot be names (reserved keywords and their synonyms). */
export function reservedWords(lang: Lang): Set<string> {
  const out = new Set<string>();
  for (const [w, k] of keywordTable(lang)) if (RESERVED.has(k)) out.add(w);
  return out;
}

// Synonyms accepted when reading (never written by the formatter): singular units, ascii spellings.
export const SYNONYMS: Record<Lang, Record<string, KeywordName>> = {
  it: {
    unita: 'Unita', penalita: 'Penalita', parita: 'Parita', si_no: 'TSiNo', punto: 'TPunti', giorno: 'TGiorni',
    mese: 'TMesi',
  },
  en: { point: 'TPunti', day: 'TGiorni', month: 'TMesi', otherwise: 'Altrimenti', percentage: 'TPercentuale', above: 'Oltre', below: 'Sotto', hour: 'TOre' },
};

// 'fino a' is written as two words in Italian; in English 'up to'. Both split the same way: Fino + A.

export function keywordTable(lang: Lang): Map<string, KeywordName> {
  const m = new Map<string, KeywordName>();
  for (const [name, words] of Object.entries(KEYWORDS)) m.set(words[lang], name as KeywordName);
  for (const [w, name] of Object.entries(SYNONYMS[lang])) if (!m.has(w)) m.set(w, name);
  return m;
}

export function word(name: KeywordName, lang: Lang): string {
  return KEYWORDS[name][lang];
}

// Builtin functions, by canonical (Italian) name, with their English names. Function names are not
// reserved: a scheme may not declare a value of the same name (the checker says so). The aggregates and the
// scalar functions are entries of the operation registry (engine/ops/registry.ts), which holds their names;
// the others are listed here until their family moves there.
type Named = { readonly names: { readonly it: string; readonly en: string }; readonly kind: string };
type FunctionsOf<T extends readonly Named[]> = { readonly [E in T[number] as E['names']['it']]: { readonly en: E['names']['en']; readonly kind: E['kind'] } };
const functionsOf = <T extends readonly Named[]>(list: T) => Object.fromEntries(list.map((e) => [e.names.it, { en: e.names.en, kind: e.kind }])) as FunctionsOf<T>;

const OTHER_FUNCTIONS = {
  quota: { en: 'share', kind: 'band' },
  ripartisci: { en: 'allocate', kind: 'allocate' },
  massimo_voce: { en: 'item_max', kind: 'static' },
  // dates and periods (engine/check/dates.ts, engine/run/dates.ts)
  giorni_tra: { en: 'days_between', kind: 'date' },
  differenza_giorni: { en: 'days_difference', kind: 'date' },
  mesi_interi: { en: 'whole_months', kind: 'date' },
  aggiungi_giorni: { en: 'add_days', kind: 'date' },
  aggiungi_mesi: { en: 'add_months', kind: 'date' },
  giorno_di: { en: 'day_of', kind: 'date' },
  mese_di: { en: 'month_of', kind: 'date' },
  anno_di: { en: 'year_of', kind: 'date' },
  fine_mese: { en: 'month_end', kind: 'date' },
  bisestile: { en: 'leap_year', kind: 'date' },
  data_da: { en: 'date_of', kind: 'date' },
  giorni_servizio: { en: 'service_days', kind: 'date' },
  giorni_servizio_mese: { en: 'service_days_by_month', kind: 'date' },
} as const;

export const FUNCTIONS = { ...functionsOf(AGGREGATE_OPS), ...functionsOf(SCALAR_OPS), ...OTHER_FUNCTIONS } as const;

export type FunctionName = keyof typeof FUNCTIONS;

export function functionByWord(w: string, lang: Lang): FunctionName | undefined {
  const e = ops().byName(w, lang); // a Map: «constructor» is no function
  if (e) return e.names!.it as FunctionName;
  if (lang === 'it') return Object.hasOwn(OTHER_FUNCTIONS, w) ? (w as FunctionName) : undefined; // own names only
  for (const [k, v] of Object.entries(OTHER_FUNCTIONS)) if (v.en === w) return k as FunctionName;
  return undefined;
}

export function functionWord(f: FunctionName, lang: Lang): string {
  if (lang === 'it') return f;
  return ops().byName(f, 'it')?.names!.en ?? (OTHER_FUNCTIONS as Record<string, { en: string }>)[f].en;
}

/** Every built-in function's name in `lang`: the registry's, then the others. */
export function functionNames(lang: Lang): string[] {
  return [...ops().functions().map((e) => e.names![lang]), ...Object.keys(OTHER_FUNCTIONS).map((f) => functionWord(f as FunctionName, lang))];
}

// Contextual words: read as plain names and recognised only in one place of the grammar, so they stay
// usable as names everywhere else. `vincolo … avviso "…": …` (a constraint that warns instead of stopping
// the run) and `fondo F = importo stanziati { … }` (an allocation, not a pot: spending above it is a warning).
export const CONTEXT_WORDS = {
  avviso: { it: 'avviso', en: 'warning', also: ['avviso', 'warning'] },
  stanziati: { it: 'stanziati', en: 'allocated', also: ['stanziati', 'stanziato', 'stanziamento', 'allocated', 'allocation'] },
} as const;

/** Whether `w` is contextual word `name` (either language: a translated file reads back). */
export function isContextWord(name: keyof typeof CONTEXT_WORDS, w: string): boolean {
  return (CONTEXT_WORDS[name].also as readonly string[]).includes(w);
}

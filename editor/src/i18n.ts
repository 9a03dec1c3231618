// The editor's own words, in Italian (the default) and English. Diagnostics come from the engine, in the
// language of the scheme they speak about.
export type UiLang = 'it' | 'en';

const WORDS = {
  title: { it: 'scheda — editor', en: 'scheda — editor' },
  files: { it: 'Schede', en: 'Schemes' },
  noFile: { it: 'Scegli una scheda a sinistra.', en: 'Pick a scheme on the left.' },
  save: { it: 'Salva', en: 'Save' },
  format: { it: 'Formatta', en: 'Format' },
  problems: { it: 'Problemi', en: 'Problems' },
  noProblems: { it: 'Nessun problema.', en: 'No problems.' },
  saved: { it: 'Salvato.', en: 'Saved.' },
  unsaved: { it: 'Modifiche non salvate (bozza conservata nel browser).', en: 'Unsaved changes (draft kept in the browser).' },
  draftRestored: { it: 'Bozza ripristinata: le modifiche non salvate sono tornate.', en: 'Draft restored: your unsaved changes are back.' },
  conflict: {
    it: 'Il file è cambiato sul disco da quando l\'hai aperto: non l\'ho sovrascritto. A sinistra la versione sul disco, a destra la tua.',
    en: 'The file changed on disk since you opened it: it was not overwritten. Left, the version on disk; right, yours.',
  },
  keepMine: { it: 'Salva la mia versione', en: 'Save my version' },
  takeDisk: { it: 'Prendi la versione sul disco', en: 'Take the version on disk' },
  close: { it: 'Chiudi', en: 'Close' },
  checking: { it: 'Controllo…', en: 'Checking…' },
  checked: { it: 'Controllata in {ms} ms', en: 'Checked in {ms} ms' },
  cannotFormat: { it: 'Non posso formattare: correggi prima gli errori di sintassi.', en: 'Cannot format: fix the syntax errors first.' },
  error: { it: 'Errore', en: 'Error' },
  warning: { it: 'Avviso', en: 'Warning' },
  info: { it: 'Nota', en: 'Note' },
  replaceWith: { it: 'Sostituisci con «{x}»', en: 'Replace with «{x}»' },
  saveFailed: { it: 'Salvataggio non riuscito: {msg}', en: 'Save failed: {msg}' },
  lang: { it: 'English', en: 'Italiano' },
  source: { it: 'Fonte', en: 'Source' },
  note: { it: 'Nota', en: 'Note' },
  max: { it: 'massimo', en: 'maximum' },
} as const;

export type Word = keyof typeof WORDS;

let current: UiLang = (localStorage.getItem('scheda-ui-lang') as UiLang | null) ?? 'it';

export function uiLang(): UiLang {
  return current;
}

export function setUiLang(l: UiLang) {
  current = l;
  localStorage.setItem('scheda-ui-lang', l);
}

export function t(w: Word, args: Record<string, string | number> = {}): string {
  return WORDS[w][current].replace(/\{(\w+)\}/g, (_, k: string) => String(args[k] ?? ''));
}

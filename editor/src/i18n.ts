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
  onSample: { it: 'Sui dati di esempio', en: 'On the sample data' },
  max: { it: 'massimo', en: 'maximum' },
  examples: { it: 'Esempi', en: 'Examples' },
  noExamples: { it: 'La scheda non ha esempi (o ha errori da correggere prima).', en: 'The scheme has no examples (or has errors to fix first).' },
  passed: { it: 'passa', en: 'passes' },
  failed: { it: 'fallisce', en: 'fails' },
  examplesCount: { it: '{ok} passano, {ko} falliscono', en: '{ok} pass, {ko} fail' },
  preview: { it: 'Anteprima', en: 'Preview' },
  previewNoData: { it: 'Nessun dato di esempio per questo ente e anno (cartella {folder} accanto alle schede).', en: 'No sample data for this body and year (folder {folder} beside the rules).' },
  previewLoading: { it: 'Calcolo dell\'anteprima…', en: 'Computing the preview…' },
  previewOn: { it: 'Sui dati di esempio {folder}: {n} persone, calcolate in {ms} ms', en: 'On the sample data {folder}: {n} persons, computed in {ms} ms' },
  previewFails: { it: 'L\'anno non si calcola su questi dati:', en: 'The year does not run on this data:' },
  search: { it: 'Cerca una persona…', en: 'Search a person…' },
  person: { it: 'Persona', en: 'Person' },
  unit: { it: 'Unità', en: 'Unit' },
  paid: { it: 'Pagato', en: 'Paid' },
  shownRows: { it: 'prime {n} di {of} righe', en: 'first {n} of {of} rows' },
  funds: { it: 'Fondi', en: 'Funds' },
  fund: { it: 'Fondo', en: 'Fund' },
  amount: { it: 'Importo', en: 'Amount' },
  remainders: { it: 'Resti', en: 'Remainders' },
  balanced: { it: 'Quadra?', en: 'Balanced?' },
  yes: { it: 'sì', en: 'yes' },
  no: { it: 'no', en: 'no' },
  published: { it: 'Prospetti pubblicati', en: 'Published tables' },
  reportPending: { it: 'Calcolo dei prospetti con il controllo di riservatezza…', en: 'Computing the tables with the disclosure control…' },
  findings: { it: 'Avvisi', en: 'Warnings' },
  impact: { it: 'Impatto', en: 'Impact' },
  impactSame: { it: 'Il testo è quello salvato: nessun impatto da mostrare.', en: 'The text is the saved one: no impact to show.' },
  impactFails: { it: 'Impatto non calcolabile: {msg}', en: 'Impact cannot be computed: {msg}' },
  impactCost: { it: 'Costo rispetto alla versione salvata: {old} € → {new} € (differenza {delta} €)', en: 'Cost against the saved version: {old} € → {new} € (difference {delta} €)' },
  impactBands: { it: 'Cambiano fascia', en: 'Change band' },
  impactMoved: { it: '{n} persone (in su {up}, in giù {down})', en: '{n} persons (up {up}, down {down})' },
  impactWho: { it: 'Chi cambia (riservato: non pubblicare)', en: 'Who changes (private: do not publish)' },
  impactPay: { it: 'Compenso: {gain} in più, {loss} in meno, {same} invariati', en: 'Pay: {gain} more, {loss} less, {same} unchanged' },
  old: { it: 'prima', en: 'before' },
  now: { it: 'ora', en: 'now' },
  grid: { it: 'Apri come tabella', en: 'Open as a table' },
  gridTitle: { it: 'Tabella «{name}»', en: 'Table «{name}»' },
  gridAdd: { it: 'Aggiungi una riga', en: 'Add a row' },
  gridRemove: { it: 'Togli', en: 'Remove' },
  gridName: { it: 'Nome', en: 'Name' },
  gridFrom: { it: 'Da', en: 'From' },
  gridTo: { it: 'A', en: 'To' },
  gridInterval: { it: 'Intervallo', en: 'Interval' },
  gridValue: { it: 'Valore', en: 'Value' },
  gridItem: { it: 'Voce', en: 'Item' },
  gridRejected: { it: 'La modifica non dà una scheda valida: {msg}', en: 'The change does not give a valid scheme: {msg}' },
  gridGone: { it: 'La tabella non c\'è più nel testo.', en: 'The table is no longer in the text.' },
  compare: { it: 'Confronta', en: 'Compare' },
  compareTitle: { it: 'Confronto di due versioni', en: 'Compare two versions' },
  changes: { it: 'Modifiche', en: 'Changes' },
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

// The one catalogue of diagnostics: stable kebab-case code, severity, message and hint in Italian and
// English. Messages are for HR staff and legal reviewers, not programmers: say what was found, where,
// and what to do. Templates take {placeholders}.

export type Severity = 'error' | 'warning' | 'info';

interface Entry {
  severity: Severity;
  it: string;
  en: string;
  hintIt?: string;
  hintEn?: string;
}

export const CATALOGUE = {
  'syntax-unexpected': {
    severity: 'error',
    it: 'Qui mi aspettavo {expected}, ma ho trovato {found}.',
    en: 'Expected {expected} here, but found {found}.',
    hintIt: 'Controlla la riga: forse manca una parola chiave, una parentesi o un segno "=".',
    hintEn: 'Check the line: a keyword, a bracket or an "=" may be missing.',
  },
  'syntax-unreadable': {
    severity: 'error',
    it: 'Non riesco a leggere {found} in questo punto.',
    en: 'Cannot read {found} at this point.',
    hintIt: 'Le dichiarazioni iniziano con una parola chiave (dati, calcola, voce, requisito, fasce, fondo, esempio…).',
    hintEn: 'Declarations start with a keyword (inputs, compute, item, gate, bands, fund, example…).',
  },
  'syntax-reserved-word': {
    severity: 'error',
    it: '«{found}» è una parola chiave del linguaggio e non può essere usata come nome.',
    en: '«{found}» is a keyword of the language and cannot be used as a name.',
    hintIt: 'Usa un nome composto, più descrittivo (es. «{found}_totale»).',
    hintEn: 'Use a compound, more descriptive name (e.g. «{found}_total»).',
  },
  'syntax-thousands-comma': {
    severity: 'error',
    it: '«{found}»: in inglese la virgola separa gli argomenti, non le migliaia.',
    en: '«{found}»: in English files a comma separates arguments, not thousands.',
    hintIt: 'Scrivi il numero senza separatore delle migliaia, es. 1500.00.',
    hintEn: 'Write the number without a thousands separator, e.g. 1500.00.',
  },
  'syntax-bad-character': {
    severity: 'error',
    it: 'Carattere non ammesso: {found}.',
    en: 'Character not allowed: {found}.',
    hintIt: 'I testi vanno tra virgolette doppie "…"; i commenti iniziano con #.',
    hintEn: 'Texts go between double quotes "…"; comments start with #.',
  },
  'syntax-too-deep': {
    severity: 'error',
    it: 'Espressione annidata troppo in profondità: più di {max} livelli (parentesi, funzioni, «se» dentro «se», «non», segni meno, divisioni in un prodotto).',
    en: 'Expression nested too deeply: more than {max} levels (brackets, function calls, «if» inside «if», «not», minus signs, divisions in a product).',
    hintIt: 'Spezza l\'espressione in più valori («calcola parte = …») e usa i loro nomi; per una lunga serie di casi scrivi «altrimenti se …» o una «scala».',
    hintEn: 'Split the expression into several values («compute part = …») and use their names; for a long series of cases write «else if …» or a «scale».',
  },
  'syntax-too-many-errors': {
    severity: 'error',
    it: 'Troppi errori di sintassi: dopo {max} la lettura del file si ferma qui.',
    en: 'Too many syntax errors: after {max} of them reading stops here.',
    hintIt: 'Correggi i primi errori e ricontrolla: spesso uno solo ne provoca molti altri.',
    hintEn: 'Fix the first errors and check again: one mistake often causes many more.',
  },
  'unknown-name': {
    severity: 'error',
    it: 'Il nome «{name}» non è dichiarato.',
    en: 'The name «{name}» is not declared.',
    hintIt: 'Forse intendevi «{suggestion}»?',
    hintEn: 'Did you mean «{suggestion}»?',
  },
  'unknown-name-nosuggest': {
    severity: 'error',
    it: 'Il nome «{name}» non è dichiarato.',
    en: 'The name «{name}» is not declared.',
    hintIt: 'Dichiaralo tra i dati (dati persona {…}) o con «calcola {name} = …».',
    hintEn: 'Declare it among the inputs (inputs person {…}) or with «compute {name} = …».',
  },
  'unknown-type': {
    severity: 'error',
    it: '«{name}» non è un tipo di dato.',
    en: '«{name}» is not a data type.',
    hintIt: 'Tipi: {types}, uno_tra(…), lista di …, o il nome dell\'unità dichiarata. Forse intendevi «{suggestion}»?',
    hintEn: 'Types: {types}, one_of(…), list of …, or the declared unit\'s name. Did you mean «{suggestion}»?',
  },
  'unknown-function': {
    severity: 'error',
    it: 'La funzione «{name}» non esiste.',
    en: 'There is no function «{name}».',
    hintIt: 'Funzioni disponibili: {list}.{suggestion}',
    hintEn: 'Available functions: {list}.{suggestion}',
  },
  'wrong-arguments': {
    severity: 'error',
    it: '«{name}» vuole {expected}, qui ne ha {found}.',
    en: '«{name}» takes {expected}, here it has {found}.',
    hintIt: 'In italiano gli argomenti si separano con «;» (1,5 è un numero decimale).',
    hintEn: 'Separate arguments with «,».',
  },
  'duplicate-name': {
    severity: 'error',
    it: 'Il nome «{name}» è dichiarato due volte.',
    en: 'The name «{name}» is declared twice.',
    hintIt: 'Ogni dato, valore, voce o fascia deve avere un nome diverso.',
    hintEn: 'Every input, value, item or band needs its own name.',
  },
  'reserved-name': {
    severity: 'error',
    it: 'Il nome «{name}» è riservato a una funzione.',
    en: 'The name «{name}» is reserved for a function.',
    hintIt: 'Scegli un altro nome.',
    hintEn: 'Choose another name.',
  },
  'unit-mismatch': {
    severity: 'error',
    it: 'Non si può {op} {left} e {right}.',
    en: 'Cannot {op} {left} and {right}.',
    hintIt: 'Controlla le unità di misura: punti, euro, giorni e mesi non si mescolano.',
    hintEn: 'Check the units: points, euro, days and months do not mix.',
  },
  'unit-result': {
    severity: 'error',
    it: '«{name}» deve dare {expected}, ma l\'espressione dà {found}.',
    en: '«{name}» must give {expected}, but the expression gives {found}.',
    hintIt: 'Controlla le unità di misura della formula.',
    hintEn: 'Check the units in the formula.',
  },
  'type-mismatch': {
    severity: 'error',
    it: 'Qui serve {expected}, ma l\'espressione dà {found}.',
    en: '{expected} is needed here, but the expression gives {found}.',
  },
  'level-mismatch': {
    severity: 'error',
    it: '{name} è calcolato per {level}, ma usa «{other}», che varia per {otherLevel}.',
    en: '{name} is computed per {level}, but uses «{other}», which varies per {otherLevel}.',
    hintIt: 'Usa una funzione di aggregazione (somma, conta, media…) o calcolalo per {otherLevel}.',
    hintEn: 'Use an aggregation (sum, count, mean…) or compute it per {otherLevel}.',
  },
  'unknown-unit-level': {
    severity: 'error',
    it: '«{name}» non è un livello: usa ente, persona o l\'unità dichiarata ({unit}).',
    en: '«{name}» is not a level: use entity, person or the declared unit ({unit}).',
  },
  'missing-header': {
    severity: 'error',
    it: 'La scheda deve iniziare con «scheda <nome> anno <anno> lingua it».',
    en: 'A scheme must start with «scheme <name> year <year> language en».',
  },
  'file-name-mismatch': {
    severity: 'info',
    it: 'La scheda si chiama «{name}» ma il file si chiama «{file}».',
    en: 'The scheme is named «{name}» but its file is «{file}».',
    hintIt: 'Le altre schede la richiamano con il nome del file.',
    hintEn: 'Other schemes refer to it by its file name.',
  },
  'item-max-exceeds-section': {
    severity: 'error',
    it: 'Le voci di «{section}» valgono fino a {sum} punti, più del massimo della sezione ({max}).',
    en: 'The items of «{section}» add up to {sum} points, more than the section maximum ({max}).',
    hintIt: 'Riduci il massimo di qualche voce o alza quello della sezione.',
    hintEn: 'Lower some item maximum or raise the section maximum.',
  },
  'section-max-unreachable': {
    severity: 'warning',
    it: 'Le voci di «{section}» arrivano al massimo a {sum} punti: il massimo della sezione ({max}) non è raggiungibile.',
    en: 'The items of «{section}» reach at most {sum} points: the section maximum ({max}) cannot be reached.',
  },
  'total-max-mismatch': {
    severity: 'error',
    it: 'Le sezioni e le voci valgono in tutto {sum} punti, ma il totale dichiarato è {max}.',
    en: 'Sections and items add up to {sum} points, but the declared total is {max}.',
  },
  'weights-not-100': {
    severity: 'error',
    it: 'I pesi delle voci di «{section}» sommano a {sum}, non a 100%.',
    en: 'The weights of the items of «{section}» add up to {sum}, not 100%.',
  },
  'weight-missing': {
    severity: 'error',
    it: 'La voce «{name}» non ha un peso, ma altre voci di «{section}» sì.',
    en: 'Item «{name}» has no weight, but other items of «{section}» do.',
    hintIt: 'In una sezione pesata ogni voce dichiara «peso N%» e i pesi sommano a 100%.',
    hintEn: 'In a weighted section every item states «weight N%» and the weights add up to 100%.',
  },
  'item-not-points': {
    severity: 'error',
    it: 'Il massimo di una voce si esprime in punti, non in {unit}.',
    en: 'An item maximum is in points, not in {unit}.',
  },
  'table-overlap': {
    severity: 'error',
    it: 'Le righe {a} e {b} della tabella si sovrappongono: {value} ricade in entrambe.',
    en: 'Rows {a} and {b} of the table overlap: {value} falls in both.',
    hintIt: 'Usa «oltre X» in una riga e «fino a X» nell\'altra per i confini.',
    hintEn: 'Use «over X» in one row and «up to X» in the other at a boundary.',
  },
  'table-gap': {
    severity: 'warning',
    it: 'I valori tra {from} e {to} non ricadono in nessuna riga della tabella.',
    en: 'Values between {from} and {to} fall in no row of the table.',
    hintIt: 'Per un valore come {example} la tabella non dice cosa fare: chiudi il buco, aggiungi «altrimenti» o scrivi con una nota la lettura scelta.',
    hintEn: 'For a value such as {example} the table does not say what to do: close the gap, add «else», or state the chosen reading in a note.',
  },
  'table-uncovered': {
    severity: 'warning',
    it: 'Il valore {value} non ricade in nessuna riga della tabella.',
    en: 'The value {value} falls in no row of the table.',
    hintIt: 'Aggiungi una riga o «altrimenti → …».',
    hintEn: 'Add a row or «else → …».',
  },
  'table-no-match-runtime': {
    severity: 'error',
    it: 'Il valore {value} non ricade in nessuna riga della tabella.',
    en: 'The value {value} falls in no row of the table.',
  },
  'gate-admits-unpaid': {
    severity: 'warning',
    it: 'Il requisito «{gate}» ammette {range}, ma le fasce «{bands}» non pagano nulla per quei punteggi.',
    en: 'Gate «{gate}» admits {range}, but bands «{bands}» pay nothing for those scores.',
    hintIt: 'Allinea la soglia del requisito e il limite inferiore della prima fascia pagata, o dichiara la lettura scelta con una nota.',
    hintEn: 'Align the gate threshold with the lower bound of the first paid band, or state the chosen reading in a note.',
  },
  'constraint-violated': {
    severity: 'error',
    it: 'Vincolo non rispettato: {label}{sides}.',
    en: 'Constraint violated: {label}{sides}.',
    hintIt: 'Fonte: {source}.',
    hintEn: 'Source: {source}.',
  },
  'constraint-not-static': {
    severity: 'info',
    it: 'Il vincolo «{label}» dipende dai dati: sarà verificato all\'esecuzione.',
    en: 'Constraint «{label}» depends on the data: it will be checked when the scheme runs.',
  },
  'scheme-cycle': {
    severity: 'error',
    it: 'Le schede si usano a vicenda in cerchio: {cycle}.',
    en: 'The schemes use each other in a cycle: {cycle}.',
    hintIt: 'Una scheda può usare i risultati di un\'altra solo se quella non usa, anche indirettamente, la prima.',
    hintEn: 'A scheme may use another\'s results only if that one does not use the first, even indirectly.',
  },
  'unknown-scheme': {
    severity: 'error',
    it: 'La scheda «{name}» non si trova nella stessa cartella.',
    en: 'Scheme «{name}» is not in the same folder.',
    hintIt: 'Forse intendevi «{suggestion}»?',
    hintEn: 'Did you mean «{suggestion}»?',
  },
  'value-cycle': {
    severity: 'error',
    it: 'Il calcolo di «{name}» dipende da se stesso: {cycle}.',
    en: 'The value «{name}» depends on itself: {cycle}.',
  },
  'missing-key': {
    severity: 'error',
    it: 'I dati per {level} non hanno un campo «chiave».',
    en: 'The inputs per {level} have no «key» field.',
    hintIt: 'Segna il codice identificativo, es. «matricola: testo chiave».',
    hintEn: 'Mark the identifier, e.g. «id: text key».',
  },
  'missing-unit-field': {
    severity: 'error',
    it: 'La scheda dichiara l\'unità «{unit}», ma nessun dato della persona dice a quale {unit} appartiene.',
    en: 'The scheme declares the unit «{unit}», but no person input says which {unit} a person belongs to.',
    hintIt: 'Aggiungi ai dati della persona, es., «{unit}: {unit}».',
    hintEn: 'Add to the person inputs, e.g. «{unit}: {unit}».',
  },
  'missing-ties': {
    severity: 'error',
    it: '«{what}» richiede una regola di parità dichiarata nella scheda.',
    en: '«{what}» needs a tie rule stated in the scheme.',
    hintIt: 'Aggiungi, es., «parità: totale decrescente; matricola crescente».',
    hintEn: 'Add, e.g., «ties: total descending, id ascending».',
  },
  'ties-not-total': {
    severity: 'error',
    it: 'La regola di parità deve finire con la chiave delle persone («{key}»), così nessun ordine resta al caso.',
    en: 'The tie rule must end with the persons\' key («{key}»), so that no order is left to chance.',
  },
  'example-unknown-name': {
    severity: 'error',
    it: 'L\'esempio usa «{name}», che non è un dato né un valore della scheda.',
    en: 'The example uses «{name}», which is neither an input nor a value of the scheme.',
    hintIt: 'Forse intendevi «{suggestion}»?',
    hintEn: 'Did you mean «{suggestion}»?',
  },
  'example-out-of-range': {
    severity: 'error',
    it: 'L\'esempio dà a «{name}» il valore {value}, fuori dall\'intervallo dichiarato (da {min} a {max}).',
    en: 'The example gives «{name}» the value {value}, outside its declared range ({min} to {max}).',
  },
  'item-over-max': {
    severity: 'error',
    it: 'La voce «{name}» vale {value}, oltre il suo massimo di {max} punti.',
    en: 'Item «{name}» is worth {value}, over its maximum of {max} points.',
    hintIt: 'Correggi il dato o dichiara la voce «limitata» per riportarla al massimo.',
    hintEn: 'Fix the data or declare the item «clamped» to bring it back to the maximum.',
  },
  'missing-input': {
    severity: 'error',
    it: 'Manca il dato «{name}».',
    en: 'The input «{name}» is missing.',
  },
  'aggregate-empty': {
    severity: 'error',
    it: '«{name}»: media, minimo o massimo di nessun valore.',
    en: '«{name}»: mean, minimum or maximum of no values.',
    hintIt: 'Guarda prima se ci sono valori, es. «se conta(…) > 0 allora media(…) altrimenti 0».',
    hintEn: 'Check first that there are values, e.g. «if count(…) > 0 then mean(…) else 0».',
  },
  'division-by-zero': {
    severity: 'error',
    it: 'Divisione per zero in «{name}».',
    en: 'Division by zero in «{name}».',
  },
  'name-is-keyword-elsewhere': {
    severity: 'warning',
    it: '«{name}» è una parola chiave in {other}: la scheda non si potrà stampare in quella lingua (fmt --lang {lang2}).',
    en: '«{name}» is a keyword in {other}: the scheme cannot be printed in that language (fmt --lang {lang2}).',
    hintIt: 'Rinomina il dato o il valore, es. «{name}_1».',
    hintEn: 'Rename the input or value, e.g. «{name}_1».',
  },
  'unknown-language': {
    severity: 'error',
    it: 'La lingua «{lang}» non esiste: le schede si scrivono in italiano (it) o in inglese (en).',
    en: 'There is no language «{lang}»: schemes are written in Italian (it) or English (en).',
  },
  'unused-input': {
    severity: 'info',
    it: 'Il dato «{name}» non è usato da nessuna regola.',
    en: 'The input «{name}» is used by no rule.',
  },
  'bad-enum-label': {
    severity: 'error',
    it: '«{name}» non è uno dei valori ammessi ({values}).',
    en: '«{name}» is not one of the allowed values ({values}).',
    hintIt: 'Forse intendevi «{suggestion}»?',
    hintEn: 'Did you mean «{suggestion}»?',
  },
} satisfies Record<string, Entry>;

export type Code = keyof typeof CATALOGUE;

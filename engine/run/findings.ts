// What a run found that a reviewer must look at: constraints not met (per entity, unit, person or table
// row), spending above an allocation, values that fall in no band, ties across a top-k cut. Each finding
// names who fails — person keys, unit codes, row numbers — for the private outputs (the CLI, results.json);
// the public report gets only its headline, with counts (small counts of persons withheld).
import type { IrScheme } from '../compile/ir.ts';

// ripartizione: an allocation with an amount and no recipient; esclusione: units left out of a split among units (nobody in them to pay)
export type FindingKind = 'vincolo' | 'stanziamento' | 'fascia' | 'migliori' | 'requisito' | 'ripartizione' | 'esclusione'; // requisito: an entity gate not met

export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning';
  label: string;
  /** what is checked for each: entity (once), persons, units, table rows */
  per: 'ente' | 'persona' | 'unit' | 'table';
  table?: string;
  /** how many fail, out of how many checked */
  failing: number;
  of: number;
  /** who fails and why, in plain words (private: person keys) */
  who: { key: string; why: string }[];
  /** a sentence for the entity as a whole (no person named), e.g. the amounts of an allocation */
  detail?: string;
  line: number;
  sources?: string[];
}

/** How many names a message lists before «… e altre N». */
export const NAMED = 10;

/** «1 persona», «3 persone»; English «1 person», «3 persons». */
export function plural(n: number | string, lang: 'it' | 'en', it: [string, string], en: [string, string]): string {
  const one = n === 1 || n === '1';
  return `${n} ${lang === 'it' ? (one ? it[0] : it[1]) : one ? en[0] : en[1]}`;
}

const WHO: Record<Finding['per'], { it: [string, string]; en: [string, string] }> = {
  ente: { it: ['volta', 'volte'], en: ['time', 'times'] },
  persona: { it: ['persona', 'persone'], en: ['person', 'persons'] },
  unit: { it: ['unità', 'unità'], en: ['unit', 'units'] },
  table: { it: ['riga', 'righe'], en: ['row', 'rows'] },
};

export function countOf(f: Finding, n: number | string, lang: 'it' | 'en', ir?: IrScheme): string {
  const w = WHO[f.per];
  const s = plural(n, lang, w.it, w.en);
  if (f.per === 'unit' && ir?.unit) return `${s} (${ir.unit})`;
  if (f.per === 'table' && f.table) return `${s} ${lang === 'it' ? 'di' : 'of'} «${f.table}»`;
  return s;
}

/** A count for publication: persons fewer than `threshold` (but some) are not published. */
export function publicCount(f: Finding, threshold: number, lang: 'it' | 'en'): number | string {
  const personal = f.per === 'persona' || f.kind === 'fascia' || f.kind === 'migliori' || (f.per === 'table');
  if (personal && f.failing > 0 && f.failing < threshold) return lang === 'it' ? `meno di ${threshold}` : `fewer than ${threshold}`;
  return f.failing;
}

/** The headline of a finding, naming nobody: for the public report and as the first line in the CLI. */
export function headline(f: Finding, lang: 'it' | 'en', count: number | string = f.failing, ir?: IrScheme): string {
  const s = sentence(f, lang, count, ir);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(f: Finding, lang: 'it' | 'en', count: number | string, ir?: IrScheme): string {
  const it = lang === 'it';
  const src = f.sources?.length ? ` (${it ? 'fonte' : 'source'}: ${f.sources.join('; ')})` : '';
  switch (f.kind) {
    case 'vincolo': {
      const sev = f.severity === 'warning' ? (it ? ' (avviso)' : ' (warning)') : '';
      if (f.per === 'ente') return it ? `Vincolo «${f.label}» non rispettato${sev}${src}` : `Constraint «${f.label}» not met${sev}${src}`;
      return it
        ? `Vincolo «${f.label}» non rispettato${sev} da ${countOf(f, count, lang, ir)} su ${f.of}${src}`
        : `Constraint «${f.label}» not met${sev} by ${countOf(f, count, lang, ir)} of ${f.of}${src}`;
    }
    case 'stanziamento':
      return it ? `Spesa oltre lo stanziamento «${f.label}»` : `Spending above the allocation «${f.label}»`;
    case 'requisito':
      return it ? `Requisito dell'ente «${f.label}» non soddisfatto: nessuno è ammesso${src}` : `Entity gate «${f.label}» not met: nobody is eligible${src}`;
    case 'fascia':
      return it
        ? `${plural(count, lang, ['persona ha', 'persone hanno'], ['', ''])} un valore che non ricade in nessuna riga delle fasce «${f.label}»: nessuna fascia, nessun importo dalla fascia`
        : `${plural(count, lang, ['', ''], ['person has', 'persons have'])} a value that falls in no row of bands «${f.label}»: no band, nothing paid by band`;
    case 'ripartizione':
      return f.per === 'unit'
        ? (it ? `«${f.label}»: l'importo di ${countOf(f, count, lang, ir)} non ha destinatari (peso zero per tutti): non pagato a nessuno` : `«${f.label}»: the amount of ${countOf(f, count, lang, ir)} has no recipient (zero weight for everyone): paid to nobody`)
        : it ? `«${f.label}»: la ripartizione non ha destinatari (peso zero per tutti): l'importo non è pagato a nessuno` : `«${f.label}»: the allocation has no recipient (zero weight for everyone): the amount is paid to nobody`;
    case 'esclusione':
      return it
        ? `«${f.label}»: ${countOf(f, count, lang, ir)} senza destinatari (peso zero per tutte le persone) ${count === 1 || count === '1' ? 'esclusa' : 'escluse'} dalla ripartizione tra le unità: ${count === 1 || count === '1' ? 'la sua parte va' : 'la loro parte va'} alle altre`
        : `«${f.label}»: ${countOf(f, count, lang, ir)} with no recipient (zero weight for every person) left out of the split among units: their share goes to the others`;
    case 'migliori':
      return it
        ? `«${f.label}»: a pari merito con l'ultimo incluso (punteggio e criteri di parità), ${plural(count, lang, ['persona resta esclusa', 'persone restano escluse'], ['', ''])} solo per l'ordine della chiave (a pari merito tutti, i destinatari supererebbero la quota)`
        : `«${f.label}»: tied with the last one taken (score and tie criteria), ${plural(count, lang, ['', ''], ['person is', 'persons are'])} left out only by the order of the key (taking everyone tied would exceed the quota)`;
  }
}

/** The private lines of a finding: its headline, its detail, then who fails and why (the first NAMED). */
export function describeFinding(f: Finding, lang: 'it' | 'en', ir?: IrScheme): string[] {
  const lines = [headline(f, lang, f.failing, ir) + (f.detail || f.who.length ? ':' : '')];
  if (f.detail) lines.push(`  ${f.detail}`);
  for (const w of f.who.slice(0, NAMED)) lines.push(`  ${w.key}${w.why ? `: ${w.why}` : ''}`);
  const more = f.who.length - NAMED;
  if (more > 0) lines.push(lang === 'it' ? `  … e ${more === 1 ? 'un\'altra' : `altre ${more}`}` : `  … and ${more} more`);
  return lines;
}

// A declaration's or input's value on a run's data in one line, for the editor's hover: the value itself at
// entity level; its range over units; over persons, the range and median of a number, how many say yes,
// the most frequent labels. Internal (the editor shows it to the HR officer who holds the data), not a
// published table: nothing here goes to report.html or report.json.
import type { IrType } from '../compile/ir.ts';
import { D, isDec, type Dec } from '../run/decimal.ts';
import type { V } from '../run/population.ts';
import type { SchemeRun } from '../run/year.ts';
import { displayIn } from './values.ts';

type Lang = 'it' | 'en';

const W = {
  persons: { it: 'persone', en: 'persons' },
  units: { it: 'unità', en: 'units' },
  median: { it: 'mediana', en: 'median' },
  yes: { it: 'sì per', en: 'yes for' },
  of: { it: 'su', en: 'of' },
  empty: { it: 'vuoto per', en: 'empty for' },
  from: { it: 'da', en: 'from' },
  to: { it: 'a', en: 'to' },
  all: { it: 'per tutte le', en: 'for all' },
  failed: { it: 'non calcolabile', en: 'cannot be computed' },
} as const;

/** The values of `name` over the population, or over the units, in one line (undefined: no such name). */
export function summaryOf(run: SchemeRun, name: string, lang: Lang): string | undefined {
  const decl = run.ir.decls.find((d) => d.name === name);
  const input = decl ? undefined : run.ir.inputs.find((i) => i.name === name);
  if (!decl && !input) return undefined;
  const level = decl?.level ?? input!.level;
  const type = decl?.type ?? input?.type;
  const read = (scope: Parameters<SchemeRun['ev']['value']>[1]): V | undefined => {
    try {
      if (decl) return run.ev.value(name, scope);
      return run.ev.input(`${level}.${name}`, { scope });
    } catch {
      return undefined;
    }
  };
  if (level === 'ente') {
    const v = read({ level: 'ente' });
    return v === undefined ? W.failed[lang] : displayIn(v, type, lang);
  }
  const values: (V | undefined)[] = [];
  if (level === 'unit') for (const u of run.units) values.push(read({ level: 'unit', unit: u }));
  else for (let p = 0; p < run.pop.persons.length; p++) values.push(read({ level: 'persona', p }));
  return describe(values, type, lang, level === 'unit' ? W.units[lang] : W.persons[lang]);
}

function describe(values: (V | undefined)[], type: IrType | undefined, lang: Lang, who: string): string {
  const n = values.length;
  const failed = values.filter((v) => v === undefined).length;
  const present = values.filter((v): v is V => v !== undefined && v !== null);
  const empty = n - failed - present.length;
  const parts: string[] = [];
  if (present.length && present.every(isDec)) {
    const sorted = (present as Dec[]).slice().sort((a, b) => a.cmp(b));
    const lo = sorted[0];
    const hi = sorted[sorted.length - 1];
    if (lo.eq(hi)) parts.push(`${displayIn(lo, type, lang)} ${W.all[lang]} ${present.length} ${who}`);
    else {
      const m = sorted.length;
      const med = m % 2 ? sorted[(m - 1) / 2] : sorted[m / 2 - 1].plus(sorted[m / 2]).div(D(2));
      parts.push(`${W.from[lang]} ${displayIn(lo, type, lang)} ${W.to[lang]} ${displayIn(hi, type, lang)}, ${W.median[lang]} ${displayIn(med, type, lang)} (${present.length} ${who})`);
    }
  } else if (present.length && present.every((v) => typeof v === 'boolean')) {
    parts.push(`${W.yes[lang]} ${present.filter((v) => v === true).length} ${W.of[lang]} ${present.length} ${who}`);
  } else if (present.length) {
    const counts = new Map<string, number>();
    for (const v of present) {
      const k = displayIn(v, type, lang);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const shown = top.slice(0, 4).map(([k, c]) => `${k}: ${c}`);
    if (top.length > 4) shown.push('…');
    parts.push(`${shown.join(' · ')} (${present.length} ${who})`);
  }
  if (empty) parts.push(`${W.empty[lang]} ${empty}`);
  if (failed) parts.push(`${W.failed[lang]}: ${failed}`);
  return parts.join('; ') || `— (0 ${who})`;
}

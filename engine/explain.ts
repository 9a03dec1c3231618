// explain: every figure of one person, the rule behind it (file:line), its legal source, and the
// values it read. Works on a finished run, so its figures are the run's figures.
import type { IrDecl, IrType, JL } from './compile/ir.ts';
import type { SchemeRun } from './run/year.ts';
import type { V } from './run/population.ts';
import { displayIn, jsonValue } from './report/values.ts';
import { explainSplit } from './allocate/units.ts';

const UNIT_WORDS: Record<string, { it: string; en: string }> = {
  punti: { it: 'punti', en: 'points' }, giorni: { it: 'giorni', en: 'days' }, mesi: { it: 'mesi', en: 'months' },
};

/** A value with its unit, in the scheme's language: 1.245,83 € · 48,18 punti · 12 days. */
function withUnit(v: V, t: IrType | undefined, lang: 'it' | 'en'): string {
  const s = displayIn(v, t, lang);
  const u = t?.unit && UNIT_WORDS[t.unit];
  return u && v !== null && typeof v === 'object' && !Array.isArray(v) ? `${s} ${u[lang]}` : s;
}

/** The type of a declaration: scores (items, sections, penalties, the total) are points even when untyped. */
function declType(d: IrDecl | undefined): IrType | undefined {
  if (!d) return undefined;
  if (d.type) return d.type;
  if (['item', 'section', 'penalty', 'total'].includes(d.kind)) return { base: 'num', unit: 'punti' };
  if (d.kind === 'reduction') return { base: 'num', unit: 'percentuale' };
  return undefined;
}

export interface ExplainedFigure {
  name: string;
  kind: string;
  label?: string;
  value: unknown;
  text: string;
  rule: string; // file:line
  sources: string[];
  notes: string[];
  reads: { name: string; value: unknown; text: string }[];
  functions?: string[]; // functions of the scheme its rule calls (inlined in the IR)
}

export interface Explanation {
  scheme: string;
  lang: 'it' | 'en';
  person: string;
  unit?: string;
  figures: ExplainedFigure[];
}

function refs(e: unknown, out: { kind: 'var' | 'val' | 'ext' | 'table'; name: string; scheme?: string }[] = [], computed: ReadonlySet<string> = new Set()) {
  if (Array.isArray(e)) e.forEach((x) => refs(x, out, computed));
  else if (e && typeof e === 'object') {
    for (const [k, v] of Object.entries(e)) {
      if (k === 'var' && typeof v === 'string' && v !== 'elemento' && !v.startsWith('riga.')) out.push({ kind: 'var', name: v });
      else if (k === 'val' && typeof v === 'string') out.push({ kind: 'val', name: v });
      else if (k === 'ext' && Array.isArray(v)) out.push({ kind: 'ext', scheme: v[0], name: v[1] });
      else if (k === 'share' && Array.isArray(v) && typeof v[0] === 'string') out.push({ kind: 'val', name: v[0] });
      else if (k === 'over' && v && typeof v === 'object' && 'list' in v) {
        const list = (v as { list: string }).list; // an input list, or a computed one
        out.push(computed.has(list) ? { kind: 'val', name: list } : { kind: 'var', name: `persona.${list}` });
      }
      else if (k === 'over' && v && typeof v === 'object' && 'table' in v) out.push({ kind: 'table', name: (v as { table: string }).table });
      else refs(v, out, computed);
    }
  }
  return out;
}

export function explainPerson(run: SchemeRun, key: string): Explanation | undefined {
  const p = run.pop.persons.findIndex((x) => x.key === key);
  if (p < 0) return undefined;
  const { ir, ev } = run;
  const scope = { level: 'persona' as const, p };
  const inputs = new Map(ir.inputs.map((i) => [i.name, i]));
  const decls = new Map(ir.decls.map((d) => [d.name, d]));
  const read = (r: { kind: string; name: string; scheme?: string }): { name: string; value: unknown; text: string } => {
    let v: V;
    let t;
    try {
      if (r.kind === 'var') {
        const [, name] = r.name.split('.');
        v = ev.input(r.name, { scope });
        t = inputs.get(name)?.type;
        return { name: `${ir.lang === 'it' ? 'dato' : 'input'} ${name}`, value: jsonValue(v, t), text: withUnit(v, t, ir.lang) };
      }
      if (r.kind === 'table') {
        const rows = ev.rowsOf(r.name, scope);
        const cols = ir.tables.find((t) => t.name === r.name)?.columns ?? [];
        const text = rows.map((row) => cols.map((c) => `${c.name} ${withUnit(row.get(c.name) ?? null, c.type, ir.lang)}`).join(', ')).join(' | ');
        const n = `${rows.length} ${ir.lang === 'it' ? (rows.length === 1 ? 'riga' : 'righe') : rows.length === 1 ? 'row' : 'rows'}`;
        return { name: `${ir.lang === 'it' ? 'tabella' : 'table'} ${r.name}`, value: rows.length, text: `${n}${rows.length ? `: ${text}` : ''}` };
      }
      if (r.kind === 'ext') {
        v = ev.ext(r.scheme!, r.name, scope);
        return { name: `${r.scheme}.${r.name}`, value: jsonValue(v), text: withUnit(v, undefined, ir.lang) };
      }
      v = ev.value(r.name, scope);
      t = declType(decls.get(r.name));
      return { name: r.name, value: jsonValue(v, t), text: withUnit(v, t, ir.lang) };
    } catch {
      return { name: r.kind === 'ext' ? `${r.scheme}.${r.name}` : r.name, value: null, text: ir.lang === 'it' ? '(non disponibile)' : '(not available)' };
    }
  };
  const scored = ir.decls.some((d) => d.kind === 'item' || d.kind === 'section' || d.kind === 'penalty');
  const gated = ir.decls.some((d) => d.kind === 'gate');
  const shown = (d: IrDecl) => d.level === 'persona' && (d.kind !== 'total' || scored) && (d.kind !== 'eligible' || gated);
  const figures = ir.decls.filter(shown).map((d) => {
    const v = ev.value(d.name, scope);
    const seen = new Set<string>();
    const reads = refs(d.expr as JL, [], new Set(decls.keys())).filter((r) => {
      const k = `${r.kind}:${r.scheme ?? ''}:${r.name}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    }).map(read);
    reads.push(...explainSplit(ev, d.name, p, ir.lang)); // an allocation among units: the unit's share, then the person's
    return {
      name: d.name, kind: d.kind, label: d.label, value: jsonValue(v, d.type), text: withUnit(v, declType(d), ir.lang), rule: `${ir.file}:${d.line}`,
      sources: d.sources ?? [], notes: d.notes ?? [], reads, ...(d.functions ? { functions: d.functions } : {}),
    };
  });
  return { scheme: ir.id, lang: ir.lang, person: key, unit: run.pop.persons[p].unit, figures };
}

export function explanationText(x: Explanation, lang: 'it' | 'en' = 'it'): string {
  const w = lang === 'it' ? { src: 'fonte', note: 'lettura', reads: 'legge', fns: 'con le funzioni' } : { src: 'source', note: 'reading', reads: 'reads', fns: 'through the functions' };
  const out = [`== ${x.scheme}: ${x.person}${x.unit ? ` (${x.unit})` : ''}`];
  for (const f of x.figures) {
    out.push(`${f.label ? `${f.label} [${f.name}]` : f.name} = ${f.text}    ← ${f.rule}`);
    for (const s of f.sources) out.push(`    ${w.src}: ${s}`);
    for (const n of f.notes) out.push(`    ${w.note}: ${n}`);
    if (f.reads.length) out.push(`    ${w.reads}: ${f.reads.map((r) => `${r.name} = ${r.text}`).join('; ')}`);
    if (f.functions?.length) out.push(`    ${w.fns}: ${f.functions.join(', ')}`);
  }
  return out.join('\n');
}

// What a run publishes (D.Lgs. 33/2013 art. 20): the scheme's own report tables, its funds with
// every cent accounted for, and aggregate statistics per population. Aggregate only: no names, and
// counts below the suppression threshold are withheld.
import type { IrScheme, IrType } from '../compile/ir.ts';
import { D, isDec, type Dec } from '../run/decimal.ts';
import type { SchemeRun } from '../run/year.ts';
import type { V } from '../run/population.ts';
import { display, jsonValue } from './values.ts';

export const SUPPRESS_BELOW = 3;

export interface ReportJson {
  scheda: string;
  titolo?: string;
  anno: string;
  ente?: string;
  fonti: string[];
  prospetti: {
    nome: string;
    titolo?: string;
    righe: { nome: string; etichetta?: string; valore: unknown; unita?: string; testo: string; riga: number }[];
    per?: string;
    colonne?: { nome: string; etichetta?: string; unita?: string }[];
    tabella?: { valori: unknown[]; testi: string[] }[];
  }[];
  funds: {
    name: string;
    label?: string;
    amount: string;
    paid: string;
    remainders: Record<string, string>;
    remainder_labels: Record<string, string>;
    /** selectivity and differentiation of what the fund paid (D.Lgs. 33/2013 art. 20 c. 2) */
    distribuzione: { beneficiari: number | string; minimo: string; medio: string; massimo: string; gini: string; importi_distinti: number } | null;
  }[];
  avvisi: string[];
  ripartizioni: { regola: string; gruppo: string; importo: string; persone: number | string; beneficiari: number | string; quote_al_centesimo_inferiore: string; centesimi_assegnati_con_la_regola_di_parita: number | string }[];
  statistiche: {
    persone: number;
    ammessi: number;
    requisiti: boolean; // whether the scheme has gates (else everyone is «ammesso»)
    punteggio?: { minimo: string; medio: string; massimo: string };
    fasce: { nome: string; titolo?: string; conteggi: Record<string, number | string>; per_unita: Record<string, Record<string, number | string>> }[];
    distribuzione_punteggi: { da: string; a: string; persone: number | string }[];
    soppressione: string;
  };
}

const suppress = (n: number): number | string => (n > 0 && n < SUPPRESS_BELOW ? `<${SUPPRESS_BELOW}` : n);

function personValues(run: SchemeRun, name: string): V[] {
  return run.pop.persons.map((_, p) => run.ev.value(name, { level: 'persona', p }));
}

export function histogram(scores: Dec[], max: Dec, bins = 10): { da: Dec; a: Dec; n: number }[] {
  const width = max.div(bins);
  const out = Array.from({ length: bins }, (_, i) => ({ da: width.times(i), a: width.times(i + 1), n: 0 }));
  for (const s of scores) {
    let i = s.div(width).floor().toNumber();
    if (i >= bins) i = bins - 1;
    if (i < 0) i = 0;
    out[i].n++;
  }
  return out;
}

export function buildReport(run: SchemeRun): ReportJson {
  const { ir, ev } = run;
  const decl = (n: string) => ir.decls.find((d) => d.name === n);
  const eligible = personValues(run, 'ammesso');
  const totals = personValues(run, 'totale').filter((_, i) => eligible[i] === true).filter(isDec) as Dec[];
  const stats: ReportJson['statistiche'] = {
    persone: run.pop.persons.length,
    ammessi: eligible.filter((x) => x === true).length,
    requisiti: ir.decls.some((d) => d.kind === 'gate'),
    fasce: [],
    distribuzione_punteggi: [],
    soppressione: `conteggi inferiori a ${SUPPRESS_BELOW} persone non pubblicati`,
  };
  const scored = ir.decls.some((d) => d.kind === 'item' || d.kind === 'section');
  if (scored && totals.length) {
    const sum = totals.reduce((s, x) => s.plus(x), new D(0));
    stats.punteggio = {
      minimo: D.min(...totals).toDecimalPlaces(2).toFixed(), medio: sum.div(totals.length).toDecimalPlaces(2).toFixed(), massimo: D.max(...totals).toDecimalPlaces(2).toFixed(),
    };
    const max = new D(ir.total?.max ?? D.max(...totals));
    if (max.gt(0)) stats.distribuzione_punteggi = histogram(totals, max).map((b) => ({ da: b.da.toFixed(), a: b.a.toFixed(), persone: suppress(b.n) }));
  }
  for (const b of ir.decls.filter((d) => d.kind === 'bands')) {
    const labels = personValues(run, b.name);
    const names = b.type?.values ?? [];
    const count = (idx: number[]) => Object.fromEntries(names.map((n) => [n, suppress(idx.filter((i) => labels[i] === n).length)]));
    const all = run.pop.persons.map((_, i) => i);
    const perUnit: Record<string, Record<string, number | string>> = {};
    for (const u of run.units) {
      const members = all.filter((i) => run.pop.persons[i].unit === u);
      // a unit of fewer than 3 persons is withheld whole: its zeros would tell where its few people are
      perUnit[u] = members.length < SUPPRESS_BELOW ? Object.fromEntries(names.map((n) => [n, '—'])) : count(members);
    }
    stats.fasce.push({ nome: b.name, titolo: b.label, conteggi: count(all), per_unita: perUnit });
  }
  return {
    scheda: ir.id, titolo: ir.title, anno: ir.year, ente: ir.entity, fonti: ir.sources,
    prospetti: ir.reports.map((r) => ({
      nome: r.name, titolo: r.label,
      ...(r.per ? perRowReport(run, r) : {}),
      righe: r.rows.map((name) => {
        const d = decl(name)!;
        const v = ev.value(name, { level: 'ente' });
        return { nome: name, etichetta: d.label, valore: jsonValue(v), unita: d.type?.unit, testo: published(v, d.expr, d.type, ir), riga: d.line };
      }),
    })),
    funds: run.funds.map((f) => ({
      name: f.name, label: f.label, amount: f.amount.toFixed(2), paid: f.paid.toFixed(2),
      remainders: Object.fromEntries(f.remainders.map((r) => [r.name, r.amount.toFixed(2)])),
      remainder_labels: Object.fromEntries(f.remainders.map((r) => [r.name, r.label ?? r.name])),
      distribuzione: payDistribution(f.perPerson),
    })),
    avvisi: warnings(run),
    // a split among fewer than 3 persons would publish their amounts: withheld
    ripartizioni: dedupeAllocations(run).map((a) => (a.recipients > 0 && a.recipients < SUPPRESS_BELOW
      ? { regola: a.rule, gruppo: a.group, importo: '', persone: suppress(a.persons), beneficiari: suppress(a.recipients), quote_al_centesimo_inferiore: '', centesimi_assegnati_con_la_regola_di_parita: '' }
      : {
        regola: a.rule, gruppo: a.group, importo: a.pot.toFixed(2), persone: a.persons, beneficiari: a.recipients,
        quote_al_centesimo_inferiore: a.floorTotal.toFixed(2), centesimi_assegnati_con_la_regola_di_parita: a.extraCents,
      })),
    statistiche: stats,
  };
}

/** Gini index of the amounts paid to recipients (0: everyone the same; towards 1: concentrated). */
export function gini(xs: Dec[]): Dec {
  const s = [...xs].sort((a, b) => a.comparedTo(b));
  const n = s.length;
  const sum = s.reduce((a, x) => a.plus(x), new D(0));
  if (n === 0 || sum.isZero()) return new D(0);
  // G = Σ (2i − n − 1) x_i / (n Σ x), i = 1..n over sorted x
  const num = s.reduce((a, x, i) => a.plus(x.times(2 * (i + 1) - n - 1)), new D(0));
  return num.div(sum.times(n));
}

function payDistribution(perPerson: Dec[]): ReportJson['funds'][number]['distribuzione'] {
  const paid = perPerson.filter((x) => x.gt(0));
  if (paid.length === 0) return null;
  const sum = paid.reduce((a, x) => a.plus(x), new D(0));
  // with few recipients, minimum, mean and maximum together would give away individual amounts
  const few = paid.length < SUPPRESS_BELOW;
  const extremes = paid.length >= 5;
  return {
    beneficiari: suppress(paid.length),
    minimo: extremes ? D.min(...paid).toFixed(2) : '',
    medio: few ? '' : sum.div(paid.length).toDecimalPlaces(2).toFixed(2),
    massimo: extremes ? D.max(...paid).toFixed(2) : '',
    gini: gini(paid).toDecimalPlaces(4).toFixed(4),
    importi_distinti: new Set(paid.map((x) => x.toFixed(2))).size,
  };
}

/** Warnings the law asks a reviewer to look at (D.Lgs. 150/2009 art. 18 c. 2: no undifferentiated premiums). */
function warnings(run: SchemeRun): string[] {
  const out: string[] = [];
  for (const f of run.funds) {
    const paid = f.perPerson.filter((x) => x.gt(0));
    if (paid.length >= 2 && new Set(paid.map((x) => x.toFixed(2))).size === 1) {
      out.push(`Il fondo «${f.label ?? f.name}» paga a tutti i ${paid.length} beneficiari lo stesso importo: premi non differenziati (D.Lgs. 150/2009, art. 18 c. 2).`);
    }
  }
  for (const b of run.ir.decls.filter((d) => d.kind === 'bands')) {
    const labels = run.pop.persons.map((_, p) => run.ev.value(b.name, { level: 'persona', p })).filter((x) => x !== null);
    if (labels.length >= 2 && new Set(labels).size === 1) {
      out.push(`Tutte le persone sono nella stessa fascia «${labels[0]}» di «${b.label ?? b.name}»: valutazioni non differenziate.`);
    }
  }
  return out;
}

/** A value as published: a count of fewer than 3 persons is withheld (the exact value stays in `valore`). */
function published(v: V, expr: unknown, type: IrType | undefined, ir: IrScheme): string {
  const few = countsPersons(expr, ir) && isDec(v) && (v as Dec).gt(0) && (v as Dec).lt(SUPPRESS_BELOW);
  return few ? `<${SUPPRESS_BELOW}` : display(v, type);
}

/** Is this a count of persons (`conta(…)` over the persons), directly or through a named value? */
function countsPersons(e: unknown, ir?: IrScheme, depth = 0): boolean {
  const c = (e as { count?: { over?: { persons?: boolean } } })?.count;
  if (c) return !!c.over?.persons;
  const v = (e as { val?: string })?.val;
  const d = v !== undefined && depth < 8 ? ir?.decls.find((x) => x.name === v) : undefined;
  return d ? countsPersons(d.expr, ir, depth + 1) : false;
}

function perRowReport(run: SchemeRun, r: IrScheme['reports'][number]) {
  const cols = r.columns ?? [];
  if (r.perUnit) {
    // one row per unit, led by the unit's code; counts of fewer than 3 persons withheld
    return {
      per: r.per,
      colonne: [{ nome: r.per!, etichetta: r.per!, unita: undefined }, ...cols.map((c) => ({ nome: c.name, etichetta: c.label, unita: c.type?.unit }))],
      tabella: run.units.map((u) => {
        // a unit of fewer than 3 persons is withheld whole: its averages would be one or two people's figures
        if (run.ev.groupOf({ level: 'unit', unit: u }).length < SUPPRESS_BELOW) return { valori: [u, ...cols.map(() => null)], testi: [u, ...cols.map(() => '—')] };
        const vals = cols.map((c) => run.ev.evaluate(c.expr, { scope: { level: 'unit', unit: u } }));
        const texts = vals.map((v, i) => published(v, cols[i].expr, cols[i].type, run.ir));
        return { valori: [u, ...vals.map(jsonValue)], testi: [u, ...texts] };
      }),
    };
  }
  const rows = run.pop.tables.get(r.per!) ?? [];
  return {
    per: r.per,
    colonne: cols.map((c) => ({ nome: c.name, etichetta: c.label, unita: c.type?.unit })),
    tabella: rows.map((row) => {
      const vals = cols.map((c) => run.ev.evaluate(c.expr, { scope: { level: 'ente' }, rows: { [r.per!]: row } }));
      return { valori: vals.map(jsonValue), testi: vals.map((v, i) => display(v, cols[i].type)) };
    }),
  };
}

function dedupeAllocations(run: SchemeRun) {
  const seen = new Set<string>();
  return run.ev.allocations.filter((a) => {
    const k = `${a.rule}|${a.group}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).sort((a, b) => (a.rule + a.group < b.rule + b.group ? -1 : 1));
}

/** Per-person results (for the operator, not for publication). */
export function buildResults(run: SchemeRun) {
  const { ir, ev } = run;
  const personDecls = ir.decls.filter((d) => d.level === 'persona');
  return {
    scheda: ir.id, anno: ir.year,
    ente: Object.fromEntries(ir.decls.filter((d) => d.level === 'ente' && d.kind !== 'report').map((d) => [d.name, jsonValue(ev.value(d.name, { level: 'ente' }))])),
    unita: Object.fromEntries(run.units.map((u) => [u, Object.fromEntries(ir.decls.filter((d) => d.level === 'unit').map((d) => [d.name, jsonValue(ev.value(d.name, { level: 'unit', unit: u }))]))])),
    persone: run.pop.persons.map((p, i) => ({
      chiave: p.key, unita: p.unit ?? null,
      valori: Object.fromEntries(personDecls.map((d) => [d.name, jsonValue(ev.value(d.name, { level: 'persona', p: i }))])),
    })),
  };
}

export type { IrScheme };

// What a run publishes (D.Lgs. 33/2013 art. 20): the scheme's own report tables, its funds with
// every cent accounted for, and aggregate statistics per population. Aggregate only: no names, and
// counts below the suppression threshold are withheld.
import type { IrScheme, IrType, JL } from '../compile/ir.ts';
import { Disclosure, fewestOf, personSum, THRESHOLD, type FactSpec, type ItemSpec } from './disclosure.ts';
import { Provenance } from './provenance.ts';
import { registerTwoWay, twoWayJson, type TwoWayJson } from './two-way.ts';
import { D, isDec, type Dec } from '../run/decimal.ts';
import type { SchemeRun } from '../run/year.ts';
import type { V } from '../run/population.ts';
import { display, jsonValue, personColumns } from './values.ts';
import { headline, publicCount, describeFinding } from '../run/findings.ts';

export const SUPPRESS_BELOW = THRESHOLD;
/** How every withheld cell is shown: one mark for all, so a reader cannot tell a small count from a
 * cell withheld to protect it. */
export const WITHHELD = 'n.p.';

type Cell = number | string;

export interface ReportJson {
  scheda: string;
  titolo?: string;
  anno: string;
  ente?: string;
  fonti: string[];
  /** the named variant the run was made under: its name and label (absent: the main reading) */
  variante?: { nome: string; etichetta?: string };
  prospetti: {
    nome: string;
    titolo?: string;
    righe: { nome: string; etichetta?: string; valore: unknown; unita?: string; testo: string; riga: number }[];
    per?: string;
    colonne?: { nome: string; etichetta?: string; unita?: string }[];
    tabella?: { valori: unknown[]; testi: string[] }[];
    /** a two-way table (`per righe e colonne`): one grid per line, with row and column totals */
    due_entrate?: TwoWayJson;
  }[];
  funds: {
    name: string;
    label?: string;
    amount: string;
    paid: string;
    remainders: Record<string, string>;
    remainder_labels: Record<string, string>;
    /** named payment tiers (several `pagato` lines): what each paid; `paid` is their sum */
    tiers?: Record<string, string>;
    tier_labels?: Record<string, string>;
    /** selectivity and differentiation of what the fund paid (D.Lgs. 33/2013 art. 20 c. 2) */
    distribuzione: { beneficiari: Cell; minimo: string; medio: string; massimo: string; gini: string; importi_distinti: Cell } | null;
    /** an allocation, not a pot: what it did not spend (`non_speso`) or spent above it (`oltre`) */
    stanziamento?: { non_speso: string; oltre: string };
  }[];
  /** every constraint checked at run time: its level, severity, whether it held, by how many it failed (counts only) */
  vincoli: { etichetta: string; per: string; gravita: 'errore' | 'avviso'; rispettato: boolean; non_rispettato_da: Cell; su: number; fonti: string[]; riga: number }[];
  avvisi: string[];
  ripartizioni: { regola: string; gruppo: string; importo: string; persone: Cell; beneficiari: Cell; quote_al_centesimo_inferiore: string; centesimi_assegnati_con_la_regola_di_parita: Cell }[];
  statistiche: {
    persone: Cell;
    ammessi: Cell;
    requisiti: boolean; // whether the scheme has gates (else everyone is «ammesso»)
    punteggio?: { minimo: string; medio: string; massimo: string };
    /** band counts: every person evaluated, admitted or not (`conta` says so) */
    fasce: { nome: string; titolo?: string; conta: string; conteggi: Record<string, Cell>; per_unita: Record<string, Record<string, Cell>> }[];
    /** the histogram counts admitted persons only */
    distribuzione_punteggi: { da: string; a: string; persone: Cell }[];
    soppressione: string;
  };
  /** the cells withheld and why (never their values) */
  soppressioni: { cella: string; descrizione: string; motivo: string }[];
}

/** The report would let a withheld cell be recovered; nothing is written. */
export class DisclosureError extends Error {
  constructor(public scheme: string, public cells: string[]) {
    super(`«${scheme}»: il prospetto pubblicato permetterebbe di ricavare dati riservati (${cells.slice(0, 3).join('; ')}${cells.length > 3 ? '; …' : ''}); nessun file scritto. Ridurre il dettaglio dei prospetti o accorpare le unità.`);
  }
}

function personValues(run: SchemeRun, name: string): V[] {
  return run.pop.persons.map((_, p) => run.ev.value(name, { level: 'persona', p }));
}

export function histogram(scores: Dec[], max: Dec, bins = 10): { da: Dec; a: Dec; n: number; members: number[] }[] {
  const width = max.div(bins);
  const out = Array.from({ length: bins }, (_, i) => ({ da: width.times(i), a: width.times(i + 1), n: 0, members: [] as number[] }));
  scores.forEach((s, k) => {
    let i = s.div(width).floor().toNumber();
    if (i >= bins) i = bins - 1;
    if (i < 0) i = 0;
    out[i].n++;
    out[i].members.push(k);
  });
  return out;
}

const idx = (n: number) => Array.from({ length: n }, (_, i) => i);
const countFact = (members: number[], domain = 'persone'): FactSpec => ({ quantity: 'conta', domain, members, value: new D(members.length), contributors: members.length });
const sumFact = (quantity: JL, members: number[], q: (i: number) => Dec): FactSpec => personSum(JSON.stringify(quantity), members, q);

export function buildReport(run: SchemeRun): ReportJson {
  const { ir, ev } = run;
  const dc = new Disclosure();
  const prov = new Provenance(ev, ir);
  const persons = run.pop.persons;
  const all = idx(persons.length);
  const decl = (n: string) => ir.decls.find((d) => d.name === n);
  const item = (id: string, label: string, facts: FactSpec[], extra: Partial<ItemSpec> = {}) => dc.add({ id, label, facts, fewest: fewestOf(facts), ...extra });

  // ---- statistics: persons, admitted, scores, histogram, bands ----
  const eligibleV = personValues(run, 'ammesso');
  const eligible = all.filter((i) => eligibleV[i] === true);
  item('statistiche.persone', 'persone valutate', [countFact(all)], { isCount: true });
  item('statistiche.ammessi', 'persone ammesse', [countFact(eligible)], { isCount: true });
  const totalV = personValues(run, 'totale');
  const scoredIdx = eligible.filter((i) => isDec(totalV[i]));
  const totals = scoredIdx.map((i) => totalV[i] as Dec);
  const scored = ir.decls.some((d) => d.kind === 'item' || d.kind === 'section');
  let bins: ReturnType<typeof histogram> = [];
  if (scored && totals.length) {
    item('statistiche.punteggio.medio', 'punteggio medio', [sumFact({ val: 'totale' }, scoredIdx, (i) => totalV[i] as Dec)]);
    const max = new D(ir.total?.max ?? maxOf(totals));
    if (max.gt(0)) {
      bins = histogram(totals, max);
      bins.forEach((b, k) => item(`statistiche.distribuzione_punteggi.${k}`, `punteggi da ${b.da.toFixed()} a ${b.a.toFixed()}`, [countFact(b.members.map((m) => scoredIdx[m]))], { isCount: true }));
    }
  }
  const bandDecls = ir.decls.filter((d) => d.kind === 'bands');
  const bandLabels = new Map(bandDecls.map((b) => [b.name, personValues(run, b.name)]));
  const unitMembers = new Map<string, number[]>(run.units.map((u) => [u, []]));
  for (const i of all) unitMembers.get(persons[i].unit ?? '')?.push(i); // one pass, whatever the number of units
  const smallUnit = (u: string) => (unitMembers.get(u)?.length ?? 0) < SUPPRESS_BELOW;
  for (const b of bandDecls) {
    const labels = bandLabels.get(b.name)!;
    for (const n of b.type?.values ?? []) {
      item(`fasce.${b.name}.${n}`, `fascia «${n}» (${b.label ?? b.name})`, [countFact(all.filter((i) => labels[i] === n))], { isCount: true });
      for (const u of run.units) {
        item(`fasce.${b.name}.${u}.${n}`, `fascia «${n}» nell'unità ${u}`, [countFact(unitMembers.get(u)!.filter((i) => labels[i] === n))], { isCount: true, wholeGroup: smallUnit(u) });
      }
    }
  }

  // ---- the scheme's own tables ----
  const rowsOf = (r: IrScheme['reports'][number]) => (r.per && !r.perUnit ? run.pop.tables.get(r.per) ?? [] : []);
  for (const r of ir.reports) {
    if (r.twoWay) {
      registerTwoWay(run, r, dc, smallUnit); // every cell and margin, with its facts (two-way.ts)
      continue;
    }
    for (const name of r.rows) {
      const m = prov.of({ val: name }, { scope: { level: 'ente' } });
      dc.add({ id: `prospetti.${r.name}.${name}`, label: `${r.label ?? r.name}: ${decl(name)?.label ?? name}`, facts: m.facts, fewest: m.fewest, isCount: m.isCount });
    }
    for (const c of r.columns ?? []) {
      if (r.perUnit) {
        for (const u of run.units) {
          const m = prov.of(c.expr, { scope: { level: 'unit', unit: u } });
          dc.add({ id: `prospetti.${r.name}.${u}.${c.name}`, label: `${r.label ?? r.name}: ${c.label ?? c.name}, ${u}`, facts: m.facts, fewest: m.fewest, isCount: m.isCount, wholeGroup: smallUnit(u) });
        }
      } else {
        rowsOf(r).forEach((row, k) => {
          const m = prov.of(c.expr, { scope: { level: 'ente' }, rows: { [r.per!]: row } });
          dc.add({ id: `prospetti.${r.name}.${k}.${c.name}`, label: `${r.label ?? r.name}: ${c.label ?? c.name}, riga ${k + 1}`, facts: m.facts, fewest: m.fewest, isCount: m.isCount });
        });
      }
    }
  }

  // ---- funds: amounts, what they paid, to how many ----
  for (const [k, f] of run.funds.entries()) {
    const fd = ir.funds[k];
    const am = prov.of(fd.amount, { scope: { level: 'ente' } });
    dc.add({ id: `fondi.${f.name}.stanziato`, label: `fondo «${f.label ?? f.name}»: stanziato`, facts: am.facts, fewest: am.fewest });
    item(`fondi.${f.name}.erogato`, `fondo «${f.label ?? f.name}»: erogato`, [sumFact(fd.paid, all, (i) => f.perPerson[i])]);
    fd.remainders.forEach((r) => {
      const m = prov.of(r.expr, { scope: { level: 'ente' } });
      dc.add({ id: `fondi.${f.name}.resti.${r.name}`, label: `fondo «${f.label ?? f.name}»: ${r.label ?? r.name}`, facts: m.facts, fewest: m.fewest });
    });
    // each payment tier: a sum over persons of its own expression; amount = Σ tiers + Σ remainders, paid = Σ tiers
    f.tiers?.forEach((t, k) => item(`fondi.${f.name}.pagato.${t.name}`, `fondo «${f.label ?? f.name}»: ${t.label ?? t.name}`, [sumFact(fd.tiers![k].expr, all, (i) => t.perPerson[i])]));
    const tierIds = (f.tiers ?? []).map((t) => `fondi.${f.name}.pagato.${t.name}`);
    if (tierIds.length) dc.addIdentity([`fondi.${f.name}.erogato`, ...tierIds], [f.paid, ...f.tiers!.map((t) => t.amount)].map((x) => x.abs().toNumber()));
    if (!f.allocation) dc.addIdentity([`fondi.${f.name}.stanziato`, `fondi.${f.name}.erogato`, ...fd.remainders.map((r) => `fondi.${f.name}.resti.${r.name}`)],
      [f.amount, f.paid, ...f.remainders.map((r) => r.amount)].map((x) => x.abs().toNumber()));
    if (!f.allocation && tierIds.length) dc.addIdentity([`fondi.${f.name}.stanziato`, ...tierIds, ...fd.remainders.map((r) => `fondi.${f.name}.resti.${r.name}`)],
      [f.amount, ...f.tiers!.map((t) => t.amount), ...f.remainders.map((r) => r.amount)].map((x) => x.abs().toNumber()));
    const paid = all.filter((i) => f.perPerson[i].gt(0));
    if (paid.length) {
      const facts = [countFact(paid), sumFact(fd.paid, paid, (i) => f.perPerson[i])];
      item(`fondi.${f.name}.beneficiari`, `fondo «${f.label ?? f.name}»: beneficiari`, [facts[0]], { isCount: true });
      item(`fondi.${f.name}.distribuzione`, `fondo «${f.label ?? f.name}»: importi`, facts);
    }
  }
  const allocations = dedupeAllocations(run);
  for (const a of allocations) {
    // each figure its own cell: withholding how many persons the group has need not hide where the cents went
    const id = `ripartizioni.${a.rule}.${a.group}`;
    const label = `ripartizione «${a.rule}» (${a.group})`;
    const whole = { wholeGroup: a.group.startsWith('u:') && smallUnit(a.group.slice(2)) };
    item(`${id}.persone`, `${label}: persone`, [countFact(a.members)], { isCount: true, ...whole });
    item(`${id}.beneficiari`, `${label}: beneficiari`, [countFact(a.recipientIdx)], { isCount: true, ...whole });
    item(`${id}.importo`, `${label}: importi`, [sumFact({ val: a.rule }, a.members, (i) => ev.num(ev.value(a.rule, { level: 'persona', p: i })))], whole);
  }
  const prot = dc.protect();
  if (prot.failures.length) throw new DisclosureError(ir.id, prot.failures);
  const hidden = (id: string) => prot.withheld.has(id);
  const show = (id: string, n: number): Cell => (hidden(id) ? WITHHELD : n);

  // ---- the public report, built from what may be shown ----
  const binHidden = (x: Dec) => {
    const k = bins.findIndex((b, i) => (x.gte(b.da) && x.lt(b.a)) || (i === bins.length - 1 && x.gte(b.da)));
    return k < 0 || hidden(`statistiche.distribuzione_punteggi.${k}`);
  };
  const stats: ReportJson['statistiche'] = {
    persone: show('statistiche.persone', persons.length),
    ammessi: show('statistiche.ammessi', eligible.length),
    requisiti: ir.decls.some((d) => d.kind === 'gate'),
    fasce: [],
    distribuzione_punteggi: bins.map((b, k) => ({ da: b.da.toFixed(), a: b.a.toFixed(), persone: show(`statistiche.distribuzione_punteggi.${k}`, b.n) })),
    soppressione: `dati riferiti a meno di ${SUPPRESS_BELOW} persone, e quelli da cui si potrebbero ricavare, non pubblicati («${WITHHELD}»); minimo e massimo solo con almeno 5 persone`,
  };
  if (scored && totals.length) {
    const lo = minOf(totals), hi = maxOf(totals);
    // an extreme is one person's score: shown only among 5 or more, and only when its histogram bin is shown
    const extremes = totals.length >= 5;
    stats.punteggio = {
      minimo: extremes && !binHidden(lo) ? lo.toDecimalPlaces(2).toFixed() : '',
      medio: hidden('statistiche.punteggio.medio') ? '' : totals.reduce((s, x) => s.plus(x), new D(0)).div(totals.length).toDecimalPlaces(2).toFixed(),
      massimo: extremes && !binHidden(hi) ? hi.toDecimalPlaces(2).toFixed() : '',
    };
  }
  for (const b of bandDecls) {
    const labels = bandLabels.get(b.name)!;
    const names = b.type?.values ?? [];
    const conteggi = Object.fromEntries(names.map((n) => [n, show(`fasce.${b.name}.${n}`, all.filter((i) => labels[i] === n).length)]));
    const perUnit: Record<string, Record<string, Cell>> = Object.create(null);
    for (const u of run.units) perUnit[u] = Object.fromEntries(names.map((n) => [n, show(`fasce.${b.name}.${u}.${n}`, unitMembers.get(u)!.filter((i) => labels[i] === n).length)]));
    stats.fasce.push({ nome: b.name, titolo: b.label, conta: 'tutte le persone valutate, ammesse o no', conteggi, per_unita: perUnit });
  }
  return {
    scheda: ir.id, titolo: ir.title, anno: ir.year, ente: ir.entity, fonti: ir.sources,
    ...(ir.variant ? { variante: { nome: ir.variant.name, ...(ir.variant.label !== undefined ? { etichetta: ir.variant.label } : {}) } } : {}),
    prospetti: ir.reports.map((r) => ({
      nome: r.name, titolo: r.label,
      ...(r.twoWay ? { per: r.per, due_entrate: twoWayJson(run, r, hidden, WITHHELD) } : r.per ? perRowReport(run, r, hidden) : {}),
      righe: r.rows.map((name) => {
        const d = decl(name)!;
        const v = ev.value(name, { level: 'ente' });
        const off = hidden(`prospetti.${r.name}.${name}`);
        return { nome: name, etichetta: d.label, valore: off ? null : jsonValue(v), unita: d.type?.unit, testo: off ? WITHHELD : display(v, d.type), riga: d.line };
      }),
    })),
    funds: run.funds.map((f) => {
      const off = (what: string) => hidden(`fondi.${f.name}.${what}`);
      return {
        name: f.name, label: f.label, amount: off('stanziato') ? WITHHELD : f.amount.toFixed(2), paid: off('erogato') ? WITHHELD : f.paid.toFixed(2),
        remainders: Object.fromEntries(f.remainders.map((r) => [r.name, off(`resti.${r.name}`) ? WITHHELD : r.amount.toFixed(2)])),
        remainder_labels: Object.fromEntries(f.remainders.map((r) => [r.name, r.label ?? r.name])),
        ...(f.tiers ? {
          tiers: Object.fromEntries(f.tiers.map((t) => [t.name, off(`pagato.${t.name}`) ? WITHHELD : t.amount.toFixed(2)])),
          tier_labels: Object.fromEntries(f.tiers.map((t) => [t.name, t.label ?? t.name])),
        } : {}),
        distribuzione: payDistribution(f.perPerson, off('beneficiari'), off('distribuzione')),
        // derived from the amounts above: shown only when none of them is withheld
        ...(f.allocation ? {
          stanziamento: [off('stanziato'), off('erogato'), ...f.remainders.map((r) => off(`resti.${r.name}`)), ...(f.tiers ?? []).map((t) => off(`pagato.${t.name}`))].some((x) => x)
            ? { non_speso: WITHHELD, oltre: WITHHELD }
            : { non_speso: D.max(f.unspent!, 0).toFixed(2), oltre: D.max(f.unspent!.neg(), 0).toFixed(2) },
        } : {}),
      };
    }),
    vincoli: ir.constraints.map((c) => {
      const f = run.findings.find((x) => x.kind === 'vincolo' && x.line === c.line);
      const per = c.per === 'persona' ? 'persona' : c.per === 'unit' ? ir.unit ?? 'unit' : c.per === 'table' ? c.table! : 'ente';
      const su = c.per === 'persona' ? persons.length : c.per === 'unit' ? run.units.length : c.per === 'table' ? (run.pop.tables.get(c.table!) ?? []).length : 1;
      return {
        etichetta: c.label ?? '', per, gravita: c.severity === 'warning' ? 'avviso' as const : 'errore' as const, rispettato: !f,
        non_rispettato_da: f ? publicCount(f, SUPPRESS_BELOW, ir.lang) : 0, su, fonti: c.sources ?? [], riga: c.line,
      };
    }),
    avvisi: [...run.findings.map((f) => `${headline(f, ir.lang, publicCount(f, SUPPRESS_BELOW, ir.lang), ir)}.`), ...warnings(run)],
    ripartizioni: allocations.map((a) => {
      const id = `ripartizioni.${a.rule}.${a.group}`;
      const money = !hidden(`${id}.importo`);
      return {
        regola: a.rule, gruppo: a.group,
        importo: money ? a.pot.toFixed(2) : WITHHELD,
        persone: show(`${id}.persone`, a.persons),
        beneficiari: show(`${id}.beneficiari`, a.recipients),
        quote_al_centesimo_inferiore: money ? a.floorTotal.toFixed(2) : WITHHELD,
        centesimi_assegnati_con_la_regola_di_parita: money ? a.extraCents : WITHHELD,
      };
    }),
    statistiche: stats,
    soppressioni: prot.list.map((w) => ({
      cella: w.id, descrizione: w.label,
      motivo: w.reason === 'unità piccola' ? `unità con meno di ${SUPPRESS_BELOW} persone: non pubblicata` : `riservatezza: riferito a meno di ${SUPPRESS_BELOW} persone, o da non pubblicare perché lo permetterebbe di ricavare`,
    })),
  };
}

function minOf(xs: Dec[]): Dec {
  let m = xs[0];
  for (const x of xs) if (x.lt(m)) m = x;
  return m;
}
function maxOf(xs: Dec[]): Dec {
  let m = xs[0];
  for (const x of xs) if (x.gt(m)) m = x;
  return m;
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

function payDistribution(perPerson: Dec[], countOff: boolean, amountsOff: boolean): ReportJson['funds'][number]['distribuzione'] {
  const paid = perPerson.filter((x) => x.gt(0));
  if (paid.length === 0) return null;
  const sum = paid.reduce((a, x) => a.plus(x), new D(0));
  // minimum and maximum are one person's amount each: only among 5 or more recipients
  const extremes = paid.length >= 5 && !amountsOff;
  return {
    beneficiari: countOff ? WITHHELD : paid.length,
    minimo: extremes ? minOf(paid).toFixed(2) : '',
    medio: amountsOff ? '' : sum.div(paid.length).toDecimalPlaces(2).toFixed(2),
    massimo: extremes ? maxOf(paid).toFixed(2) : '',
    gini: amountsOff ? '' : gini(paid).toDecimalPlaces(4).toFixed(4),
    importi_distinti: amountsOff ? WITHHELD : new Set(paid.map((x) => x.toFixed(2))).size,
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

function perRowReport(run: SchemeRun, r: IrScheme['reports'][number], hidden: (id: string) => boolean) {
  const cols = r.columns ?? [];
  const cell = (id: string, v: V, t: IrType | undefined) => (hidden(id) ? { valore: null, testo: WITHHELD } : { valore: jsonValue(v), testo: display(v, t) });
  if (r.perUnit) {
    // one row per unit, led by the unit's code
    return {
      per: r.per,
      colonne: [{ nome: r.per!, etichetta: r.per!, unita: undefined }, ...cols.map((c) => ({ nome: c.name, etichetta: c.label, unita: c.type?.unit }))],
      tabella: run.units.map((u) => {
        const cells = cols.map((c) => cell(`prospetti.${r.name}.${u}.${c.name}`, run.ev.evaluate(c.expr, { scope: { level: 'unit', unit: u } }), c.type));
        return { valori: [u, ...cells.map((x) => x.valore)], testi: [u, ...cells.map((x) => x.testo)] };
      }),
    };
  }
  const rows = run.pop.tables.get(r.per!) ?? [];
  return {
    per: r.per,
    colonne: cols.map((c) => ({ nome: c.name, etichetta: c.label, unita: c.type?.unit })),
    tabella: rows.map((row, k) => {
      const cells = cols.map((c) => cell(`prospetti.${r.name}.${k}.${c.name}`, run.ev.evaluate(c.expr, { scope: { level: 'ente' }, rows: { [r.per!]: row } }), c.type));
      return { valori: cells.map((x) => x.valore), testi: cells.map((x) => x.testo) };
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
/** results.json's entry for person `i` of the run (its key, unit and values). */
export function resultPerson(run: SchemeRun, i: number, personDecls = personColumns(run.ir)) {
  const p = run.pop.persons[i];
  return { chiave: p.key, unita: p.unit ?? null, valori: Object.fromEntries(personDecls.map((d) => [d.name, jsonValue(run.ev.value(d.name, { level: 'persona', p: i }), d.type)])) };
}

/** results.json as an object; `persons: false` leaves `persone` empty (written one by one with `resultPerson`). */
export function buildResults(run: SchemeRun, o: { persons?: boolean } = {}) {
  const { ir, ev } = run;
  const personDecls = personColumns(ir);
  return {
    scheda: ir.id, anno: ir.year,
    ...(ir.variant ? { variante: { nome: ir.variant.name, ...(ir.variant.label !== undefined ? { etichetta: ir.variant.label } : {}) } } : {}),
    ente: Object.fromEntries(ir.decls.filter((d) => d.level === 'ente' && d.kind !== 'report').map((d) => [d.name, jsonValue(ev.value(d.name, { level: 'ente' }), d.type)])),
    unita: Object.fromEntries(run.units.map((u) => [u, Object.fromEntries(ir.decls.filter((d) => d.level === 'unit').map((d) => [d.name, jsonValue(ev.value(d.name, { level: 'unit', unit: u }), d.type)]))])),
    persone: o.persons === false ? [] : run.pop.persons.map((_, i) => resultPerson(run, i, personDecls)),
    // funds paid in several tiers: what each tier paid, and the remainders (amount = Σ tiers + Σ remainders)
    ...(run.funds.some((f) => f.tiers) ? {
      fondi: Object.fromEntries(run.funds.filter((f) => f.tiers).map((f) => [f.name, {
        importo: f.amount.toFixed(2), pagato: f.paid.toFixed(2),
        livelli: Object.fromEntries(f.tiers!.map((t) => [t.name, { etichetta: t.label ?? t.name, importo: t.amount.toFixed(2) }])),
        resti: Object.fromEntries(f.remainders.map((r) => [r.name, r.amount.toFixed(2)])),
      }])),
    } : {}),
    // private: who fails each warning, by name (the public report has counts only)
    avvisi: run.findings.map((f) => ({
      tipo: f.kind, gravita: f.severity === 'warning' ? 'avviso' : 'errore', etichetta: f.label, riga: f.line, quanti: f.failing, su: f.of,
      testo: describeFinding({ ...f, who: [] }, ir.lang, ir).join(' ').replace(/:\s*$/, ''),
      chi: f.who.map((w) => ({ chi: w.key, motivo: w.why })),
    })),
  };
}

export type { IrScheme };

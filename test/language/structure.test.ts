// Structure, hardened by real schemes (issue 7, "Structure"): maxima that depend on a person's category (checked
// category by category, over-maximum naming the person), the total rounded before bands, funds paid in several
// named tiers (each accounted for apart, conservation to the cent, under disclosure control), a default for
// mean/min/max over no rows, and an entity gate that switches a whole scheme off. Each: a year run on CSV data,
// Italian and English.
import { describe, expect, it } from 'vitest';
import { check, outputs, run } from './findings-helpers.ts';
import { explainPerson, explanationText } from '../../engine/explain.ts';
import { parse } from '../../engine/syntax/index.ts';
import { format } from '../../engine/format/format.ts';
import type { SchemeRun } from '../../engine/run/year.ts';
import type { V } from '../../engine/run/population.ts';

const errors = (text: string) => check(text).filter((d) => d.severity === 'error');
const codes = (text: string) => check(text).filter((d) => d.severity !== 'info').map((d) => d.code);
const show = (v: V) => (v !== null && typeof v === 'object' && 'toFixed' in v ? v.toFixed() : String(v));
/** Value `name` of every person of a run, by person key. */
const per = (r: SchemeRun, name: string) => Object.fromEntries(r.pop.persons.map((p, i) => [p.key, show(r.ev.value(name, { level: 'persona', p: i }))]));

/** fmt prints the scheme back as it reads it, in its own language and translated. */
function roundTrips(text: string) {
  const p = parse(text, 's.scheda');
  expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const same = format(p.ast!, p.ast!.lang);
  expect(format(parse(same, 's.scheda').ast!, p.ast!.lang)).toBe(same);
  const other = p.ast!.lang === 'it' ? 'en' : 'it';
  const translated = format(p.ast!, other);
  const back = parse(translated, 's.scheda');
  expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(format(back.ast!, p.ast!.lang)).toBe(same);
}

// ---------------------------------------------------------------- maxima per category

const CATEGORY_IT = `scheda s anno 2025 lingua it
dati persona {
  matricola: testo chiave
  categoria: uno_tra(B; C; D)
  p_obiettivi: punti da 0 a 100
  p_comportamenti: punti da 0 a 100
}
totale max 100 punti
voce obiettivi "Obiettivi" max (se categoria = D allora 40 punti altrimenti 30 punti) = p_obiettivi
sezione comportamenti "Comportamenti" max (se categoria = D allora 60 punti altrimenti 70 punti) {
  voce comportamenti_org max (scala categoria { D → 60 punti; altrimenti → 70 punti }) = p_comportamenti
}
calcola quota_obiettivi = obiettivi / massimo_voce(obiettivi)
`;

describe('maxima that depend on a person\'s category', () => {
  it('are checked category by category, and an item over its category maximum names the person (Italian, year run)', async () => {
    expect(codes(CATEGORY_IT)).toEqual([]);
    const r = await run(CATEGORY_IT, { 's-persone.csv': 'matricola;categoria;p_obiettivi;p_comportamenti\nP1;D;40;60\nP2;C;30;70\nP3;B;15;35\n' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const s = r.runs.get('s')!;
    expect(per(s, 'totale')).toEqual({ P1: '100', P2: '100', P3: '50' });
    expect(per(s, 'quota_obiettivi')).toEqual({ P1: '1', P2: '1', P3: '0.5' }); // massimo_voce reads the person's maximum
    // 35 is within D's 40 but over C's 30: the run stops naming the person and the maximum of their category
    const bad = await run(CATEGORY_IT, { 's-persone.csv': 'matricola;categoria;p_obiettivi;p_comportamenti\nP1;D;35;60\nP2;C;35;70\n' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => [p.person, p.message])).toEqual([['P2', 'la voce «obiettivi» vale 35, oltre il massimo di 30 punti']]);
  });

  it('a category whose maxima do not add up is an error naming the category; a maximum reading anything else is refused', () => {
    const wrongSection = CATEGORY_IT.replace('max (scala categoria { D → 60 punti; altrimenti → 70 punti })', 'max (scala categoria { D → 60 punti; B → 80 punti; altrimenti → 70 punti })');
    const d = errors(wrongSection);
    expect(d.map((x) => x.code)).toEqual(['item-max-exceeds-section-for']);
    expect(d[0].message).toBe('Per categoria = B le voci di «Comportamenti» valgono fino a 80 punti, più del massimo della sezione (70).');
    const wrongTotal = CATEGORY_IT.replace('allora 40 punti altrimenti 30 punti', 'allora 40 punti altrimenti se categoria = C allora 30 punti altrimenti 20 punti');
    expect(errors(wrongTotal).map((x) => [x.code, x.message])).toEqual([['total-max-mismatch-for', 'Per categoria = B le sezioni e le voci valgono in tutto 90 punti, ma il totale dichiarato è 100.']]);
    const notCategory = CATEGORY_IT.replace('max (se categoria = D allora 40 punti altrimenti 30 punti) = p_obiettivi', 'max (se p_comportamenti > 50 punti allora 40 punti altrimenti 30 punti) = p_obiettivi');
    expect(errors(notCategory).map((x) => x.code)).toEqual(['max-not-per-category']);
    // fixed maxima: the check is the one it always was
    expect(codes(CATEGORY_IT.replace(/max \(se categoria[^)]*\)/, 'max 30 punti').replace(/max \((scala|se)[^\n]*\) (=|\{)/g, 'max 70 punti $2'))).toEqual([]);
  });

  it('reads the same in English, with a yes/no category, and prints back in both languages', async () => {
    const en = `scheme s year 2025 language en
inputs person {
  id: text key
  manager: yes_no
  goals_in: points from 0 to 100
  conduct_in: points from 0 to 100
}
total max 100 points
item goals "Goals" max (if manager then 60 points else 40 points) = goals_in
item conduct "Conduct" max (if manager then 40 points else 60 points) clamped = conduct_in
`;
    expect(codes(en)).toEqual([]);
    roundTrips(en);
    roundTrips(CATEGORY_IT);
    const r = await run(en, { 's-persone.csv': 'id;manager;goals_in;conduct_in\nM1;sì;60;55\nS1;no;40;75\n' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(per(r.runs.get('s')!, 'conduct')).toEqual({ M1: '40', S1: '60' }); // clamped to the person's own maximum
    const over = await run(en, { 's-persone.csv': 'id;manager;goals_in;conduct_in\nM1;sì;60;40\nS1;no;45;60\n' });
    expect(over.ok ? [] : over.problems.map((p) => [p.person, p.message])).toEqual([['S1', 'item «goals» is 45, over its maximum of 40 points']]);
  });
});

// ---------------------------------------------------------------- rounding the total

const ROUNDED_IT = `scheda s anno 2025 lingua it
dati persona {
  matricola: testo chiave
  pa: punti da 0 a 50
  pb: punti da 0 a 50
}
totale max 100 punti arrotondando a 0 decimali
voce va max 50 punti = pa
voce vb max 50 punti = pb
fasce fascia su totale {
  alta "Alta" da 90 punti a 100 punti → 100%
  media "Media" da 60 punti a 89 punti → 60%
  bassa "Bassa" da 0 punti a 59 punti → 0%
}
calcola premio = 1.000,00 € * quota(fascia)
`;

describe('the total rounded before bands', () => {
  it('bands on the total see the rounded value, not a value between two rows (Italian, year run)', async () => {
    expect(codes(ROUNDED_IT)).toEqual([]); // rounded to whole points: the rows «da 60 a 89», «da 90» leave no gap
    expect(codes(ROUNDED_IT.replace(' arrotondando a 0 decimali', ''))).toEqual(['table-gap', 'table-gap']);
    const data = { 's-persone.csv': 'matricola;pa;pb\nP1;45;44,5\nP2;30;29,4\nP3;30;29,6\n' };
    const { run: s, results } = await outputs(ROUNDED_IT, data);
    expect(per(s, 'totale')).toEqual({ P1: '90', P2: '59', P3: '60' });
    expect(per(s, 'fascia')).toEqual({ P1: 'alta', P2: 'bassa', P3: 'media' });
    expect(per(s, 'premio')).toEqual({ P1: '1000', P2: '0', P3: '600' });
    expect(results.avvisi).toEqual([]); // no value between the rows' whole numbers
    // without the rounding, 89,5 and 59,4 fall between the rows: no band, and a warning
    const plain = await outputs(ROUNDED_IT.replace(' arrotondando a 0 decimali', ''), data);
    expect(per(plain.run, 'fascia')).toEqual({ P1: 'null', P2: 'null', P3: 'null' });
    expect(plain.results.avvisi.map((a: { tipo: string; quanti: number }) => [a.tipo, a.quanti])).toEqual([['fascia', 3]]);
  });

  it('rounds up or down on request, in English too; another word than «decimals» is an error', async () => {
    const en = ROUNDED_IT.replace('arrotondando a 0 decimali', 'arrotondando per difetto a 0 decimali');
    roundTrips(en);
    const down = await outputs(en, { 's-persone.csv': 'matricola;pa;pb\nP1;45;44,9\n' });
    expect(per(down.run, 'totale')).toEqual({ P1: '89' });
    const english = `scheme s year 2025 language en
inputs person {
  id: text key
  pa: points from 0 to 10
}
total max 10 points rounding upward to 1 decimals
item va max 10 points = pa
`;
    expect(codes(english)).toEqual([]);
    roundTrips(english);
    const up = await outputs(english, { 's-persone.csv': 'id;pa\nP1;7,21\nP2;7,2\n' });
    expect(per(up.run, 'totale')).toEqual({ P1: '7.3', P2: '7.2' });
    expect(errors(english.replace('1 decimals', '1 digits')).map((d) => d.code)).toEqual(['total-rounding-word']);
    expect(errors(english.replace('to 1 decimals', 'to 25 decimals')).map((d) => d.code)).toEqual(['round-decimals-out-of-range']);
  });
});

// ---------------------------------------------------------------- funds paid in tiers

const TIERS_IT = `scheda s anno 2025 lingua it
dati ente {
  risorse: euro
}
dati persona {
  matricola: testo chiave
  punti_in: punti da 0 a 100
}
totale max 100 punti
voce v max 100 punti = punti_in
calcola primo = se totale >= 60 punti allora 1.000,00 € altrimenti 0 €
calcola risparmi per ente = risorse - somma(primo)
calcola premio_eccellenza = ripartisci(risparmi / 2; se totale >= 90 punti allora totale altrimenti 0 punti)
parità: matricola crescente
fondo f "Fondo risorse decentrate" = risorse {
  pagato premio "Premio di risultato": primo
  pagato eccellenza "Secondo livello, dai risparmi": premio_eccellenza
  resto economie "Economie": risparmi - somma(premio_eccellenza)
}
`;
const TIERS_DATA = { 'ente.csv': 'nome;valore\nrisorse;10000\n', 's-persone.csv': 'matricola;punti_in\n' + Array.from({ length: 9 }, (_, i) => `P${i + 1};${[95, 92, 91, 80, 75, 70, 65, 50, 40][i]}`).join('\n') + '\n' };

describe('funds with several payment tiers and named remainders', () => {
  it('each tier is accounted for apart in the run, results.json, report.json and report.html; amount = Σ tiers + Σ remainders to the cent (Italian)', async () => {
    expect(codes(TIERS_IT)).toEqual([]);
    roundTrips(TIERS_IT);
    const { run: s, results, report } = await outputs(TIERS_IT, TIERS_DATA);
    const f = s.funds[0];
    expect(f.balanced).toBe(true);
    expect(f.tiers!.map((t) => [t.name, t.amount.toFixed(2)])).toEqual([['premio', '7000.00'], ['eccellenza', '1500.00']]);
    expect(f.paid.toFixed(2)).toBe('8500.00');
    expect(results.fondi.f).toEqual({
      importo: '10000.00', pagato: '8500.00',
      livelli: { premio: { etichetta: 'Premio di risultato', importo: '7000.00' }, eccellenza: { etichetta: 'Secondo livello, dai risparmi', importo: '1500.00' } },
      resti: { economie: '1500.00' },
    });
    const pub = report.funds[0];
    expect([pub.amount, pub.paid, pub.tiers, pub.remainders]).toEqual(['10000.00', '8500.00', { premio: '7000.00', eccellenza: '1500.00' }, { economie: '1500.00' }]);
    expect(pub.tier_labels).toEqual({ premio: 'Premio di risultato', eccellenza: 'Secondo livello, dai risparmi' });
    const { reportHtml } = await import('../../engine/report/html.ts');
    const html = reportHtml(report);
    expect(html).toContain('di cui Premio di risultato</td><td class="n">7.000,00 €');
    expect(html).toContain('di cui Secondo livello, dai risparmi</td><td class="n">1.500,00 €');
  });

  it('a tier paid to fewer than 3 persons is withheld, and so is a second member of the fund\'s identity', async () => {
    // the second tier goes to 2 persons only: its total is one of two persons' pay
    const two = TIERS_DATA['s-persone.csv'].replace('P3;91', 'P3;89');
    const { report } = await outputs(TIERS_IT, { ...TIERS_DATA, 's-persone.csv': two });
    const pub = report.funds[0];
    expect(pub.tiers.eccellenza).toBe('n.p.');
    // neither paid − first tier nor amount − first tier − remainders gives the second tier back
    expect([pub.paid, pub.tiers.premio]).toContain('n.p.');
    expect([pub.amount, pub.tiers.premio, pub.remainders.economie]).toContain('n.p.');
    expect(report.soppressioni.map((x: { cella: string }) => x.cella)).toContain('fondi.f.pagato.eccellenza');
  });

  it('reads the same in English; one unnamed `paid` line stays valid; several need names', async () => {
    const en = `scheme s year 2025 language en
inputs entity {
  pot: euro
}
inputs person {
  id: text key
  base: euro
  extra_in: euro
}
fund f "Pot" = pot {
  paid base_pay "Base": base
  paid extra "Extra": extra_in
  remainder left "Left": pot - sum(base) - sum(extra_in)
}
`;
    expect(codes(en)).toEqual([]);
    roundTrips(en);
    const { run: s, report } = await outputs(en, { 'ente.csv': 'nome;valore\npot;1000\n', 's-persone.csv': 'id;base;extra_in\nA;100;10\nB;200;20\nC;300;30\nD;100;0\n' });
    expect(s.funds[0].tiers!.map((t) => t.amount.toFixed(2))).toEqual(['700.00', '60.00']);
    expect(report.funds[0].tiers).toEqual({ base_pay: '700.00', extra: '60.00' });
    expect(report.funds[0].remainders).toEqual({ left: '240.00' });
    // a single unnamed `paid` line: as before, no tiers
    const single = await outputs(en.replace('  paid base_pay "Base": base\n  paid extra "Extra": extra_in\n', '  paid: base + extra_in\n'), { 'ente.csv': 'nome;valore\npot;1000\n', 's-persone.csv': 'id;base;extra_in\nA;100;10\nB;200;20\nC;300;30\n' });
    expect(single.run.funds[0].tiers).toBeUndefined();
    expect(single.report.funds[0].tiers).toBeUndefined();
    expect(errors(en.replace('paid base_pay "Base":', 'paid:')).map((d) => d.code)).toEqual(['fund-tier-unnamed']);
    expect(errors(en.replace('paid extra "Extra"', 'paid left "Extra"')).map((d) => d.code)).toEqual(['duplicate-name']);
    // a tier that does not balance: the message says what each tier paid
    const off = await run(en.replace('pot - sum(base) - sum(extra_in)', 'pot - sum(base)'), { 'ente.csv': 'nome;valore\npot;1000\n', 's-persone.csv': 'id;base;extra_in\nA;100;10\nB;200;20\nC;300;30\n' });
    expect(off.ok ? '' : off.problems[0].message).toContain('1000.00 € allocated, 660.00 € paid (Base 600.00 €; Extra 60.00 €)');
  });
});

// ---------------------------------------------------------------- aggregates over no rows

const EMPTY_IT = `scheda s anno 2025 lingua it
dati persona {
  matricola: testo chiave
  categoria: uno_tra(C; D)
  premio_in: euro
}
calcola media_d per ente = media(premio_in dove categoria = D; altrimenti 0 €)
calcola minimo_d per ente = minimo_di(premio_in dove categoria = D; altrimenti 0 €)
calcola massimo_c per ente = massimo_di(premio_in dove categoria = C; altrimenti 0 €)
calcola scarto = premio_in - media_d
`;

describe('a default for mean, minimum and maximum over no rows', () => {
  it('`altrimenti` gives the value when nothing is selected; without it the run stops with a hint saying how (Italian, year run)', async () => {
    expect(codes(EMPTY_IT)).toEqual([]);
    roundTrips(EMPTY_IT);
    const { run: s } = await outputs(EMPTY_IT, { 's-persone.csv': 'matricola;categoria;premio_in\nA;C;100\nB;C;300\n' });
    expect(['media_d', 'minimo_d', 'massimo_c'].map((n) => show(s.ev.value(n, { level: 'ente' })))).toEqual(['0', '0', '300']);
    expect(per(s, 'scarto')).toEqual({ A: '100', B: '300' });
    const r = await run(EMPTY_IT.replace('dove categoria = D; altrimenti 0 €)', 'dove categoria = D)'), { 's-persone.csv': 'matricola;categoria;premio_in\nA;C;100\n' });
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual(['«media_d»: media, minimo o massimo di nessun valore (scrivi il valore per questo caso: «media(x dove c; altrimenti 0 €)»)']);
  });

  it('reads `otherwise` in English; the default has the aggregate\'s unit; sum and count need none', async () => {
    const en = `scheme s year 2025 language en
inputs person {
  id: text key
  score_in: points from 0 to 100
  manager: yes_no
}
compute mean_managers per entity = mean(score_in where manager, otherwise 50 points)
compute best_staff per entity = max_of(score_in where not manager, otherwise 0 points)
`;
    expect(codes(en)).toEqual([]);
    roundTrips(en);
    const { run: s } = await outputs(en, { 's-persone.csv': 'id;score_in;manager\nA;70;no\nB;80;no\n' });
    expect(show(s.ev.value('mean_managers', { level: 'ente' }))).toBe('50');
    expect(show(s.ev.value('best_staff', { level: 'ente' }))).toBe('80');
    expect(errors(en.replace('otherwise 50 points', 'otherwise 50 €')).map((d) => d.code)).toEqual(['unit-mismatch']);
    expect(errors(en.replace('mean(score_in where manager, otherwise 50 points)', 'sum(score_in where manager, otherwise 0 points)')).map((d) => d.code)).toEqual(['aggregate-default-not-here']);
  });
});

// ---------------------------------------------------------------- a scheme-level switch

const SWITCH_IT = `scheda s anno 2025 lingua it
dati ente {
  pareggio_bilancio: sì_no
}
dati persona {
  matricola: testo chiave
  punti_in: punti da 0 a 100
}
totale max 100 punti
voce v max 100 punti = punti_in
requisito ente bilancio "Equilibrio di bilancio raggiunto": pareggio_bilancio
  fonte "Regolamento, art. 5"
requisito soglia "Almeno 60 punti": totale >= 60 punti
calcola premio = se ammesso allora 500,00 € altrimenti 0 €
`;
const PERSONS = 'matricola;punti_in\nA;80\nB;70\nC;40\n';

describe('an entity gate switches a whole scheme off', () => {
  it('`requisito ente` false: nobody is admitted, with the reason in the run\'s warnings, results.json, report.json and explain (Italian)', async () => {
    expect(codes(SWITCH_IT)).toEqual([]);
    roundTrips(SWITCH_IT);
    const on = await outputs(SWITCH_IT, { 'ente.csv': 'nome;valore\npareggio_bilancio;sì\n', 's-persone.csv': PERSONS });
    expect(per(on.run, 'ammesso')).toEqual({ A: 'true', B: 'true', C: 'false' });
    expect(on.results.avvisi).toEqual([]);
    const off = await outputs(SWITCH_IT, { 'ente.csv': 'nome;valore\npareggio_bilancio;no\n', 's-persone.csv': PERSONS });
    expect(per(off.run, 'ammesso')).toEqual({ A: 'false', B: 'false', C: 'false' });
    expect(per(off.run, 'premio')).toEqual({ A: '0', B: '0', C: '0' });
    expect(off.results.ente.bilancio).toBe(false); // computed once, for the entity
    expect(off.results.avvisi.map((a: { tipo: string; testo: string }) => [a.tipo, a.testo])).toEqual([
      ['requisito', "Requisito dell'ente «Equilibrio di bilancio raggiunto» non soddisfatto: nessuno è ammesso (fonte: Regolamento, art. 5)"],
    ]);
    expect(off.report.avvisi).toEqual(["Requisito dell'ente «Equilibrio di bilancio raggiunto» non soddisfatto: nessuno è ammesso (fonte: Regolamento, art. 5)."]);
    const x = explanationText(explainPerson(off.run, 'A')!, 'it');
    expect(x).toMatch(/ammesso = no .*\n\s+legge: bilancio «Equilibrio di bilancio raggiunto» = no; soglia «Almeno 60 punti» = sì/); // values read carry their labels
  });

  it('reads `gate entity` in English; an entity gate cannot read a person\'s value', async () => {
    const en = `scheme s year 2025 language en
inputs entity {
  budget_balanced: yes_no
}
inputs person {
  id: text key
  pay_in: euro
}
gate entity balance "Budget balance objective met": budget_balanced
compute pay = if eligible then pay_in else 0 €
`;
    expect(codes(en)).toEqual([]);
    roundTrips(en);
    const off = await outputs(en, { 'ente.csv': 'nome;valore\nbudget_balanced;false\n', 's-persone.csv': 'id;pay_in\nA;100\nB;200\n' });
    expect(per(off.run, 'pay')).toEqual({ A: '0', B: '0' });
    expect(off.report.avvisi).toEqual(['Entity gate «Budget balance objective met» not met: nobody is eligible.']);
    expect(errors(en.replace(': budget_balanced', ': pay_in > 0 €')).map((d) => d.code)).toEqual(['level-mismatch']);
  });
});

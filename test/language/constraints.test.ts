// Constraints at every level (entity, unit, person, table row) with severity: a failure names who fails
// and why in plain words (CLI, results.json), the public report only counts; an error stops the run, a
// warning lets it run. Funds that are allocations, not pots: spending above them is a warning.
import { describe, expect, it } from 'vitest';
import { check, cli, outputs, run } from './findings-helpers.ts';

const IT = (constraint: string) => `scheda s "Prova" anno 2025 lingua it
unità ufficio "Ufficio"
dati persona {
  matricola: testo chiave
  ufficio: ufficio
  categoria: uno_tra(cat_a; cat_b)
  ore: numero da 0 a 500
}
tabella assenze per persona {
  matricola: testo
  giorni_assenza: giorni
}
calcola massimo_ore "Ore massime della categoria" = se categoria = cat_a allora 100 altrimenti 150
calcola addetti per ufficio = conta(matricola <> "")
${constraint}
parità: matricola crescente
`;

const EN = (constraint: string) => `scheme s "Test" year 2025 language en
unit office "Office"
inputs person {
  id: text key
  office: office
  grade: one_of(g1, g2)
  hours: number from 0 to 500
}
compute max_hours "Maximum hours of the grade" = if grade = g1 then 100 else 150
${constraint}
ties: id ascending
`;

const PERSONS_IT = 'matricola;ufficio;categoria;ore\nP1;U1;cat_a;120\nP2;U1;cat_b;120\nP3;U2;cat_a;90\nP4;U1;cat_a;130\n';
const PERSONS_EN = 'id;office;grade;hours\nP1;U1;g1;120\nP2;U1;g2;120\nP3;U2;g1;90\n';
const ABSENCES = 'matricola;giorni_assenza\nP1;10\nP2;40\n';

describe('constraints per person, unit and table row', () => {
  it('a per-person rule (an input below a category-dependent maximum) names the persons, with both sides in plain words', async () => {
    const r = await run(IT('vincolo per persona "Ore entro il massimo della categoria": ore <= massimo_ore\n  fonte "CCNL art. 1"'), { 's-persone.csv': PERSONS_IT, 's-assenze.csv': ABSENCES });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const msg = r.problems.map((p) => p.message).join('\n');
    expect(msg).toContain('da 2 persone su 4');
    expect(msg).toContain('P1: «ore» vale 120, ma dovrebbe essere al massimo 100 («massimo_ore»)');
    expect(msg).toContain('P4: «ore» vale 130');
    expect(msg).not.toContain('P2');
    expect(msg).not.toMatch(/è falso|==/);
    expect(msg).toContain('CCNL art. 1');
  });

  it('a warning lets the run go on: named persons in results.json, only counts in report.json', async () => {
    const o = await outputs(IT('vincolo per persona avviso "Ore entro il massimo": ore <= massimo_ore'), { 's-persone.csv': PERSONS_IT, 's-assenze.csv': ABSENCES });
    const w = o.results.avvisi.find((a: { tipo: string }) => a.tipo === 'vincolo');
    expect(w.chi.map((c: { chi: string }) => c.chi)).toEqual(['P1', 'P4']);
    const pub = JSON.stringify(o.report);
    expect(pub).not.toMatch(/P1|P4/);
    const v = o.report.vincoli.find((x: { etichetta: string }) => x.etichetta === 'Ore entro il massimo');
    expect(v).toMatchObject({ per: 'persona', gravita: 'avviso', rispettato: false, su: 4 });
    // 2 persons: fewer than the publication threshold, so the count itself is withheld
    expect(v.non_rispettato_da).toBe('meno di 3');
    expect(o.report.avvisi.some((a: string) => a.includes('Ore entro il massimo') && a.includes('meno di 3 persone'))).toBe(true);
  });

  it('per unit: the units that fail are named privately and counted publicly', async () => {
    const o = await outputs(IT('vincolo per ufficio avviso "Almeno due addetti": addetti >= 2'), { 's-persone.csv': PERSONS_IT, 's-assenze.csv': ABSENCES });
    const w = o.results.avvisi[0];
    expect(w.chi).toEqual([{ chi: 'U2', motivo: '«addetti» vale 1, ma dovrebbe essere almeno 2' }]);
    expect(o.report.vincoli[0]).toMatchObject({ per: 'ufficio', non_rispettato_da: 1, su: 2 });
  });

  it('per table row: each row is checked with its owner in scope, and named by row number and owner', async () => {
    const o = await outputs(IT('vincolo per assenze avviso "Assenze entro 30 giorni": assenze.giorni_assenza <= 30'), { 's-persone.csv': PERSONS_IT, 's-assenze.csv': ABSENCES });
    expect(o.results.avvisi[0].chi).toEqual([{ chi: 'riga 2 (P2)', motivo: '«assenze.giorni_assenza» vale 40, ma dovrebbe essere al massimo 30' }]);
    expect(JSON.stringify(o.report)).not.toContain('P2');
  });

  it('an entity-level constraint still stops the run as an error, with its values in plain words', async () => {
    const r = await run(IT('calcola totale_ore per ente = somma(ore)\nvincolo "Ore totali entro 400": totale_ore <= 400'), { 's-persone.csv': PERSONS_IT, 's-assenze.csv': ABSENCES });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toContain('«totale_ore» vale 460, ma dovrebbe essere al massimo 400');
  });

  it('English keywords: `constraint per person warning`, messages in English', async () => {
    const o = await outputs(EN('constraint per person warning "Hours within the grade maximum": hours <= max_hours'), { 's-persone.csv': PERSONS_EN });
    expect(o.results.avvisi[0].chi).toEqual([{ chi: 'P1', motivo: '«hours» is 120, but should be at most 100 («max_hours»)' }]);
    expect(o.report.avvisi[0]).toMatch(/^Constraint «Hours within the grade maximum» not met \(warning\) by fewer than 3 persons of 3/);
  });

  it('the CLI prints the named persons, capped at 10 with «… e altre N»', () => {
    const rows = Array.from({ length: 14 }, (_, i) => `Q${String(i).padStart(2, '0')};U1;cat_a;200`).join('\n');
    const r = cli(IT('vincolo per persona avviso "Ore entro il massimo": ore <= massimo_ore'), { 's-persone.csv': `matricola;ufficio;categoria;ore\n${rows}\n`, 's-assenze.csv': 'matricola;giorni_assenza\n' });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('Vincolo «Ore entro il massimo» non rispettato (avviso) da 14 persone su 14');
    expect(r.stdout).toContain('Q09: «ore» vale 200');
    expect(r.stdout).not.toContain('Q10:');
    expect(r.stdout).toContain('… e altre 4');
    expect(r.stdout).toContain('0 errori, 1 avviso');
    expect(r.file('report.json')).not.toContain('Q0');
    expect(r.file('results.json')).toContain('"chi": "Q13"');
  });

  it('unknown words after `per` or in the severity slot are errors with a hint', () => {
    const a = check(IT('vincolo per uffici "x": vero'));
    expect(a.map((d) => d.code)).toContain('constraint-per-unknown');
    expect(a.find((d) => d.code === 'constraint-per-unknown')?.hint).toContain('ufficio');
    const b = check(IT('vincolo per persona avvisa "x": vero'));
    expect(b.map((d) => d.code)).toContain('constraint-severity-unknown');
  });

  it('a static constraint of warning severity is a warning at check time, not an error', () => {
    const d = check(IT('vincolo avviso "Soglia": 1 > 2'));
    const v = d.find((x) => x.code === 'constraint-violated-warning');
    expect(v?.severity).toBe('warning');
    expect(v?.message).toContain('il valore è 1, ma dovrebbe essere più di 2');
  });
});

describe('a fund that is an allocation, not a pot', () => {
  const scheme = (amount: string, kw = 'stanziati') => `scheda s "Prova" anno 2025 lingua it
dati persona {
  matricola: testo chiave
  ore: numero da 0 a 500
}
calcola compenso "Compenso orario" = ore * 10,00 €
fondo straordinari "Straordinari" = ${amount} ${kw} {
  pagato: compenso
}
`;
  const persons = 'matricola;ore\nP1;40\nP2;30\nP3;50\n';

  it('spending above the allocation is a reported warning, in the CLI and report, and no «quadrati al centesimo»', () => {
    const r = cli(scheme('1000,00 €'), { 's-persone.csv': persons });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('stanziamento Straordinari 1000.00 €: spesi 1200.00 € (200.00 € oltre lo stanziamento)');
    expect(r.stdout).not.toContain('quadrati al centesimo');
    expect(r.stdout).toContain('Spesa oltre lo stanziamento «Straordinari»');
    const rep = JSON.parse(r.file('report.json'));
    expect(rep.funds[0].stanziamento).toEqual({ non_speso: '0.00', oltre: '200.00' });
    expect(rep.avvisi).toContain('Spesa oltre lo stanziamento «Straordinari».');
  });

  it('spending below it leaves the rest unspent, with no warning', async () => {
    const o = await outputs(scheme('2000,00 €'), { 's-persone.csv': persons });
    expect(o.report.funds[0].stanziamento).toEqual({ non_speso: '800.00', oltre: '0.00' });
    expect(o.report.avvisi).toEqual([]);
  });

  it('without the word, the same fund must balance: the run stops and the message says how to declare an allocation', async () => {
    const r = await run(scheme('1000,00 €', ''), { 's-persone.csv': persons });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toContain('stanziati');
  });

  it('English: `fund F "label" = amount allocated { paid: … }`', async () => {
    const en = `scheme s "Test" year 2025 language en
inputs person {
  id: text key
  hours: number from 0 to 500
}
compute pay = hours * 10.00 €
fund overtime "Overtime" = 1000.00 € allocated {
  paid: pay
}
`;
    const o = await outputs(en, { 's-persone.csv': 'id;hours\nP1;40\nP2;30\nP3;50\n' });
    expect(o.report.avvisi).toContain('Spending above the allocation «Overtime».');
  });

  it('an unknown word after the amount is an error with a hint', () => {
    const d = check(scheme('1000,00 €', 'stanziamenti'));
    expect(d.find((x) => x.code === 'fund-kind-unknown')?.hint).toContain('stanziati');
  });
});

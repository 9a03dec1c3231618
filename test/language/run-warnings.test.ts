// Run-time warnings: a value that falls in no row of a band table (no band, nothing paid) is named, not
// silent; a top-score pick with no cap warns at check time, and a `migliori` cut decided only by the person
// key warns at run time; one bad input gives one error, naming only that person.
import { describe, expect, it } from 'vitest';
import { check, cli, outputs, run } from './findings-helpers.ts';

const bands = (lang: 'it' | 'en') => lang === 'it'
  ? `scheda s "Prova" anno 2025 lingua it
dati persona {
  matricola: testo chiave
  punti_in: punti da 0 a 100
}
totale max 100 punti
voce v "Valutazione" max 100 punti = punti_in
fasce fascia "Fasce" su totale {
  alta da 80 a 100 → 100%
  media da 50 a 79 → 50%
}
  nota "Sotto 50 nessuna fascia: lettura scelta per la prova."
calcola premio = quota(fascia) * 1000,00 €
parità: matricola crescente
`
  : `scheme s "Test" year 2025 language en
inputs person {
  id: text key
  score_in: points from 0 to 100
}
total max 100 points
item v "Rating" max 100 points = score_in
bands band "Bands" on total {
  high from 80 to 100 → 100%
  mid from 50 to 79 → 50%
}
compute pay = share(band) * 1000.00 €
ties: id ascending
`;

describe('values in no row of a band table', () => {
  it('are named in results.json and counted (withheld when few) in report.json', async () => {
    const o = await outputs(bands('it'), { 's-persone.csv': 'matricola;punti_in\nP1;90\nP2;40\nP3;60\nP4;79.5\n' });
    const w = o.results.avvisi.find((a: { tipo: string }) => a.tipo === 'fascia');
    expect(w.chi).toEqual([{ chi: 'P2', motivo: 'totale 40' }, { chi: 'P4', motivo: 'totale 79,5' }]);
    expect(o.report.avvisi.join(' ')).toContain('Meno di 3 persone hanno un valore che non ricade in nessuna riga delle fasce «Fasce»');
    expect(JSON.stringify(o.report)).not.toMatch(/P2|P4/);
  });

  it('are printed by the CLI with the persons, in the scheme\'s language', () => {
    const r = cli(bands('en'), { 's-persone.csv': 'id;score_in\nP1;90\nP2;40\nP3;60\n' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('1 person has a value that falls in no row of bands «Bands»');
    expect(r.stdout).toContain('P2: total 40');
    expect(r.stdout).toContain('0 errors, 1 warning');
  });

  it('give no warning when every value has a band', async () => {
    const o = await outputs(bands('it'), { 's-persone.csv': 'matricola;punti_in\nP1;90\nP2;55\nP3;60\n' });
    expect(o.results.avvisi).toEqual([]);
  });
});

describe('top-score bonuses', () => {
  const top = (cap: string) => `scheda s "Prova" anno 2025 lingua it
dati persona {
  matricola: testo chiave
  punti_in: punti da 0 a 100
}
totale max 100 punti
voce v "Valutazione" max 100 punti = punti_in
calcola punteggio_massimo per ente = massimo_di(totale)
calcola migliore "Punteggio più alto" = totale = punteggio_massimo
calcola premio = ripartisci(1000,00 €; se migliore allora 1 altrimenti 0)
calcola premiati per ente = conta(migliore)
${cap}
parità: matricola crescente
`;

  it('everyone at the top score with no cap: a check-time warning that says how to cap it', () => {
    const d = check(top('')).find((x) => x.code === 'top-score-uncapped');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('«migliore»');
    expect(d?.hint).toContain('migliori N');
  });

  it('a constraint on the pick is a declared cap: no warning', () => {
    expect(check(top('vincolo avviso "Al più 2 premiati": conta(migliore) <= 2')).map((x) => x.code)).not.toContain('top-score-uncapped');
  });

  it('a `migliori` cut decided only by the person key is a run-time warning naming those left out', async () => {
    const scheme = `scheme s "Test" year 2025 language en
inputs person {
  id: text key
  score_in: points from 0 to 100
}
total max 100 points
item v "Rating" max 100 points = score_in
compute top "Top two" = best 2 by total
ties: total descending, id ascending
`;
    const o = await outputs(scheme, { 's-persone.csv': 'id;score_in\nP1;90\nP2;90\nP3;90\nP4;50\n' });
    const w = o.results.avvisi.find((a: { tipo: string }) => a.tipo === 'migliori');
    expect(w.chi).toEqual([{ chi: 'P3', motivo: 'tied with the last one taken (2 taken)' }]);
    expect(JSON.stringify(o.report)).not.toContain('P3');
    // a tie broken by a stated criterion (not the key) is no warning
    const o2 = await outputs(scheme, { 's-persone.csv': 'id;score_in\nP1;90\nP2;90\nP3;80\nP4;50\n' });
    expect(o2.results.avvisi).toEqual([]);
  });
});

describe('one bad input, one error', () => {
  const scheme = `scheme s "Repro" year 2025 language en
inputs person {
  id: text key
  score_in: points from 0 to 200
}
total max 100 points
item v "Score" max 100 points = score_in
compute pay = allocate(1000.00 €; total)
ties: id ascending
`;
  it('an item over its maximum read by an allocation is reported for that person only', async () => {
    const r = await run(scheme, { 's-persone.csv': 'id;score_in\nP1;150\nP2;50\nP3;60\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ person: 'P1', rule: 'v' });
  });

  it('an entity-level value that fails is reported once, not for every person', async () => {
    const s = `scheme s "Repro" year 2025 language en
inputs person {
  id: text key
  h: number from 0 to 10
}
compute zero per entity = sum(h) - sum(h)
compute rate per entity = 100.00 € / zero
compute pay = rate * h
ties: id ascending
`;
    const r = await run(s, { 's-persone.csv': 'id;h\nP1;1\nP2;2\nP3;3\n' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0].person).toBeUndefined();
      expect(r.problems[0].message).toBe('division by zero in «rate»');
    }
  });
});

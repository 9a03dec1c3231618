// Two-way report tables (`prospetto P per righe e colonne { … }`): rows × columns with margins, both keyword
// sets, rendered in report.json and report.html, under the disclosure control: an outsider who writes the
// table's row, column and grand totals as equations (integer linear programs, yalps) cannot narrow any
// withheld cell of one or two persons to fewer than 3 values.
import fc from 'fast-check';
import { solve, type Coefficients, type Constraint } from 'yalps';
import { describe, expect, it } from 'vitest';
import { check, outputs } from '../language/findings-helpers.ts';
import { reportHtml } from '../../engine/report/html.ts';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';

const IT = `scheda s "Prova" anno 2025 lingua it
unità settore
dati persona {
  matricola: testo chiave
  settore: settore
  livello: uno_tra(A; B; C)
  punti: punti da 0 a 100
  premio: euro
}
fasce fascia "Fasce" su punti {
  bassa da 0 sotto 50 → 0%
  media da 50 sotto 80 → 50%
  alta da 80 a 100 → 100%
}
parità: matricola crescente
prospetto incrocio "Persone per livello e fascia" per livello e fascia {
  persone "Persone" = conta(matricola)
  premi "Premi" = somma(premio)
  premio_medio "Premio medio" = media(premio)
}
`;

const EN = `scheme s "Test" year 2025 language en
unit sector
inputs person {
  id: text key
  sector: sector
  grade: one_of(A, B, C)
  score: points from 0 to 100
  bonus: euro
}
bands band "Bands" on score {
  low from 0 under 50 → 0%
  mid from 50 under 80 → 50%
  high from 80 to 100 → 100%
}
ties: id ascending
report cross "Persons by sector and grade" per sector and grade {
  persons "Persons" = count(id)
}
`;

const csv = (rows: [string, string, string, number, string][], en = false) =>
  (en ? 'id;sector;grade;score;bonus\n' : 'matricola;settore;livello;punti;premio\n') + rows.map((r) => r.join(';')).join('\n') + '\n';

type Grid = { righe: { etichetta: string; valori: unknown[] }[]; colonne: string[] };

/** The outsider: every cell an integer unknown ≥ 0 (withheld counts ≥ 1: zeros are published), rows and columns adding up. */
function attackGrid(g: Grid): Map<string, { lo: number; hi: number }> {
  const R = g.righe.length, C = g.colonne.length; // the last row and column are the totals
  const v = (r: number, c: number) => `x${r}_${c}`;
  const constraints = new Map<string, Constraint>();
  const vars = new Map<string, Map<string, number>>();
  const co = (x: string) => vars.get(x) ?? (vars.set(x, new Map()), vars.get(x)!);
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
    const val = g.righe[r].valori[c];
    const x = v(r, c);
    co(x);
    if (typeof val === 'number') { constraints.set(`p${x}`, { equal: val }); co(x).set(`p${x}`, 1); }
    else { constraints.set(`g${x}`, { min: 1 }); co(x).set(`g${x}`, 1); }
  }
  for (let r = 0; r < R; r++) { // Σ cells of row r − total = 0
    const k = `row${r}`; constraints.set(k, { equal: 0 });
    for (let c = 0; c < C - 1; c++) co(v(r, c)).set(k, 1);
    co(v(r, C - 1)).set(k, -1);
  }
  for (let c = 0; c < C; c++) {
    const k = `col${c}`; constraints.set(k, { equal: 0 });
    for (let r = 0; r < R - 1; r++) co(v(r, c)).set(k, 1);
    co(v(R - 1, c)).set(k, -1);
  }
  const out = new Map<string, { lo: number; hi: number }>();
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
    if (typeof g.righe[r].valori[c] === 'number') continue;
    const x = v(r, c);
    const variables = new Map<string, Coefficients>([...vars].map(([n, m]) => [n, new Map([...m, ...(n === x ? [['obj', 1] as [string, number]] : [])])]));
    const run = (direction: 'minimize' | 'maximize') => {
      const s = solve({ direction, objective: 'obj', constraints, variables, integers: true }, { maxPivots: 100000 });
      return s.status === 'optimal' ? s.result : s.status === 'unbounded' ? (direction === 'maximize' ? Infinity : -Infinity) : NaN;
    };
    out.set(`${r},${c}`, { lo: run('minimize'), hi: run('maximize') });
  }
  return out;
}

describe('two-way report tables', () => {
  it('parse, format and translate in both keyword sets', () => {
    const it1 = parse(IT, 's.scheda');
    const en = format(it1.ast, 'en');
    expect(en).toContain('report incrocio "Persone per livello e fascia" per livello and fascia {');
    expect(format(parse(en, 's.scheda').ast, 'it')).toBe(format(it1.ast, 'it'));
    expect(check(IT).filter((d) => d.severity === 'error')).toEqual([]);
    expect(check(EN).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuse a category that is not the unit or an enumeration, the same category twice, and a cell that is no count, sum or mean', () => {
    const bad = IT.replace('" per livello e fascia {', '" per punti e livello {').replace('persone "Persone" = conta(matricola)', 'persone "Persone" = massimo_di(premio)');
    const codes = check(bad).map((d) => d.code);
    expect(codes).toContain('two-way-category');
    expect(codes).toContain('two-way-cell');
    expect(check(IT.replace('" per livello e fascia {', '" per livello e livello {')).map((d) => d.code)).toContain('two-way-same');
    expect(check(IT).map((d) => d.code)).not.toContain('unused-input');
  });

  it('withhold a sum of 0,00 € over one or two persons (it says each got nothing), and publish one over three or more', async () => {
    const rows: [string, string, string, number, string][] = [];
    // level C: two persons in band «alta», both paid 0; level A: three persons in «bassa», all paid 0
    rows.push(['C1', 'S0', 'C', 90, '0'], ['C2', 'S1', 'C', 95, '0']);
    rows.push(['A1', 'S0', 'A', 10, '0'], ['A2', 'S1', 'A', 20, '0'], ['A3', 'S0', 'A', 30, '0']);
    for (let k = 0; k < 12; k++) rows.push([`B${k}`, `S${k % 2}`, 'B', 50 + k * 4, `${100 + 10 * k}`]);
    const o = await outputs(IT, { 's-persone.csv': csv(rows) });
    const sums = o.report.prospetti.find((x: { nome: string }) => x.nome === 'incrocio').due_entrate.tabelle[1];
    const cell = (r: string, c: string) => sums.righe.find((x: { etichetta: string }) => x.etichetta === r).valori[sums.colonne.indexOf(c)];
    expect(cell('C', 'alta')).toBeNull();
    expect(cell('A', 'bassa')).toBe('0.00');
  });

  it('have rows and columns in declared order, row and column totals and a grand total (report.json and report.html)', async () => {
    const rows: [string, string, string, number, string][] = [];
    for (let k = 0; k < 24; k++) rows.push([`P${String(k).padStart(2, '0')}`, `S${k % 2}`, 'ABC'[k % 3], (k * 37) % 101, `${100 + k}`]);
    const o = await outputs(IT, { 's-persone.csv': csv(rows) });
    const p = o.report.prospetti.find((x: { nome: string }) => x.nome === 'incrocio');
    const t = p.due_entrate;
    expect(t.righe_per).toBe('livello');
    expect(t.colonne_per).toBe('fascia');
    const g = t.tabelle[0];
    expect(g.colonne).toEqual(['bassa', 'media', 'alta', 'Totale']);
    expect(g.righe.map((r: { etichetta: string }) => r.etichetta)).toEqual(['A', 'B', 'C', 'Totale']);
    // the grand total is everyone; shown cells agree with a count from the data
    expect(g.righe[3].valori[3]).toBe(24);
    const band = (s: number) => (s < 50 ? 0 : s < 80 ? 1 : 2);
    g.righe.slice(0, 3).forEach((r: { valori: unknown[] }, i: number) => r.valori.slice(0, 3).forEach((v, j) => {
      if (v !== null) expect(v).toBe(rows.filter((x) => x[2] === 'ABC'[i] && band(x[3]) === j).length);
    }));
    const sums = t.tabelle[1];
    expect(sums.cella).toBe('somma');
    if (sums.righe[3].valori[3] !== null) expect(sums.righe[3].valori[3]).toBe(rows.reduce((s, r) => s + Number(r[4]), 0).toFixed(2));
    const html = reportHtml(o.report);
    expect(html).toContain('Persone per livello e fascia: Persone (livello × fascia)');
    expect(html).toContain('<th>Totale</th>');
  });

  it('withhold small cells so that no withheld cell is recoverable from the margins (an outsider\'s integer programs)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C'), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1 })), { minLength: 6, maxLength: 30 }),
      async (people) => {
        const rows = people.map(([g, s, u], k): [string, string, string, number, string] => [`P${k}`, `S${u}`, g, s, '100']);
        const o = await outputs(IT, { 's-persone.csv': csv(rows) });
        const g: Grid = o.report.prospetti.find((x: { nome: string }) => x.nome === 'incrocio').due_entrate.tabelle[0];
        const band = (s: number) => (s < 50 ? 0 : s < 80 ? 1 : 2);
        const truth = (r: number, c: number) => rows.filter((x) => (r === 3 || x[2] === 'ABC'[r]) && (c === 3 || band(x[3]) === c)).length;
        for (const [rc, { lo, hi }] of attackGrid(g)) {
          const [r, c] = rc.split(',').map(Number);
          const t = truth(r, c);
          expect(lo <= t && t <= hi, `cell ${rc} = ${t} outside [${lo}, ${hi}]`).toBe(true);
          if (t > 0 && t < 3) expect(hi - lo, `cell ${rc} (${t} persons) narrowed to [${lo}, ${hi}]`).toBeGreaterThanOrEqual(2);
        }
        // every shown cell of fewer than 3 persons would be a disclosure
        g.righe.forEach((row, r) => row.valori.forEach((v, c) => { if (typeof v === 'number' && v > 0) expect(v, `cell ${r},${c}`).toBeGreaterThanOrEqual(3); }));
      },
    ), { numRuns: 25, seed: 8_4 });
  }, 240_000);

  it('run in English with the unit as rows', async () => {
    const rows: [string, string, string, number, string][] = [];
    for (let k = 0; k < 18; k++) rows.push([`E${k}`, `U${k % 3}`, 'ABC'[Math.floor(k / 6)], 60, '0']);
    const o = await outputs(EN, { 's-persone.csv': csv(rows, true) });
    const t = o.report.prospetti[0].due_entrate;
    expect(t.righe_per).toBe('sector');
    expect(t.tabelle[0].righe.map((r: { etichetta: string }) => r.etichetta)).toEqual(['U0', 'U1', 'U2', 'Totale']);
    expect(t.tabelle[0].righe[3].valori).toEqual([6, 6, 6, 18]);
  });
});

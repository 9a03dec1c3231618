// Outputs: run and explain messages in the scheme's language; correct plurals; money with two decimals in
// results.json, results.csv and examples; `totale`/`ammesso` columns only for schemes with a score / gates;
// `explain` shows units and every value it reads.
import { describe, expect, it } from 'vitest';
import { check, cli, outputs } from './findings-helpers.ts';
import { runExample } from '../../engine/run/examples.ts';
import { loadBundles } from '../../engine/pipeline.ts';
import { writeYear } from './findings-helpers.ts';

const NO_SCORE = `scheme s "Allowance" year 2025 language en
inputs person {
  id: text key
  base: euro
}
compute rate per entity = 10.91 €
compute pay "Allowance" = base + rate
ties: id ascending
`;

const SCORED = `scheda s "Prova" anno 2025 lingua it
dati persona {
  matricola: testo chiave
  punti_in: punti da 0 a 100
  servizio: mesi da 0 a 12
}
totale max 100 punti
voce v "Valutazione" max 100 punti = punti_in
requisito sei_mesi "Almeno 6 mesi": servizio >= 6 mesi
fasce fascia su totale {
  alta da 50 a 100 → 100%
  bassa sotto 50 → 50%
}
calcola premio "Premio" = quota(fascia) * 1000,00 €
parità: matricola crescente
`;

describe('money and columns', () => {
  it('money has two decimals in results.json and results.csv; a scheme without score or gates has no totale/ammesso', () => {
    const r = cli(NO_SCORE, { 's-persone.csv': 'id;base\nP1;1080.09\nP2;1974.71\n' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const res = JSON.parse(r.file('results.json'));
    expect(res.persone[0].valori).toEqual({ pay: '1091.00' });
    expect(res.persone[1].valori.pay).toBe('1985.62');
    expect(res.ente.rate).toBe('10.91');
    const csv = r.file('results.csv').split('\n');
    expect(csv[0]).toBe('id;unit;pay');
    expect(csv[1]).toBe('P1;;1091.00');
  });

  it('a scheme with a score and gates keeps totale and ammesso', async () => {
    const o = await outputs(SCORED, { 's-persone.csv': 'matricola;punti_in;servizio\nP1;60;12\nP2;40;12\nP3;70;3\n' });
    expect(Object.keys(o.results.persone[0].valori)).toEqual(expect.arrayContaining(['totale', 'ammesso', 'premio']));
    expect(o.results.persone[0].valori.premio).toBe('1000.00');
    expect(o.results.persone[1].valori.premio).toBe('500.00');
  });

  it('an example\'s failure shows money with two decimals', () => {
    const scheme = NO_SCORE + `example "Wrong on purpose" {
  given base = 1080.09 €
  expect pay = 1091.5 €
}
`;
    const y = writeYear(scheme, {});
    const [{ bundle }] = loadBundles([y.rules]);
    const ir = bundle.irs.get('s')!;
    const out = runExample(ir, ir.examples[0]);
    expect(out.failures[0]).toMatchObject({ expected: '1091.50 €', actual: '1091.00 €' });
  });
});

describe('messages in the scheme\'s language, with correct plurals', () => {
  it('check counts «1 error, 0 warnings» in English and «0 errori, 1 avviso» in Italian', () => {
    const en = cli(NO_SCORE.replace('base + rate', 'bse + rate'), {}, 'check', '$RULES');
    expect(en.stdout.trimEnd().split('\n').at(-1)).toBe('1 error, 0 warnings');
    const it = cli(SCORED.replace('sotto 50', 'da 10 sotto 50'), {}, 'check', '$RULES');
    expect(it.stdout.trimEnd().split('\n').at(-1)).toBe('0 errori, 1 avviso');
  });

  it('run problems of an English scheme are in English, with a singular count', () => {
    const r = cli(NO_SCORE.replace('10.91 €', '10.91 € / (1 - 1)'), { 's-persone.csv': 'id;base\nP1;1080.09\n' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('division by zero in «rate»');
    expect(r.stdout).toContain('1 problem: nothing written');
    expect(r.stdout).not.toMatch(/problema|nessun file|persona /);
  });

  it('explain in English shows units and the values it reads', () => {
    const r = cli(NO_SCORE, { 's-persone.csv': 'id;base\nP1;1080.09\n' }, 'explain', '$RULES', '--data', '$DATA', '--person', 'P1');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Allowance [pay] = 1,091.00 €');
    expect(r.stdout).toContain('reads: input base = 1,080.09 €; rate = 10.91 €');
    const missing = cli(NO_SCORE, { 's-persone.csv': 'id;base\nP1;1080.09\n' }, 'explain', '$RULES', '--data', '$DATA', '--person', 'X9');
    expect(missing.stdout).toContain('person «X9» not found in the data');
  });

  it('explain in Italian shows points and the band a share reads', () => {
    const r = cli(SCORED, { 's-persone.csv': 'matricola;punti_in;servizio\nP1;60;12\n' }, 'explain', '$RULES', '--data', '$DATA', '--person', 'P1');
    expect(r.stdout).toContain('legge: v «Valutazione» = 60 punti'); // a value read carries its declared label
    expect(r.stdout).toMatch(/legge: fascia = alta/);
  });
});

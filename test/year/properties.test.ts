// Properties of a year run on small random datasets built in memory (fast-check): a tiny scheme written
// here (units, persons with a score and a list of presences, a fund split with `ripartisci`, a top-k
// `migliori` bonus, a percentage cut through `scala`, funds with `pagato` and `resto`) on random
// populations (1–40 persons, random units, scores with 2 decimals, pots in cents). Properties: every
// fund conserves to the cent; the order of the input persons changes nobody's results; explainPerson's
// figures are buildResults' values.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { IrScheme } from '../../engine/compile/ir.ts';
import { explainPerson, explanationText } from '../../engine/explain.ts';
import { buildBundle } from '../../engine/pipeline.ts';
import { buildReport, buildResults } from '../../engine/report/tables.ts';
import { resultsCsv } from '../../engine/report/csv.ts';
import { jsonValue } from '../../engine/report/values.ts';
import { D } from '../../engine/run/decimal.ts';
import { Evaluator } from '../../engine/run/evaluate.ts';
import type { Population, V } from '../../engine/run/population.ts';
import { runYear, type SchemeRun } from '../../engine/run/year.ts';
import { tempDir } from './helpers.ts';

const SCHEME = `scheda prova "Schema di prova" anno 2024 lingua it

unità reparto "Reparto"

dati reparto {
  codice: testo chiave
}

dati ente {
  fondo_base: euro "Fondo da ripartire"
  fondo_bonus: euro "Fondo per i migliori"
}

dati persona {
  matricola: testo chiave
  reparto: reparto
  punteggio: punti da 0 a 100
  presenze: lista di giorni
}

totale max 100 punti

voce valutazione "Valutazione" max 100 punti = punteggio

calcola mesi_pieni "Mesi con almeno 12 giorni" = conta(presenze dove presenze >= 12 giorni)

requisito presente "Almeno un mese": mesi_pieni >= 1
requisito sufficiente "Almeno 10 punti": totale >= 10 punti

parità: totale decrescente; mesi_pieni decrescente; matricola crescente

calcola vincitore "Tra i migliori del reparto" = migliori 25% per totale entro reparto tra ammesso arrotondando per eccesso

calcola peso_quota = se ammesso allora totale * mesi_pieni altrimenti 0

calcola quota_base "Quota del fondo base" = ripartisci(fondo_base; peso_quota)

calcola bonus "Bonus dei migliori" = ripartisci(fondo_bonus; se vincitore allora 1 altrimenti 0)

riduzione taglio "Taglio per punteggio" = scala totale {
  da 80 punti → 0%
  da 50 punti sotto 80 punti → 15%
  sotto 50 punti → 40%
}

calcola trattenuta "Trattenuta" = arrotonda(quota_base * taglio; 2)

calcola premio "Premio" = quota_base - trattenuta + bonus

calcola ammessi per ente = conta(ammesso)
calcola vincitori per ente = conta(vincitore)

fondo base "Fondo base" = fondo_base {
  pagato: quota_base
  resto nessun_ammesso "Nessun ammesso": se ammessi = 0 allora fondo_base altrimenti 0 €
}

fondo bonus_migliori "Fondo dei migliori" = fondo_bonus {
  pagato: bonus
  resto nessun_vincitore "Nessun vincitore": se vincitori = 0 allora fondo_bonus altrimenti 0 €
}

fondo complessivo "Fondo complessivo" = fondo_base + fondo_bonus {
  pagato: premio
  resto tagli "Trattenute per punteggio": somma(trattenuta)
  resto non_assegnato "Non assegnato": (se ammessi = 0 allora fondo_base altrimenti 0 €) + (se vincitori = 0 allora fondo_bonus altrimenti 0 €)
}

prospetto riepilogo "Riepilogo" {
  ammessi_r "Ammessi" = ammessi
  vincitori_r "Vincitori" = vincitori
  punteggio_medio "Punteggio medio" = se ammessi > 0 allora arrotonda(media(totale dove ammesso); 2) altrimenti 0 punti
}
`;

const tmp = tempDir('props');
afterAll(tmp.remove);

function compile(): IrScheme {
  const r = buildBundle([{ id: 'prova', file: 'prova.scheda', text: SCHEME }]);
  const problems = r.diagnostics.filter((d) => d.severity !== 'info');
  if (!r.ok || problems.length) throw new Error(problems.map((d) => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`).join('\n'));
  return r.irs.get('prova')!;
}
const IR = compile();
const PERSON_DECLS = IR.decls.filter((d) => d.level === 'persona').map((d) => d.name);
const ENTE_DECLS = IR.decls.filter((d) => d.level === 'ente' && d.kind !== 'report').map((d) => d.name);

// ---- random datasets ----

interface Person { key: string; unit: string; score: number; presences: number[] } // score in hundredths
interface Dataset { units: string[]; persons: Person[]; base: number; bonus: number } // pots in cents

const UNITS = ['R1', 'R2', 'R3', 'R4'];
const score = fc.oneof(
  fc.constantFrom(1000, 4999, 5000, 7550, 8000, 10000), // ties and the edges of the cut's rows
  fc.integer({ min: 0, max: 10000 }),
);
const dataset: fc.Arbitrary<Dataset> = fc
  .record({
    nUnits: fc.integer({ min: 1, max: 4 }),
    keys: fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 40, size: 'max' }),
    base: fc.integer({ min: 0, max: 100_000_000 }),
    bonus: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .chain(({ nUnits, keys, base, bonus }) =>
    fc.record({
      units: fc.constant(UNITS.slice(0, nUnits)),
      persons: fc.tuple(
        ...keys.map((k) =>
          fc.record({
            key: fc.constant(`M${String(k).padStart(3, '0')}`),
            unit: fc.constantFrom(...UNITS.slice(0, nUnits)),
            score,
            presences: fc.array(fc.oneof(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 31 })), { minLength: 1, maxLength: 12, size: 'max' }),
          }),
        ),
      ),
      base: fc.constant(base),
      bonus: fc.constant(bonus),
    }),
  );

const cents = (n: number) => new D(n).div(100);
const itCents = (n: number) => cents(n).toFixed(2).replace('.', ',');

/** Writes the dataset as the CSV files a data folder holds, persons in the given order. */
function writeCsv(dir: string, d: Dataset, persons = d.persons) {
  writeFileSync(join(dir, 'ente.csv'), `nome;valore\nfondo_base;${itCents(d.base)}\nfondo_bonus;${itCents(d.bonus)}\n`);
  writeFileSync(join(dir, 'prova-reparto.csv'), ['codice', ...d.units].join('\n') + '\n');
  const rows = persons.map((p) => [p.key, p.unit, itCents(p.score), p.presences.join('|')].join(';'));
  writeFileSync(join(dir, 'prova-persone.csv'), ['matricola;reparto;punteggio;presenze', ...rows].join('\n') + '\n');
}

let runs = 0;
async function runOn(d: Dataset, persons = d.persons): Promise<SchemeRun> {
  const dir = join(tmp.dir, `run-${++runs}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeCsv(dir, d, persons);
  const r = await runYear(new Map([['prova', IR]]), ['prova'], dir);
  rmSync(dir, { recursive: true, force: true });
  if (!r.ok) throw new Error(JSON.stringify([...r.dataErrors, ...r.problems]));
  return r.runs.get('prova')!;
}

/** A Population built directly, persons kept in the order given (not sorted by key). */
function population(d: Dataset, persons: Person[]): Population {
  return {
    ente: new Map<string, V>([['fondo_base', cents(d.base)], ['fondo_bonus', cents(d.bonus)]]),
    units: new Map(d.units.map((u) => [u, new Map<string, V>([['codice', u]])])),
    persons: persons.map((p) => ({
      key: p.key, unit: p.unit,
      inputs: new Map<string, V>([['matricola', p.key], ['reparto', p.unit], ['punteggio', cents(p.score)], ['presenze', p.presences.map((x) => new D(x))]]),
    })),
    tables: new Map(),
    ext: new Map(),
  };
}

/** Every per-person value by key, and every entity value, as JSON values. */
function valuesOf(ev: Evaluator, pop: Population) {
  const persons: Record<string, Record<string, unknown>> = {};
  pop.persons.forEach((p, i) => (persons[p.key] = Object.fromEntries(PERSON_DECLS.map((n) => [n, jsonValue(ev.value(n, { level: 'persona', p: i }))]))));
  const ente = Object.fromEntries(ENTE_DECLS.map((n) => [n, jsonValue(ev.value(n, { level: 'ente' }))]));
  return { persons, ente };
}

const permutation = (n: number) => fc.array(fc.nat(), { minLength: n, maxLength: n }).map((r) => r.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i));
const withPermutation = dataset.chain((d) => fc.tuple(fc.constant(d), permutation(d.persons.length)));

const RUNS = { numRuns: 100, seed: 20240 };

describe('properties of a year run on random small datasets', () => {
  it('every fund conserves to the cent: amount = paid + remainders, exactly', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (d) => {
        const run = await runOn(d);
        expect(run.funds.map((f) => f.name)).toEqual(['base', 'bonus_migliori', 'complessivo']);
        for (const f of run.funds) {
          const sum = f.remainders.reduce((s, r) => s.plus(r.amount), f.paid);
          expect(f.balanced, f.name).toBe(true);
          expect(sum.eq(f.amount), `${f.name}: ${f.amount} ≠ ${sum}`).toBe(true);
          expect(f.paid.decimalPlaces(), f.name).toBeLessThanOrEqual(2);
        }
        const rep = buildReport(run);
        for (const f of rep.funds) {
          const figures = [f.amount, f.paid, ...Object.values(f.remainders)];
          const withheld = figures.filter((x) => x === 'n.p.').length;
          // published whole, it conserves; withheld in part, never in a single figure (it would be the difference)
          if (withheld === 0) expect(Object.values(f.remainders).reduce((s, r) => s.plus(r), new D(f.paid)).eq(f.amount)).toBe(true);
          else expect(withheld).toBeGreaterThanOrEqual(2);
        }
        const base = run.funds.find((f) => f.name === 'base')!;
        if (base.remainders[0].amount.isZero()) expect(base.paid.eq(cents(d.base))).toBe(true); // somebody eligible: the whole pot, to the cent
      }),
      RUNS,
    );
  });

  it('permuting the input rows changes no byte of the results and the report', async () => {
    await fc.assert(
      fc.asyncProperty(withPermutation, async ([d, perm]) => {
        const a = await runOn(d);
        const b = await runOn(d, perm.map((i) => d.persons[i]));
        expect(JSON.stringify(buildResults(b))).toBe(JSON.stringify(buildResults(a)));
        expect(JSON.stringify(buildReport(b))).toBe(JSON.stringify(buildReport(a)));
        expect(resultsCsv(b)).toBe(resultsCsv(a));
      }),
      RUNS,
    );
  });

  it('permuting the persons of a Population (not sorted by key) changes nobody\'s values', () => {
    fc.assert(
      fc.property(withPermutation, ([d, perm]) => {
        const p1 = population(d, d.persons);
        const p2 = population(d, perm.map((i) => d.persons[i]));
        expect(valuesOf(new Evaluator(IR, p2), p2)).toEqual(valuesOf(new Evaluator(IR, p1), p1));
      }),
      RUNS,
    );
  });

  it('explainPerson gives every person the figures of buildResults, and reads the inputs given', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (d) => {
        const run = await runOn(d);
        const results = buildResults(run);
        const byKey = new Map(d.persons.map((p) => [p.key, p]));
        expect(results.persone.map((p) => p.chiave).sort()).toEqual([...byKey.keys()].sort());
        for (const person of results.persone) {
          const x = explainPerson(run, person.chiave)!;
          expect(x.unit).toBe(person.unita);
          expect(Object.fromEntries(x.figures.map((f) => [f.name, f.value]))).toEqual(person.valori);
          for (const f of x.figures) {
            for (const r of f.reads) {
              if (r.name in person.valori) expect(r.value, `${f.name} reads ${r.name}`).toEqual(person.valori[r.name]);
              if (r.name === 'dato punteggio') expect(r.value).toBe(cents(byKey.get(person.chiave)!.score).toFixed());
            }
          }
          expect(explanationText(x)).toContain(`== prova: ${person.chiave} (${person.unita})`);
        }
        expect(explainPerson(run, 'nessuno')).toBeUndefined();
      }),
      RUNS,
    );
  });
});

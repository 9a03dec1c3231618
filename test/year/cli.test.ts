// `scheda run` and `scheda explain` as the operator runs them (node bin/scheda.mjs, from the project
// root): the files the run writes are the in-process rendering and the golden outputs, byte for byte,
// and explain's figures are the run's figures. Two spawns, ~2 s each.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA, GOLDEN, rendered, runOk, scheda, SCHEMES, tempDir, YEAR } from './helpers.ts';

const tmp = tempDir('cli');
afterAll(tmp.remove);

const PERSON = 'C01001';
const OUT = join(tmp.dir, 'out');
let run: ReturnType<typeof scheda>;

beforeAll(() => {
  run = scheda('run', YEAR, '--data', 'data/cremona-2024', '--out', OUT);
});

describe('scheda run on the Cremona 2024 data', () => {
  it('exits 0 and says every fund balanced to the cent', () => {
    expect(run.error).toBeUndefined();
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^comparto: 585 persone; fondi: Produttività individuale 531354\.00 €, quadrati al centesimo$/m);
  });

  it('writes results.json, results.csv, report.json and report.html for each of the four schemes, the run marker, and nothing else', () => {
    expect(readdirSync(OUT).sort()).toEqual(['.scheda-run', ...SCHEMES].sort());
    for (const s of SCHEMES) expect(readdirSync(join(OUT, s)).sort()).toEqual(['report.html', 'report.json', 'results.csv', 'results.json']);
    expect(readdirSync(tmp.dir)).toEqual(['out']); // the out.tmp-<pid> staging folder is gone
  });

  it('writes exactly the in-process rendering, and the golden report.json and results.csv', async () => {
    const files = rendered(await runOk(DATA));
    for (const [f, text] of Object.entries(files)) expect(readFileSync(join(OUT, f), 'utf8'), f).toBe(text);
    for (const s of SCHEMES) {
      for (const g of ['report.json', 'results.csv']) expect(readFileSync(join(OUT, s, g), 'utf8'), `${s}/${g}`).toBe(readFileSync(join(GOLDEN, s, g), 'utf8'));
    }
  });
});

describe('scheda explain --json', () => {
  it(`explains ${PERSON} with the premio of results.json, and every other comparto figure as results.json has it`, () => {
    const r = scheda('explain', YEAR, '--data', 'data/cremona-2024', '--person', PERSON, '--json');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const xs = JSON.parse(r.stdout) as { scheme: string; person: string; figures: { name: string; value: unknown; rule: string }[] }[];
    expect(xs.map((x) => x.scheme)).toEqual(['progetti', 'comparto']);
    const x = xs.find((e) => e.scheme === 'comparto')!;
    const results = JSON.parse(readFileSync(join(OUT, 'comparto', 'results.json'), 'utf8')) as { persone: { chiave: string; valori: Record<string, unknown> }[] };
    const mine = results.persone.find((p) => p.chiave === PERSON)!;
    const premio = x.figures.find((f) => f.name === 'premio')!;
    expect(premio.value).toBe(mine.valori.premio);
    expect(premio.value).toBe('518.03');
    expect(premio.rule).toMatch(/comparto\.scheda:\d+$/);
    expect(Object.fromEntries(x.figures.map((f) => [f.name, f.value]))).toEqual(mine.valori);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';
import { runYear } from '../../engine/run/year.ts';
import { buildReport } from '../../engine/report/tables.ts';
import { reportHtml } from '../../engine/report/html.ts';

const SCHEME = `scheda piccolo anno 2024 lingua it

unità ufficio

dati persona {
  matricola: testo chiave
  ufficio: ufficio
  p: punti da 0 a 10
}

totale max 10 punti
voce v max 10 punti = p
requisito sufficiente: totale >= 6 punti

fasce livello su totale {
  basso da 0 sotto 6 → 0%
  alto da 6 a 10 → 100%
}

calcola ammessi per ente = conta(ammesso)
calcola tutti per ente = conta(matricola <> "")

prospetto riepilogo "Riepilogo" {
  persone_ammesse "Persone ammesse" = ammessi
  persone "Persone valutate" = tutti
  punteggio_massimo "Punteggio massimo" = massimo_di(totale)
}
`;

const dir = mkdtempSync(join(tmpdir(), 'scheda-suppress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function reportFor(rows: [string, string, string][]) {
  const b = buildBundle([{ id: 'piccolo', file: 'piccolo.scheda', text: SCHEME }]);
  expect(b.ok).toBe(true);
  writeFileSync(join(dir, 'piccolo-persone.csv'), ['matricola;ufficio;p', ...rows.map((r) => r.join(';'))].join('\n') + '\n');
  const r = await runYear(b.irs, b.checked!.order, dir);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return buildReport(r.runs.get('piccolo')!);
}

describe('publishing only aggregates', () => {
  it('shows a count of fewer than 3 persons as «<3», keeping the exact value in report.json', async () => {
    const rep = await reportFor([['A1', 'U1', '7'], ['A2', 'U1', '8'], ['A3', 'U2', '3'], ['A4', 'U2', '2']]);
    const rows = Object.fromEntries(rep.prospetti[0].righe.map((r) => [r.nome, r]));
    expect(rows.persone_ammesse.valore).toBe('2');
    expect(rows.persone_ammesse.testo).toBe('<3');
    expect(rows.persone.testo).toBe('4'); // 4 persons: published
    expect(rows.punteggio_massimo.testo).toBe('8'); // not a count of persons
    const html = reportHtml(rep);
    expect(html).toContain('&lt;3');
    expect(html).not.toMatch(/Persone ammesse<\/td><td class="n">2</);
  });

  it('withholds band counts below 3 persons, and whole units of fewer than 3 persons', async () => {
    const rep = await reportFor([['A1', 'U1', '7'], ['A2', 'U1', '8'], ['A3', 'U1', '9'], ['A4', 'U1', '3'], ['A5', 'U2', '2']]);
    const bands = rep.statistiche.fasce.find((f) => f.nome === 'livello')!;
    expect(bands.per_unita.U1).toEqual({ basso: '<3', alto: 3 });
    expect(bands.per_unita.U2).toEqual({ basso: '—', alto: '—' }); // one person: its zero would tell their band
    expect(bands.conteggi).toEqual({ basso: '<3', alto: 3 });
  });
});

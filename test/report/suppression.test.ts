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
  it('withholds a count of fewer than 3 persons, and its exact value, from report.json and report.html', async () => {
    const rep = await reportFor([['A1', 'U1', '7'], ['A2', 'U1', '8'], ['A3', 'U2', '3'], ['A4', 'U2', '2']]);
    const rows = Object.fromEntries(rep.prospetti[0].righe.map((r) => [r.nome, r]));
    expect(rows.persone_ammesse.valore).toBe(null); // the public file keeps no exact value of a withheld cell
    expect(rows.persone_ammesse.testo).toBe('n.p.');
    expect(rep.soppressioni.some((x) => x.cella === 'prospetti.riepilogo.persone_ammesse' || x.cella.endsWith('.persone_ammesse'))).toBe(true);
    const html = reportHtml(rep);
    expect(html).toContain('n.p.');
    expect(html).toContain('Dati non pubblicati');
    expect(html).not.toMatch(/Persone ammesse<\/td><td class="n">2</);
  });

  it('withholds band counts below 3 persons, and whole units of fewer than 3 persons', async () => {
    const rep = await reportFor([['A1', 'U1', '7'], ['A2', 'U1', '8'], ['A3', 'U1', '9'], ['A4', 'U1', '3'], ['A5', 'U2', '2']]);
    const bands = rep.statistiche.fasce.find((f) => f.nome === 'livello')!;
    // U1: 1 basso, 3 alto; U2: 1 basso. U2 is withheld whole (its zero would tell its person's band);
    // then U1's cells and the totals would give it back, so they are withheld too (complementary suppression)
    expect(bands.per_unita.U2).toEqual({ basso: 'n.p.', alto: 'n.p.' });
    expect(bands.per_unita.U1.basso).toBe('n.p.');
    expect(bands.conteggi.basso).toBe('n.p.');
    for (const [band, total] of Object.entries(bands.conteggi)) {
      const hidden = Object.values(bands.per_unita).filter((u) => typeof u[band] === 'string').length;
      if (typeof total === 'number') expect(hidden === 0 || hidden >= 2, band).toBe(true);
    }
  });
});

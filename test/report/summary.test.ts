// The editor's hover line of a name's values on the sample data (engine/report/summary.ts): the value at
// entity level, range and median of a number over persons, yes counts, the most frequent labels.
import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../engine/index.ts';
import { yearRunner } from '../language/year-helpers.ts';

const year = yearRunner('scheda-summary-');

const SCHEME = `scheda t "T" anno 2025 lingua it

dati persona {
  matricola: testo chiave
  punti_obiettivi: punti da 0 a 100
  ruolo: uno_tra(tecnico; amministrativo)
}

calcola doppio "Doppio" = punti_obiettivi * 2
calcola alto "Alto" = punti_obiettivi >= 50 punti
calcola quanti per ente = conta(alto)
`;

describe("a name's values on the sample data, in one line", () => {
  it('summarises numbers, yes/no, labels and the entity value', async () => {
    const y = await year(SCHEME, 'matricola;punti_obiettivi;ruolo\nA;40;tecnico\nB;50;tecnico\nC;60;amministrativo\nD;90;tecnico\n');
    expect(y.ok).toBe(true);
    const run = y.runs.get('t')!;
    expect(summaryOf(run, 'doppio', 'it')).toBe('da 80 a 180, mediana 110 (4 persone)');
    expect(summaryOf(run, 'punti_obiettivi', 'en')).toBe('from 40 to 90, median 55 (4 persons)');
    expect(summaryOf(run, 'alto', 'it')).toBe('sì per 3 su 4 persone');
    expect(summaryOf(run, 'ruolo', 'it')).toBe('tecnico: 3 · amministrativo: 1 (4 persone)');
    expect(summaryOf(run, 'quanti', 'it')).toBe('3');
    expect(summaryOf(run, 'nessuno', 'it')).toBeUndefined();
  });
});

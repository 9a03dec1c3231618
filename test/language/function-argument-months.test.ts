// A count of months (`conta(…)`) is a plain number: passed to a function parameter declared in `mesi` it is refused
// (`function-argument`) with a hint that writes the conversion (`x * 1 mesi`), and the converted call runs.
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';
import { runExample } from '../../engine/run/examples.ts';

const build = (id: string, text: string) => buildBundle([{ id, file: `${id}.scheda`, text }]);

describe('a count passed to a parameter in months', () => {
  const text = (call: string) => `scheda t anno 2025 lingua it
dati persona {
  matricola: testo chiave
  stipendio: euro
  presenze: lista di giorni
}
funzione pro_rata(importo: euro; mesi: mesi) = importo * mesi / 12 mesi
calcola mesi_utili = conta(presenze dove presenze > 15 giorni)
calcola premio = ${call}
esempio "Sei mesi" {
  dato stipendio = 1.200 €
  dato presenze = [20 giorni; 20 giorni; 20 giorni; 20 giorni; 20 giorni; 20 giorni; 0 giorni; 0 giorni; 0 giorni; 0 giorni; 0 giorni; 0 giorni]
  atteso premio = 600 €
}
`;
  it('is refused with a hint that writes the conversion, which then passes', () => {
    const bad = build('t', text('pro_rata(stipendio; mesi_utili)')).diagnostics.find((d) => d.code === 'function-argument');
    expect(bad?.hint).toContain('«x * 1 mesi»');
    const b = build('t', text('pro_rata(stipendio; mesi_utili * 1 mesi)'));
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ir = b.irs.get('t')!;
    expect(runExample(ir, ir.examples[0]).ok).toBe(true);
  });
});

// `dato settore = S1` / `given office = O1`: an example gives every person the same unit, as it gives any other
// person input (README, *Population examples*: «A `dato` of a person input gives everyone that value unless their row
// has the column»). The unit code is written bare or quoted, as in a persons table; the unit's inputs come from the
// example's `unità { … }` row of that code.
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';
import { runExample } from '../../engine/run/examples.ts';

const IT = `scheda premi anno 2025 lingua it
unità settore
dati settore {
  codice: testo chiave
  coefficiente: numero
}
dati persona {
  matricola: testo chiave
  settore: settore
  punti: punti da 0 a 100
}
calcola pesato = punti * coefficiente
calcola addetti per settore = conta(matricola)
esempio "Tutti nel settore S2" {
  unità {
    codice | coefficiente
    S1     | 1
    S2     | 3
  }
  persone {
    matricola | punti
    A1        | 10 punti
    A2        | 20 punti
  }
  dato settore = S2
  atteso per persona {
    matricola | pesato
    A1        | 30 punti
    A2        | 60 punti
  }
  atteso per settore {
    codice | addetti
    S1     | 0
    S2     | 2
  }
}
esempio "Una persona nel settore S2" {
  dato settore = "S2"
  dato coefficiente = 3
  dato punti = 10 punti
  atteso pesato = 30 punti
}
`;

const EN = `scheme bonus year 2025 language en
unit office
inputs office {
  code: text key
  factor: number
}
inputs person {
  id: text key
  office: office
  score: points from 0 to 100
}
compute weighted = score * factor
example "Everyone in office O2" {
  unit {
    code | factor
    O1   | 1
    O2   | 3
  }
  persons {
    id | score
    B1 | 10 points
    B2 | 20 points
  }
  given office = O2
  expect per person {
    id | weighted
    B1 | 30 points
    B2 | 60 points
  }
}
`;

const build = (id: string, text: string) => buildBundle([{ id, file: `${id}.scheda`, text }]);

describe('an example gives everyone a unit with `dato <unit field> = CODE`', () => {
  it('is accepted bare or quoted and puts the persons in that unit, in both keyword sets', () => {
    for (const [id, text] of [['premi', IT], ['bonus', EN]]) {
      const b = build(id, text);
      expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const ir = b.irs.get(id)!;
      for (const ex of ir.examples) {
        const r = runExample(ir, ex);
        expect(r.failures, ex.label).toEqual([]);
        expect(r.problems, ex.label).toBeUndefined();
        expect(r.ok).toBe(true);
      }
    }
  });

  it('a row that names its unit keeps it', () => {
    const text = IT.replace('    matricola | punti\n    A1        | 10 punti', '    matricola | punti    | settore\n    A1        | 10 punti | S1')
      .replace('    A2        | 20 punti\n', '    A2        | 20 punti | S2\n')
      .replace('    A1        | 30 punti', '    A1        | 10 punti')
      .replace('    S1     | 0', '    S1     | 1').replace('    S2     | 2', '    S2     | 1');
    const b = build('premi', text);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ir = b.irs.get('premi')!;
    expect(runExample(ir, ir.examples[0]).failures).toEqual([]);
  });

  it('a value that is not a unit code is still refused', () => {
    const codes = (text: string) => build('premi', text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(codes(IT.replace('  dato settore = S2\n', '  dato settore = 5\n'))).toContain('type-mismatch');
    expect(codes(IT.replace('  dato settore = S2\n', '  dato settore = vero\n'))).toContain('type-mismatch');
  });
});

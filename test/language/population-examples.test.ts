// Population examples: an example with a table of persons runs through the year's machinery, so rankings, ties,
// allocations and averages are tested inside the scheme; failures name the person, the value, expected and computed.
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';
import { parse } from '../../engine/syntax/index.ts';
import { format } from '../../engine/format/format.ts';
import { runExample } from '../../engine/run/examples.ts';

const IT = `scheda premi anno 2025 lingua it
unità ufficio
dati persona {
  matricola: testo chiave
  ufficio: ufficio
  punti: punti da 0 a 100
  categoria: uno_tra(B; C)
}
dati ente {
  fondo: euro
}
parità: punti decrescente; matricola crescente
calcola primo "Il migliore dell'ufficio" = migliori 1 per punti entro ufficio
calcola premio = ripartisci(fondo; punti)
calcola media_c per ente = media(premio dove categoria = C; altrimenti 0 €)
calcola premiati per ufficio = conta(primo)
esempio "Parità, centesimi, media su un gruppo" {
  persone {
    matricola | ufficio | punti    | categoria
    A2        | U1      | 50 punti | B          # pari ad A1: vince la matricola minore
    A1        | U1      | 50 punti | C
    A3        | U2      | 50 punti | C
  }
  dato fondo = 100 €
  atteso media_c = 33,335 €
  atteso per persona {
    matricola | primo | premio
    A1        | vero  | 33,34 €
    A2        | falso | 33,33 €
    A3        | vero  | 33,33 €
  }
  atteso per ufficio {
    ufficio | premiati
    U1      | 1
    U2      | 1
  }
}
`;

const EN = `scheme bonus year 2025 language en
inputs person {
  id: text key
  score: points from 0 to 100
}
inputs entity {
  pot: euro
}
ties: score descending, id ascending
compute share = allocate(pot, score)
example "Three people share a pot" {
  persons {
    id | score
    B1 | 10 points
    B2 | 10 points
    B3 | 10 points
  }
  given pot = 10 €
  expect per person {
    id | share
    B1 | 3.34 €
    B2 | 3.33 €
    B3 | 3.33 €
  }
}
`;

const build = (id: string, text: string) => buildBundle([{ id, file: `${id}.scheda`, text }]);

describe('population examples', () => {
  it('read, format aligned, and translate in both keyword sets', () => {
    for (const text of [IT, EN]) {
      const p = parse(text, 'x.scheda');
      expect(p.diagnostics).toEqual([]);
      const same = format(p.ast, p.ast.lang);
      const other = format(p.ast, p.ast.lang === 'it' ? 'en' : 'it');
      expect(format(parse(other, 'x.scheda').ast, p.ast.lang)).toBe(same);
      expect(format(parse(same, 'x.scheda').ast, p.ast.lang)).toBe(same);
    }
    const it = format(parse(IT, 'x.scheda').ast, 'it');
    expect(it).toContain('    A2        | U1      | 50 punti | B  # pari ad A1: vince la matricola minore');
    expect(format(parse(IT, 'x.scheda').ast, 'en')).toContain('  expect per person {');
  });

  it('a ranking with a tie, an allocation with a leftover cent and a filtered average hold, per person and per unit', () => {
    for (const [id, text] of [['premi', IT], ['bonus', EN]]) {
      const b = build(id, text);
      expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const ir = b.irs.get(id)!;
      const r = runExample(ir, ir.examples[0]);
      expect(r.failures).toEqual([]);
      expect(r.ok).toBe(true);
    }
  });

  it('a failure names the person, the value, what was expected and what was computed', () => {
    const b = build('premi', IT.replace('    A1        | vero  | 33,34 €', '    A1        | falso | 33,33 €'));
    const ir = b.irs.get('premi')!;
    const r = runExample(ir, ir.examples[0]);
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => `${f.who} ${f.name}: ${f.expected} / ${f.actual}`)).toEqual(['A1 primo: falso / vero', 'A1 premio: 33,33 € / 33,34 €']);
    expect(r.failures[0].line).toBe(IT.split('\n').findIndex((l) => l.startsWith('    A1        | vero')) + 1);
  });

  it('a rule that fails while the example runs is reported with the person', () => {
    const b = build('bonus', EN.replace('compute share = allocate(pot, score)', 'compute share = allocate(pot, score)\ncompute inverse = pot / (score - 10 points) * 1 points').replace('    id | share', '    id | inverse').replace(/3\.3[34] €/g, '1 €'));
    const ir = b.irs.get('bonus')!;
    const r = runExample(ir, ir.examples[0]);
    expect(r.ok).toBe(false);
    expect(r.problems?.join('\n')).toMatch(/B1.*inverse|inverse.*B1/);
  });

  it('the checker wants the key column, one cell per column, known columns, and per-person values expected per person', () => {
    const codes = (text: string) => build('premi', text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(codes(IT.replace('    matricola | ufficio | punti    | categoria', '    ufficio | punti    | categoria').replace(/    A(\d)        \| /g, '    '))).toContain('example-table-key');
    expect(codes(IT.replace('    A3        | U2      | 50 punti | C', '    A3        | U2      | 50 punti'))).toContain('example-table-cells');
    expect(codes(IT.replace('matricola | primo | premio', 'matricola | primi | premio'))).toContain('example-table-column');
    expect(codes(IT.replace('  atteso media_c = 33,335 €', '  atteso premio = 33,34 €'))).toContain('example-person-value');
    expect(codes(IT.replace('    A1        | U1      | 50 punti | C', '    A1        | U1      | 50 € | C'))).toContain('type-mismatch');
  });
});

// Allocation among units: `ripartisci(pot; peso) tra settore secondo w [parità ordine | parità secondo x]`.
// The pot is split among the units to the cent (largest remainder, ties by the stated order among units),
// then within each unit (largest remainder, ties by the scheme's `parità`). Every cent is accounted for;
// a unit with no recipient is left out of the unit split (warned); an allocation with no recipient warns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, outputs } from './findings-helpers.ts';
import { explainPerson, explanationText } from '../../engine/explain.ts';
import { format } from '../../engine/format/format.ts';
import { parse } from '../../engine/syntax/index.ts';

const scheme = (ties: string, weight = 'punti') => `scheda s anno 2025 lingua it
unità settore
dati settore {
  codice: testo chiave
  addetti: numero
  priorita: numero
}
dati ente {
  fondo: euro
}
dati persona {
  matricola: testo chiave
  settore: settore
  punti: punti
}
calcola premio "Premio" = ripartisci(fondo; ${weight}) tra settore secondo addetti${ties}
parità: punti decrescente; matricola crescente
fondo f "Fondo" = fondo {
  pagato: premio
  resto r "Non assegnato": fondo - somma(premio)
}
`;

const EN = `scheme s year 2025 language en
unit office
inputs office {
  code: text key
}
inputs entity {
  pot: euro
}
inputs person {
  id: text key
  office: office
  score: points
}
compute headcount per office = count(id)
compute bonus "Bonus" = allocate(pot, score) among office by headcount ties order
ties: id ascending
`;

type Row = { chiave: string; unita: string; valori: Record<string, string> };
const paid = (o: { results: { persone: Row[] } }) => Object.fromEntries(o.results.persone.map((p) => [p.chiave, p.valori.premio ?? p.valori.bonus]));
const cents = (x: string) => Math.round(Number(x) * 100);

describe('allocation among units', () => {
  it('reads, formats and translates in both keyword sets', () => {
    const it1 = parse(scheme(' parità ordine'), 's.scheda').ast;
    const en = format(it1, 'en');
    expect(en).toContain('compute premio "Premio" = allocate(fondo, punti) among settore by addetti ties order');
    expect(format(parse(en, 's.scheda').ast, 'it')).toBe(format(it1, 'it'));
    const by = format(parse(scheme(' parità secondo priorita decrescente'), 's.scheda').ast, 'en');
    expect(by).toContain('among settore by addetti ties by priorita descending');
    expect(check(EN).filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('checks the pot, the weights, the unit and the tie order', () => {
    const codes = (s: string) => check(s).map((d) => d.code);
    expect(codes(scheme(''))).toContain('allocate-units-ties-missing');
    expect(codes(scheme(' parità ordinee'))).toContain('allocate-units-ties-word');
    expect(codes(scheme(' parità secondo punti'))).toContain('allocate-units-tie-key');
    expect(codes(scheme(' parità ordine').replace('tra settore', 'tra ufficio'))).toContain('allocate-units-unknown-unit');
    expect(codes(scheme(' parità ordine').replace('secondo addetti', 'secondo fondo'))).toContain('allocate-units-weight');
    expect(codes(scheme(' parità ordine').replace('ripartisci(fondo;', 'ripartisci(fondo * punti / 1 punti;'))).toContain('allocate-units-pot-level');
    expect(codes(scheme(' parità ordine').replace('dati settore {\n  codice: testo chiave\n  addetti: numero\n  priorita: numero\n}', '').replace('secondo addetti', 'secondo conta(matricola)'))).toContain('allocate-units-order-needs-file');
    expect(codes(scheme(' parità ordine', '0'))).toContain('allocate-no-recipient');
    expect(codes(scheme(' parità ordine').replace(': fondo - somma(premio)', ': minore(fondo; 1 €) tra settore secondo addetti'))).toContain('allocate-units-not-allowed');
  });

  it('adds up to the pot at unit level and within each unit; ties by the units\' order in their file', async () => {
    // three units of equal weight: 100,00 € / 3 leaves one cent, which goes to the first unit in the file (B)
    const data = {
      'ente.csv': 'nome;valore\nfondo;100,00\n',
      's-settore.csv': 'codice;addetti;priorita\nB;1;1\nA;1;3\nC;1;2\n',
      's-persone.csv': 'matricola;settore;punti\np1;A;1\np2;A;2\np3;B;1\np4;C;1\n',
    };
    const byOrder = paid(await outputs(scheme(' parità ordine'), data));
    expect(byOrder).toEqual({ p1: '11.11', p2: '22.22', p3: '33.34', p4: '33.33' });
    // by a field, descending: A (priority 3) wins the cent, and within A the 33,34 € split 1:2 → 11,11 + 22,23
    const byField = paid(await outputs(scheme(' parità secondo priorita decrescente'), data));
    expect(byField).toEqual({ p1: '11.11', p2: '22.23', p3: '33.33', p4: '33.33' });
    // without a stated order: the units' codes (A first)
    expect(paid(await outputs(scheme(''), data)).p2).toBe('22.23');
  });

  it('leaves out a unit whose persons all weigh 0 (its share goes to the others) and warns', async () => {
    const o = await outputs(scheme(' parità ordine'), {
      'ente.csv': 'nome;valore\nfondo;90,00\n',
      's-settore.csv': 'codice;addetti;priorita\nA;1;1\nB;1;1\nZ;1;1\n',
      's-persone.csv': 'matricola;settore;punti\np1;A;1\np2;B;1\np3;Z;0\n',
    });
    expect(paid(o)).toEqual({ p1: '45.00', p2: '45.00', p3: '0.00' });
    const w = o.results.avvisi.find((a: { tipo: string }) => a.tipo === 'esclusione');
    expect(w.chi).toEqual([{ chi: 'Z', motivo: 'peso 1, 1 persone, nessuna con peso maggiore di zero' }]);
    expect(o.report.avvisi.join(' ')).toContain('esclusa dalla ripartizione tra le unità');
    // explain: the unit's share, then the person's
    const x = explanationText(explainPerson(o.run, 'p1')!);
    expect(x).toContain("quota dell'unità A = 45,00 € = 90,00 € × 1 / 2");
    expect(x).toContain("quota della persona nell'unità = 45,00 € = 45,00 € × 1 / 1");
  });

  it('warns when an allocation has no recipient (all weights 0), in a plain ripartisci too', async () => {
    const o = await outputs(scheme(' parità ordine'), {
      'ente.csv': 'nome;valore\nfondo;50,00\n',
      's-settore.csv': 'codice;addetti;priorita\nA;1;1\n',
      's-persone.csv': 'matricola;settore;punti\np1;A;0\np2;A;0\n',
    });
    expect(paid(o)).toEqual({ p1: '0.00', p2: '0.00' });
    expect(o.results.avvisi.map((a: { tipo: string }) => a.tipo)).toContain('ripartizione');
    expect(o.report.avvisi.join(' ')).toContain('la ripartizione non ha destinatari');
    const plain = `scheme s year 2025 language en
inputs entity {
  pot: euro
}
inputs person {
  id: text key
  score: points
}
compute bonus "Bonus" = allocate(pot, score)
ties: id ascending
`;
    const p = await outputs(plain, { 'ente.csv': 'nome;valore\npot;10.00\n', 's-persone.csv': 'id;score\nq1;0\nq2;0\nq3;0\n' });
    expect(p.results.avvisi[0].testo).toContain('«Bonus»: the allocation has no recipient (zero weight for everyone): the amount is paid to nobody');
    expect(p.results.avvisi[0].testo).toContain('10.00 € not paid');
  });

  it('English scheme: ties by the order of the units\' file', async () => {
    const o = await outputs(EN, {
      'ente.csv': 'nome;valore\npot;10.00\n',
      's-office.csv': 'code\nZ\nA\nM\n',
      's-persone.csv': 'id;office;score\ne1;A;1\ne2;M;1\ne3;Z;1\n',
    });
    expect(paid(o)).toEqual({ e1: '3.33', e2: '3.33', e3: '3.34' });
  });

  it('property: cents add up to the pot over units and within each, and the result does not depend on the order of the persons\' rows', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 100_000 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 14 }),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
      fc.integer({ min: 0, max: 1000 }),
      async (potCents, people, unitW, seed) => {
        const units = ['U0', 'U1', 'U2', 'U3'];
        const rows = people.map(([u, w], k) => `p${k};${units[u]};${w}`);
        const shuffled = [...rows].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 17 + seed) % 5) || (a < b ? 1 : -1));
        const base = (persons: string[]) => ({
          'ente.csv': `nome;valore\nfondo;${(potCents / 100).toFixed(2)}\n`,
          's-settore.csv': 'codice;addetti;priorita\n' + units.map((u, k) => `${u};${unitW[k]};${k}`).join('\n') + '\n',
          's-persone.csv': 'matricola;settore;punti\n' + persons.join('\n') + '\n',
        });
        const a = await outputs(scheme(' parità ordine'), base(rows));
        const b = await outputs(scheme(' parità ordine'), base(shuffled));
        const pa = paid(a), pb = paid(b);
        expect(pb).toEqual(pa);
        const total = Object.values(pa).reduce((s, x) => s + cents(x), 0);
        const anyone = people.some(([u, w]) => w > 0 && unitW[u] > 0);
        expect(total).toBe(anyone ? potCents : 0);
        // within each unit: the persons' cents add up to the unit's share in the report's allocations
        for (const r of a.run.ev.allocations) {
          const s = r.members.reduce((acc, i) => acc + cents(pa[a.run.pop.persons[i].key]), 0);
          expect(s).toBe(cents(r.pot.toFixed(2)));
        }
        expect(JSON.stringify(a.report)).toBe(JSON.stringify(b.report));
      },
    ), { numRuns: 30, seed: 8_3 });
  }, 240_000);
});

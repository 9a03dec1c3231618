// Compares a baseline's results with scheda's results.csv (or with the other baseline's: `left`) person by person, to the cent. Both files are
// read as streams, side by side (both are in person-key order); every disagreement is named: person,
// column, both values. Returns { persons, disagreements: number, first: string[] }.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { RESULT_COLUMNS } from './csv.mjs';

async function* rows(file) {
  let header;
  for await (const l of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (!l) continue;
    const f = l.split(';');
    if (!header) header = f;
    else yield Object.fromEntries(header.map((h, i) => [h, f[i]]));
  }
}

export async function compareResults(schedaCsv, baselineCsv, name, { show = 10, left = 'scheda' } = {}) {
  const a = rows(schedaCsv);
  const b = rows(baselineCsv);
  const first = [];
  let disagreements = 0;
  let persons = 0;
  const note = (s) => {
    disagreements++;
    if (first.length < show) first.push(s);
  };
  for (;;) {
    const [x, y] = [await a.next(), await b.next()];
    if (x.done || y.done) {
      if (!x.done || !y.done) note(`${name}: ${x.done ? left : name} has fewer persons (after ${persons})`);
      break;
    }
    persons++;
    const s = x.value;
    const t = y.value;
    if (s.matricola !== t.matricola) {
      note(`${name}: person ${persons} is ${s.matricola} in ${left}, ${t.matricola} in ${name}`);
      break;
    }
    for (const c of RESULT_COLUMNS) {
      if (!(c in s)) { note(`${name}: ${left}'s results have no column ${c}`); return { persons, disagreements, first }; }
      if (s[c] !== t[c]) note(`${s.matricola} ${c}: ${left} ${s[c]}, ${name} ${t[c]}`);
    }
  }
  return { persons, disagreements, first };
}

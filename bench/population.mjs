// A large synthetic population for the fictional Example Town 2025 scheme (rules/example-town/2025):
// `n` persons in 100 offices, one absence row for every fifth person. Deterministic (a fixed LCG),
// written as CSV so that a run reads it as it would read an HR export. Used by bench/million.mjs and by
// the 200 k-person test in test/safety.
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';

export const OFFICES = 100;

/** Writes ente.csv, staff-office.csv, staff-persone.csv and staff-absences.csv for `n` persons in `dir`. */
export async function writeExampleTown(dir, n, seed = 2025) {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  writeFileSync(join(dir, 'ente.csv'), 'nome,valore\nbudget_balanced,yes\n');
  const offices = ['code,headcount_weight'];
  for (let o = 1; o <= OFFICES; o++) offices.push(`OF${String(o).padStart(3, '0')},${(0.5 + (o % 10) / 10).toFixed(1)}`);
  writeFileSync(join(dir, 'staff-office.csv'), offices.join('\n') + '\n');
  const persons = createWriteStream(join(dir, 'staff-persone.csv'));
  const absences = createWriteStream(join(dir, 'staff-absences.csv'));
  persons.write('id,office,days_worked,goals,conduct,warnings,contract\n');
  absences.write('id,kind,length\n');
  const kinds = ['illness', 'parental_leave', 'law_104', 'other'];
  const width = String(n).length;
  let pb = [];
  let ab = [];
  const flush = async (force) => {
    if (pb.length >= 5000 || force) {
      if (!persons.write(pb.join(''))) await once(persons, 'drain');
      pb = [];
    }
    if (ab.length >= 5000 || force) {
      if (!absences.write(ab.join(''))) await once(absences, 'drain');
      ab = [];
    }
  };
  for (let i = 0; i < n; i++) {
    const id = `P${String(i + 1).padStart(width, '0')}`;
    const office = `OF${String(1 + Math.floor(rnd() * OFFICES)).padStart(3, '0')}`;
    const days = 100 + Math.floor(rnd() * 266);
    const goals = (rnd() * 60).toFixed(2);
    const conduct = (rnd() * 40).toFixed(2);
    const warnings = rnd() < 0.9 ? 0 : 1 + Math.floor(rnd() * 3);
    const contract = rnd() < 0.8 ? 'full_time' : 'part_time';
    pb.push(`${id},${office},${days},${goals},${conduct},${warnings},${contract}\n`);
    if (i % 5 === 0) ab.push(`${id},${kinds[Math.floor(rnd() * 4)]},${1 + Math.floor(rnd() * 30)}\n`);
    await flush(false);
  }
  await flush(true);
  persons.end();
  absences.end();
  await Promise.all([once(persons, 'finish'), once(absences, 'finish')]);
}

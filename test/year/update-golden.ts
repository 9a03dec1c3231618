// Regenerates the golden outputs of the Cremona 2024 year run that test/year/golden.test.ts compares
// against: test/fixtures/year/golden/<scheme>/report.json (the published report) and results.csv (the
// per-person figures), for progetti, comparto, dirigenti and eq, rendered exactly as `scheda run`
// writes them, from rules/cremona/2024 on data/cremona-2024.
//
//   npx tsx test/year/update-golden.ts
//
// Run it only when a change of the outputs is intended (a rule, the engine or the dataset changed on
// purpose), then review the diff of test/fixtures/year/golden before committing it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA, GOLDEN, rendered, runOk } from './helpers.ts';

const GOLDEN_FILES = ['report.json', 'results.csv'];

const files = rendered(await runOk(DATA));
let n = 0;
for (const [path, text] of Object.entries(files)) {
  const [scheme, name] = path.split('/');
  if (!GOLDEN_FILES.includes(name)) continue;
  mkdirSync(join(GOLDEN, scheme), { recursive: true });
  writeFileSync(join(GOLDEN, scheme, name), text);
  n++;
}
console.log(`${n} golden files written in ${GOLDEN}`);

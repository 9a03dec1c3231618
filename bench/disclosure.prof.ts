// Where the time of disclosure control goes on the bundled Cremona year (npx tsx bench/disclosure.prof.ts).
import { join } from 'node:path';
import { loadBundles } from '../engine/pipeline.ts';
import { runYear } from '../engine/run/year.ts';
import { buildReport } from '../engine/report/tables.ts';

const root = join(import.meta.dirname, '..');
const [{ bundle }] = loadBundles([join(root, 'rules/cremona/2024')]);
const r = await runYear(bundle.irs, bundle.checked!.order, join(root, 'data/cremona-2024'));
if (!r.ok) throw new Error('run failed');
for (const [id, run] of r.runs) {
  const t = performance.now();
  const rep = buildReport(run);
  console.log(id, (performance.now() - t).toFixed(0), 'ms', rep.soppressioni.length, 'withheld');
}

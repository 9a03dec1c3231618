// The editor's panels computed through engine/index.ts (editor/src/live.ts): the preview on data files
// already read gives what the CLI's year run gives from the folder; examples pass and fail as in
// `scheda test`; the impact against the saved text names who changes; the compare list has spans.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle, buildResults } from '../../engine/index.ts';
import { loadBundles, runYear } from '../../engine/node.ts';
import { compare, impactFor, needed, previewOf, runExamples, runKey, runOn, tablesOf } from '../../editor/src/live.ts';
import type { WorkerFile } from '../../editor/src/protocol.ts';

const RULES = 'rules/cremona/2024';
const DATA = 'data/cremona-2024';
const files = (): WorkerFile[] => readdirSync(RULES).filter((f) => f.endsWith('.scheda')).sort().map((f) => ({ id: f.replace(/\.scheda$/, ''), file: `cremona/2024/${f}`, text: readFileSync(join(RULES, f), 'utf8') }));
const data = () => tablesOf(readdirSync(DATA).sort().map((name) => ({ name, base64: readFileSync(join(DATA, name)).toString('base64') })));

describe('the editor panels, through engine/index.ts', () => {
  it('previews the Cremona comparto on its sample data as the year run computes it', async () => {
    const fs = files();
    const r = await runOn(fs, 'cremona/2024/comparto.scheda', data());
    expect(r.ok).toBe(true);
    const p = previewOf('comparto', r, 'it', false); // the published tables: tested in the browser on a small year
    const { bundle } = loadBundles([RULES])[0];
    const y = await runYear(bundle.irs, bundle.checked!.order, DATA);
    if (!y.ok) throw new Error('the CLI run failed');
    const cli = buildResults(y.runs.get('comparto')!);
    expect(p.persons.length).toBe(cli.persone.length);
    expect(p.persons.length).toBeGreaterThan(500);
    expect(p.persons.map((x) => x.values)).toEqual(cli.persone.map((x) => x.valori));
    const run = y.runs.get('comparto')!;
    const paid0 = run.funds.map((f) => f.perPerson[0]).reduce((a, b) => a.plus(b)).toFixed(2);
    expect(p.persons[0].paid).toBe(paid0);
    expect(p.funds.map((f) => f.paid)).toEqual(run.funds.map((f) => f.paid.toFixed(2)));
  }, 120_000);

  it('lists the examples with pass and fail, and the impact of a changed band against the saved text', async () => {
    const fs = files();
    const target = 'cremona/2024/comparto.scheda';
    const b = buildBundle(needed(fs, target));
    const ex = runExamples(b, fs, 'comparto');
    expect(ex.length).toBeGreaterThan(0);
    expect(ex.every((e) => e.ok)).toBe(true);
    // a changed band threshold: some examples or persons change
    const comparto = fs.find((f) => f.file === target)!;
    const changed = comparto.text.replace('fino a 40 → 0%\n  terza oltre 40', 'fino a 42 → 0%\n  terza oltre 42');
    expect(changed).not.toBe(comparto.text);
    const now = fs.map((f) => (f === comparto ? { ...f, text: changed } : f));
    const tables = data();
    const saved = await runOn(fs, target, tables);
    const after = await runOn(now, target, tables);
    const imp = impactFor('comparto', saved, after)!;
    expect(imp.error).toBeUndefined();
    expect(imp.persons.length).toBeGreaterThan(0);
    expect(imp.scheme?.bands.some((x) => x.moved !== 0)).toBe(true);
  }, 180_000);

  it('reuses the run of a scheme whose text and used schemes did not change, with the same results', async () => {
    const fs = files();
    const target = 'cremona/2024/comparto.scheda';
    const tables = data();
    const first = await runOn(fs, target, tables);
    if (!first.ok) throw new Error('the first run failed');
    // a keystroke in comparto: progetti (which comparto uses) is untouched; comparto's key changes
    const now = fs.map((f) => (f.file === target ? { ...f, text: f.text + '\n# nota\n' } : f));
    expect(runKey(now, 'progetti')).toBe(runKey(fs, 'progetti'));
    expect(runKey(now, 'comparto')).not.toBe(runKey(fs, 'comparto'));
    const asked: string[] = [];
    const again = await runOn(now, target, tables, (id) => {
      asked.push(id);
      return id === 'progetti' ? first.runs.get(id) : undefined;
    });
    if (!again.ok) throw new Error('the second run failed');
    expect(asked).toEqual(expect.arrayContaining(['progetti', 'comparto']));
    expect(again.runs.get('progetti')).toBe(first.runs.get('progetti'));
    expect(again.runs.get('comparto')).not.toBe(first.runs.get('comparto'));
    const a = previewOf('comparto', first, 'it', false);
    const b = previewOf('comparto', again, 'it', false);
    expect(b.persons).toEqual(a.persons);
    expect(b.funds).toEqual(a.funds);
  }, 180_000);

  it('compares two versions with the spans of both', () => {
    const a = { id: 'comparto', file: 'cremona/2024/comparto.scheda', text: readFileSync('rules/cremona/2024/comparto.scheda', 'utf8') };
    const b = { id: 'comparto', file: 'cremona/2025/comparto.scheda', text: readFileSync('rules/cremona/2025/comparto.scheda', 'utf8') };
    const c = compare(a, b, 'it');
    expect(c.error).toBeUndefined();
    expect(c.changes.length).toBeGreaterThan(0);
    expect(c.changes.some((x) => x.spans.old && x.spans.new)).toBe(true);
  });
});

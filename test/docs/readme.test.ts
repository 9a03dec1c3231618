// The README's sample scheme is real: it checks without errors and its example passes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../engine/pipeline.ts';
import { runExample } from '../../engine/run/examples.ts';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const sample = README.split('```\n').find((b) => b.startsWith('scheda comparto'))!;

describe('the README', () => {
  it('shows a sample scheme that checks without errors (it uses a scheme «progetti», given here empty)', () => {
    expect(sample).toBeDefined();
    const b = buildBundle([
      { id: 'comparto', file: 'comparto.scheda', text: sample },
      { id: 'progetti', file: 'progetti.scheda', text: 'scheda progetti anno 2024 lingua it\n' },
    ]);
    expect(b.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line}:${d.span.col} ${d.message}`)).toEqual([]);
    // the amount is truncated to the euro (the reading the sample's note states), so the whole-euro limits leave no gap
    expect(b.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code)).toEqual([]);
    const ir = b.irs.get('comparto')!;
    expect(ir.examples.map((ex) => runExample(ir, ex).ok)).toEqual([true]);
  });
});

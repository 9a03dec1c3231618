// A small scheme run on a persons file written in the test: shared by the expression and category tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { bundleOf, where } from '../check/helpers.ts';
import { runYear, type YearResult } from '../../engine/run/year.ts';
import type { V } from '../../engine/run/population.ts';

/** Both shapes of a year's result in one, for tests that assert `ok` first. */
export type AnyYear = { ok: boolean } & Omit<Extract<YearResult, { ok: true }>, 'ok'> & Omit<Extract<YearResult, { ok: false }>, 'ok'>;

/** `year(text, persons)`: the scheme `t` (no errors expected) run on `t-persone.csv`; folders removed after the file's tests. */
export function yearRunner(prefix: string): (text: string, persons: string) => Promise<AnyYear> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  return async (text, persons) => {
    const b = bundleOf(text);
    expect(b.diagnostics.filter((d) => d.severity === 'error').map((d) => `${where(d)} ${d.code} ${d.message}`)).toEqual([]);
    const dir = join(root, `d${n++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'ente.csv'), 'nome;valore\n');
    writeFileSync(join(dir, 't-persone.csv'), persons);
    return (await runYear(b.irs, b.checked!.order, dir)) as unknown as AnyYear;
  };
}

export const show = (v: V) => (v !== null && typeof v === 'object' && 'toFixed' in v ? v.toFixed() : String(v));

// Same inputs, whatever the order of their rows, give byte-identical outputs: the rows (never the
// header) of every CSV of a copy of the dataset are shuffled with a seeded shuffle, keeping each line's
// bytes and terminator, and every file `scheda run` would write is compared with the original run's.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFiles, DATA, copyData, readLines, rendered, runOk, seeded, shuffle, tempDir, writeLines } from './helpers.ts';

const tmp = tempDir('order');
afterAll(tmp.remove);

let original: Record<string, string>;
beforeAll(async () => {
  original = rendered(await runOk(DATA));
});

/** A copy of the dataset with the body rows of every CSV reordered by `reorder`. */
function reordered(name: string, reorder: (body: string[], file: string) => string[]): string {
  const dir = copyData(tmp.dir, name);
  for (const f of csvFiles(dir)) {
    const lines = readLines(join(dir, f));
    const [head, ...rest] = lines;
    const body = rest.filter((l) => l.trim() !== '');
    const eol = head.endsWith('\r\n') ? '\r\n' : '\n';
    if (body.length && !body[body.length - 1].endsWith('\n')) body[body.length - 1] += eol;
    const next = reorder(body, f);
    expect([...next].sort()).toEqual([...body].sort()); // a permutation, nothing lost
    writeLines(join(dir, f), [head, ...next]);
  }
  return dir;
}

describe('row order', () => {
  it.each([463, 2024])('shuffling the rows of every CSV (seed %i) changes no byte of any output', async (seed) => {
    const rnd = seeded(seed);
    let moved = 0;
    const dir = reordered(`shuffled-${seed}`, (body) => {
      const s = shuffle(body, rnd);
      if (s.some((l, i) => l !== body[i])) moved++;
      return s;
    });
    expect(moved).toBeGreaterThanOrEqual(10); // the shuffle did reorder (almost) every file
    const out = rendered(await runOk(dir));
    expect(Object.keys(out).sort()).toEqual(Object.keys(original).sort());
    for (const f of Object.keys(original)) expect(out[f], f).toBe(original[f]);
  });

  it('reversing the rows of every CSV changes no byte of any output', async () => {
    const dir = reordered('reversed', (body) => [...body].reverse());
    const out = rendered(await runOk(dir));
    for (const f of Object.keys(original)) expect(out[f], f).toBe(original[f]);
  });
});

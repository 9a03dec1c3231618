// Outputs written as streams: a file given as parts (a generator) is written part by part into the
// temporary folder, hashed on the way, and the folder swapped in only once complete — the same bytes and
// manifest as the file given whole; a part that fails leaves the previous output as it was.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError, OutputFolder } from '../../engine/cli/output.ts';
import { resultsJsonParts, resultsJsonStream } from '../../engine/report/results-json.ts';

const tmp = mkdtempSync(join(tmpdir(), 'scheda-streams-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function* parts(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const write = (out: string, files: [string, string | Iterable<string>][]) => {
  const f = OutputFolder.open(out, { warn: () => {} });
  try {
    f.write(files);
  } finally {
    f.release();
  }
};

describe('output files written as streams', () => {
  it('writes the same bytes and the same manifest as the whole text', () => {
    const text = 'chiave;premio\n' + Array.from({ length: 5000 }, (_, i) => `P${i};${i}.50 €àè\n`).join('');
    write(join(tmp, 'whole'), [['s/results.csv', text], ['s/report.json', '{}\n']]);
    write(join(tmp, 'stream'), [['s/results.csv', parts(text, 777)], ['s/report.json', '{}\n']]);
    for (const f of ['s/results.csv', 's/report.json', '.scheda-run']) {
      expect(readFileSync(join(tmp, 'stream', f), 'utf8'), f).toBe(readFileSync(join(tmp, 'whole', f), 'utf8'));
    }
    expect(readFileSync(join(tmp, 'stream', '.scheda-run'), 'utf8')).not.toMatch(/^0{64} /m); // no placeholder left
  });

  it('leaves the previous output as it was, and no temporary folder, when a part fails', () => {
    const out = join(tmp, 'keep', 'out');
    write(out, [['s/results.csv', 'a\n']]);
    const before = readFileSync(join(out, '.scheda-run'), 'utf8');
    function* failing() {
      yield 'x;y\n';
      throw new Error('rendering failed');
    }
    expect(() => write(out, [['s/report.json', '{}\n'], ['s/results.csv', failing()]])).toThrow(OutputError);
    expect(readFileSync(join(out, 's', 'results.csv'), 'utf8')).toBe('a\n');
    expect(readFileSync(join(out, '.scheda-run'), 'utf8')).toBe(before);
    expect(existsSync(join(out, 's', 'report.json'))).toBe(false);
    expect(readdirSync(join(tmp, 'keep')).sort()).toEqual(['out']);
  });

  it('results.json as a stream is JSON.stringify(results, null, 2), persons built one by one', () => {
    const person = fc.record({ chiave: fc.string(), unita: fc.option(fc.string()), valori: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.boolean(), fc.constant(null))) });
    fc.assert(
      fc.property(fc.array(person, { maxLength: 30 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), (persone, ente) => {
        const results = { scheda: 's', anno: 2024, ente, persone, avvisi: [] };
        const expected = JSON.stringify(results, null, 2) + '\n';
        let built = 0;
        const streamed = [...resultsJsonStream({ ...results, persone: [] }, persone.length, (i) => (built++, persone[i]))].join('');
        expect(streamed).toBe(expected);
        expect(built).toBe(persone.length);
        expect(resultsJsonParts(results).join('')).toBe(expected);
      }),
    );
    // more persons than one part holds (a thousand a part)
    const many = Array.from({ length: 2345 }, (_, i) => ({ chiave: `P${i}`, unita: null, valori: { premio: `${i}.00` } }));
    const results = { scheda: 's', persone: many, avvisi: [] };
    expect([...resultsJsonStream(results, many.length, (i) => many[i])].join('')).toBe(JSON.stringify(results, null, 2) + '\n');
  });
});

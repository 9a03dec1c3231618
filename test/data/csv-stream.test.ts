// The streamed CSV reader (engine/data/csv-stream.ts) gives the table parseCsvBytes gives for the same
// bytes — header, cells, line numbers, errors — whatever the block size: CRLF split across blocks,
// multi-byte characters split across blocks, a BOM, Windows-1252 bytes found late, quoted line breaks.
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvStream } from '../../engine/data/csv-stream.ts';
import { parseCsvBytes } from '../../engine/data/parse.ts';
import { readTable } from '../../engine/data/read.ts';

const dir = mkdtempSync(join(tmpdir(), 'scheda-csv-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const legacy = (b: Uint8Array) => iconv.decode(Buffer.from(b), 'win1252');

async function streamed(bytes: Uint8Array, block: number) {
  const f = join(dir, 't.csv');
  writeFileSync(f, bytes);
  const fd = openSync(f, 'r');
  try {
    return await readCsvStream('t.csv', fd, 1e9, 'troppo grande', block);
  } finally {
    closeSync(fd);
  }
}

const cell = fc.oneof(
  fc.constantFrom('', 'à', 'perché €', '12,50', '1.234,56', 'P001', '"quoted ""x"""', '"a;b"', '"riga\r\ndue"', '"a\rb"', ' x '),
  fc.string({ maxLength: 6 }).filter((s) => !/["\r\n;,]/.test(s)),
);
const table = fc.record({
  sep: fc.constantFrom(';', ','),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 8 }),
  blank: fc.boolean(),
  latin: fc.boolean(),
});

describe('CSV read as a stream', () => {
  it('gives the same table as parsing the whole file, at any block size', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 9 }), async (t, block) => {
        const lines = t.rows.map((r) => r.map((c) => (t.sep === ',' ? c.replace(/;/g, ',') : c)).join(t.sep));
        if (t.blank) lines.splice(1, 0, '');
        const text = (t.bom ? '\uFEFF' : '') + lines.join(t.eol) + (t.rows.length ? t.eol : '');
        const bytes = t.latin ? iconv.encode(text.replace(/^\uFEFF/, ''), 'win1252') : Buffer.from(text, 'utf8');
        const whole = parseCsvBytes('t.csv', bytes, legacy);
        expect(await streamed(bytes, block)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('reads Windows-1252 whose first non-UTF-8 byte comes after the first block', async () => {
    const bytes = Buffer.concat([Buffer.from('a;b\n' + 'x;1\n'.repeat(50)), iconv.encode('perché;2\n', 'win1252')]);
    const t = await streamed(bytes, 16);
    expect(t).toEqual(parseCsvBytes('t.csv', bytes, legacy));
    expect((t as { rows: { cells: unknown[] }[] }).rows.at(-1)!.cells[0]).toBe('perché');
  });

  it('names the line of a malformed quote as the whole-file parser does', async () => {
    const bytes = Buffer.from('a;b\n1;2\n3;"x\n4;5\n');
    const t = await streamed(bytes, 3);
    expect(Array.isArray(t)).toBe(true);
    expect(t).toEqual(parseCsvBytes('t.csv', bytes, legacy));
  });

  it('refuses an empty file with the header message, and honours the size limit through readTable', async () => {
    expect(await streamed(Buffer.alloc(0), 4)).toEqual([{ file: 't.csv', line: 1, message: 'il file è vuoto: manca la riga di intestazione' }]);
    const f = join(dir, 'big.csv');
    writeFileSync(f, 'a;b\n' + '1;2\n'.repeat(100));
    const r = await readTable(f, { maxBytes: 50 });
    expect(Array.isArray(r) && r[0].message).toMatch(/oltre il limite/);
  });
});

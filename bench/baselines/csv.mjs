// Shared plumbing of the two hand-written baselines: a streaming reader for the files bench/generate.mjs
// writes (`;`-separated, decimal comma, one header line) and a streaming writer of results. The reader
// never holds the whole file: it splits each chunk into lines and hands each row's fields to `onRow`.
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

/** Calls onRow(fields, header) for every data row of a `;`-separated file, reading it in chunks. */
export async function eachRow(file, onRow) {
  let header;
  let carry = '';
  const line = (l) => {
    if (l.endsWith('\r')) l = l.slice(0, -1);
    if (l === '') return;
    const f = l.split(';');
    if (!header) header = f;
    else {
      if (f.length !== header.length) throw new Error(`${file}: a row with ${f.length} fields, not ${header.length}: ${l}`);
      onRow(f, header);
    }
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const parts = (carry + chunk).split('\n');
    carry = parts.pop();
    for (const l of parts) line(l);
  }
  line(carry);
  return header;
}

/** The entity facts of ente.csv as a Map name → text. */
export function readEnte(dir) {
  const m = new Map();
  for (const l of readFileSync(join(dir, 'ente.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    if (!l) continue;
    const [k, v] = l.split(';');
    m.set(k, v);
  }
  return m;
}

/** The sector codes of comparto-settore.csv, in file order. */
export function readSectors(dir) {
  return readFileSync(join(dir, 'comparto-settore.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(';')[0]);
}

export const RESULT_COLUMNS = ['vincitore', 'premio_base', 'trattenuta_bilanciamento', 'redistribuzione', 'trattenuta_sanzione', 'maggiorazione', 'premio'];

/** Writes `matricola;<RESULT_COLUMNS>` rows (money with two decimals, vincitore sì/no) in person-key order. */
export async function writeResults(file, keys, row) {
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  const out = createWriteStream(file);
  out.write(`matricola;${RESULT_COLUMNS.join(';')}\n`);
  let block = [];
  for (const i of order) {
    block.push(`${keys[i]};${row(i).join(';')}\n`);
    if (block.length >= 4096) {
      if (!out.write(block.join(''))) await once(out, 'drain');
      block = [];
    }
  }
  out.end(block.join(''));
  await once(out, 'finish');
}

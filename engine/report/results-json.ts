// results.json for any number of persons. `JSON.stringify(results, null, 2)` builds one string, and V8
// caps a string at about 512 million characters: a million persons make more, and the run would end
// in «Invalid string length» after everything was computed. Here the same bytes come as parts (the
// persons a thousand at a time), and `writeParts` writes them one after another.
import { closeSync, openSync, writeSync } from 'node:fs';

const MARK = '\u0000persone\u0000';
const PER_PART = 1000;

/**
 * The text of `JSON.stringify(results, null, 2) + '\n'`, byte for byte, as parts none of which is
 * long: `persone` (a key of the top-level object) is written person by person.
 */
export function resultsJsonParts(results: { persone: unknown[] } & Record<string, unknown>): string[] {
  return [...resultsJsonStream(results, results.persone.length, (i) => results.persone[i])];
}

/**
 * The same bytes as parts made as they are asked for: `results` gives every key, `persone` in its place
 * (its value is not read), `person(i)` the i-th of `count` persons, built only when its part is
 * due, so no array of every person's object is held (results.json written as a stream by `scheda run`).
 */
export function* resultsJsonStream(results: Record<string, unknown>, count: number, person: (i: number) => unknown): Generator<string> {
  const skeleton = JSON.stringify({ ...results, persone: MARK }, null, 2) + '\n';
  const at = skeleton.indexOf(JSON.stringify(MARK));
  const head = skeleton.slice(0, at);
  const tail = skeleton.slice(at + JSON.stringify(MARK).length);
  if (count === 0) {
    yield head;
    yield '[]';
    yield tail;
    return;
  }
  yield head;
  yield '[\n';
  for (let i = 0; i < count; i += PER_PART) {
    const chunk: string[] = [];
    for (let k = i; k < Math.min(i + PER_PART, count); k++) {
      // one person as JSON.stringify prints an array element two levels down: every line indented by 4
      chunk.push('    ' + JSON.stringify(person(k), null, 2).replace(/\n/g, '\n    '));
    }
    yield (i === 0 ? '' : ',\n') + chunk.join(',\n');
  }
  yield '\n  ]';
  yield tail;
}

/** Writes `parts` to `file` (created or truncated), in order, every byte (a short write is resumed). */
export function writeParts(file: string, parts: string[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const p of parts) {
      const buf = Buffer.from(p, 'utf8');
      for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
    }
  } finally {
    closeSync(fd);
  }
}

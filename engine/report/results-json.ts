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
  const skeleton = JSON.stringify({ ...results, persone: MARK }, null, 2) + '\n';
  const at = skeleton.indexOf(JSON.stringify(MARK));
  const head = skeleton.slice(0, at);
  const tail = skeleton.slice(at + JSON.stringify(MARK).length);
  const persons = results.persone;
  if (persons.length === 0) return [head, '[]', tail];
  const parts = [head, '[\n'];
  for (let i = 0; i < persons.length; i += PER_PART) {
    const chunk: string[] = [];
    for (let k = i; k < Math.min(i + PER_PART, persons.length); k++) {
      // one person as JSON.stringify prints an array element two levels down: every line indented by 4
      chunk.push('    ' + JSON.stringify(persons[k], null, 2).replace(/\n/g, '\n    '));
    }
    parts.push((i === 0 ? '' : ',\n') + chunk.join(',\n'));
  }
  parts.push('\n  ]', tail);
  return parts;
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

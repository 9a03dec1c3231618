// A strict JSON reader for data files. JSON.parse would read every number through a binary double
// (a 60-digit amount or 0.1 + 0.2 would arrive altered), keep only the last of two equal keys, and
// build plain objects whose missing fields read as inherited properties (`constructor`). Here numbers
// keep their exact text, objects are Maps of their own keys, a repeated key is an error, and every
// error names the line and column of the file.

import { ExactNumber } from './cell.ts';

export type JsonValue = string | boolean | null | ExactNumber | JsonValue[] | Map<string, JsonValue>;

export class JsonError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/** Nesting deeper than this is refused: data files need three levels (rows, a row, a list). */
export const MAX_JSON_DEPTH = 64;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SPACE = /[ \t\n\r]*/y;

export function parseJson(text: string): JsonValue {
  let i = 0;
  const where = (at: number): [number, number] => {
    let line = 1;
    let last = -1;
    for (let k = 0; k < at && k < text.length; k++) if (text.charCodeAt(k) === 10) { line++; last = k; }
    return [line, at - last];
  };
  const fail = (msg: string, at = i): never => {
    const [line, col] = where(at);
    throw new JsonError(`${msg} (riga ${line}, colonna ${col})`, line, col);
  };
  const space = () => {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    i = SPACE.lastIndex;
  };
  const show = () => (i >= text.length ? 'la fine del file' : `«${text.slice(i, i + 12)}»`);
  const value = (depth: number): JsonValue => {
    if (depth > MAX_JSON_DEPTH) fail(`oltre ${MAX_JSON_DEPTH} livelli di annidamento`);
    space();
    const c = text[i];
    if (c === '"') {
      STRING.lastIndex = i;
      const m = STRING.exec(text);
      if (!m) fail('testo tra virgolette non chiuso o con un carattere non ammesso');
      i = STRING.lastIndex;
      return JSON.parse(m![0]) as string;
    }
    if (c === '{') {
      const obj = new Map<string, JsonValue>();
      const keyAt = new Map<string, number>();
      i++;
      space();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        space();
        if (text[i] !== '"') fail(`serve il nome di un campo tra virgolette, trovato ${show()}`);
        const at = i;
        const key = value(depth + 1) as string;
        if (keyAt.has(key)) fail(`il campo «${key}» compare due volte nello stesso oggetto`, at);
        keyAt.set(key, at);
        space();
        if (text[i] !== ':') fail(`serve «:» dopo il nome del campo, trovato ${show()}`);
        i++;
        obj.set(key, value(depth + 1));
        space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        fail(`serve «,» o «}», trovato ${show()}`);
      }
    }
    if (c === '[') {
      const arr: JsonValue[] = [];
      i++;
      space();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value(depth + 1));
        space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail(`serve «,» o «]», trovato ${show()}`);
      }
    }
    if (text.startsWith('true', i)) { i += 4; return true; }
    if (text.startsWith('false', i)) { i += 5; return false; }
    if (text.startsWith('null', i)) { i += 4; return null; }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i = NUMBER.lastIndex;
      return new ExactNumber(m[0]);
    }
    return fail(`valore non valido: ${show()}`);
  };
  const v = value(0);
  space();
  if (i < text.length) fail(`testo in più dopo la fine del valore: ${show()}`);
  return v;
}

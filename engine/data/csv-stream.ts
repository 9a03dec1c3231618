// A CSV data file read as a stream (Node only): the bytes in blocks from an open file, decoded on the
// way (UTF-8, or Windows-1252 when the file is not UTF-8: then read again from the start), line breaks
// normalised across blocks, parsed by csv-parse's stream API. Neither the file's bytes nor its text is
// ever held whole; each record keeps its cells and its line, nothing else. The same table, the same
// line numbers and the same messages as parseCsvBytes (parse.ts), which parses bytes already read.
import { readSync } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Cell } from './cell.ts';
import type { DataError, RawTable } from './parse.ts';

const BLOCK = 1 << 20;

class NotUtf8 extends Error {}

/** Text decoded block by block; `legacy`: Windows-1252 (the legacy encoding of Italian HR exports). */
function decoder(legacy: boolean): { write(b: Buffer): string; end(): string } {
  if (legacy) {
    const d = iconv.getDecoder('win1252');
    return { write: (b) => d.write(b), end: () => d.end() ?? '' };
  }
  const d = new TextDecoder('utf-8', { fatal: true });
  const wrap = (f: () => string) => {
    try {
      return f();
    } catch {
      throw new NotUtf8();
    }
  };
  return { write: (b) => wrap(() => d.decode(b, { stream: true })), end: () => wrap(() => d.decode()) };
}

/**
 * The table in the CSV file open as `fd` (read from position 0 to its end, at most `maxBytes`).
 * `tooBig`: the message when the file grows past the limit while it is read; `block`: bytes read at a time.
 */
export async function readCsvStream(file: string, fd: number, maxBytes: number, tooBig: string, block = BLOCK): Promise<RawTable | DataError[]> {
  try {
    return await pass(file, fd, maxBytes, tooBig, false, block);
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    return pass(file, fd, maxBytes, tooBig, true, block);
  }
}

async function pass(file: string, fd: number, maxBytes: number, tooBig: string, legacy: boolean, block: number): Promise<RawTable | DataError[]> {
  const dec = decoder(legacy);
  let parser: ReturnType<typeof parse> | undefined;
  let header: string[] | undefined;
  const rows: { line: number; cells: Cell[] }[] = [];
  let failure: DataError[] | undefined;
  let collected: Promise<void> | undefined;
  let first = true; // the first text still to come: a second BOM after the one the decoder drops goes too
  let held = ''; // text before the parser exists (the first line decides the delimiter), or a trailing CR
  const start = (delimiter: string) => {
    const p = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true, bom: true });
    p.on('error', () => {}); // reported through the loop below; never an unhandled 'error' once it has ended
    parser = p;
    collected = (async () => {
      try {
        for await (const r of p as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          if (!header) header = r.record.map((h) => h.trim());
          else rows.push({ line: r.info.lines, cells: r.record });
        }
      } catch (e) {
        const err = e as { lines?: number; message: string };
        failure = [{ file, line: err.lines, message: `il file CSV non si legge: ${err.message}` }];
      }
    })();
  };
  const feed = async (text: string, last: boolean) => {
    if (first && text) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    // line breaks normalised, so that rows are numbered as an editor shows them; a CR at the end of a
    // block waits for the next one (it may be the first half of CRLF)
    text = held + text;
    held = '';
    if (!last && text.endsWith('\r')) {
      held = '\r';
      text = text.slice(0, -1);
    }
    text = text.replace(/\r\n?/g, '\n');
    if (!parser) {
      const nl = text.indexOf('\n');
      if (nl < 0 && !last) {
        held = text + held;
        return;
      }
      const firstLine = nl < 0 ? text : text.slice(0, nl);
      start((firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',');
    }
    if (text && !failure && !parser!.write(text)) await new Promise<void>((resolve) => {
      const go = () => {
        parser!.off('drain', go);
        parser!.off('close', go);
        resolve();
      };
      parser!.once('drain', go);
      parser!.once('close', go);
    });
  };
  try {
    return await readAll();
  } catch (e) {
    parser?.destroy();
    await collected;
    throw e;
  }

  async function readAll(): Promise<RawTable | DataError[]> {
  let total = 0;
  const buf = Buffer.allocUnsafe(block);
  for (let pos = 0; ; ) {
    const n = readSync(fd, buf, 0, block, pos);
    if (n === 0) break;
    pos += n;
    total += n;
    if (total > maxBytes) {
      parser?.destroy();
      await collected;
      return [{ file, message: tooBig }];
    }
    await feed(dec.write(buf.subarray(0, n)), false);
    if (failure) break;
  }
  if (!failure) await feed(dec.end(), true);
  parser?.end();
  await collected;
  if (failure) return failure;
  if (!header) return [{ file, line: 1, message: 'il file è vuoto: manca la riga di intestazione' }];
  return { file, header, rows };
  }
}

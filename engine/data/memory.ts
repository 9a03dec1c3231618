// A year's tables from files already read (name and bytes), as a TableSource: what the browser editor's
// preview runs on (the local server sends the data folder's files). CSV and JSON are parsed here, each
// once; an Excel workbook is refused with a message (it is read by `scheda run`).
import { DATA_EXTS, parseTableBytes, type DataError, type RawTable } from './parse.ts';
import type { TableSource } from './population.ts';

export interface DataFile {
  name: string; // the file name, e.g. comparto-persone.csv
  bytes: Uint8Array;
}

export class MemoryTables implements TableSource {
  private byName = new Map<string, DataFile>();
  private parsed = new Map<string, Promise<RawTable | DataError[]>>();
  constructor(files: DataFile[]) {
    for (const f of files) this.byName.set(f.name, f);
  }
  files(name: string): string[] {
    return DATA_EXTS.map((e) => name + e).filter((f) => this.byName.has(f));
  }
  get(name: string): Promise<RawTable | DataError[]> | undefined {
    const f = this.files(name)[0];
    if (!f) return undefined;
    let p = this.parsed.get(f);
    if (!p) this.parsed.set(f, (p = Promise.resolve(parseTableBytes(f, this.byName.get(f)!.bytes))));
    return p;
  }
}

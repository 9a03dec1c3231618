// A data folder as a TableSource (Node only): each table's file found by name and read once, with the
// size bounds of read.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TableSource } from './population.ts';
import { DATA_EXTS, findTable, readTable, type DataError, type RawTable, type ReadOptions } from './read.ts';

export class TableCache implements TableSource {
  private cache = new Map<string, Promise<RawTable | DataError[]>>();
  constructor(public dir: string, public options: ReadOptions = {}) {}
  files(name: string): string[] {
    return DATA_EXTS.filter((e) => existsSync(join(this.dir, name + e))).map((e) => name + e);
  }
  get(name: string): Promise<RawTable | DataError[]> | undefined {
    const f = findTable(this.dir, name);
    if (!f) return undefined;
    if (!this.cache.has(f)) this.cache.set(f, readTable(f, this.options));
    return this.cache.get(f)!;
  }
  /** Forgets the table read for `name` (its typed rows live on in the population); asked again, it is read again. */
  release(name: string): void {
    const f = findTable(this.dir, name);
    if (f) this.cache.delete(f);
  }
}

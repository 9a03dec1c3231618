// The sample data the editor's preview runs on: the data folder matching a rules folder's body and year
// (rules/cremona/2024 → <data>/cremona-2024), read-only. Confined like the rule paths: body and year are
// single plain names, the folder's real path (symlinks followed) lies inside the data root, only regular
// .csv/.json/.xlsx files directly in it are sent, each within a size bound.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inside, PathRefused } from './paths.ts';

export const MAX_DATA_FILE_BYTES = 32 * 1024 * 1024;
export const MAX_DATA_TOTAL_BYTES = 128 * 1024 * 1024;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.(csv|json|xlsx)$/i;

export interface DataFolder {
  folder: string; // e.g. cremona-2024
  files: { name: string; base64: string }[];
}

/** The files of `<dataRoot>/<body>-<year>`, or undefined when there is no such folder. */
export function readDataFolder(dataRoot: string | undefined, body: string | null, year: string | null): DataFolder | undefined {
  if (!body || !year || !NAME.test(body) || !/^\d{4}$/.test(year)) throw new PathRefused('cartella dei dati non ammessa / data folder not allowed');
  if (!dataRoot) return undefined;
  const folder = `${body}-${year}`;
  let real: string;
  try {
    real = realpathSync(join(dataRoot, folder));
  } catch {
    return undefined;
  }
  if (!inside(dataRoot, real) || real === dataRoot) throw new PathRefused('fuori dalla cartella dei dati / outside the data folder');
  if (!statSync(real).isDirectory()) return undefined;
  const files: DataFolder['files'] = [];
  let total = 0;
  for (const name of readdirSync(real).sort()) {
    if (!FILE.test(name)) continue;
    let file: string;
    try {
      file = realpathSync(join(real, name));
    } catch {
      continue;
    }
    if (!inside(real, file)) continue; // a link leading out of the folder is not sample data
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_DATA_FILE_BYTES) continue;
    total += st.size;
    if (total > MAX_DATA_TOTAL_BYTES) throw new PathRefused('dati troppo grandi per l\'anteprima / data too large for the preview');
    files.push({ name, base64: readFileSync(file).toString('base64') });
  }
  return { folder, files };
}

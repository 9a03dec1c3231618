// Reading rule files from disk (Node only) and handing their texts to the passes in bundle.ts:
//
//   .scheda text ─syntax─► AST ─check─► names, types, units, tables, constraints ─compile─► IR (JSON)
//        ─run─► per-person values (exact decimals) ─allocate─► cents that add up ─report─► tables, charts
//
// bundle.ts chains the passes and runs anywhere (the editor's Web Worker too); this file is the I/O
// layer in front of it for the CLI and the tests, and re-exports it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { buildBundle as buildTexts, EXT, type BuildOptions, type BundleResult, type SourceFile } from './bundle.ts';

export { EXT, SCHEME_ID, unknownVariant, withDependencies, type BuildOptions, type BundleResult, type SourceFile } from './bundle.ts';

/** buildBundle (bundle.ts) with the files' folders read as the file system names them (a bare file
 *  name lies in the current folder, which may be a year's). */
export function buildBundle(sources: SourceFile[], opts: BuildOptions = {}): BundleResult {
  return buildTexts(sources, opts, (file) => basename(resolve(file, '..')));
}

/** The .scheda files a path names: the file itself, or every .scheda file below the folder, sorted
 *  (dotfiles skipped, here and among the siblings `loadBundles` adds; a dotfile named explicitly is an error). */
export function schemeFiles(path: string): string[] {
  const st = statSync(path);
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const e of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(path, e.name);
    if (e.isDirectory()) out.push(...schemeFiles(full));
    else if (e.name.endsWith(EXT)) out.push(full);
  }
  return out;
}

function isRegularFile(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

/** A rule file is read only if it is a regular file of reasonable size (a FIFO or /dev/zero would hang). */
export const MAX_RULE_FILE_BYTES = 16 * 1024 * 1024;

export function readSources(files: string[]): SourceFile[] {
  return files.map((f) => {
    const st = statSync(f);
    if (!st.isFile() || st.size > MAX_RULE_FILE_BYTES) {
      const e = new Error(`«${f}»: ${st.isFile() ? `oltre ${MAX_RULE_FILE_BYTES / 1024 / 1024} MB / over ${MAX_RULE_FILE_BYTES / 1024 / 1024} MB` : 'non è un file regolare / not a regular file'}`) as NodeJS.ErrnoException;
      e.code = st.isFile() ? 'EFBIG' : 'EINVAL';
      e.path = f;
      throw e;
    }
    return { id: basename(f, EXT).normalize('NFC'), file: f, text: readFileSync(f, 'utf8').replace(/^\uFEFF/, '') };
  });
}

/** The bundles a set of command-line paths needs: one per folder holding .scheda files; a file comes
 *  with its folder's siblings (to resolve `usa`), but only the requested files are reported on. */
export function loadBundles(paths: string[], opts: BuildOptions = {}): { bundle: BundleResult; requested: Set<string> }[] {
  const byDir = new Map<string, { files: Map<string, string>; requested: Set<string> }>();
  const entry = (dir: string) => {
    const e = byDir.get(dir) ?? { files: new Map<string, string>(), requested: new Set<string>() };
    byDir.set(dir, e);
    return e;
  };
  for (const p of paths) {
    const isDir = statSync(p).isDirectory();
    const requested = isDir ? schemeFiles(p) : [p];
    for (const f of requested) {
      const e = entry(resolve(dirname(f)));
      e.requested.add(f);
      // siblings only to resolve `usa`: one that is not a regular file (a FIFO, a device) is not a scheme
      const siblings = readdirSync(dirname(f)).filter((x) => x.endsWith(EXT) && !x.startsWith('.')).sort().map((x) => join(dirname(f), x)).filter(isRegularFile);
      for (const sib of [f, ...siblings]) {
        if (!e.files.has(resolve(sib))) e.files.set(resolve(sib), sib);
      }
    }
  }
  return [...byDir.keys()].sort().map((dir) => {
    const { files, requested } = byDir.get(dir)!;
    return { bundle: buildBundle(readSources([...files.values()]), opts), requested };
  });
}

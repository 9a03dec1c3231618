// Paths the editor's server may touch: rule files inside the rules folder, nothing else. A path comes
// from the browser as a relative POSIX path (`cremona/2024/comparto.scheda`); it is refused when it is
// absolute, holds `..`, a backslash, a NUL or a dot-segment, does not end in `.scheda`, or resolves
// (symlinks followed) outside the folder; and what it names must be a regular file.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export class PathRefused extends Error {}

const SEGMENT = /^[^./\\\0][^/\\\0]*$/; // no empty, dot-led (`.`, `..`, `.git`) segment; no separators other than `/`

/** `root` (already a realpath) joined with `rel`, or a PathRefused. `mustExist`: a regular file there. */
export function confine(root: string, rel: string | null, mustExist: boolean, ext = '.scheda'): string {
  if (!rel || rel.length > 1024) throw new PathRefused('percorso mancante o troppo lungo / missing or too long a path');
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) throw new PathRefused('percorso assoluto / absolute path');
  const segments = rel.split('/');
  if (!segments.every((s) => SEGMENT.test(s))) throw new PathRefused('percorso non ammesso / path not allowed');
  if (ext && !rel.endsWith(ext)) throw new PathRefused(`solo file ${ext} / only ${ext} files`);
  const full = resolve(root, ...segments);
  if (!inside(root, full)) throw new PathRefused('fuori dalla cartella / outside the folder');
  // symlinks: the real path of the file (or, for a new file, of its folder) must stay inside too
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    if (mustExist) throw new PathRefused('file inesistente / no such file');
    let dir: string;
    try {
      dir = realpathSync(resolve(full, '..'));
    } catch {
      throw new PathRefused('cartella inesistente / no such folder');
    }
    if (!inside(root, dir)) throw new PathRefused('fuori dalla cartella / outside the folder');
    return join(dir, segments[segments.length - 1]);
  }
  if (!inside(root, real)) throw new PathRefused('fuori dalla cartella / outside the folder');
  if (!statSync(real).isFile()) throw new PathRefused('non è un file regolare / not a regular file');
  return real;
}

export function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

export interface RuleEntry {
  path: string; // relative, with `/`
  body: string; // first folder (the public body), '' for a file at the top
  year: string; // second folder when it is a year, else ''
}

/** The .scheda files below `root` (real folders only: a symlink is not followed, dotfiles skipped). */
export function listRules(root: string, maxDepth = 4): RuleEntry[] {
  const out: RuleEntry[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = join(dir, name);
      const st = lstatSync(full);
      if (st.isDirectory() && depth < maxDepth) walk(full, depth + 1);
      else if (st.isFile() && name.endsWith('.scheda')) {
        const path = relative(root, full).split(sep).join('/');
        const parts = path.split('/');
        out.push({ path, body: parts.length > 1 ? parts[0] : '', year: parts.length > 2 && /^\d{4}$/.test(parts[1]) ? parts[1] : '' });
      }
    }
  };
  walk(root, 0);
  return out;
}

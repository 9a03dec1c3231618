// The pieces of the output folder's protocol (output.ts): one-line file-system errors, the manifest of
// what scheda wrote, paths that cannot leave the folder, careful walking, syncing and removal, and the
// writing of new files (whole, or streamed part by part with their hash) and of carried-over entries.
import { createHash } from 'node:crypto';
import {
  accessSync, chmodSync, constants as fsConstants, closeSync, copyFileSync, existsSync, fsyncSync, lchownSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync,
  readlinkSync, realpathSync, rmdirSync, symlinkSync, unlinkSync, utimesSync, writeSync, type Stats,
} from 'node:fs';

import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';


export const MANIFEST = '.scheda-run';
export const STEPS = ['lock', 'temp-file', 'temp', 'fsync', 'aside', 'swap', 'remove-file', 'remove'] as const;
export type Step = (typeof STEPS)[number];

/** A file-system problem, as one line for the operator (exit 1). */
export class OutputError extends Error {}
/** A wrong --out (exit 2, like other usage errors). */
export class OutputUsage extends Error {}

export const REASONS: Record<string, string> = {
  EACCES: 'permesso negato / permission denied',
  EPERM: 'operazione non permessa / operation not permitted',
  EROFS: 'file system di sola lettura / read-only file system',
  ENOSPC: 'disco pieno / no space left on device',
  EDQUOT: 'quota del disco superata / disk quota exceeded',
  ENOTDIR: 'una parte del percorso non è una cartella / a part of the path is not a folder',
  EISDIR: 'è una cartella / is a folder',
  ENAMETOOLONG: 'nome troppo lungo / name too long',
  ELOOP: 'troppi collegamenti simbolici / too many symbolic links',
  EIO: 'errore di lettura o scrittura del disco / input/output error',
  EMFILE: 'troppi file aperti / too many open files',
  EBUSY: 'in uso / busy',
  EXDEV: 'su un altro file system / on another file system',
  EINVAL: 'non è un file regolare (una pipe, un dispositivo) / not a regular file (a pipe, a device)',
  EFBIG: 'file troppo grande / file too large',
};

/** A path shown on one line: control characters escaped. */
export function shown(p: string): string {
  return p.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** An error of the file system (it has a code such as EACCES), as one line. */
export function fsErrorLine(e: unknown, what = 'scheda'): string | undefined {
  const x = e as NodeJS.ErrnoException;
  if (!x || typeof x.code !== 'string' || !/^E[A-Z0-9]+$/.test(x.code)) return undefined;
  const where = x.path ? ` «${shown(x.path)}»:` : '';
  return `${what}:${where} ${REASONS[x.code] ?? x.code} (${x.code}${x.syscall ? `, ${x.syscall}` : ''})`;
}

/** Rethrows as one line: the path the system names, or else what was being done. */
export function fail(e: unknown, what: string): never {
  if (e instanceof OutputError || e instanceof OutputUsage) throw e;
  const named = (e as NodeJS.ErrnoException)?.path ? 'scheda run' : `scheda run: ${what}`;
  throw new OutputError(fsErrorLine(e, named) ?? `scheda run: ${what}: ${shown(String((e as Error)?.message ?? e))}`);
}

export function crashAfter(step: Step) {
  if (process.env.SCHEDA_CRASH_AFTER === step) process.kill(process.pid, 'SIGKILL');
  if (process.env.SCHEDA_STOP_AFTER === step) process.kill(process.pid, 'SIGSTOP');
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function fsyncPath(p: string) {
  let fd: number | undefined;
  try {
    fd = openSync(p, 'r');
    fsyncSync(fd);
  } catch (e) {
    // some file systems cannot fsync a folder: the files themselves were synced
    if (!['EINVAL', 'EISDIR', 'EBADF', 'EPERM', 'ENOTSUP'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

// ── the manifest ─────────────────────────────────────────────────────────────────────────────────

/** What scheda wrote in a folder: path → sha256 (undefined: an older marker without hashes, or a
 *  temporary folder, where the path alone says it). */
export type Own = Map<string, string | undefined>;

/** `files`: each path with its content, or its sha256 already taken (a file written as a stream). */
export function manifestText(files: Map<string, Buffer | string>): string {
  const lines = ['# scheda run: i file scritti da scheda (sha256, percorso); gli altri file di questa cartella sono vostri e vengono conservati',
    '# scheda run: files written by scheda (sha256, path); any other file in this folder is yours and is kept'];
  for (const p of [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const f = files.get(p)!;
    lines.push(`${typeof f === 'string' ? f : sha256(f)}  ${p}`);
  }
  return lines.join('\n') + '\n';
}

export const LEGACY = /^[^/]+\/(?:results\.json|results\.csv|report\.json|report\.html)$/;

/** The manifest of a folder scheda wrote, or undefined when the folder has none. */
export function readManifest(dir: string, pathsOnly = false): Own | undefined {
  let text: string;
  try {
    if (!lstatSync(join(dir, MANIFEST)).isFile()) return undefined;
    text = readFileSync(join(dir, MANIFEST), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const own: Own = new Map([[MANIFEST, undefined]]);
  let entries = 0;
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m && safeRelative(m[2])) {
      own.set(m[2], pathsOnly ? undefined : m[1]);
      entries++;
    }
  }
  if (!entries && /^scheda run\s*$/.test(text)) {
    // the marker of earlier versions: its files are the four per scheme
    for (const f of walk(dir)) if (LEGACY.test(f.rel) && f.st.isFile()) own.set(f.rel, undefined);
  }
  return own;
}

/** A temporary or set-aside folder a killed run left: it has a manifest, or holds nothing but the
 *  files earlier versions wrote before their marker (a folder someone merely named so is left alone). */
export function looksOurs(dir: string): boolean {
  try {
    const head = readFileSync(join(dir, MANIFEST), 'utf8').slice(0, 64);
    if (head.startsWith('# scheda run') || /^scheda run\s*$/.test(head) || head === '' || '# scheda run'.startsWith(head)) return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return false;
  }
  return [...walk(dir)].every((f) => f.st.isDirectory() || LEGACY.test(f.rel));
}

export function isOwnUnchanged(dir: string, rel: string, own: Own): boolean {
  if (!own.has(rel)) return false;
  const want = own.get(rel);
  if (want === undefined) return true;
  const st = lstatOrUndefined(join(dir, rel));
  return !!st?.isFile() && sha256(readFileSync(join(dir, rel))) === want;
}

// ── paths ────────────────────────────────────────────────────────────────────────────────────────

/** A relative path with no way out: no absolute path, no empty, `.` or `..` segment, no backslash. */
export function safeRelative(rel: string): boolean {
  if (!rel || isAbsolute(rel) || rel.includes('\\') || rel.includes('\0')) return false;
  return rel.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

export function inside(root: string, rel: string): string {
  const full = resolve(root, rel);
  if (!safeRelative(rel) || !full.startsWith(root + sep)) {
    throw new OutputError(`scheda run: il percorso «${shown(rel)}» uscirebbe dalla cartella di output «${shown(root)}»: niente è stato scritto / the path would leave the output folder: nothing was written`);
  }
  return full;
}

/** A folder scheda will change: refused up front when it is read-only (root may write anyway). */
export function writable(dir: string) {
  try {
    accessSync(dir, fsConstants.W_OK | fsConstants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw e;
    throw new OutputError(`scheda run: «${shown(dir)}»: ${code === 'EROFS' ? REASONS.EROFS : 'cartella di sola lettura / read-only folder'} (${code}): niente è stato scritto / nothing was written`);
  }
}

/** The path with every existing part's links resolved (what the file system will act on). */
export function canonical(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    return dirname(abs) === abs ? abs : join(canonical(dirname(abs)), basename(abs));
  }
}

export function* walk(dir: string, rel = ''): Generator<{ rel: string; st: Stats }> {
  for (const name of readdirSync(rel ? join(dir, rel) : dir).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(dir, r));
    yield { rel: r, st };
    if (st.isDirectory()) yield* walk(dir, r);
  }
}

// ── careful removal ──────────────────────────────────────────────────────────────────────────────

export function sameFile(a: string, sa: Stats, b: string): boolean {
  const sb = lstatOrUndefined(b);
  if (!sb) return false;
  if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
  if (sa.isSymbolicLink() && sb.isSymbolicLink()) return readlinkSync(a) === readlinkSync(b);
  if (sa.isFile() && sb.isFile() && sa.size === sb.size) return readFileSync(a).equals(readFileSync(b));
  return false;
}

/** Removes from `dir` what scheda wrote there (`own`) and what `reference` holds as the same file;
 *  anything else stays. Returns what stayed (relative paths). */
export function removeCarefully(dir: string, own: Own, reference: string | undefined, onFirst?: () => void): string[] {
  const kept: string[] = [];
  let first = true;
  const visit = (rel: string): boolean => {
    const full = rel ? join(dir, rel) : dir;
    let empty = true;
    for (const name of readdirSync(full).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const p = join(dir, r);
      const st = lstatSync(p);
      if (st.isDirectory()) {
        if (visit(r)) rmdirSync(p);
        else empty = false;
        continue;
      }
      if (r === MANIFEST) continue; // last: it says what the folder holds
      if (isOwnUnchanged(dir, r, own) || (reference !== undefined && sameFile(p, st, join(reference, r)))) {
        unlinkSync(p);
        if (first) {
          first = false;
          onFirst?.();
        }
      } else {
        kept.push(r);
        empty = false;
      }
    }
    return empty;
  };
  const empty = visit('');
  if (empty) {
    if (existsSync(join(dir, MANIFEST))) unlinkSync(join(dir, MANIFEST));
    rmdirSync(dir);
  }
  return kept;
}

// ── the output folder ────────────────────────────────────────────────────────────────────────────


/** All of `b` written at `pos` (or the file's position), however many calls it takes. */
function writeAll(fd: number, b: Buffer, pos?: number) {
  for (let off = 0; off < b.length; ) off += writeSync(fd, b, off, b.length - off, pos === undefined ? null : pos + off);
}

/** A new file (never an existing one: 'wx'), its folders made, written and fsynced. */
export function writeNewFile(full: string, b: Buffer) {
  mkdirSync(dirname(full), { recursive: true });
  const fd = openSync(full, 'wx');
  try {
    writeAll(fd, b);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A new file written part by part (each part encoded as it comes, written in blocks of 1 MB), fsynced; its sha256. */
export function writeNewStream(full: string, parts: Iterable<string>): string {
  mkdirSync(dirname(full), { recursive: true });
  const hash = createHash('sha256');
  const fd = openSync(full, 'wx');
  try {
    let pending: Buffer[] = [];
    let size = 0;
    const flush = () => {
      writeAll(fd, pending.length === 1 ? pending[0] : Buffer.concat(pending, size));
      pending = [];
      size = 0;
    };
    for (const part of parts) {
      const b = Buffer.from(part, 'utf8');
      hash.update(b);
      pending.push(b);
      size += b.length;
      if (size >= 1 << 20) flush();
    }
    if (size) flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** An existing file's bytes replaced in place by as many (the manifest completed with the streamed hashes), fsynced. */
export function rewriteInPlace(full: string, b: Buffer) {
  const fd = openSync(full, 'r+');
  try {
    writeAll(fd, b, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** One of the operator's entries `rel` of `from`, into `dst`: the same file (a hard link), a copy only where
 *  the system refuses the link; folders and symbolic links recreated as they were. */
export function carryEntry(from: string, dst: string, rel: string, st: Stats) {
  const src = join(from, rel);
  if (st.isDirectory()) {
    mkdirSync(dst, { recursive: true });
    return;
  }
  mkdirSync(dirname(dst), { recursive: true });
  if (st.isSymbolicLink()) {
    symlinkSync(readlinkSync(src), dst);
    if (process.getuid?.() === 0) lchownSync(dst, st.uid, st.gid);
    return;
  }
  try {
    linkSync(src, dst);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!st.isFile() || !['EPERM', 'EMLINK', 'EXDEV', 'ENOTSUP', 'EACCES'].includes(code ?? '')) throw e;
    copyFileSync(src, dst);
    chmodSync(dst, st.mode & 0o7777);
    utimesSync(dst, st.atime, st.mtime);
    fsyncPath(dst);
  }
}

/** A folder given back the mode, owner and times it had. */
export function folderAsBefore(dir: string, st: Stats) {
  chmodSync(dir, st.mode & 0o7777);
  if (process.getuid?.() === 0) lchownSync(dir, st.uid, st.gid);
  utimesSync(dir, st.atime, st.mtime);
}

// The output folder of `scheda run` (Node only): contained, locked, replaced atomically, and never a
// file lost.
//
//   <out>.scheda-lock   taken first (pid and host): a second run on the same folder is refused; the lock
//                       of a process that is gone is taken over
//   <out>.tmp-<pid>     the new output is written here: manifest, files (each fsynced), then what the
//                       operator put into the old folder, carried over as hard links (same files,
//                       untouched); every folder fsynced
//   <out>.old-<pid>     the old folder is renamed aside, the new one renamed in, then the old one is
//                       removed — only what scheda wrote there (the manifest says what, with hashes) and
//                       what is now in the new folder as the very same file; anything else is left
//
// `.scheda-run` inside the folder is the manifest: the sha256 and path of every file scheda wrote,
// sorted, nothing that varies between runs. A file scheda wrote and someone changed since is the
// operator's: carried over like any other, or, where the new output needs its path, the run is refused.
// A killed run leaves the previous output, or the new one complete; the next run cleans what it left
// (with the lock held, no one else can be writing a temporary folder of this output). Between the two
// renames the folder is absent for an instant: a run killed exactly there leaves the previous output
// complete in <out>.old-<pid>, and the next run puts it back before anything else.
//
// For the tests, SCHEDA_CRASH_AFTER=<step> kills the process (SIGKILL) after that step, and
// SCHEDA_STOP_AFTER=<step> stops it (SIGSTOP) there: lock, temp-file, temp, fsync, aside, swap,
// remove-file, remove.

import {
  closeSync, existsSync, fsyncSync, linkSync, lstatSync, lchownSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync, chmodSync, type Stats,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

import {
  carryEntry, folderAsBefore, rewriteInPlace, writeNewFile, writeNewStream,
  fail, crashAfter, sha256, alive, fsyncPath, lstatOrUndefined, readManifest, looksOurs, isOwnUnchanged, inside, writable, canonical, walk, removeCarefully, MANIFEST, STEPS, OutputError, OutputUsage, shown, fsErrorLine, manifestText, type Own,
} from './output-files.ts';

export { fsErrorLine, MANIFEST, OutputError, OutputUsage, shown, STEPS } from './output-files.ts';

/** A streamed file's hash in the manifest until it is written (64 hex digits, as a sha256 is). */
const PLACEHOLDER = '0'.repeat(64);

export interface OutputOptions {
  /** paths the run reads: the output may not hold them or be them */
  inputs?: string[];
  warn?: (line: string) => void;
}

/** The output folder of one run, locked from `open` to `release`. */
export class OutputFolder {
  readonly dir: string;
  readonly parent: string;
  readonly base: string;
  private readonly lock: string;
  private locked = false;
  private createdParent?: string;
  private tmp?: string;
  private readonly warn: (line: string) => void;
  private readonly onSignal = (sig: NodeJS.Signals) => {
    this.cleanupAfterError();
    this.release();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };

  private constructor(dir: string, o: OutputOptions) {
    this.dir = dir;
    this.parent = dirname(dir);
    this.base = basename(dir);
    this.lock = join(this.parent, `${this.base}.scheda-lock`);
    this.warn = o.warn ?? ((l) => process.stderr.write(l + '\n'));
  }

  /** Checks --out, takes the lock, and cleans what killed runs left. Throws OutputUsage or OutputError. */
  static open(out: string, o: OutputOptions = {}): OutputFolder {
    let dir = resolve(out);
    try {
      const st = lstatOrUndefined(dir);
      if (st?.isSymbolicLink()) dir = realpathSync(dir); // a link to a folder: the folder is the output
      const real = existsSync(dir) ? statSync(dir) : undefined;
      if (real && !real.isDirectory()) throw new OutputError(`scheda run: «${shown(out)}» non è una cartella / is not a folder (ENOTDIR)`);
    } catch (e) {
      fail(e, `cartella di output / output folder «${shown(out)}»`);
    }
    if (dirname(dir) === dir) throw new OutputUsage(`scheda run: «${shown(out)}» non può essere la cartella di output / cannot be the output folder`);
    const here = canonical(dir);
    for (const g of [process.cwd(), ...(o.inputs ?? [])]) {
      const c = canonical(g);
      if (c === here || c.startsWith(here + sep)) {
        throw new OutputUsage(`scheda run: la cartella di output «${shown(out)}» contiene «${shown(relative(process.cwd(), g) || '.')}», che la sostituzione sposterebbe: scegline un'altra / the output folder holds a folder the run reads or works in: choose another`);
      }
    }
    const f = new OutputFolder(dir, o);
    try {
      if (!existsSync(f.parent)) f.createdParent = mkdirSync(f.parent, { recursive: true });
      f.takeLock();
      process.on('SIGINT', f.onSignal);
      process.on('SIGTERM', f.onSignal);
      process.on('SIGHUP', f.onSignal);
      crashAfter('lock');
      f.recover();
      if (existsSync(dir)) {
        const st = statSync(dir);
        if (!st.isDirectory()) throw new OutputError(`scheda run: «${shown(out)}» non è una cartella / is not a folder (ENOTDIR)`);
        writable(dir);
        const entries = readdirSync(dir);
        if (entries.length && !readManifest(dir)) {
          throw new OutputUsage(`scheda run: la cartella «${shown(out)}» non è vuota e non viene da una precedente esecuzione: scegline una nuova / the folder is not empty and was not written by scheda run`);
        }
      }
    } catch (e) {
      f.release();
      fail(e, `cartella di output / output folder «${shown(out)}»`);
    }
    return f;
  }

  private takeLock() {
    const me = `${process.pid} ${hostname()}\n`;
    for (let attempt = 0; attempt < 5; attempt++) {
      // the lock appears whole or not at all: written aside, then linked in (link fails if it exists), so a
      // second run never reads an empty lock and takes it for a dead one
      const fresh = `${this.lock}.new-${process.pid}`;
      const fd = openSync(fresh, 'w');
      try {
        writeSync(fd, me);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      try {
        linkSync(fresh, this.lock);
        this.locked = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      } finally {
        unlinkSync(fresh);
      }
      let holder = '';
      try {
        holder = readFileSync(this.lock, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      const [pidText, host] = holder.trim().split(/\s+/);
      const pid = Number(pidText);
      const ours = host === undefined || host === hostname();
      if (!ours || alive(pid)) {
        throw new OutputError(`scheda run: un'altra esecuzione (pid ${shown(pidText ?? '?')}${ours ? '' : ` su ${shown(host)}`}) sta scrivendo in «${shown(this.dir)}»; se non è così, cancella «${shown(this.lock)}» / another run is writing this output folder; if none is, delete the lock file`);
      }
      // the holder is gone: take the lock over, but only the one we read (another run may be quicker)
      const aside = `${this.lock}.stale-${process.pid}`;
      try {
        renameSync(this.lock, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      if (readFileSync(aside, 'utf8') === holder) unlinkSync(aside);
      else {
        // someone else took it over in between: give it back
        try {
          linkSync(aside, this.lock);
        } catch {
          /* a third run holds it now */
        }
        unlinkSync(aside);
      }
    }
    throw new OutputError(`scheda run: non riesco a prendere il blocco «${shown(this.lock)}» / cannot take the lock`);
  }

  /** Temporary and set-aside folders of this output left by runs that were killed. */
  private leftovers(): { tmp: string[]; old: string[] } {
    const tmp: string[] = [];
    const old: string[] = [];
    for (const name of readdirSync(this.parent).sort()) {
      if (!name.startsWith(this.base + '.')) continue;
      const m = /^\.(tmp|old)-(\d+)$/.exec(name.slice(this.base.length));
      const p = join(this.parent, name);
      if (!m || alive(Number(m[2])) || !lstatSync(p).isDirectory()) continue;
      if (!looksOurs(p)) {
        this.warn(`scheda run: «${shown(p)}» ha il nome di una cartella temporanea di scheda ma non ne ha il contenuto: lasciata com'è / is named like a temporary folder of scheda but does not look like one: left alone`);
        continue;
      }
      (m[1] === 'tmp' ? tmp : old).push(p);
    }
    return { tmp, old };
  }

  private recover() {
    const { tmp, old } = this.leftovers();
    // killed between the two renames: the previous output goes back first
    if (!existsSync(this.dir) && old.length) {
      const back = old.pop()!;
      renameSync(back, this.dir);
      fsyncPath(this.parent);
      this.warn(`scheda run: ripristinata l'uscita precedente da «${shown(back)}» (un'esecuzione era stata interrotta) / the previous output was put back`);
    }
    const ref = existsSync(this.dir) ? this.dir : undefined;
    for (const t of tmp) this.removeLeftover(t, readManifest(t, true) ?? new Map(), ref);
    for (const o of old) this.removeLeftover(o, readManifest(o) ?? new Map(), ref);
  }

  private removeLeftover(dir: string, own: Own, ref: string | undefined) {
    const kept = removeCarefully(dir, own, ref);
    if (kept.length) {
      this.warn(`scheda run: «${shown(dir)}», lasciata da un'esecuzione interrotta, contiene file non scritti da scheda e non cancellati: ${kept.slice(0, 10).map(shown).join(', ')}${kept.length > 10 ? ` (+${kept.length - 10})` : ''} / left by a killed run, holds files scheda did not write; they were kept`);
    }
  }

  /**
   * Replaces the folder's content with `files` (relative paths), keeping every file scheda did not write.
   * A file given as parts (an array or a generator: results.csv and results.json of a million persons) is
   * written as a stream, part by part, never held whole; its hash is taken as it is written, and the
   * manifest, written first with a placeholder for it, is completed in place (same length) before the
   * folder is swapped in. A part that fails to render leaves the previous output as it was.
   */
  write(files: [string, string | Iterable<string>][]): void {
    if (!this.locked) throw new Error('output folder not locked');
    const bufs = new Map<string, Buffer>();
    const streams = new Map<string, Iterable<string>>();
    for (const [rel, text] of files) {
      inside(this.dir, rel);
      if (rel === MANIFEST || bufs.has(rel) || streams.has(rel)) throw new OutputError(`scheda run: il file «${shown(rel)}» sarebbe scritto due volte / would be written twice`);
      if (typeof text === 'string') bufs.set(rel, Buffer.from(text, 'utf8'));
      else streams.set(rel, text);
    }
    // the manifest as it will be: streamed files hashed as they are written (a placeholder until then)
    const hashes = new Map<string, string>();
    for (const [rel, b] of bufs) hashes.set(rel, sha256(b));
    for (const rel of streams.keys()) hashes.set(rel, PLACEHOLDER);
    const manifest = Buffer.from(manifestText(hashes), 'utf8');
    const names = new Map<string, Buffer | undefined>(files.map(([rel]) => [rel, bufs.get(rel)])); // in the order given
    const prev = existsSync(this.dir) ? this.dir : undefined;
    let carry: { rel: string; st: Stats }[] = [];
    try {
      carry = prev ? this.userFiles(prev, names) : [];
    } catch (e) {
      fail(e, `lettura di / reading «${shown(this.dir)}»`);
    }
    const tmp = join(this.parent, `${this.base}.tmp-${process.pid}`);
    const aside = join(this.parent, `${this.base}.old-${process.pid}`);
    let asideDone = false;
    try {
      this.tmp = tmp;
      mkdirSync(tmp);
      this.writeFile(tmp, MANIFEST, manifest);
      let first = true;
      for (const [rel, b] of names) {
        if (b) this.writeFile(tmp, rel, b);
        else hashes.set(rel, this.writeStream(tmp, rel, streams.get(rel)!));
        if (first) crashAfter('temp-file');
        first = false;
      }
      if (streams.size) this.completeManifest(tmp, manifest, Buffer.from(manifestText(hashes), 'utf8'));
      for (const c of carry) this.carry(prev!, tmp, c.rel, c.st);
      // the operator's folders keep their mode, owner and times (set last, deepest first)
      for (const c of [...carry].reverse()) if (c.st.isDirectory()) folderAsBefore(join(tmp, c.rel), c.st);
      crashAfter('temp');
      // every folder synced, deepest first, so the renames below publish complete content
      const dirs = [...walk(tmp)].filter((x) => x.st.isDirectory()).map((x) => join(tmp, x.rel)).reverse();
      for (const d of dirs) fsyncPath(d);
      if (prev) {
        const st = statSync(prev);
        chmodSync(tmp, st.mode & 0o7777);
        if (process.getuid?.() === 0) lchownSync(tmp, st.uid, st.gid);
      }
      fsyncPath(tmp);
      crashAfter('fsync');
      if (prev) {
        renameSync(this.dir, aside);
        asideDone = true;
        crashAfter('aside');
      }
      renameSync(tmp, this.dir);
      this.tmp = undefined;
      asideDone = false;
      fsyncPath(this.parent);
      crashAfter('swap');
    } catch (e) {
      if (asideDone) {
        try {
          renameSync(aside, this.dir);
        } catch {
          this.warn(`scheda run: l'uscita precedente è rimasta in «${shown(aside)}» / the previous output is in that folder`);
        }
      }
      this.cleanupAfterError();
      fail(e, `scrittura in / writing into «${shown(this.dir)}»`);
    }
    if (prev) {
      try {
        const kept = removeCarefully(aside, readManifest(aside) ?? new Map(), this.dir, () => crashAfter('remove-file'));
        if (kept.length) {
          this.warn(`scheda run: in «${shown(aside)}» restano file comparsi durante l'esecuzione, non cancellati: ${kept.slice(0, 10).map(shown).join(', ')} / files that appeared during the run were kept there`);
        }
        fsyncPath(this.parent);
      } catch (e) {
        this.warn((fsErrorLine(e, 'scheda run: avviso / warning: rimozione della vecchia uscita / removing the old output') ?? String(e)) + `; resta in «${shown(aside)}», la prossima esecuzione la ripulisce / the next run cleans it`);
      }
    }
    crashAfter('remove');
  }

  /** What the operator keeps in the old folder; refuses where the new output needs the path of one of them. */
  private userFiles(prev: string, bufs: Map<string, unknown>): { rel: string; st: Stats }[] {
    const own = readManifest(prev) ?? new Map();
    const outDev = statSync(prev).dev;
    const user: { rel: string; st: Stats }[] = [];
    const dirsNeeded = new Set<string>();
    for (const rel of bufs.keys()) {
      const parts = rel.split('/');
      for (let i = 1; i < parts.length; i++) dirsNeeded.add(parts.slice(0, i).join('/'));
    }
    const conflicts: string[] = [];
    for (const f of walk(prev)) {
      if (f.rel === MANIFEST) continue;
      if (f.st.isDirectory()) {
        writable(join(prev, f.rel)); // what is in it is removed from the old folder at the end
        if (f.st.dev !== outDev) throw new OutputError(`scheda run: «${shown(join(prev, f.rel))}» è su un altro file system (un punto di montaggio): spostalo fuori dalla cartella di output / is a mount point: move it out of the output folder`);
        if (bufs.has(f.rel)) conflicts.push(`${f.rel}/`);
        else user.push(f);
        continue;
      }
      if (isOwnUnchanged(prev, f.rel, own)) continue;
      if (bufs.has(f.rel) || dirsNeeded.has(f.rel)) conflicts.push(f.rel);
      else user.push(f);
    }
    if (conflicts.length) {
      throw new OutputError(`scheda run: in «${shown(this.dir)}» ${conflicts.length === 1 ? 'un file non scritto da scheda (o cambiato dopo) occupa' : `${conflicts.length} file non scritti da scheda (o cambiati dopo) occupano`} il posto di un risultato: ${conflicts.slice(0, 10).map(shown).join(', ')}${conflicts.length > 10 ? ` (+${conflicts.length - 10})` : ''}; spostali e riprova, niente è stato scritto / files scheda did not write (or that changed since) stand where the new output goes: move them and run again; nothing was written`);
    }
    // a folder goes over when it holds something that does, or when the operator left it empty
    const keep = new Set<string>();
    for (const u of user) {
      if (u.st.isDirectory()) {
        if (!readdirSync(join(prev, u.rel)).length) keep.add(u.rel);
        continue;
      }
      const parts = u.rel.split('/');
      for (let i = 1; i < parts.length; i++) keep.add(parts.slice(0, i).join('/'));
    }
    return user.filter((u) => !u.st.isDirectory() || keep.has(u.rel));
  }

  private writeFile(root: string, rel: string, b: Buffer) {
    inside(this.dir, rel);
    writeNewFile(inside(root, rel), b);
  }

  /** A file written part by part; its sha256. */
  private writeStream(root: string, rel: string, parts: Iterable<string>): string {
    inside(this.dir, rel);
    return writeNewStream(inside(root, rel), parts);
  }

  /** The manifest's placeholders replaced by the streamed files' hashes: the same length, written in place. */
  private completeManifest(root: string, before: Buffer, after: Buffer) {
    if (before.length !== after.length) throw new Error('manifest length changed');
    rewriteInPlace(join(root, MANIFEST), after);
  }

  private carry(from: string, to: string, rel: string, st: Stats) {
    carryEntry(from, inside(to, rel), rel, st);
  }

  /** Removes this run's temporary folder (only ever what it wrote or linked). */
  private cleanupAfterError() {
    const t = this.tmp;
    this.tmp = undefined;
    if (!t || !existsSync(t)) return;
    try {
      removeCarefully(t, readManifest(t, true) ?? new Map([[MANIFEST, undefined]]), existsSync(this.dir) ? this.dir : undefined);
    } catch {
      /* the next run cleans it */
    }
  }

  /** Gives the lock back, and the output's parent folder if this run created it and nothing is in it. */
  release() {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    process.off('SIGHUP', this.onSignal);
    if (this.locked) {
      this.locked = false;
      try {
        unlinkSync(this.lock);
      } catch {
        /* already gone */
      }
    }
    if (this.createdParent && !existsSync(this.dir)) {
      // remove the folders mkdir created for --out, deepest first, while they are empty
      let d = this.parent;
      for (;;) {
        try {
          rmdirSync(d);
        } catch {
          break;
        }
        if (d === this.createdParent) break;
        d = dirname(d);
      }
    }
  }
}

// The editor's local server: the built editor (static files) and the rule files of one folder, on
// 127.0.0.1 only. Safe by default, because any web page the user opens can send requests to it:
//   - Host must be this server's own (127.0.0.1:PORT or localhost:PORT): a DNS-rebinding page is refused (421);
//   - Origin, when sent, must be its own too, and `Sec-Fetch-Site: cross-site` is refused (403): no CSRF;
//   - every /api request carries the session's random token (X-Scheda-Token), which only the served page knows;
//   - paths are confined to the rules folder (paths.ts); only regular .scheda files are read or written;
//   - the sample data (data.ts) is read-only, one `<body>-<year>` folder of the data root at a time;
//   - every response has a strict Content-Security-Policy (no eval, no inline script, no foreign source);
//   - a write is atomic (a temporary file in the same folder, then rename) and refused (409) when the file
//     changed on disk since the editor read it (the client sends the sha256 it read; it gets the current text back).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, dirname, extname, join } from 'node:path';
import { confine, listRules, PathRefused } from './paths.ts';
import { readDataFolder } from './data.ts';

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  // Monaco writes its styles into <style> elements (no nonce support): inline styles, never inline scripts
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const TOKEN_HEADER = 'x-scheda-token';
const MAX_RULE_BYTES = 4 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

export interface EditorServerOptions {
  rulesDir: string;
  staticDir: string;
  /** the folder of the sample data (`<body>-<year>` folders), read-only; default: `data` beside the rules folder */
  dataDir?: string;
  port?: number; // 0 (default): a free port
  token?: string; // tests may fix it; otherwise 32 random bytes
}

export interface EditorServer {
  server: Server;
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

export async function startEditorServer(opts: EditorServerOptions): Promise<EditorServer> {
  const root = realpathSync(opts.rulesDir);
  if (!statSync(root).isDirectory()) throw new Error(`«${opts.rulesDir}»: non è una cartella / not a folder`);
  const staticRoot = realpathSync(opts.staticDir);
  let dataRoot: string | undefined;
  try {
    dataRoot = realpathSync(opts.dataDir ?? join(root, '..', 'data'));
    if (!statSync(dataRoot).isDirectory()) dataRoot = undefined;
  } catch {
    dataRoot = undefined; // no sample data: the preview says so
  }
  const token = opts.token ?? randomBytes(32).toString('hex');
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : e instanceof PathRefused ? 403 : 500;
      const message = e instanceof Error ? e.message : String(e);
      send(res, status, { error: status === 500 ? 'errore interno / internal error' : message, ...(e instanceof HttpError ? e.extra : {}) });
      if (status === 500) process.stderr.write(`scheda editor: ${(e as Error).stack ?? e}\n`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const own = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!own.includes(req.headers.host ?? '')) throw new HttpError(421, 'host non ammesso / host not allowed');
    const origin = req.headers.origin;
    if (origin !== undefined && !own.some((h) => origin === `http://${h}`)) throw new HttpError(403, 'origine non ammessa / origin not allowed');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    // another site (or another port of this machine: `same-site`) may open the page, never call the API
    const site = req.headers['sec-fetch-site'];
    const navigation = req.method === 'GET' && req.headers['sec-fetch-mode'] === 'navigate' && !url.pathname.startsWith('/api/');
    if ((site === 'cross-site' || site === 'same-site') && !navigation) throw new HttpError(403, 'richiesta da un altro sito / cross-site request');
    if (url.pathname.startsWith('/api/')) return api(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'metodo non ammesso / method not allowed');
    return serveStatic(req, res, url.pathname);
  }

  function checkToken(req: IncomingMessage) {
    const got = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''));
    const want = Buffer.from(token);
    if (got.length !== want.length || !timingSafeEqual(got, want)) throw new HttpError(403, 'token di sessione mancante o errato / missing or wrong session token');
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    checkToken(req);
    if (url.pathname === '/api/files' && req.method === 'GET') return send(res, 200, { root: basename(root), files: listRules(root) });
    if (url.pathname === '/api/data' && req.method === 'GET') {
      const d = readDataFolder(dataRoot, url.searchParams.get('body'), url.searchParams.get('year'));
      if (!d) throw new HttpError(404, 'nessun dato di esempio per questo ente e anno / no sample data for this body and year');
      return send(res, 200, d);
    }
    if (url.pathname === '/api/file' && req.method === 'GET') {
      const file = confine(root, url.searchParams.get('path'), true);
      const text = readRule(file);
      return send(res, 200, { path: url.searchParams.get('path'), text: text.toString('utf8'), sha256: sha256(text) });
    }
    if (url.pathname === '/api/file' && req.method === 'PUT') {
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'serve JSON / JSON expected');
      let body: { text?: unknown; sha256?: unknown };
      try {
        body = JSON.parse((await readBody(req)).toString('utf8')) ?? {};
      } catch (e) {
        if (e instanceof HttpError) throw e;
        throw new HttpError(400, 'JSON non valido / invalid JSON');
      }
      if (typeof body.text !== 'string' || (body.sha256 !== null && typeof body.sha256 !== 'string')) {
        throw new HttpError(400, 'corpo non valido: { text, sha256 } / bad body: { text, sha256 }');
      }
      const rel = url.searchParams.get('path');
      const file = confine(root, rel, false);
      let current: Buffer | undefined;
      try {
        current = readRule(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      const now = current ? sha256(current) : null;
      if (now !== body.sha256) {
        throw new HttpError(409, 'il file è cambiato sul disco da quando è stato aperto / the file changed on disk since it was opened', {
          path: rel, text: current?.toString('utf8') ?? null, sha256: now,
        });
      }
      writeAtomic(file, body.text);
      return send(res, 200, { path: rel, sha256: sha256(body.text) });
    }
    throw new HttpError(404, 'non trovato / not found');
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
    } catch {
      throw new HttpError(400, 'percorso non valido / bad path');
    }
    let file: string;
    try {
      file = confine(staticRoot, rel, true, '');
    } catch {
      throw new HttpError(404, 'non trovato / not found');
    }
    let body: Buffer = readFileSync(file);
    if (rel === 'index.html') {
      // the page, and only the page, learns the session token
      body = Buffer.from(body.toString('utf8').replace('%SCHEDA_TOKEN%', token));
    }
    res.writeHead(200, {
      ...securityHeaders(),
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': rel === 'index.html' ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as { port: number }).port;
  return {
    server, port, token, url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
}

function send(res: ServerResponse, status: number, json: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = Buffer.from(JSON.stringify(json));
  res.writeHead(status, { ...securityHeaders(), 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' });
  res.end(body);
}

function readRule(file: string): Buffer {
  const st = statSync(file);
  if (!st.isFile()) throw new PathRefused('non è un file regolare / not a regular file');
  if (st.size > MAX_RULE_BYTES) throw new HttpError(413, 'file troppo grande / file too large');
  return readFileSync(file);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  // a body over the limit is read to its end and dropped, so the client hears the 413
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_RULE_BYTES) chunks.push(c);
    });
    req.on('end', () => (size > MAX_RULE_BYTES ? fail(new HttpError(413, 'testo troppo grande / text too large')) : ok(Buffer.concat(chunks))));
    req.on('error', fail);
  });
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename: a reader (or a
 *  crash) sees the old text or the new one, never half of it. */
export function writeAtomic(file: string, text: string) {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let mode = 0o644; // a new file's; an existing file keeps its own
  try {
    mode = statSync(file).mode & 0o777;
  } catch { /* a new file */ }
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    try { unlinkSync(tmp); } catch { /* never made */ }
    throw e;
  }
}

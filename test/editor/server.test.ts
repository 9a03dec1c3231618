// The editor's local server refuses what a hostile web page (or a careless path) could ask of it.
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, startEditorServer, type EditorServer } from '../../editor/server/server.ts';

const SCHEME = 'scheda a "A" anno 2025 lingua it\n\ntotale max 10 punti\n';
let dir: string;
let rules: string;
let srv: EditorServer;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srv.port, method, path, headers: { host: `127.0.0.1:${srv.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const tok = () => ({ 'x-scheda-token': srv.token });
const put = (path: string, text: string, sha: string | null, extra: Record<string, string> = {}) =>
  call('PUT', `/api/file?path=${path}`, { ...tok(), 'content-type': 'application/json', origin: `http://127.0.0.1:${srv.port}`, ...extra }, JSON.stringify({ text, sha256: sha }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scheda-editor-'));
  rules = join(dir, 'rules');
  mkdirSync(join(rules, 'comune', '2025'), { recursive: true });
  writeFileSync(join(rules, 'comune', '2025', 'a.scheda'), SCHEME);
  writeFileSync(join(dir, 'secret.scheda'), 'segreto');
  writeFileSync(join(dir, 'package.json'), '{"name":"outside"}');
  symlinkSync(join(dir, 'secret.scheda'), join(rules, 'comune', '2025', 'link.scheda'));
  symlinkSync(dir, join(rules, 'fuori'));
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static', 'index.html'), '<meta name="scheda-token" content="%SCHEDA_TOKEN%">');
  srv = await startEditorServer({ rulesDir: rules, staticDir: join(dir, 'static') });
});

afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the editor server', () => {
  it('listens on 127.0.0.1 and serves the page with the session token in it', async () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((srv.server.address() as { address: string }).address).toBe('127.0.0.1');
    const r = await call('GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain(srv.token);
    expect(srv.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('puts a strict Content-Security-Policy on every response, refusals included', async () => {
    for (const r of [await call('GET', '/'), await call('GET', '/api/files', tok()), await call('GET', '/api/files'), await call('GET', '/nope')]) {
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses a foreign Host header (DNS rebinding), on pages and on the API', async () => {
    expect((await call('GET', '/', { host: 'attacker.example' })).status).toBe(421);
    expect((await call('GET', '/', { host: `attacker.example:${srv.port}` })).status).toBe(421);
    const r = await call('GET', '/api/file?path=comune/2025/a.scheda', { ...tok(), host: 'attacker.example' });
    expect(r.status).toBe(421);
    expect(r.body).not.toContain('totale');
  });

  it('refuses a foreign Origin and a cross-site request (CSRF), even with the token', async () => {
    const before = readFileSync(join(rules, 'comune', '2025', 'a.scheda'), 'utf8');
    expect((await put('comune/2025/a.scheda', 'x', sha256(before), { origin: 'http://attacker.example' })).status).toBe(403);
    expect((await put('comune/2025/a.scheda', 'x', sha256(before), { origin: 'null' })).status).toBe(403);
    expect((await put('comune/2025/a.scheda', 'x', sha256(before), { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await put('comune/2025/a.scheda', 'x', sha256(before), { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await call('GET', '/api/files', { ...tok(), 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' })).status).toBe(403);
    // a link from elsewhere may open the page (it cannot read it)
    expect((await call('GET', '/', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' })).status).toBe(200);
    expect((await call('GET', '/', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' })).status).toBe(403);
    expect(readFileSync(join(rules, 'comune', '2025', 'a.scheda'), 'utf8')).toBe(before);
  });

  it('refuses every API request without the session token or with a wrong one', async () => {
    expect((await call('GET', '/api/files')).status).toBe(403);
    expect((await call('GET', '/api/file?path=comune/2025/a.scheda', { 'x-scheda-token': 'f'.repeat(64) })).status).toBe(403);
    const r = await call('PUT', '/api/file?path=comune/2025/a.scheda', { 'content-type': 'application/json', origin: `http://127.0.0.1:${srv.port}` },
      JSON.stringify({ text: 'x', sha256: sha256(SCHEME) }));
    expect(r.status).toBe(403);
    expect(readFileSync(join(rules, 'comune', '2025', 'a.scheda'), 'utf8')).toBe(SCHEME);
  });

  it('lists the rule files by body and year, symlinks not followed', async () => {
    const r = JSON.parse((await call('GET', '/api/files', tok())).body) as { files: { path: string; body: string; year: string }[] };
    expect(r.files).toEqual([{ path: 'comune/2025/a.scheda', body: 'comune', year: '2025' }]);
  });

  it('refuses paths outside the rules folder: .., encoded .., absolute, backslashes, other extensions', async () => {
    const bad = ['../package.json', '..%2fpackage.json', '..%2Fsecret.scheda', '%2e%2e/secret.scheda', 'comune/../../secret.scheda', '/etc/passwd',
      encodeURIComponent(join(dir, 'secret.scheda')), 'comune%5c..%5c..%5csecret.scheda', 'comune/2025/.a.scheda', 'comune/2025/a.scheda%00.txt', ''];
    for (const p of bad) {
      const r = await call('GET', `/api/file?path=${p}`, tok());
      expect(r.status, p).toBe(403);
      expect(r.body).not.toMatch(/outside|segreto/);
    }
    expect((await call('GET', '/%2e%2e/package.json')).status).toBe(404);
    expect((await call('GET', '/../package.json')).body).not.toContain('outside');
  });

  it('refuses a symlink that leads out of the rules folder, for reading and for writing', async () => {
    expect((await call('GET', '/api/file?path=comune/2025/link.scheda', tok())).status).toBe(403);
    expect((await call('GET', '/api/file?path=fuori/secret.scheda', tok())).status).toBe(403);
    expect((await put('fuori/nuova.scheda', 'x', null)).status).toBe(403);
    expect((await put('comune/2025/link.scheda', 'x', sha256('segreto'))).status).toBe(403);
    expect(readFileSync(join(dir, 'secret.scheda'), 'utf8')).toBe('segreto');
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'rules', 'secret.scheda', 'static']);
  });

  it('refuses a folder or another non-regular file', async () => {
    mkdirSync(join(rules, 'comune', 'cartella.scheda'));
    expect((await call('GET', '/api/file?path=comune/cartella.scheda', tok())).status).toBe(403);
    expect((await put('comune/cartella.scheda', 'x', null)).status).toBe(403);
  });

  it('reads a file with its sha256, and writes it atomically when it has not changed since', async () => {
    const r = JSON.parse((await call('GET', '/api/file?path=comune/2025/a.scheda', tok())).body) as { text: string; sha256: string };
    expect(r.text).toBe(SCHEME);
    expect(r.sha256).toBe(sha256(SCHEME));
    const next = SCHEME + '# modificata\n';
    const w = await put('comune/2025/a.scheda', next, r.sha256);
    expect(w.status).toBe(200);
    expect(JSON.parse(w.body).sha256).toBe(sha256(next));
    expect(readFileSync(join(rules, 'comune', '2025', 'a.scheda'), 'utf8')).toBe(next);
    // no temporary file left behind
    expect(readdirSync(join(rules, 'comune', '2025')).sort()).toEqual(['a.scheda', 'link.scheda']);
  });

  it('refuses (409) a write over a file changed on disk since it was read, and sends the text on disk back', async () => {
    const p = join(rules, 'comune', '2025', 'a.scheda');
    const read = readFileSync(p, 'utf8');
    writeFileSync(p, read + '# cambiata da un altro\n');
    const w = await put('comune/2025/a.scheda', 'mia versione', sha256(read));
    expect(w.status).toBe(409);
    const b = JSON.parse(w.body) as { text: string; sha256: string };
    expect(b.text).toBe(read + '# cambiata da un altro\n');
    expect(readFileSync(p, 'utf8')).toBe(read + '# cambiata da un altro\n');
    // a new file is created only when it does not exist
    expect((await put('comune/2025/a.scheda', 'x', null)).status).toBe(409);
    expect((await put('comune/2025/b.scheda', SCHEME, null)).status).toBe(200);
    expect(readFileSync(join(rules, 'comune', '2025', 'b.scheda'), 'utf8')).toBe(SCHEME);
  });

  it('refuses a write that is not JSON, or too large', async () => {
    const r = await call('PUT', '/api/file?path=comune/2025/a.scheda', { ...tok(), 'content-type': 'text/plain', origin: `http://127.0.0.1:${srv.port}` }, 'x');
    expect(r.status).toBe(415);
    const j = await call('PUT', '/api/file?path=comune/2025/a.scheda', { ...tok(), 'content-type': 'application/json' }, '{not json');
    expect(j.status).toBe(400);
    const big = await put('comune/2025/a.scheda', 'x'.repeat(5 * 1024 * 1024), null);
    expect(big.status).toBe(413);
  });
});

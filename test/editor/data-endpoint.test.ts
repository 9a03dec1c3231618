// The editor server's sample data (GET /api/data?body=B&year=Y): the matching `<body>-<year>` folder of the
// data root, read-only, with the same guards as the rule files (token, Host) and confined to the data root.
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEditorServer, type EditorServer } from '../../editor/server/server.ts';

let dir: string;
let srv: EditorServer;

function get(path: string, headers: Record<string, string> = { 'x-scheda-token': srv.token }): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srv.port, method: 'GET', path, headers: { host: `127.0.0.1:${srv.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scheda-editor-data-'));
  mkdirSync(join(dir, 'rules', 'comune', '2025'), { recursive: true });
  writeFileSync(join(dir, 'rules', 'comune', '2025', 'a.scheda'), 'scheda a "A" anno 2025 lingua it\n\ntotale max 10 punti\n');
  mkdirSync(join(dir, 'data', 'comune-2025'), { recursive: true });
  writeFileSync(join(dir, 'data', 'comune-2025', 'a-persone.csv'), 'matricola;punti\nA1;5\n');
  writeFileSync(join(dir, 'data', 'comune-2025', 'note.txt'), 'not data');
  writeFileSync(join(dir, 'segreto.csv'), 'segreto;1\n');
  symlinkSync(join(dir, 'segreto.csv'), join(dir, 'data', 'comune-2025', 'fuga.csv')); // a link out of the folder
  mkdirSync(join(dir, 'altro-2025'));
  writeFileSync(join(dir, 'altro-2025', 'x.csv'), 'segreto;2\n');
  symlinkSync(join(dir, 'altro-2025'), join(dir, 'data', 'altro-2025')); // a folder linked from outside
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static', 'index.html'), '<meta name="scheda-token" content="%SCHEDA_TOKEN%">');
  srv = await startEditorServer({ rulesDir: join(dir, 'rules'), staticDir: join(dir, 'static') });
});

afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the sample data endpoint', () => {
  it('sends the data files of the body and year (data beside the rules folder), nothing else', async () => {
    const r = await get('/api/data?body=comune&year=2025');
    expect(r.status).toBe(200);
    const d = JSON.parse(r.body) as { folder: string; files: { name: string; base64: string }[] };
    expect(d.folder).toBe('comune-2025');
    expect(d.files.map((f) => f.name)).toEqual(['a-persone.csv']); // not note.txt, not the link leading out
    expect(Buffer.from(d.files[0].base64, 'base64').toString('utf8')).toBe('matricola;punti\nA1;5\n');
  });

  it('refuses names that are not a plain body and a year, and folders linked from outside', async () => {
    for (const q of ['body=..&year=2025', 'body=comune&year=../x', 'body=%2Fetc&year=2025', 'body=comune%2F..&year=2025', 'year=2025', 'body=.git&year=2025']) {
      const r = await get(`/api/data?${q}`);
      expect([400, 403], q).toContain(r.status);
      expect(r.body).not.toContain('base64');
    }
    const out = await get('/api/data?body=altro&year=2025');
    expect(out.status).toBe(403);
    expect(out.body).not.toContain('segreto');
  });

  it('answers 404 when there is no data for the year, and refuses a request without the token or with a foreign Host', async () => {
    expect((await get('/api/data?body=comune&year=2030')).status).toBe(404);
    expect((await get('/api/data?body=comune&year=2025', {})).status).toBe(403);
    expect((await get('/api/data?body=comune&year=2025', { 'x-scheda-token': srv.token, host: 'attacker.example' })).status).toBe(421);
  });
});

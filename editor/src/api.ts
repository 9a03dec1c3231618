// The local server's API (editor/server/server.ts). Every request carries the session token the server
// wrote into the page.
export interface RuleEntry {
  path: string;
  body: string;
  year: string;
}

const token = document.querySelector<HTMLMetaElement>('meta[name="scheda-token"]')?.content ?? '';
const headers = { 'x-scheda-token': token };

async function json<T>(r: Response): Promise<T> {
  const body = (await r.json()) as T & { error?: string };
  if (!r.ok) throw Object.assign(new Error(body.error ?? r.statusText), { status: r.status, body });
  return body;
}

export async function listFiles(): Promise<{ root: string; files: RuleEntry[] }> {
  return json(await fetch('api/files', { headers }));
}

export async function readFile(path: string): Promise<{ path: string; text: string; sha256: string }> {
  return json(await fetch(`api/file?path=${encodeURIComponent(path)}`, { headers }));
}

export type SaveResult = { ok: true; sha256: string } | { ok: false; conflict: { text: string | null; sha256: string | null } };

/** Saves `text` over the version whose sha256 the editor read (null: a new file); a conflict when it changed since. */
export async function saveFile(path: string, text: string, sha256: string | null): Promise<SaveResult> {
  const r = await fetch(`api/file?path=${encodeURIComponent(path)}`, {
    method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ text, sha256 }),
  });
  if (r.status === 409) {
    const b = (await r.json()) as { text: string | null; sha256: string | null };
    return { ok: false, conflict: { text: b.text, sha256: b.sha256 } };
  }
  const b = await json<{ sha256: string }>(r);
  return { ok: true, sha256: b.sha256 };
}

export interface DataFolder {
  folder: string;
  files: { name: string; base64: string }[];
}

/** The sample data of a body and year (read-only), or null when the server has none. */
export async function readData(body: string, year: string): Promise<DataFolder | null> {
  const r = await fetch(`api/data?body=${encodeURIComponent(body)}&year=${encodeURIComponent(year)}`, { headers });
  if (r.status === 404) return null;
  return json(r);
}

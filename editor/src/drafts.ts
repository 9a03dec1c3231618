// Drafts: the text of every file with unsaved changes is kept in the browser (localStorage) as it is
// typed, with the sha256 of the version it was based on, and restored after a reload or a crash of the tab.
export interface Draft {
  text: string;
  base: string | null; // sha256 of the version on disk the draft started from
  at: number;
}

const KEY = 'scheda-draft:';

export function loadDraft(path: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(KEY + path);
    return raw ? (JSON.parse(raw) as Draft) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(path: string, text: string, base: string | null) {
  try {
    localStorage.setItem(KEY + path, JSON.stringify({ text, base, at: Date.now() } satisfies Draft));
  } catch {
    // storage full or denied: the text is still in the editor
  }
}

export function dropDraft(path: string) {
  localStorage.removeItem(KEY + path);
}

export function lastOpen(): string | null {
  return localStorage.getItem('scheda-last-open');
}

export function setLastOpen(path: string) {
  localStorage.setItem('scheda-last-open', path);
}

// A scheme in a folder named for a year (rules/x/2025) whose header states another year. Pure: the
// folder's name comes from `folderOf` (the Node side asks the file system, see rollover.ts and
// pipeline.ts; by default it is read from the path as written).

/** The name of the folder a path's file lies in, read from the path alone (undefined when it does not say). */
export function folderOfPath(file: string): string | undefined {
  const stack: string[] = [];
  const parts = file.split(/[\\/]+/);
  parts.pop();
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (!stack.length) return undefined;
      stack.pop();
    } else stack.push(p);
  }
  return stack[stack.length - 1];
}

export function yearFolderMismatches(
  files: { file: string; text: string }[], folderOf: (file: string) => string | undefined = folderOfPath,
): { file: string; offset: number; folder: string; year: string }[] {
  const out: { file: string; offset: number; folder: string; year: string }[] = [];
  for (const f of files) {
    const folder = /^(\d{4})$/.exec(folderOf(f.file) ?? '')?.[1];
    if (!folder) continue;
    const m = /^\s*(?:scheda|scheme)\s+\S+(?:\s+"(?:[^"\\]|\\.)*")?\s+(?:anno|year)\s+(\d{4})/m.exec(f.text.replace(/#.*$/gm, (c) => ' '.repeat(c.length)));
    if (!m || m[1] === folder) continue;
    out.push({ file: f.file, offset: m.index + m[0].length - 4, folder, year: m[1] });
  }
  return out;
}

// Rule files are read only when they are regular files of reasonable size: a FIFO named like a scheme
// (or a link to /dev/zero) must not hang `check` or grow memory; the error is one line, exit 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'scheda-rulefiles-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const check = (path: string) => spawnSync(process.execPath, ['bin/scheda.mjs', 'check', path], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

describe('rule files that are not regular files', () => {
  it('a FIFO named x.scheda is refused at once with one line (no hang)', () => {
    const f = join(tmp, 'x.scheda');
    expect(spawnSync('mkfifo', [f]).status).toBe(0);
    const r = check(f);
    expect(r.error).toBeUndefined(); // not killed by the timeout
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('non è un file regolare');
    expect(r.stderr).not.toMatch(/at .*\.(m?js|ts):\d+/);
  });

  it('a link to /dev/zero named y.scheda is refused, and a good sibling alone still checks', () => {
    const d = join(tmp, 'folder');
    spawnSync('mkdir', [d]);
    symlinkSync('/dev/zero', join(d, 'y.scheda'));
    const r = check(join(d, 'y.scheda'));
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('non è un file regolare');
    writeFileSync(join(tmp, 'ok.scheda'), 'scheme ok "Ok" year 2025 language en\ninputs person {\n  id: text key\n  p: points from 0 to 10\n}\ncompute q = p * 2\n');
    expect(check(join(tmp, 'ok.scheda')).status).toBe(0);
  });
});

// `npm test`: every vitest suite, then every example written in the rule files (`scheda test rules`),
// closing with one line that counts both: 'N passed, N failed, N skipped'.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(root + 'dist', { recursive: true });
const report = root + 'dist/vitest-report.json';
const v = spawnSync(process.execPath, [root + 'node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  cwd: root, stdio: 'inherit',
});
let vp = 0, vf = 0, vs = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  vp = r.numPassedTests;
  vf = r.numFailedTests + (r.numFailedTestSuites ?? 0);
  vs = r.numPendingTests + (r.numTodoTests ?? 0);
} catch {
  vf = 1; // vitest did not report: count it as a failure
}
const ex = spawnSync(process.execPath, [root + 'bin/scheda.mjs', 'test', 'rules'], { cwd: root, encoding: 'utf8' });
process.stdout.write(ex.stdout.split('\n').filter((l) => !/^\d+ passed, \d+ failed$/.test(l)).join('\n'));
process.stderr.write(ex.stderr);
const m = /(\d+) passed, (\d+) failed/.exec(ex.stdout) ?? ['', '0', '1'];
const [ep, ef] = [Number(m[1]), Number(m[2]) + (ex.status === 0 ? 0 : ex.status === 1 ? 0 : 1)];
console.log(`\nvitest: ${vp} passed, ${vf} failed, ${vs} skipped · examples in rules/: ${ep} passed, ${ef} failed`);
console.log(`${vp + ep} passed, ${vf + ef} failed, ${vs} skipped`);
process.exitCode = v.status === 0 && ex.status === 0 && vf + ef === 0 ? 0 : 1;

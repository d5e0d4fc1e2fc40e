// The command line as installs run it: the vite build in out/cli/ (no TypeScript loader),
// with resources/ found from the bundled files. Needs `npm run build` first (test:e2e does it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const built = path.join(root, 'out', 'cli', 'index.js');

/** Runs the built CLI's main() in a plain Node process (no tsx loader registered). */
function runBuilt(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `import(${JSON.stringify(pathToFileURL(built).href)}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(args)}); })`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

it('evaluates and backtests from the built output, seeding history from resources/', () => {
  expect(fs.existsSync(built)).toBe(true);
  const example = path.join(root, 'resources/examples/eth-leveraged-long.json');
  const evaluated = runBuilt(['evaluate', example, '--json']);
  expect(evaluated.stderr).toBe('');
  expect(evaluated.status).toBe(0);
  const evaluation = JSON.parse(evaluated.stdout) as { ok: boolean };
  expect(evaluation.ok).toBe(true);

  const backtest = runBuilt(['backtest', example, '--from', '2021-05-01', '--to', '2021-05-10']);
  expect(backtest.status).toBe(0);
  expect(backtest.stdout).toContain('backtest 2021-05-01 .. 2021-05-10 (10 days)');
  // The built files do not load tsx.
  const bundled = fs
    .readdirSync(path.dirname(built))
    .map((f) => fs.readFileSync(path.join(path.dirname(built), f), 'utf8'));
  expect(bundled.some((text) => text.includes('tsx/esm'))).toBe(false);
});

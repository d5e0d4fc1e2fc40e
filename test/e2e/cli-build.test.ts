// The command line as installs run it: the vite build in out/cli/ (no TypeScript loader),
// with resources/ found from the bundled files. Needs `npm run build` first (test:e2e does it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

/**
 * The same from a script file: worker threads inherit the process's flags, and `--input-type`
 * (runBuilt's) is refused in a worker, as no real launch (bin/yieldplan.mjs) passes it.
 */
function runBuiltFile(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yieldplan-cli-'));
  const script = path.join(dir, 'run.mjs');
  fs.writeFileSync(
    script,
    `const m = await import(${JSON.stringify(pathToFileURL(built).href)});\nprocess.exitCode = await m.main(${JSON.stringify(args)});\n`,
  );
  try {
    const result = spawnSync(process.execPath, [script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

it('runs the Monte Carlo on worker threads from the built output (simulate, compare)', () => {
  const loop = path.join(root, 'resources/examples/eth-leveraged-long.json');
  const farm = path.join(root, 'resources/examples/stablecoin-farm.json');
  const simulated = runBuiltFile([
    'simulate',
    loop,
    '--paths',
    '300',
    '--days',
    '20',
    '--threads',
    '2',
  ]);
  expect(simulated.stderr).toBe('');
  expect(simulated.status).toBe(0);
  expect(simulated.stdout).toContain('300 paths × 20 days, seed 1');
  const compared = runBuiltFile([
    'compare',
    loop,
    farm,
    '--from',
    '2024-01-01',
    '--to',
    '2024-01-31',
    '--paths',
    '300',
    '--days',
    '20',
  ]);
  expect(compared.stderr).toBe('');
  expect(compared.status).toBe(0);
  expect(compared.stdout).toContain('Monte Carlo GBM 300 paths × 20 days, seed 1');
});

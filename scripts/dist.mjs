#!/usr/bin/env node
/**
 * `npm run dist`: installers for this platform and CPU into dist/ (docs/packaging.md).
 *   1. the Electron binary must be installed (node_modules/electron/dist): it is packaged as is,
 *      so nothing is downloaded here;
 *   2. build main, preload, renderer and the CLI;
 *   3. build better-sqlite3 for Electron into native/electron/ (against Electron's headers, not
 *      npm's `nodedir`) unless a matching build is there, then check the binary's ABI and CPU;
 *   4. check the committed icons were rendered from the committed SVG;
 *   5. electron-builder for this platform's targets from electron-builder.yml, this arch only.
 * Arguments after `--` go to electron-builder (e.g. `npm run dist -- --dir`);
 * `--rebuild-native` rebuilds the driver even when the stamp matches.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { electronAbi, electronBinary, electronVersion, root } from './electron-binary.mjs';
import {
  binaryArch,
  electronSqliteProblem,
  ensureElectronSqlite,
  nativeBinary,
} from './electron-sqlite.mjs';

const args = process.argv.slice(2);
const rebuildNative = args.includes('--rebuild-native');
const builderArgs = args.filter((a) => a !== '--rebuild-native');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function fail(message) {
  console.error(`npm run dist: ${message}`);
  process.exit(1);
}

function step(message) {
  console.log(`\n== ${message}`);
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) fail(`${path.basename(command)} ${commandArgs.join(' ')} failed.`);
}

/** electron-builder's platform flag and the target names electron-builder.yml lists for it. */
function hostTargets(config, platform = process.platform) {
  const key = { linux: 'linux', darwin: 'mac', win32: 'win' }[platform];
  if (!key) return null;
  const targets = [config[key]?.target ?? []]
    .flat()
    .map((t) => (typeof t === 'string' ? t : t.target));
  return { flag: `--${key}`, targets };
}

step('Electron');
if (!electronBinary()) {
  fail(
    `the Electron ${electronVersion()} binary is not installed (node_modules/electron/dist), and ` +
      'installers are made from it. Run `npx install-electron` (or `npm install`) on a connected ' +
      'machine, then `npm run dist` again.',
  );
}
console.log(`Electron ${electronVersion()} (ABI ${electronAbi()}) at ${electronBinary()}`);

step('Build');
run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);

step('better-sqlite3 for Electron');
try {
  ensureElectronSqlite({ force: rebuildNative });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const problem = electronSqliteProblem();
if (problem) fail(`native/electron/better_sqlite3.node cannot be packaged: ${problem}.`);
const arch = binaryArch(nativeBinary);
if (arch !== process.arch) {
  fail(
    `native/electron/better_sqlite3.node is for ${arch ?? 'an unknown CPU'}, this build is for ${process.arch}.`,
  );
}
console.log(`native/electron/better_sqlite3.node: node_register_module_v${electronAbi()}, ${arch}`);

step('Icons');
const svg = fs.readFileSync(path.join(root, 'build', 'icon.svg'));
const stamp = fs.readFileSync(path.join(root, 'build', 'icons', 'source.sha256'), 'utf8');
if (!stamp.startsWith(crypto.createHash('sha256').update(svg).digest('hex'))) {
  fail(
    'build/icon.svg changed since the icons were rendered: run `npm run icons` and commit them.',
  );
}
console.log('build/ icons match build/icon.svg');

step('electron-builder');
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const host = hostTargets(config);
if (!host) fail(`no installer targets for ${process.platform}.`);
const targetArgs = builderArgs.includes('--dir') ? [host.flag] : [host.flag, ...host.targets];
run(bin('electron-builder'), [
  ...targetArgs,
  `--${process.arch}`,
  '--publish',
  'never',
  // Package the installed Electron instead of downloading one (also keeps the arch honest).
  `-c.electronDist=${path.join(root, 'node_modules', 'electron', 'dist')}`,
  ...builderArgs,
]);
console.log(`\nInstallers are in ${path.join(root, 'dist')}`);

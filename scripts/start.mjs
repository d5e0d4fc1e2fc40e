#!/usr/bin/env node
/**
 * `npm start`  : build if sources changed, make sure Electron and its better-sqlite3 build exist,
 *                then launch the app.
 * `npm run dev`: the same checks, then `electron-vite dev` (hot reload).
 * Arguments after `--` go to the app, e.g. `npm start -- --db /tmp/try.sqlite`.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  downloadElectron,
  electronAbi,
  electronBinary,
  electronVersion,
  root,
  UNAVAILABLE_LINE,
} from './electron-binary.mjs';

const dev = process.argv.includes('--dev');
const appArgs = process.argv.slice(2).filter((a) => a !== '--dev');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function fail(message) {
  console.error(message);
  process.exit(1);
}

function betterSqliteVersion() {
  const pkg = path.join(root, 'node_modules', 'better-sqlite3', 'package.json');
  return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status === 0;
}

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIsStale() {
  const output = path.join(root, 'out', 'main', 'index.js');
  if (!fs.existsSync(output)) return true;
  const inputs = ['src-main', 'src-renderer', 'electron.vite.config.ts', 'package.json'];
  const newestInput = Math.max(...inputs.map((i) => newestMtime(path.join(root, i))));
  return newestInput > fs.statSync(output).mtimeMs;
}

/** node-gyp ships inside npm; fall back to npx when npm's copy cannot be found. */
function nodeGypCommand() {
  const npmCli = process.env.npm_execpath;
  if (npmCli) {
    const gyp = path.join(
      path.dirname(npmCli),
      '..',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
    if (fs.existsSync(gyp)) return [process.execPath, [gyp]];
  }
  return ['npx', ['--yes', 'node-gyp']];
}

/**
 * Builds better-sqlite3 against Electron's headers into native/electron/, from a copy of the
 * package so node_modules keeps the Node build the tests use. Rebuilt when Electron's ABI changes.
 */
function ensureElectronSqlite() {
  const outDir = path.join(root, 'native', 'electron');
  const stamp = path.join(outDir, 'abi.txt');
  // ABI and driver version: upgrading better-sqlite3 rebuilds the Electron copy too.
  const abi = `${electronAbi()} better-sqlite3@${betterSqliteVersion()}`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === abi) return;

  console.log(`Yield Planner: building better-sqlite3 for Electron ${electronVersion()} (once)…`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yieldplan-sqlite-'));
  try {
    fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, {
      recursive: true,
      filter: (src) =>
        !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
    });
    const [cmd, pre] = nodeGypCommand();
    const ok = run(
      cmd,
      [
        ...pre,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion()}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work },
    );
    const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
    if (!ok || !fs.existsSync(built)) {
      fs.rmSync(work, { recursive: true, force: true });
      fail(
        'Yield Planner: could not build better-sqlite3 for Electron (needs a C++ toolchain and ' +
          'network access to electronjs.org/headers once). See the output above.',
      );
    }
    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(built, path.join(outDir, 'better_sqlite3.node'));
    fs.writeFileSync(stamp, abi);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

let electron = electronBinary();
if (!electron) {
  electron = await downloadElectron(3 * 60_000);
}
if (!electron) fail(UNAVAILABLE_LINE);

ensureElectronSqlite();

if (dev) {
  const child = spawn(bin('electron-vite'), ['dev', '--', ...appArgs], {
    stdio: 'inherit',
    cwd: root,
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  if (buildIsStale() && !run(bin('electron-vite'), ['build'])) fail('Yield Planner: build failed.');
  const child = spawn(electron, ['.', ...appArgs], { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
}

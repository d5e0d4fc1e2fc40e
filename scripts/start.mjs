#!/usr/bin/env node
/**
 * `npm start`  : build if sources changed, make sure Electron and its better-sqlite3 build exist,
 *                then launch the app.
 * `npm run dev`: the same checks, then `electron-vite dev` (hot reload).
 * Arguments after `--` go to the app, e.g. `npm start -- --db /tmp/try.sqlite`.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { downloadElectron, electronBinary, root, UNAVAILABLE_LINE } from './electron-binary.mjs';
import { ensureElectronSqlite } from './electron-sqlite.mjs';

const dev = process.argv.includes('--dev');
const appArgs = process.argv.slice(2).filter((a) => a !== '--dev');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function fail(message) {
  console.error(message);
  process.exit(1);
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

let electron = electronBinary();
if (!electron) {
  electron = await downloadElectron(3 * 60_000);
}
if (!electron) fail(UNAVAILABLE_LINE);

try {
  ensureElectronSqlite();
} catch (error) {
  fail(`Yield Planner: ${error instanceof Error ? error.message : String(error)}`);
}

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

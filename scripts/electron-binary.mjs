// Shared by check-electron.mjs and start.mjs: find (or fetch) Electron's binary without ever
// letting `require('electron')` start a download that could hang on an offline machine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

export const UNAVAILABLE_LINE =
  'Yield Planner: the Electron desktop shell is not installed and could not be downloaded ' +
  '(no network?). Run `npx install-electron` on a connected machine; the tests and ' +
  '`npm run serve:loopback` work without it.';

/** Absolute path of the Electron executable if it is present, else null. */
export function electronBinary() {
  try {
    const relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const full = path.join(electronDir, 'dist', relative);
    return relative && fs.existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

export function electronVersion() {
  return JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
}

/** Electron's Node ABI (NODE_MODULE_VERSION), shipped in the npm package as `abi_version`. */
export function electronAbi() {
  return fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
}

/**
 * Runs electron's own installer (download + unzip) with a time limit and its output captured,
 * so an offline machine gets our one-line message rather than a stack trace.
 * Resolves to the binary path or null.
 */
export function downloadElectron(timeoutMs = 5 * 60_000) {
  const installer = path.join(electronDir, 'install.js');
  if (!fs.existsSync(installer)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    // Offline, the installer fails at once; say something only when a real download is under way.
    const slow = setTimeout(() => console.log('Yield Planner: downloading Electron…'), 3000);
    child.on('error', () => resolve(null));
    child.on('exit', () => {
      clearTimeout(timer);
      clearTimeout(slow);
      resolve(electronBinary());
    });
  });
}

import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native module: node_modules holds the Node build (tests, CLI, loopback),
 * and `npm start` builds an Electron-ABI copy into native/electron/ (scripts/start.mjs).
 * Passing that file as `nativeBinding` keeps the two from clobbering each other.
 * Returns null when it is missing or was built for another Electron (ABI stamp mismatch).
 */
export function electronNativeBinding(appRoot: string): string | null {
  const dir = path.join(appRoot, 'native', 'electron');
  const binding = path.join(dir, 'better_sqlite3.node');
  const stamp = path.join(dir, 'abi.txt');
  if (!fs.existsSync(binding) || !fs.existsSync(stamp)) return null;
  const abi = fs.readFileSync(stamp, 'utf8').trim();
  return abi === process.versions.modules ? binding : null;
}

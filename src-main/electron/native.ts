import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native module: node_modules holds the Node build (tests, CLI, loopback),
 * and `npm start` / `npm run dist` build an Electron-ABI copy into native/electron/
 * (scripts/electron-sqlite.mjs). Passing that file as `nativeBinding` keeps the two apart.
 * In a package the folder is unpacked beside the asar (electron-builder.yml `asarUnpack`), and
 * the unpacked path is returned: a native module cannot be loaded from inside the archive.
 * Returns null when it is missing or was built for another Electron (ABI stamp mismatch).
 */
export function electronNativeBinding(
  appRoot: string,
  abi: string = process.versions.modules,
): string | null {
  const root = unpackedPath(appRoot);
  const dir = path.join(root, 'native', 'electron');
  const binding = path.join(dir, 'better_sqlite3.node');
  const stamp = path.join(dir, 'abi.txt');
  if (!fs.existsSync(binding) || !fs.existsSync(stamp)) return null;
  // abi.txt reads "<ABI> better-sqlite3@<version>": the ABI is its first word.
  const stamped = fs.readFileSync(stamp, 'utf8').trim().split(/\s+/)[0];
  return stamped === abi ? binding : null;
}

/** `…/resources/app.asar` → `…/resources/app.asar.unpacked`; other paths unchanged. */
export function unpackedPath(appRoot: string): string {
  return appRoot.endsWith('.asar') ? `${appRoot}.unpacked` : appRoot;
}

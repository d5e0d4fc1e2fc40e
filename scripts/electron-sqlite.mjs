// The Electron build of better-sqlite3 in native/electron/ (shared by start.mjs and dist.mjs).
// node_modules keeps the Node build the tests and the CLI use; this copy is built from a
// temporary copy of the package against Electron's headers, and its ABI is read back from the
// binary before anyone relies on it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronAbi, electronVersion, root } from './electron-binary.mjs';

export const nativeDir = path.join(root, 'native', 'electron');
export const nativeBinary = path.join(nativeDir, 'better_sqlite3.node');
const stampFile = path.join(nativeDir, 'abi.txt');

function betterSqliteVersion() {
  const pkg = path.join(root, 'node_modules', 'better-sqlite3', 'package.json');
  return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
}

/** What abi.txt holds: Electron's ABI first (src-main/electron/native.ts reads it), then the driver. */
export function expectedStamp() {
  return `${electronAbi()} better-sqlite3@${betterSqliteVersion()}`;
}

/**
 * NODE_MODULE_VERSION a (non-N-API) addon was compiled for, read from its exported
 * `node_register_module_v<ABI>` symbol name; the same bytes appear in ELF, Mach-O and PE files.
 * Returns null when the file has no such symbol.
 */
export function nodeModuleAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(fs.readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** Env for node-gyp without npm's `nodedir` (which would build against Node's headers). */
export function electronBuildEnv(env = process.env) {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key]) => !/^npm_config_(nodedir|target|runtime|disturl)$/i.test(key),
    ),
  );
}

/**
 * node-gyp ships inside npm: run its script directly with our environment. Going through
 * `npm`/`npx` would put npm's `nodedir` back into the environment.
 */
function nodeGypCommand() {
  const npmDirs = [
    process.env.npm_execpath && path.join(path.dirname(process.env.npm_execpath), '..'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm'),
  ].filter(Boolean);
  for (const dir of npmDirs) {
    const gyp = path.join(dir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (fs.existsSync(gyp)) return [process.execPath, [gyp], {}];
  }
  // Last resort: an empty nodedir overrides npm's setting for the node-gyp that npx starts.
  return ['npx', ['--yes', 'node-gyp'], { npm_config_nodedir: '' }];
}

/** null when native/electron/ holds a build for this Electron and driver, else why not. */
export function electronSqliteProblem() {
  if (!fs.existsSync(nativeBinary)) return `${path.relative(root, nativeBinary)} is missing`;
  const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  if (stamp !== expectedStamp()) return `it was built for "${stamp}", not "${expectedStamp()}"`;
  const abi = nodeModuleAbi(nativeBinary);
  if (String(abi) !== electronAbi()) {
    return `its binary exports node_register_module_v${abi ?? '?'}, Electron ${electronVersion()} needs v${electronAbi()}`;
  }
  return null;
}

/**
 * Builds better-sqlite3 for Electron into native/electron/ unless a matching build is there
 * (`force` rebuilds anyway). Throws with a readable message when the build or its ABI is wrong.
 */
export function ensureElectronSqlite({ force = false, log = console.log } = {}) {
  if (!force && electronSqliteProblem() === null) return nativeBinary;
  log(`Yield Planner: building better-sqlite3 for Electron ${electronVersion()}…`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yieldplan-sqlite-'));
  try {
    fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, {
      recursive: true,
      filter: (src) =>
        !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
    });
    const [cmd, pre, extraEnv] = nodeGypCommand();
    const result = spawnSync(
      cmd,
      [
        ...pre,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion()}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, stdio: 'inherit', env: { ...electronBuildEnv(), ...extraEnv } },
    );
    const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
    if (result.status !== 0 || !fs.existsSync(built)) {
      throw new Error(
        'could not build better-sqlite3 for Electron (needs a C++ toolchain and network access ' +
          'to electronjs.org/headers once). See the output above.',
      );
    }
    const abi = nodeModuleAbi(built);
    if (String(abi) !== electronAbi()) {
      throw new Error(
        `the better-sqlite3 build exports node_register_module_v${abi ?? '?'} but Electron ` +
          `${electronVersion()} needs v${electronAbi()}: it was built against the wrong headers.`,
      );
    }
    fs.mkdirSync(nativeDir, { recursive: true });
    fs.copyFileSync(built, nativeBinary);
    fs.writeFileSync(stampFile, expectedStamp());
    return nativeBinary;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * CPU architecture of a native binary from its header (ELF e_machine, Mach-O cputype, PE
 * Machine), in Node's names ('x64', 'arm64'), or null when unknown. The Electron copy is built
 * for the host, so an installer for another architecture would carry an unusable driver.
 */
export function binaryArch(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18);
    return { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'arm' }[machine] ?? null;
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    return { 0x01000007: 'x64', 0x0100000c: 'arm64' }[bytes.readUInt32LE(4)] ?? null;
  }
  if (bytes.readUInt16LE(0) === 0x5a4d) {
    const pe = bytes.readUInt32LE(0x3c);
    const machine = bytes.readUInt16LE(pe + 4);
    return { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' }[machine] ?? null;
  }
  return null;
}

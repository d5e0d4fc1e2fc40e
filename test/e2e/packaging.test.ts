// `electron-builder --dir` on the built app with a stub Electron (electronDist): completes
// offline, then the unpacked app is checked: what is in the asar, what is unpacked, what is
// absent. Needs `npm run build` first (test:e2e does it). Linux only: macOS and Windows
// packaging edit the real Electron bundle (Info.plist, rcedit), which a stub cannot stand in for.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../db/temp-db';

const root = path.resolve(import.meta.dirname, '../..');
const asar = createRequire(import.meta.url)('@electron/asar') as {
  listPackage(archive: string, options?: { isPack: boolean }): string[];
  extractFile(archive: string, file: string): Buffer;
  getRawHeader(archive: string): { header: AsarDir };
};
interface AsarDir {
  files?: Record<string, AsarDir & { unpacked?: boolean }>;
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  productName: string;
  dependencies: Record<string, string>;
};
const runHere = process.platform === 'linux';
if (!runHere) {
  console.log(
    `packaging test skipped: electron-builder --dir with a stub Electron runs on Linux only`,
  );
}

const nativeDir = path.join(root, 'native', 'electron');
const tmp = tempDir('yieldplan-pack-');
let placedNative = false;
let appDir = '';
let archive = '';
let entries: string[] = [];
let log = '';

beforeAll(() => {
  if (!runHere) return;
  for (const built of ['out/main/index.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) {
    if (!fs.existsSync(path.join(root, built)))
      throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  // The Electron SQLite build comes from `npm start` / `npm run dist`; without one (no Electron
  // here), a stand-in with the same name is packed and removed afterwards.
  if (!fs.existsSync(path.join(nativeDir, 'better_sqlite3.node'))) {
    fs.mkdirSync(nativeDir, { recursive: true });
    fs.writeFileSync(
      path.join(nativeDir, 'better_sqlite3.node'),
      'stand-in for the packaging test',
    );
    fs.writeFileSync(path.join(nativeDir, 'abi.txt'), 'packaging-test');
    placedNative = true;
  }
  const stub = path.join(tmp.dir, 'electron-stub');
  fs.mkdirSync(stub);
  fs.writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\necho stub electron\n', { mode: 0o755 });
  const output = path.join(tmp.dir, 'dist');
  // No publishing tokens; and no VITEST variables, which silence electron-builder's log.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(VITEST|GH_TOKEN$|GITHUB_TOKEN$)/.test(k)),
  );
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'electron-builder'),
    [
      '--linux',
      '--dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${stub}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...env, CI: 'true' }, timeout: 240_000 },
  );
  log = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`electron-builder --dir failed:\n${log}`);
  appDir = path.join(output, 'linux-unpacked');
  archive = path.join(appDir, 'resources', 'app.asar');
  entries = asar.listPackage(archive, { isPack: false });
}, 300_000);

afterAll(() => {
  if (placedNative) fs.rmSync(nativeDir, { recursive: true, force: true });
  tmp.cleanup();
});

describe.runIf(runHere)('electron-builder --dir (stub Electron)', () => {
  it('did not rebuild or download anything', () => {
    expect(log).toContain('npmRebuild is set to false');
    expect(log).toContain('using custom unpacked Electron distribution');
    expect(log).not.toMatch(/downloading/i);
  });

  it('names the executable after the package', () => {
    expect(fs.existsSync(path.join(appDir, pkg.name))).toBe(true);
  });

  it('packs the built main, preload and renderer and a package.json with the version', () => {
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/main/risk-worker.js',
      '/out/preload/preload.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(entries).toContain(file);
    }
    const packed = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as {
      version: string;
      main: string;
      productName: string;
    };
    expect(packed).toMatchObject({
      version: pkg.version,
      main: './out/main/index.js',
      productName: pkg.productName,
    });
  });

  it('holds exactly the runtime packages: every dependency, nothing install-time', () => {
    const packages = new Set(
      entries.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2]),
    );
    // better-sqlite3 loads `bindings` (and it `file-uri-to-path`) when no nativeBinding is given.
    // playwright-core serves only the command line's `report` printer; the app prints itself.
    const cliOnly = new Set(['playwright-core']);
    expect([...packages].sort()).toEqual(
      [
        ...Object.keys(pkg.dependencies).filter((d) => !cliOnly.has(d)),
        'bindings',
        'file-uri-to-path',
      ].sort(),
    );
    expect(entries).toContain('/node_modules/better-sqlite3/lib/index.js');
  });

  it('leaves out sources, tests, tools, source maps and better-sqlite3 src/, deps/ and builds', () => {
    const forbidden = [
      /^\/(src-main|src-renderer|test|bench|scripts|docs|build|bin|resources|native\/(?!electron))/,
      /^\/out\/cli\//,
      /^\/node_modules\/(tsx|esbuild|electron|electron-builder|vite|prebuild-install)\//,
      /^\/node_modules\/better-sqlite3\/(src|deps|build)(\/|$)/,
      /\.(ts|map|md)$/,
      /test_extension/,
      /electron-builder\.yml|tsconfig|vitest|eslint/,
      /\/\.[^/]+$/, // dotfiles (lint and editor configs of dependencies)
    ];
    for (const pattern of forbidden) expect(entries.filter((e) => pattern.test(e))).toEqual([]);
  });

  it('unpacks the Electron SQLite build beside the asar, and only it', () => {
    const unpacked = path.join(appDir, 'resources', 'app.asar.unpacked');
    const files = fs
      .readdirSync(unpacked, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(unpacked, path.join(d.parentPath, d.name)))
      .sort();
    expect(files).toEqual(['native/electron/abi.txt', 'native/electron/better_sqlite3.node']);
    const header = asar.getRawHeader(archive).header;
    const node = header.files?.['native']?.files?.['electron']?.files?.['better_sqlite3.node'];
    expect(node?.unpacked).toBe(true);
  });

  it('copies resources/ (data, examples, presets, schemas) beside the asar, file for file', () => {
    const list = (dir: string) =>
      fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
        .sort();
    const packed = list(path.join(appDir, 'resources')).filter((f) => !f.startsWith('app.asar'));
    expect(packed).toEqual(list(path.join(root, 'resources')));
    expect(packed).toContain(path.join('data', 'prices', 'README.md'));
  });
});

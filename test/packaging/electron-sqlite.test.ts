// The Electron build of better-sqlite3: how its ABI and CPU are read from the binary before
// packaging, npm's nodedir kept out of the build, and how the app finds the build.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding, unpackedPath } from '../../src-main/electron/native';
import {
  binaryArch,
  electronBuildEnv,
  expectedStamp,
  nodeModuleAbi,
} from '../../scripts/electron-sqlite.mjs';
import { tempDir } from '../db/temp-db';

const root = path.resolve(import.meta.dirname, '../..');
// The Node build the tests themselves load: its ABI is this Node's NODE_MODULE_VERSION.
const nodeBuild = path.join(
  path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build/Release/better_sqlite3.node',
);

describe('reading a native module', () => {
  it("finds the ABI in the node_register_module_v<ABI> symbol (this Node's build)", () => {
    expect(nodeModuleAbi(nodeBuild)).toBe(Number(process.versions.modules));
  });

  it('tells an Electron-ABI binary from a Node one, and a non-addon from both', () => {
    const tmp = tempDir();
    try {
      const fake = path.join(tmp.dir, 'fake.node');
      fs.writeFileSync(
        fake,
        Buffer.concat([Buffer.alloc(64), Buffer.from('\0node_register_module_v150\0')]),
      );
      expect(nodeModuleAbi(fake)).toBe(150);
      fs.writeFileSync(fake, 'no symbol here');
      expect(nodeModuleAbi(fake)).toBeNull();
    } finally {
      tmp.cleanup();
    }
  });

  it('reads the CPU from ELF, Mach-O and PE headers', () => {
    expect(binaryArch(nodeBuild)).toBe(process.arch);
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'bin');
      const macho = Buffer.alloc(32);
      macho.writeUInt32LE(0xfeedfacf, 0);
      macho.writeUInt32LE(0x0100000c, 4);
      fs.writeFileSync(file, macho);
      expect(binaryArch(file)).toBe('arm64');
      const pe = Buffer.alloc(0x100);
      pe.writeUInt16LE(0x5a4d, 0);
      pe.writeUInt32LE(0x80, 0x3c);
      pe.writeUInt16LE(0x8664, 0x84);
      fs.writeFileSync(file, pe);
      expect(binaryArch(file)).toBe('x64');
      fs.writeFileSync(file, Buffer.alloc(32));
      expect(binaryArch(file)).toBeNull();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('building for Electron', () => {
  it("drops npm's nodedir (and target/runtime overrides) from node-gyp's environment", () => {
    const env = electronBuildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_target: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_cache: '/root/.npm',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/root/.npm' });
  });

  it("stamps Electron's ABI first, then the driver version", () => {
    const electronAbi = fs
      .readFileSync(path.join(root, 'node_modules/electron/abi_version'), 'utf8')
      .trim();
    const driver = (
      JSON.parse(
        fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'),
      ) as {
        version: string;
      }
    ).version;
    expect(expectedStamp()).toBe(`${electronAbi} better-sqlite3@${driver}`);
  });
});

describe('electronNativeBinding', () => {
  it("accepts a build whose stamp starts with this runtime's ABI, else none", () => {
    const tmp = tempDir();
    try {
      const dir = path.join(tmp.dir, 'native', 'electron');
      fs.mkdirSync(dir, { recursive: true });
      expect(electronNativeBinding(tmp.dir, '150')).toBeNull();
      fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), '');
      fs.writeFileSync(path.join(dir, 'abi.txt'), '150 better-sqlite3@12.11.1');
      expect(electronNativeBinding(tmp.dir, '150')).toBe(path.join(dir, 'better_sqlite3.node'));
      expect(electronNativeBinding(tmp.dir, '140')).toBeNull();
      fs.writeFileSync(path.join(dir, 'abi.txt'), '150\n');
      expect(electronNativeBinding(tmp.dir, '150')).not.toBeNull();
    } finally {
      tmp.cleanup();
    }
  });

  it('looks beside the asar in a package (app.asar.unpacked)', () => {
    expect(unpackedPath('/opt/Yield Planner/resources/app.asar')).toBe(
      '/opt/Yield Planner/resources/app.asar.unpacked',
    );
    expect(unpackedPath('/work/repo')).toBe('/work/repo');
  });
});

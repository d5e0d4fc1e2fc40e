// electron-builder.yml against electron-builder's own schema, and the icons it points at.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  any
>;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<
  string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  any
>;

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("validates against app-builder-lib's scheme.json (the schema electron-builder checks)", () => {
    const schemaFile = createRequire(import.meta.url).resolve('app-builder-lib/scheme.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object;
    // The options electron-builder itself compiles the schema with (schemaValidator.js).
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // A typo is caught: the schema allows no unknown keys.
    expect(validate({ ...config, fileAssociaton: [] })).toBe(false);
  });

  it('names the app and takes version, homepage, author and licence from package.json', () => {
    expect(config['appId']).toMatch(/^[a-z][\w-]*(\.[\w-]+)+$/);
    expect(config['productName']).toBe(pkg['productName']);
    expect(config['version']).toBeUndefined();
    expect(pkg['version']).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg['homepage']).toMatch(/^https:\/\//); // the .deb target refuses to build without it
    expect(pkg['author'].email).toContain('@');
    expect(typeof pkg['license']).toBe('string');
  });

  it('builds AppImage and .deb, a .dmg for x64 and arm64, and an NSIS installer', () => {
    expect(config['linux'].target).toEqual(['AppImage', 'deb']);
    expect(config['mac'].target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config['win'].target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('associates .yieldplan with every field each platform needs', () => {
    expect(config['fileAssociations']).toEqual([
      {
        ext: 'yieldplan',
        name: 'Yield Planner strategy',
        description: 'Yield Planner strategy', // Windows
        mimeType: 'application/x-yieldplan', // Linux: no MIME entry without it
        role: 'Editor', // macOS
      },
    ]);
  });

  it('packs the built app only, with the Electron SQLite build unpacked and no rebuild', () => {
    expect(config['npmRebuild']).toBe(false);
    expect(config['asarUnpack']).toEqual(['native/electron/**']);
    const files = config['files'] as unknown[];
    expect(files.filter((f) => typeof f === 'string' && !f.startsWith('!'))).toEqual([
      'package.json',
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
    ]);
    expect(files).toContainEqual({
      from: 'native/electron',
      to: 'native/electron',
      filter: ['better_sqlite3.node', 'abi.txt'],
    });
    expect(config['extraResources']).toEqual([{ from: 'resources', to: '.', filter: ['**/*'] }]);
  });

  it('keeps build tools out of the production dependencies', () => {
    const deps = Object.keys(pkg['dependencies']);
    for (const tool of [
      'tsx',
      'electron',
      'electron-builder',
      'electron-vite',
      'vite',
      'icon-gen',
    ]) {
      expect(deps).not.toContain(tool);
    }
  });
});

describe('icons', () => {
  it('were rendered from the committed build/icon.svg (run `npm run icons` after editing it)', () => {
    const svg = fs.readFileSync(path.join(root, 'build/icon.svg'));
    const stamp = fs.readFileSync(path.join(root, 'build/icons/source.sha256'), 'utf8');
    expect(stamp.split(/\s+/)[0]).toBe(crypto.createHash('sha256').update(svg).digest('hex'));
  });

  it('give Linux a PNG at every size from 16 to 1024 px', () => {
    expect(config['linux'].icon).toBe('build/icons');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(path.join(root, `build/icons/${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
  });

  it('give macOS an ICNS up to 1024 px and Windows an ICO up to 256 px', () => {
    const icns = fs.readFileSync(path.join(root, config['mac'].icon as string));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    // ic10 is the 1024 px (512@2x) image.
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);

    const ico = fs.readFileSync(path.join(root, config['win'].icon as string));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    // Directory entries: width byte 0 means 256 px.
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
});

#!/usr/bin/env node
/**
 * Renders every app icon from the one committed source, build/icon.svg:
 *   build/icons/<n>x<n>.png  Linux icon set (AppImage, .deb), 16..1024 px
 *   build/icon.icns          macOS (16..1024 px, incl. the @2x variants)
 *   build/icon.ico           Windows (16..256 px)
 *   build/icons/source.sha256  hash of the SVG they came from (a unit test compares it)
 * The outputs are committed so packaging needs no image toolchain; run `npm run icons` after
 * editing the SVG. icon-gen (SVG → PNG through sharp, then ICO/ICNS) does the conversion.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import icongen from 'icon-gen';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'build');
const source = path.join(buildDir, 'icon.svg');
const iconsDir = path.join(buildDir, 'icons');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yieldplan-icons-'));
try {
  await icongen(source, work, {
    report: false,
    ico: { name: 'icon', sizes: [16, 24, 32, 48, 64, 128, 256] },
    icns: { name: 'icon', sizes: [16, 32, 64, 128, 256, 512, 1024] },
    favicon: { name: 'png-', pngSizes: LINUX_SIZES, icoSizes: [] },
  });
  fs.rmSync(iconsDir, { recursive: true, force: true });
  fs.mkdirSync(iconsDir, { recursive: true });
  for (const size of LINUX_SIZES) {
    fs.copyFileSync(path.join(work, `png-${size}.png`), path.join(iconsDir, `${size}x${size}.png`));
  }
  fs.copyFileSync(path.join(work, 'icon.icns'), path.join(buildDir, 'icon.icns'));
  fs.copyFileSync(path.join(work, 'icon.ico'), path.join(buildDir, 'icon.ico'));
  const hash = crypto.createHash('sha256').update(fs.readFileSync(source)).digest('hex');
  fs.writeFileSync(path.join(iconsDir, 'source.sha256'), `${hash}  icon.svg\n`);
  console.log(
    `Icons written to ${path.relative(root, buildDir)}/ from icon.svg (${hash.slice(0, 12)})`,
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

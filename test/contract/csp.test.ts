import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { RENDERER_CSP, RENDERER_CSP_META } from '../../src-main/electron/csp';

const html = fs.readFileSync(
  path.join(import.meta.dirname, '../../src-renderer/index.html'),
  'utf8',
);

it('the meta CSP in index.html equals the one the shell and loopback send', () => {
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  expect(meta).toBe(RENDERER_CSP_META);
});

it('allows no inline script, no eval and no remote origin', () => {
  expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  expect(RENDERER_CSP).toContain("default-src 'none'");
  expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
});

it('index.html has no inline script', () => {
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

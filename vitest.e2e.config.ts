import { defineConfig } from 'vitest/config';

/** End-to-end: Playwright + Debian's Chromium against the built renderer (run after a build). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

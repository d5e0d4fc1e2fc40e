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
    // A page on a busy machine takes longer, not a different path: poll for up to 15 s
    // (vitest's default, 1 s, failed analyses that render after their worker answers).
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});

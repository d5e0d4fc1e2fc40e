import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The command line (`bin/yieldplan.mjs`) as plain Node ESM in out/cli/, so installs need no
 * TypeScript loader. Flat output (chunks beside index.js): services/seed.ts finds resources/
 * two levels above its bundled file, as it does from src-main/services/ and out/main/.
 * npm dependencies stay external (SSR build) and load from node_modules.
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      // The Monte Carlo worker thread entry beside it (src-main/cli/risk-worker-url.ts finds it).
      input: {
        index: resolve(import.meta.dirname, 'src-main/cli/index.ts'),
        'risk-worker': resolve(import.meta.dirname, 'src-main/risk/worker.ts'),
      },
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});

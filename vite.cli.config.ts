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
    ssr: resolve(import.meta.dirname, 'src-main/cli/index.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      output: { format: 'esm', entryFileNames: 'index.js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});

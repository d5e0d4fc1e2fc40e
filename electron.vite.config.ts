import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { build, type InlineConfig, type Plugin } from 'vite';

/**
 * Three builds into out/:
 * - main:     src-main/electron/main.ts -> out/main/index.js (ESM; npm deps, incl. the native
 *             better-sqlite3, stay external and load from node_modules).
 * - preload:  src-main/electron/preload.ts -> out/preload/preload.cjs. A sandboxed preload cannot
 *             `require` npm packages or load ESM, so it is one self-contained CommonJS file.
 * - renderer: src-renderer/ -> out/renderer (also what the loopback server serves).
 * - report:   src-renderer/src/report/main.ts -> out/report/report.{js,css}, ONE script and ONE
 *             stylesheet with no chunks, so src-main/services/report/report-html.ts can inline them
 *             into a self-contained report page (printed to PDF, or written by `report --html`).
 *             Built by a plugin after the renderer, so `electron-vite build` stays the one command.
 */

/** `npm run dev` serves CSS as inline <style> tags (HMR); relax the meta CSP for the dev server only. */
const devCspPlugin: Plugin = {
  name: 'yieldplan:dev-csp',
  apply: 'serve',
  transformIndexHtml: (html: string) =>
    html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

const reportBuild: InlineConfig = {
  configFile: false,
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  logLevel: 'warn',
  publicDir: false,
  plugins: [svelte()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/report'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: false,
    cssCodeSplit: false,
    rolldownOptions: {
      input: resolve(import.meta.dirname, 'src-renderer/src/report/main.ts'),
      output: {
        format: 'es',
        codeSplitting: false,
        entryFileNames: 'report.js',
        assetFileNames: 'report[extname]',
      },
    },
  },
};

const reportBundlePlugin: Plugin = {
  name: 'yieldplan:report-bundle',
  apply: 'build',
  async closeBundle() {
    await build(reportBuild);
  },
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/electron/main.ts'),
          // Monte Carlo worker thread entry (src-main/risk/worker-pool.ts loads it by URL).
          'risk-worker': resolve(import.meta.dirname, 'src-main/risk/worker.ts'),
          // `yieldplan report` prints with this entry when Electron is installed.
          'print-report': resolve(import.meta.dirname, 'src-main/electron/print-report.ts'),
          // Compute worker (evaluate, history, risk tables, file parsing): services/compute/pool.ts.
          'compute-worker': resolve(import.meta.dirname, 'src-main/services/compute/worker.ts'),
        },
        external: ['better-sqlite3', 'electron-log', 'electron-log/main'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(import.meta.dirname, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    base: './',
    plugins: [svelte(), devCspPlugin, reportBundlePlugin],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      // No inlined assets: the CSP allows only files served from the app itself.
      assetsInlineLimit: 0,
      rolldownOptions: {
        input: resolve(import.meta.dirname, 'src-renderer/index.html'),
      },
    },
  },
});

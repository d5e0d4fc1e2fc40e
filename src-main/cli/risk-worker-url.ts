import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The Monte Carlo worker entry for the CLI: the bundled `risk-worker.js` beside the built CLI
 * (out/cli, vite.cli.config.ts), else undefined so the pool loads `risk/worker.ts` through tsx
 * (a source checkout). Without this the built CLI looked for `out/cli/worker.ts` and failed.
 */
export function cliRiskWorkerUrl(): URL | undefined {
  // Built from parts so the bundler leaves it as a runtime URL, not an asset to emit.
  const url = new URL(['.', 'risk-worker.js'].join('/'), import.meta.url);
  return import.meta.url.endsWith('.ts') || !existsSync(fileURLToPath(url)) ? undefined : url;
}

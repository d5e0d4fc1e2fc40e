/**
 * `npm run serve:loopback`: the real services behind the loopback HTTP transport, serving the
 * built renderer, so the app runs in an ordinary browser. FOR DEVELOPMENT AND TESTS ONLY.
 *
 *   --db <path> | $YIELDPLAN_DB   database file (default: <tmp>/yieldplan-loopback/yieldplan.sqlite)
 *   --port <n>                    fixed port (default: a free one)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDbPath } from '../db/open-database';
import { openServices } from '../services/open-services';
import { startLoopbackServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dbPath = resolveDbPath({
  argv: process.argv,
  env: process.env,
  defaultDir: path.join(os.tmpdir(), 'yieldplan-loopback'),
});
const port = Number(flag('--port') ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(
    `serve:loopback: --port must be a whole number from 0 to 65535, not "${flag('--port')}"`,
  );
  process.exit(1);
}
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
};
const services = await openServices({
  dbPath,
  resourcesRoot: path.join(root, 'resources'),
  host: { name: 'Yield Planner', version: pkg.version, electron: null, chrome: null, dbPath },
  onError: (what, error) => console.error(`[loopback] ${what}:`, error),
});
const server = await startLoopbackServer({
  handlers: services.handlers,
  rendererDir: path.join(root, 'out/renderer'),
  port,
  onInternalError: (op, error) => console.error(`[loopback] ${op} failed:`, error),
});

console.log('Yield Planner loopback server (development/tests only; not the desktop app)');
console.log(`  database: ${dbPath}`);
console.log(`  open:     ${server.appUrl}`);

function shutdown(): void {
  void server.close().finally(async () => {
    await services.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

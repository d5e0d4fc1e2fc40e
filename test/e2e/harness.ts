import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { OpInput, OpName, OpOutput } from '../../src-main/contract/index';
import {
  startLoopbackServer,
  TOKEN_HEADER,
  type LoopbackServer,
} from '../../src-main/loopback/server';
import type { HostCapabilities } from '../../src-main/services/handlers';
import { openServices } from '../../src-main/services/open-services';
import type { OpenedFiles } from '../../src-main/services/opened-files';
import { tempDir } from '../db/temp-db';

const root = path.resolve(import.meta.dirname, '../..');
const rendererDir = path.join(root, 'out/renderer');
export const resultsDir = path.join(root, 'test-results');

export interface E2eApp {
  db: Database;
  server: LoopbackServer;
  page: Page;
  /** What the Electron shell feeds with double-clicked / command-line strategy files. */
  openedFiles: Pick<OpenedFiles, 'open' | 'take'>;
  /** Console errors and uncaught page errors (CSP violations surface here); tests expect none. */
  consoleErrors: string[];
  /** Calls the loopback API the way the page does (token header, JSON envelope). */
  call<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The app as the tests see it: the built renderer served by the loopback server over a fresh
 * temporary database, started the way the desktop app starts (openServices seeds the bundled
 * price and rate history, so backtests and scenarios have data), in Debian's Chromium.
 */
export async function startE2eApp(
  options: {
    viewport?: { width: number; height: number };
    /** Device pixels per CSS pixel: 2 with a 720×450 viewport is a 1440×900 window at 200% zoom. */
    deviceScaleFactor?: number;
    capabilities?: HostCapabilities;
    /** Runs on the database path before the app opens it (e.g. to damage a prepared file). */
    prepareDb?: (dbPath: string) => void | Promise<void>;
  } = {},
): Promise<E2eApp> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  }
  const tmp = tempDir('yieldplan-e2e-');
  const dbPath = path.join(tmp.dir, 'e2e.sqlite');
  await options.prepareDb?.(dbPath);
  const services = await openServices({
    dbPath,
    host: { name: 'Yield Planner', version: 'e2e', electron: null, chrome: null, dbPath },
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
  });
  const { handlers } = services;
  const server = await startLoopbackServer({ handlers, rendererDir });
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(path.join(tmp.dir, 'chromium-profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (error) {
    await server.close();
    await services.close();
    tmp.cleanup();
    throw error;
  }
  const browser = context;
  const page = browser.pages()[0] ?? (await browser.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));

  return {
    get db() {
      return services.db; // the current file (it changes when a backup is restored)
    },
    server,
    page,
    openedFiles: services.openedFiles,
    consoleErrors,
    async call(op, input) {
      const response = await fetch(`${server.origin}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
        body: JSON.stringify(input),
      });
      const envelope = (await response.json()) as
        { ok: true; data: never } | { ok: false; error: { code: string; message: string } };
      if (!envelope.ok) throw new Error(`${op}: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.data;
    },
    async screenshot(name) {
      fs.mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: path.join(resultsDir, name), fullPage: true });
    },
    async close() {
      await browser.close();
      await server.close();
      await services.close();
      tmp.cleanup();
    },
  };
}

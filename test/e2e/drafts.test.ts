import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open-database';
import { startLoopbackServer, type LoopbackServer } from '../../src-main/loopback/server';
import { createHandlers } from '../../src-main/services/handlers';
import { tempDir } from '../db/temp-db';
import { AppPage } from './app-page';

const root = path.resolve(import.meta.dirname, '../..');
const rendererDir = path.join(root, 'out/renderer');
const resultsDir = path.join(root, 'test-results');

let tmp: ReturnType<typeof tempDir>;
let db: ReturnType<typeof openDatabase>;
let server: LoopbackServer;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  }
  tmp = tempDir('yieldplan-e2e-');
  const dbPath = path.join(tmp.dir, 'e2e.sqlite');
  db = openDatabase({ path: dbPath });
  server = await startLoopbackServer({
    handlers: createHandlers({
      db,
      host: { name: 'Yield Planner', version: 'e2e', electron: null, chrome: null, dbPath },
    }),
    rendererDir,
  });
  context = await chromium.launchPersistentContext(path.join(tmp.dir, 'chromium-profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
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
  page = context.pages()[0] ?? (await context.newPage());
  // CSP violations and app errors surface as console errors; the test fails on any.
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  db?.close();
  tmp?.cleanup();
});

it('creates, renames, edits (autosave), survives a reload, deletes and undoes', async () => {
  const app = new AppPage(page);
  await page.goto(server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  // The token left the address bar (it stays in sessionStorage for reloads).
  expect(page.url()).not.toContain('token=');

  await app.createDraft();
  await app.draftItem('Untitled strategy').waitFor();
  await app.renameInline('Untitled strategy', 'ETH loop 3x');
  await app.draftItem('ETH loop 3x').waitFor();
  await expect.poll(() => app.nameInput.inputValue()).toBe('ETH loop 3x');

  await app.notesInput.fill('wstETH collateral, borrow WETH');
  await app.documentInput.fill('{ "legs": [{ "supply": "wstETH", "amount": "10" }] }');
  await app.waitSaved();

  await page.reload();
  await app.draftItem('ETH loop 3x').waitFor();
  await expect.poll(() => app.notesInput.inputValue()).toBe('wstETH collateral, borrow WETH');
  expect(JSON.parse(await app.documentInput.inputValue())).toEqual({
    legs: [{ supply: 'wstETH', amount: '10' }],
  });
  // Stored server-side too, as revisions: create, rename, then the debounced edit(s).
  const row = db.prepare('SELECT name, revision FROM drafts').get() as {
    name: string;
    revision: number;
  };
  expect(row.name).toBe('ETH loop 3x');
  expect(row.revision).toBeGreaterThanOrEqual(3);

  await app.createDraft();
  await expect.poll(() => app.draftNames()).toEqual(['Untitled strategy', 'ETH loop 3x']);
  await app.deleteDraft('ETH loop 3x');
  await expect.poll(() => app.draftNames()).toEqual(['Untitled strategy']);
  await app.undo();
  await expect.poll(() => app.draftNames()).toContain('ETH loop 3x');
  await app
    .draftItem('ETH loop 3x')
    .getByRole('button', { name: /ETH loop 3x/ })
    .click();
  await expect.poll(() => app.notesInput.inputValue()).toBe('wstETH collateral, borrow WETH');

  fs.mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, 'drafts.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

it('shows a validation problem instead of saving invalid JSON', async () => {
  const app = new AppPage(page);
  await app.documentInput.fill('{ "legs": [ ');
  await app.saveStatus.filter({ hasText: 'Not saved' }).waitFor();
  await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/JSON|Unexpected/);
});

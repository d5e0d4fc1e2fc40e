import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackup } from '../../src-main/db/backups';
import { openDatabase } from '../../src-main/db/open-database';
import { DraftsService } from '../../src-main/services/drafts';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Issue 19: a damaged database is named in the UI, with the sentence main wrote and a Restore
 * action; restoring brings back the drafts of the latest good backup.
 */
let e2e: E2eApp;

/** A database with one draft, backed up, then with the drafts table's pages overwritten. */
async function damagedWithBackup(dbPath: string): Promise<void> {
  const db = openDatabase({ path: dbPath });
  new DraftsService(db).create({ name: 'Saved before the damage' });
  await createBackup(db, dbPath, 'daily');
  db.close();
  const reader = new Database(dbPath, { readonly: true });
  const root = reader
    .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'drafts'")
    .pluck()
    .get() as number;
  const pageSize = reader.pragma('page_size', { simple: true }) as number;
  reader.close();
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
  fs.closeSync(fd);
}

beforeAll(async () => {
  e2e = await startE2eApp({ prepareDb: damagedWithBackup });
});
afterAll(async () => {
  await e2e?.close();
});

it('shows a damaged database in a banner and restores the latest backup', async () => {
  const { page } = e2e;
  const app = new AppPage(page);
  await page.goto(e2e.server.appUrl);
  const banner = page.getByTestId('database-banner');
  await banner.waitFor();
  expect(await banner.textContent()).toMatch(/database file is damaged/);
  expect(await banner.textContent()).toMatch(/kept as yieldplan|kept as e2e\.sqlite\.damaged-/);
  await e2e.screenshot('database-damaged-banner.png');

  await page.getByRole('button', { name: /Restore backup of/ }).click();
  await app.draftItem('Saved before the damage').waitFor();
  await expect.poll(() => banner.count()).toBe(0);
  await e2e.screenshot('database-restored.png');
  expect(e2e.consoleErrors.filter((e) => !/DB_CORRUPT|503/.test(e))).toEqual([]);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

let e2e: E2eApp;
let page: Page;

beforeAll(async () => {
  e2e = await startE2eApp();
  page = e2e.page;
});

afterAll(async () => {
  await e2e?.close();
});

it('creates, renames, edits (autosave), survives a reload, deletes and undoes', async () => {
  const app = new AppPage(page);
  await page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  // The token left the address bar (it stays in sessionStorage for reloads).
  expect(page.url()).not.toContain('token=');

  await app.createDraft();
  await app.draftItem('Untitled strategy').waitFor();
  await app.renameInline('Untitled strategy', 'ETH loop 3x');
  await app.draftItem('ETH loop 3x').waitFor();
  await expect.poll(() => app.nameInput.inputValue()).toBe('ETH loop 3x');

  // A new draft is a valid empty strategy carrying the draft's name, never {}.
  await app.showJson();
  expect(JSON.parse(await app.documentInput.inputValue())).toMatchObject({
    format: 'yieldplan.strategy',
    name: 'ETH loop 3x',
    steps: [],
  });
  await app.showBuilder();
  await app.notesInput.fill('wstETH collateral, borrow WETH');
  await app.inspector.getByLabel('Horizon (days, 1–3650)').fill('90');
  await app.waitSaved();

  await page.reload();
  await app.draftItem('ETH loop 3x').waitFor();
  await expect.poll(() => app.notesInput.inputValue()).toBe('wstETH collateral, borrow WETH');
  await app.showJson();
  expect(JSON.parse(await app.documentInput.inputValue())).toMatchObject({
    name: 'ETH loop 3x',
    horizonDays: 90,
  });
  await app.showBuilder();
  // Stored server-side too, as revisions: create, rename, then the debounced edit(s).
  const row = e2e.db.prepare('SELECT name, revision FROM drafts').get() as {
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
  await app.showJson();

  await e2e.screenshot('drafts.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('keeps half-typed JSON through a reload, beside the last valid document', async () => {
  const app = new AppPage(page);
  const half = '{ "format": "yieldplan.strategy", "steps": [ ';
  await app.documentInput.fill(half);
  await app.saveStatus.filter({ hasText: 'Saved as typed' }).waitFor();
  // Said in plain words, with the line it is on.
  await expect
    .poll(() => page.getByTestId('json-problem').textContent())
    .toMatch(/Line 1, column \d+: the text ends too early/);

  await page.reload();
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  await expect.poll(() => app.documentInput.inputValue()).toBe(half);
  await app.saveStatus.filter({ hasText: 'Saved as typed' }).waitFor();
  // The last valid document is still the draft's document (and its revisions are untouched).
  const row = e2e.db
    .prepare('SELECT document, unparsed_text FROM drafts WHERE unparsed_text IS NOT NULL')
    .get() as { document: string; unparsed_text: string };
  expect(row.unparsed_text).toBe(half);
  expect(JSON.parse(row.document)).toMatchObject({ name: 'ETH loop 3x', horizonDays: 90 });

  // Fixing it saves a document again and clears the kept text.
  const fixedDocument = { ...JSON.parse(row.document), horizonDays: 30 };
  await app.documentInput.fill(JSON.stringify(fixedDocument, null, 2));
  await app.waitSaved();
  const fixed = e2e.db
    .prepare('SELECT document, unparsed_text FROM drafts WHERE document = ?')
    .get(JSON.stringify(fixedDocument)) as { unparsed_text: string | null } | undefined;
  expect(fixed).toEqual({ document: JSON.stringify(fixedDocument), unparsed_text: null });
  // The JSON edit went through the same history: Ctrl+Z brings 90 days back.
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => JSON.parse(await app.documentInput.inputValue()).horizonDays)
    .toBe(90);
  expect(e2e.consoleErrors).toEqual([]);
});

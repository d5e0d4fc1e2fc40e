// The renderer's half of opening strategy files: files main imported before the window loaded
// (a double-click or a command-line argument on first launch) open as drafts, and a refused
// file is named with its reason. The Electron half (argv, second-instance, open-file) is in
// test/electron/open-requests.test.ts and, where a binary exists, test/e2e/electron-app.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../db/temp-db';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

const root = path.resolve(import.meta.dirname, '../..');
let e2e: E2eApp;
const files = tempDir('yieldplan-open-e2e-');

beforeAll(async () => {
  e2e = await startE2eApp();
});

afterAll(async () => {
  await e2e?.close();
  files.cleanup();
});

it('opens a strategy file passed at launch as the current draft, and names a refused one', async () => {
  const good = path.join(files.dir, 'Weekend loop.yieldplan');
  const example = JSON.parse(
    fs.readFileSync(path.join(root, 'resources/examples/wsteth-emode-loop.json'), 'utf8'),
  ) as Record<string, unknown>;
  fs.writeFileSync(
    good,
    JSON.stringify({ name: 'Weekend loop', notes: 'from a file', document: example }),
  );
  const bad = path.join(files.dir, 'broken.yieldplan');
  fs.writeFileSync(bad, '{"format": "yieldplan.strategy", "version": 1');
  // An earlier draft, so the opened file must win over "last opened" at start-up.
  await e2e.call('drafts.create', { name: 'Older draft' });
  await e2e.openedFiles.open([bad, good]);

  const app = new AppPage(e2e.page);
  await e2e.page.goto(e2e.server.appUrl);
  await app.draftItem('Weekend loop').waitFor();
  await expect.poll(() => app.nameInput.inputValue()).toBe('Weekend loop');
  await expect.poll(() => app.notesInput.inputValue()).toBe('from a file');
  // The draft's title and the strategy's name are one value: the file's draft name wins; a
  // version-1 file opens migrated to the current version.
  await app.showJson();
  expect(JSON.parse(await app.documentInput.inputValue())).toEqual({
    ...example,
    version: 2,
    name: 'Weekend loop',
  });
  await e2e.page
    .getByRole('status')
    .filter({ hasText: 'Opened Weekend loop.yieldplan as the draft “Weekend loop”.' })
    .waitFor();
  await e2e.page
    .getByRole('alert')
    .filter({ hasText: 'Not opened: broken.yieldplan is not valid JSON' })
    .waitFor();
  await e2e.screenshot('open-file.png');

  // The outcomes were handed over once: a reload does not repeat them or duplicate the draft.
  await e2e.page.reload();
  await app.draftItem('Weekend loop').waitFor();
  const drafts = await e2e.call('drafts.list', {});
  expect(drafts.map((d) => d.name).sort()).toEqual(['Older draft', 'Weekend loop']);
  expect(await e2e.call('files.takeOpened', {})).toEqual({ files: [] });
  expect(e2e.consoleErrors).toEqual([]);
});

// The desktop shell end to end: the real app (out/, built by test:e2e) in Electron, driven by
// Playwright's _electron under X (xvfb-run, or Xvfb started here). Skips with one line where
// no Electron binary is installed (this repository's development machine: it cannot be
// downloaded there). The binary path always comes from scripts/electron-binary.mjs: without it
// Playwright requires electron's index.js, which starts a download.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../../scripts/electron-binary.mjs';
import { ensureElectronSqlite } from '../../../scripts/electron-sqlite.mjs';
import { tempDir } from '../../db/temp-db';
import { AppPage } from '../app-page';
import { ensureDisplay } from './display';

const root = path.resolve(import.meta.dirname, '../../..');
const binary = electronBinary();
const display = binary ? await ensureDisplay() : null;
const skipReason = !binary
  ? 'no Electron binary in node_modules/electron/dist (run `npx install-electron` on a connected machine)'
  : display && !display.ok
    ? display.reason
    : null;
if (skipReason) console.log(`Electron e2e skipped: ${skipReason}`);

const work = tempDir('yieldplan-electron-e2e-');
const userData = path.join(work.dir, 'user-data');
const dbPath = path.join(work.dir, 'app.sqlite');
// Root runs Chromium without its OS sandbox only (the renderer's sandbox option stays on).
const switches = ['--no-sandbox', '--disable-gpu'];
const env = (): Record<string, string> => ({
  ...(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >),
  ...(display?.ok ? display.env : {}),
  YIELDPLAN_USER_DATA: userData,
});
const running: ElectronApplication[] = [];

async function launch(args: string[] = []): Promise<{ app: ElectronApplication; window: Page }> {
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [...switches, root, '--db', dbPath, ...args],
    cwd: work.dir,
    env: env(),
    timeout: 60_000,
  });
  running.push(app);
  const window = await app.firstWindow();
  await new AppPage(window).newButton.waitFor();
  return { app, window };
}

async function close(app: ElectronApplication): Promise<void> {
  await app.close();
  running.splice(running.indexOf(app), 1);
}

/** Clicks a menu item by its path of labels (`&` mnemonics ignored), in the main process. */
async function clickMenu(app: ElectronApplication, labels: string[]): Promise<boolean> {
  return app.evaluate(({ Menu }, path) => {
    let items = Menu.getApplicationMenu()?.items ?? [];
    for (const [i, label] of path.entries()) {
      const item = items.find((it) =>
        it.label.replace(/&/g, '').toLowerCase().startsWith(label.toLowerCase()),
      );
      if (!item) return false;
      if (i === path.length - 1) {
        item.click();
        return true;
      }
      items = item.submenu?.items ?? [];
    }
    return false;
  }, labels);
}

/** Replaces the main process's message box with a recorder (no modal dialog in tests). */
async function recordMessageBoxes(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ dialog }) => {
    const seen: unknown[] = [];
    (globalThis as { __boxes?: unknown[] }).__boxes = seen;
    const record = async (...args: unknown[]) => {
      seen.push(args.find((a) => a && typeof a === 'object' && 'message' in a));
      return { response: 0, checkboxChecked: false };
    };
    dialog.showMessageBox = record as typeof dialog.showMessageBox;
  });
}

async function messageBoxes(
  app: ElectronApplication,
): Promise<{ message: string; detail?: string }[]> {
  return app.evaluate(() => (globalThis as { __boxes?: never[] }).__boxes ?? []);
}

afterEach(async () => {
  for (const app of running.splice(0)) await app.close().catch(() => undefined);
});

afterAll(() => {
  if (display?.ok) display.stop();
  work.cleanup();
});

describe.skipIf(skipReason !== null)('desktop app (Electron)', () => {
  // The app loads better-sqlite3's Electron build from native/electron/ (as `npm start` makes
  // it; the first build compiles SQLite, minutes on a small machine).
  beforeAll(() => {
    ensureElectronSqlite();
  }, 20 * 60_000);

  it('opens its window, and the bridge answers over IPC', async () => {
    const { window: win } = await launch();
    expect(await win.title()).toBe('Yield Planner');
    const info = await win.evaluate(() => window.yieldplan!.ops['app.info']({}));
    expect(info).toMatchObject({ ok: true, data: { transport: 'ipc', name: 'Yield Planner' } });
    if (!info.ok) return;
    expect(info.data.versions.electron).toMatch(/^45\./);
    // Nothing but the contract crosses: no Node in the page.
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    await new AppPage(win).footer.filter({ hasText: 'desktop' }).waitFor();
  });

  it('keeps a draft across a restart', async () => {
    const first = await launch();
    const page = new AppPage(first.window);
    await page.createDraft();
    await page.renameInline('Untitled strategy', 'Survives restart');
    await page.notesInput.fill('typed in Electron');
    await page.waitSaved();
    await close(first.app);

    const second = await launch();
    const again = new AppPage(second.window);
    await again.draftItem('Survives restart').waitFor();
    await again.draftItem('Survives restart').click();
    await expect.poll(() => again.notesInput.inputValue()).toBe('typed in Electron');
  });

  it('opens a strategy file passed on the command line, and one from a second launch', async () => {
    const example = JSON.parse(
      fs.readFileSync(path.join(root, 'resources/examples/eth-leveraged-long.json'), 'utf8'),
    ) as Record<string, unknown>;
    const first = path.join(work.dir, 'From argv.yieldplan');
    fs.writeFileSync(first, JSON.stringify({ name: 'From argv', notes: '', document: example }));
    const { window } = await launch([first]);
    const page = new AppPage(window);
    await page.draftItem('From argv').waitFor();
    await expect.poll(() => page.nameInput.inputValue()).toBe('From argv');

    // A second launch with a file hands it to this instance (single-instance lock) and exits.
    const second = path.join(work.dir, 'Second launch.yieldplan.json');
    fs.writeFileSync(second, JSON.stringify({ ...example, name: 'Second launch' }));
    const child = spawn(binary!, [...switches, root, second], { env: env(), stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    await page.draftItem('Second launch').waitFor();
    await expect.poll(() => page.nameInput.inputValue()).toBe('Second launch');
  });

  it('shows About with the version and data ranges, and copies a diagnostic summary', async () => {
    const { app } = await launch();
    await recordMessageBoxes(app);
    expect(await clickMenu(app, ['Help', 'About'])).toBe(true);
    await expect.poll(async () => (await messageBoxes(app)).length).toBe(1);
    const [about] = await messageBoxes(app);
    const version = (
      JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(about?.message).toBe(`Yield Planner ${version}`);
    expect(about?.detail).toContain('Bitcoin: 2014-09-17 to 2025-11-19');

    expect(await clickMenu(app, ['Help', 'Report a Problem'])).toBe(true);
    await expect.poll(async () => (await messageBoxes(app)).length).toBe(2);
    const copied = await app.evaluate(({ clipboard }) => clipboard.readText());
    expect(copied).toContain(`Yield Planner ${version}`);
    expect(copied).toMatch(/Database schema version \d+/);
    expect(copied).toContain(`OS: ${process.platform}`);
  });

  it('writes a PDF from File → Export report…', async (ctx) => {
    const { app, window } = await launch();
    const hasItem = await app.evaluate(({ Menu }) => {
      const file = Menu.getApplicationMenu()?.items.find(
        (i) => i.label.replace(/&/g, '') === 'File',
      );
      return (file?.submenu?.items ?? []).some((i) => /^export report/i.test(i.label));
    });
    if (!hasItem) {
      console.log(
        'Electron e2e: Export report skipped: File → Export report… is not in this build yet (PDF reports, branch reports)',
      );
      ctx.skip();
    }
    const page = new AppPage(window);
    await page.createDraft();
    await page.documentInput.fill(
      fs.readFileSync(path.join(root, 'resources/examples/eth-leveraged-long.json'), 'utf8'),
    );
    await page.waitSaved();
    const pdf = path.join(work.dir, 'report.pdf');
    // The save dialog answers with our path (the report is written by main).
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (async () => ({
        canceled: false,
        filePath: file,
      })) as typeof dialog.showSaveDialog;
    }, pdf);
    expect(await clickMenu(app, ['File', 'Export report'])).toBe(true);
    await expect
      .poll(() => fs.existsSync(pdf) && fs.statSync(pdf).size > 0, { timeout: 30_000 })
      .toBe(true);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

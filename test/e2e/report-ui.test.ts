import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printOnPage } from '../../src-main/services/report/print-chromium';
import { tempDir } from '../db/temp-db';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';
import { pdfText } from './pdf-tools';

/**
 * Export report… as a user does it in the app: the dialog's choices, the job's progress, Cancel,
 * and the save (the loopback host's save hook stands in for Electron's native dialog; the print
 * is a page of the same browser).
 */
let app: E2eApp;
let ui: AppPage;
let tmp: ReturnType<typeof tempDir>;
let saveAs = '';

beforeAll(async () => {
  tmp = tempDir('yieldplan-report-ui-');
  app = await startE2eApp({
    capabilities: {
      report: {
        pickSavePath: async () => saveAs,
        printPdf: async (html, paper) => {
          const page = await app.page.context().newPage();
          try {
            return await printOnPage(page, html, paper);
          } finally {
            await page.close();
          }
        },
      },
    },
  });
  ui = new AppPage(app.page);
  await app.page.goto(app.server.appUrl);
});

afterAll(async () => {
  await app?.close();
  tmp?.cleanup();
});

describe('Export report…', () => {
  it('makes the report with the chosen runs and saves it with its exports', async () => {
    await ui.createFromExample('ETH leveraged long (Aave v3)');
    await expect.poll(() => ui.saveStatus.textContent(), { timeout: 10_000 }).toContain('Saved');
    await app.page.getByRole('button', { name: 'Export report…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Export report' });
    await dialog.getByLabel('Paper').selectOption('letter');
    await dialog.getByLabel('From', { exact: true }).fill('2025-01-01');
    await dialog.getByLabel('To', { exact: true }).fill('2025-06-30');
    await dialog.getByLabel('Paths').fill('500');
    await app.screenshot('report-dialog.png');
    saveAs = path.join(tmp.dir, 'long-report.pdf');
    await dialog.getByRole('button', { name: 'Make report…' }).click();
    await expect
      .poll(() => dialog.getByTestId('report-state').textContent(), { timeout: 60_000 })
      .toContain('Saved long-report.pdf');
    expect(fs.readdirSync(tmp.dir)).toContain('long-report-backtest.csv');
    const text = pdfText(saveAs);
    expect(text).toContain('ETH leveraged long (Aave v3)');
    expect(text).toMatch(/draft revision \d+/);
    expect(text).toContain('2025-01-01 to 2025-06-30');
    expect(text).toContain('500 paths');
    expect(app.consoleErrors).toEqual([]);
  });

  it('cancels while the report is being made, and says so', async () => {
    const dialog = app.page.getByRole('dialog', { name: 'Export report' });
    await dialog.getByLabel('Paths').fill('250000');
    saveAs = path.join(tmp.dir, 'never.pdf');
    await dialog.getByRole('button', { name: 'Make report…' }).click();
    await dialog.getByTestId('report-progress').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => dialog.getByTestId('report-state').textContent())
      .toContain('Cancelled: no report was made.');
    expect(fs.existsSync(saveAs)).toBe(false);
  });

  it('shows the kept backtest and Monte Carlo as of their run instead of running them again', async () => {
    const dialog = app.page.getByRole('dialog', { name: 'Export report' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await ui.runBacktest('2021-05-11', '2021-05-23');
    await expect.poll(() => ui.figure('liquidations').textContent(), { timeout: 30_000 }).toBe('1');
    await ui.tab('Risk').click();
    await ui.simulate({ paths: 300, days: 30, seed: 5 });
    await ui.figure('liquidation-probability').waitFor({ timeout: 30_000 });

    await app.page.getByRole('button', { name: 'Export report…' }).click();
    const keptBacktest = dialog.getByTestId('report-kept-backtest');
    await expect.poll(() => keptBacktest.textContent()).toContain('2021-05-11 → 2021-05-23');
    expect(await dialog.getByTestId('report-kept-monte-carlo').textContent()).toContain(
      '300 paths, seed 5',
    );
    // their choices are not offered: the kept runs are what the report shows
    expect(await dialog.getByLabel('Paths').count()).toBe(0);
    await app.screenshot('report-dialog-kept.png');
    saveAs = path.join(tmp.dir, 'kept-report.pdf');
    await dialog.getByRole('button', { name: 'Make report…' }).click();
    await expect
      .poll(() => dialog.getByTestId('report-state').textContent(), { timeout: 60_000 })
      .toContain('Saved kept-report.pdf');
    const text = pdfText(saveAs).replace(/\s+/g, ' ');
    expect(text).toContain('2021-05-11 to 2021-05-23 on stored daily history; kept run');
    expect(text).toMatch(/300 paths × 30 days, seed 5; kept run/);
    expect(app.consoleErrors).toEqual([]);
  });
});

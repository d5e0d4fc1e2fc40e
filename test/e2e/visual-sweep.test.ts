import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { resultsDir, startE2eApp, type E2eApp } from './harness';
import { findOverflow, findOverlaps, type Problem } from './overflow';

/**
 * A visual sweep of the whole app: every shipped example on every analysis tab (Results,
 * Scenarios, Backtest, Risk), the compare view, the market data view, the revision history, the
 * trash and the report dialog, at 1024×700 and 1440×900, light and dark. Each view is saved
 * under test-results/sweep/ to be looked at, and the layout facts a person would see are
 * asserted: no horizontal page scroll, no text cut or wider than its box, charts inside their
 * cards, wide tables scrolling in their own box.
 *
 * SWEEP=1024x700-dark (comma-separated size-theme tags) limits the run while working on a view.
 */
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const THEMES = ['light', 'dark'] as const;
const only = (process.env['SWEEP'] ?? '').split(',').filter(Boolean);
const wanted = (tag: string) =>
  only.length === 0 || only.some((o) => tag.startsWith(o) || o.startsWith(tag));

const examplesDir = path.resolve(import.meta.dirname, '../../resources/examples');
const EXAMPLES = fs
  .readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({
    file: file.replace(/\.json$/, ''),
    name: (JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as { name: string })
      .name,
  }));
const outDir = path.join(resultsDir, 'sweep');

/** Layout facts of the page: no horizontal page scroll, nothing cut inside `region`. */
async function layoutProblems(page: Page, region: Locator): Promise<Problem[]> {
  // let ResizeObservers (figure fitting) and charts settle
  await page.waitForTimeout(150);
  const problems: Problem[] = [];
  const pageScroll = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  if (pageScroll.scroll > pageScroll.client)
    problems.push({
      what: 'horizontal page scroll',
      element: 'html',
      text: `${pageScroll.scroll} > ${pageScroll.client}`,
    });
  problems.push(...(await placeholdersCut(page)));
  problems.push(...(await findOverflow(region)));
  problems.push(...(await findOverlaps(region)));
  problems.push(...(await chartsOutsideCards(region)));
  return problems;
}

/** Visible inputs anywhere on the page whose placeholder is wider than the room for it. */
function placeholdersCut(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const problems: { what: string; element: string; text: string }[] = [];
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return problems;
    for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (input.value !== '' || input.getClientRects().length === 0) continue;
      const style = getComputedStyle(input);
      ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      // Chromium keeps room for a search field's clear button (about 1em) even while empty
      const clear = input.type === 'search' ? parseFloat(style.fontSize) * 1.2 : 0;
      const room =
        input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - clear;
      const need = ctx.measureText(input.placeholder).width;
      if (need > room + 1)
        problems.push({
          what: 'placeholder cut',
          element: input.getAttribute('aria-label') ?? input.name,
          text: `${input.placeholder}: ${Math.ceil(need)} > ${Math.floor(room)} px`,
        });
    }
    return problems;
  });
}

/** Chart canvases that reach outside their own box or the region. */
function chartsOutsideCards(region: Locator): Promise<Problem[]> {
  return region.evaluate((root) => {
    const problems: { what: string; element: string; text: string }[] = [];
    const outer = root.getBoundingClientRect();
    for (const canvas of root.querySelectorAll('canvas')) {
      const box = canvas.parentElement;
      if (!box) continue;
      const c = canvas.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      const name = box.getAttribute('data-testid') ?? box.getAttribute('aria-label') ?? 'chart';
      if (c.width === 0 || c.height === 0)
        problems.push({ what: 'chart not drawn', element: name, text: '' });
      if (c.right > b.right + 1 || c.left < b.left - 1 || c.bottom > b.bottom + 1)
        problems.push({ what: 'chart outside its box', element: name, text: '' });
      if (c.right > outer.right + 1 || c.left < outer.left - 1)
        problems.push({ what: 'chart outside the pane', element: name, text: '' });
    }
    return problems;
  });
}

async function expectLayout(page: Page, region: Locator, view: string): Promise<void> {
  const problems = await layoutProblems(page, region);
  // soft: every view of a test is still shot and checked after one fails
  expect.soft(problems, `${view}: ${JSON.stringify(problems.slice(0, 8), null, 1)}`).toEqual([]);
}

/** The window, then the region alone at each further screenful while it scrolls. */
async function shoot(page: Page, region: Locator, name: string): Promise<void> {
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  for (let i = 1; i <= 10; i++) {
    const moved = await region.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTo(0, before + el.clientHeight * 0.9);
      return el.scrollTop > before;
    });
    if (!moved) break;
    await page.waitForTimeout(60);
    await region.screenshot({ path: path.join(outDir, `${name}-${i}.png`) });
  }
  await region.evaluate((el) => el.scrollTo(0, 0));
}

describe.each(SIZES.filter((s) => wanted(`${s.width}x${s.height}`)))(
  'sweep at $width×$height',
  (size) => {
    let e2e: E2eApp;
    let app: AppPage;
    const ran = new Set<string>();

    beforeAll(async () => {
      fs.mkdirSync(outDir, { recursive: true });
      e2e = await startE2eApp({ viewport: size });
      app = new AppPage(e2e.page);
      await e2e.page.goto(e2e.server.appUrl);
      await app.footer.filter({ hasText: 'loopback' }).waitFor();
      for (const example of EXAMPLES) {
        await app.createFromExample(example.name);
        await app.draftItem(example.name).waitFor();
      }
      await app.waitSaved();
    }, 120_000);

    afterAll(async () => {
      await e2e?.close();
    });

    const themes = THEMES.filter((t) => wanted(`${size.width}x${size.height}-${t}`));

    describe.each(themes)('%s', (theme) => {
      const tag = `${size.width}x${size.height}-${theme}`;

      beforeAll(async () => {
        await e2e.call('settings.set', { patch: { theme } });
        await e2e.page.reload();
        await app.footer.filter({ hasText: 'loopback' }).waitFor();
      });

      it.each(EXAMPLES)('$file on every analysis tab', async (example) => {
        const page = e2e.page;
        const panel = page.getByRole('tabpanel');
        await app.draftItem(example.name).click();
        await app.tab('Results').click();
        await page.getByTestId('figure-net-apy').waitFor();
        await shoot(page, panel, `${tag}-${example.file}-results`);
        await expectLayout(page, panel, `${example.file} results`);

        await app.tab('Scenarios').click();
        await expect.poll(() => app.scenarioRows.count()).toBeGreaterThan(0);
        await shoot(page, panel, `${tag}-${example.file}-scenarios`);
        await expectLayout(page, panel, `${example.file} scenarios`);

        await app.tab('Backtest').click();
        if (!ran.has(`backtest:${example.file}`)) {
          await expect.poll(() => app.backtestFrom.inputValue()).not.toBe('');
          await app.backtestRun.click();
          ran.add(`backtest:${example.file}`);
        }
        await page.getByTestId('backtest-equity-chart').waitFor({ timeout: 60_000 });
        await shoot(page, panel, `${tag}-${example.file}-backtest`);
        await expectLayout(page, panel, `${example.file} backtest`);

        await app.tab('Risk').click();
        if (!ran.has(`mc:${example.file}`)) {
          await app.simulate({ paths: 300, days: 90, seed: 7 });
          ran.add(`mc:${example.file}`);
        }
        await page.getByRole('region', { name: 'Equity fan chart' }).waitFor({ timeout: 60_000 });
        await app.protocolRisk.locator('tbody tr').first().waitFor();
        // the two-axis stress grid, on the first second axis the strategy offers
        const crosses = await app.stressCross.locator('option').allTextContents();
        const cross = crosses.find((t) => t.trim() !== 'none');
        if (cross) {
          await app.stressCross.selectOption({ label: cross.trim() });
          await page.getByTestId('stress-matrix').waitFor();
        }
        await shoot(page, panel, `${tag}-${example.file}-risk`);
        await expectLayout(page, panel, `${example.file} risk`);
        expect(e2e.consoleErrors).toEqual([]);
      });

      it('compare, market data, history, trash and the report dialog', async () => {
        const page = e2e.page;
        await page.getByRole('button', { name: 'Compare…' }).click();
        const compare = page.getByRole('region', { name: 'Compare strategies' });
        // the selection lives in the page: a reload (the other theme) starts it again
        for (const example of EXAMPLES.slice(0, 3))
          await compare.getByRole('checkbox', { name: example.name }).check();
        await compare.getByLabel('Monte Carlo paths').fill('200');
        await compare.getByLabel('Monte Carlo days').fill('60');
        await compare.getByRole('button', { name: 'Compare', exact: true }).click();
        await compare.getByRole('table', { name: 'Comparison' }).waitFor({ timeout: 60_000 });
        await shoot(page, compare, `${tag}-compare`);
        await expectLayout(page, compare, 'compare');
        await compare.getByRole('button', { name: 'Close' }).click();

        await page.getByRole('button', { name: 'Market data' }).click();
        const data = page.getByRole('region', { name: 'Market data' });
        await data.getByTestId('data-price-chart').locator('canvas').waitFor();
        await shoot(page, data, `${tag}-data`);
        await expectLayout(page, data, 'market data');
        await page.getByRole('button', { name: 'Market data' }).click();

        await app.draftItem(EXAMPLES[0]!.name).click();
        await page.getByRole('button', { name: 'History' }).click();
        const history = page.getByRole('region', { name: 'Revision history' });
        await history.getByTestId('revision-figures').waitFor();
        await shoot(page, history, `${tag}-history`);
        await expectLayout(page, history, 'history');
        await history.getByRole('button', { name: 'Back to the draft' }).click();

        await page.getByRole('button', { name: 'Trash', exact: true }).click();
        const trash = page.getByRole('region', { name: 'Trash' });
        await trash.waitFor();
        await shoot(page, trash, `${tag}-trash`);
        await trash.getByRole('button', { name: 'Close' }).click();

        await page.getByRole('button', { name: 'Export report…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Export report' });
        await dialog.waitFor();
        await shoot(page, dialog, `${tag}-report-dialog`);
        await expectLayout(page, dialog, 'report dialog');
        await page.keyboard.press('Escape');
        expect(e2e.consoleErrors).toEqual([]);
      });
    });
  },
);

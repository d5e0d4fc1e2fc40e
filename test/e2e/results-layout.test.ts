import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';
import { findOverflow } from './overflow';

/**
 * The results pane at the two window sizes of issue 14, light and dark: no visible element
 * overflows its box or is cut with an ellipsis, partial results are marked, and a screenshot of
 * every view and chart is saved under test-results/ (results-<size>-<scheme>-<view>.png).
 */

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
const LEVERAGED = 'ETH leveraged long (Aave v3)';
const CONCENTRATED = 'ETH/USDC concentrated liquidity (Uniswap v3 0.05%)';
const PERP = 'BTC delta-neutral carry (short perp on GMX v2)';

async function expectNoOverflow(page: Page, view: string): Promise<void> {
  const pane = page.getByRole('tabpanel');
  // let ResizeObservers (figure fitting) and charts settle
  await page.waitForTimeout(150);
  const problems = await findOverflow(pane);
  expect(problems, `${view}: ${JSON.stringify(problems.slice(0, 8), null, 1)}`).toEqual([]);
}

/** Screenshots of the window (top and bottom of the pane) and of each chart on it. */
async function shoot(e2e: E2eApp, name: string): Promise<void> {
  await e2e.page.screenshot({ path: `test-results/${name}.png` });
  const charts = e2e.page.getByRole('tabpanel').locator('[data-chart-builds]');
  for (let i = 0; i < (await charts.count()); i++) {
    const chart = charts.nth(i);
    const id = (await chart.getAttribute('data-testid')) ?? `chart-${i}`;
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: `test-results/${name}-chart-${id}.png` });
  }
  const pane = e2e.page.getByRole('tabpanel');
  await pane.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await e2e.page.screenshot({ path: `test-results/${name}-end.png` });
  await pane.evaluate((el) => el.scrollTo(0, 0));
}

describe.each(SIZES)('results pane at $width×$height', (size) => {
  let e2e: E2eApp;
  let app: AppPage;

  beforeAll(async () => {
    e2e = await startE2eApp({ viewport: size });
    app = new AppPage(e2e.page);
    await e2e.page.goto(e2e.server.appUrl);
    await app.footer.filter({ hasText: 'loopback' }).waitFor();
    for (const name of [PERP, CONCENTRATED, LEVERAGED]) {
      await app.createFromExample(name);
      await app.draftItem(name).waitFor();
    }
  });

  afterAll(async () => {
    await e2e?.close();
  });

  const tag = (scheme: string) => `results-${size.width}x${size.height}-${scheme}`;

  it.each(SCHEMES)('%s: every view fits, nothing is cut', async (scheme) => {
    const page = e2e.page;
    await page.emulateMedia({ colorScheme: scheme });

    // Leveraged long: key figures, health by market, liquidation, HF curve, exposure.
    await app.draftItem(LEVERAGED).click();
    await app.tab('Results').click();
    await expect.poll(() => app.figure('leverage').textContent()).toBe('2.50×');
    await page.getByTestId('hf-chart-ETH').waitFor();
    await expectNoOverflow(page, 'results, leveraged long');
    await shoot(e2e, `${tag(scheme)}-results-leveraged`);

    // Concentrated LP: impermanent loss at the moves, its curve with range bounds.
    await app.draftItem(CONCENTRATED).click();
    await app.tab('Results').click();
    await page.getByTestId('il-chart-range-lp').waitFor();
    expect(await page.getByTestId('il-range-lp').locator('tr[data-move]').count()).toBe(6);
    await expectNoOverflow(page, 'results, concentrated LP');
    await shoot(e2e, `${tag(scheme)}-results-lp`);

    // The backtest of the LP: equity, price, in-range share and fees vs IL on time axes.
    await app.runBacktest('2024-01-01', '2024-06-30');
    await page.getByTestId('backtest-lp-chart').waitFor();
    await page.getByTestId('backtest-equity-chart').waitFor();
    await expectNoOverflow(page, 'backtest, concentrated LP');
    await shoot(e2e, `${tag(scheme)}-backtest-lp`);

    // Perp hedge: delta-neutral, perp leverage, margin ratio and liquidation price.
    await app.draftItem(PERP).click();
    await app.tab('Results').click();
    const perp = page.getByTestId('perps').locator('tr[data-step-id="short-btc"]');
    await perp.waitFor();
    expect(await perp.textContent()).toContain('5.01×');
    expect(await page.getByTestId('exposure').textContent()).toContain('Delta-neutral');
    // the liquidation row speaks of the perp, never its raw key
    const liquidation = app.results.getByRole('region', { name: 'Liquidation prices' });
    expect(await liquidation.textContent()).toContain('Short BTC perp');
    expect(await liquidation.textContent()).not.toContain('perp:');
    await expectNoOverflow(page, 'results, perp hedge');
    await shoot(e2e, `${tag(scheme)}-results-perp`);

    // Leveraged long through history and risk.
    await app.draftItem(LEVERAGED).click();
    await app.runBacktest('2021-05-01', '2021-06-30');
    await page.getByTestId('backtest-hf-chart').waitFor();
    await expectNoOverflow(page, 'backtest, leveraged long');
    await shoot(e2e, `${tag(scheme)}-backtest-leveraged`);

    await app.tab('Scenarios').click();
    await expect.poll(() => app.scenarioRows.count()).toBe(7);
    await expectNoOverflow(page, 'scenarios');
    await shoot(e2e, `${tag(scheme)}-scenarios`);

    await app.tab('Risk').click();
    await app.simulate({ paths: 500, days: 60, seed: 3 });
    await page.getByRole('region', { name: 'Equity fan chart' }).waitFor();
    await app.stressCross.selectOption({ label: 'USDC peg' });
    await page.getByTestId('stress-matrix').waitFor();
    await app.protocolRisk.locator('tbody tr').first().waitFor();
    await expectNoOverflow(page, 'risk');
    await shoot(e2e, `${tag(scheme)}-risk`);
    expect(e2e.consoleErrors).toEqual([]);
  });

  it('marks partial results: "partial: 1 step not applied", muted figures', async () => {
    const page = e2e.page;
    await page.emulateMedia({ colorScheme: 'light' });
    await app.draftItem(LEVERAGED).click();
    await app.tab('Results').click();
    await page.getByRole('radio', { name: 'Advanced: JSON' }).click();
    const text = await app.documentInput.inputValue();
    const doc = JSON.parse(text) as { steps: Array<{ body?: Array<Record<string, unknown>> }> };
    const step = doc.steps.flatMap((s) => s.body ?? []).find((s) => s['id'] === 'resupply-eth');
    if (!step) throw new Error('no resupply-eth step');
    step['amount'] = 'lots';
    await app.fillDocument(doc);
    const notice = page.getByTestId('partial-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('partial: 1 step not applied');
    // the step by its label, not its id
    expect(await notice.textContent()).toContain('leave out “Supply WETH”');
    expect(await notice.textContent()).not.toContain('resupply-eth');
    // no confident colours on a partial figure
    expect(
      await page
        .locator(
          '[aria-label="Key figures"] dd.positive, [aria-label="Key figures"] dd.negative, [aria-label="Key figures"] dd.caution',
        )
        .count(),
    ).toBe(0);
    const color = await app.figure('net-apy').evaluate((el) => getComputedStyle(el).color);
    const muted = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--muted').trim(),
    );
    expect(color).toBe(hexToRgb(muted));
    await expectNoOverflow(page, 'partial results');
    await shoot(e2e, `results-${size.width}x${size.height}-partial`);
    // fixed: the mark goes
    await app.fillDocument(JSON.parse(text));
    await expect.poll(() => notice.count()).toBe(0);
  });

  it('charts update in place: an edit redraws the same chart object', async () => {
    const page = e2e.page;
    await app.draftItem(CONCENTRATED).click();
    await app.tab('Results').click();
    const chart = page.getByTestId('il-chart-range-lp');
    await expect.poll(() => chart.getAttribute('data-chart-builds')).toBe('1');
    await page.getByRole('radio', { name: 'Advanced: JSON' }).click();
    const doc = JSON.parse(await app.documentInput.inputValue()) as {
      steps: Array<Record<string, unknown>>;
    };
    const lp = doc.steps.find((s) => s['id'] === 'range-lp') as { pool: { upper: string } };
    lp.pool.upper = '4000';
    await app.fillDocument(doc);
    await expect.poll(() => page.getByTestId('il-range-lp').textContent()).toContain('4,000.00');
    expect(await chart.getAttribute('data-chart-builds')).toBe('1');
  });
});

function hexToRgb(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgb(${m
    .slice(1)
    .map((h) => parseInt(h, 16))
    .join(', ')})`;
}

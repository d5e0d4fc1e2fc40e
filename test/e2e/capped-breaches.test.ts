import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatPercent, formatPercentExact } from '../../src-renderer/src/lib/format';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Two marks on result cards, clicked through at 1024×700:
 * - a percentage capped at ">+9,999%" shows its exact value on hover (title), on keyboard focus
 *   (a tooltip) and to screen readers (its accessible text);
 * - Monte Carlo and backtest figures over a risk limit are marked on their cards, as the
 *   evaluation's are.
 */
const LEVERAGED = 'ETH leveraged long (Aave v3)';
const example = JSON.parse(
  fs.readFileSync(
    path.resolve(import.meta.dirname, '../../resources/examples/eth-leveraged-long.json'),
    'utf8',
  ),
) as Record<string, unknown>;
// ETH rose from about $3,100 to $3,900 in these 13 days: at 2.5× the backtest returns about
// +55 %, which annualizes to some +21 million %.
const RALLY = { from: '2024-02-26', to: '2024-03-10' };

let e2e: E2eApp;
let app: AppPage;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1024, height: 700 } });
  app = new AppPage(e2e.page);
  await e2e.page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  await app.createFromExample(LEVERAGED);
  await app.figure('leverage').filter({ hasText: '2.50×' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

it('a capped annualized return shows its exact value on hover, on focus and to screen readers', async () => {
  const page = e2e.page;
  const direct = await e2e.call('backtest.run', { strategy: example as never, ...RALLY });
  if (!direct.ok) throw new Error('the rally backtest failed');
  const annualized = direct.stats.annualizedReturn;
  expect(annualized).toBeGreaterThan(100); // over 10,000 %: capped on the card
  const exact = formatPercentExact(annualized, { signed: true });
  const capped = formatPercent(annualized, { signed: true });
  expect(capped).toBe('>+9,999%');

  await app.runBacktest(RALLY.from, RALLY.to);
  const card = page.getByTestId('figure-annualized-return');
  const value = card.locator('.capped');
  await value.waitFor();
  // seen: the capped text; hovered: the exact one
  expect(await value.locator('[aria-hidden="true"]').first().textContent()).toBe(capped);
  expect(await value.getAttribute('title')).toBe(exact);
  // heard: the exact value, never the cap
  const spoken = await card.ariaSnapshot();
  expect(spoken).toContain(exact);
  expect(spoken).not.toContain(capped);
  // focused from the keyboard: a tooltip with the exact value
  const tip = value.locator('.tip');
  expect(await tip.isVisible()).toBe(false);
  await value.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect.poll(() => tip.isVisible()).toBe(true);
  expect(await tip.textContent()).toBe(exact);
  await page.screenshot({ path: 'test-results/capped-value-focus.png' });
  // the tooltip stays inside the window
  const box = (await tip.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1024);
  expect(e2e.consoleErrors).toEqual([]);
});

it('Monte Carlo and backtest figures over a limit are marked on their cards', async () => {
  const page = e2e.page;
  await e2e.call('settings.set', {
    patch: {
      limits: { maxLiquidationProbability: '0.01', maxLossP99: '0.05', minHealthFactor: '1.5' },
    },
  });
  await page.reload();
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  await app.draftItem(LEVERAGED).click();

  await app.tab('Risk').click();
  await app.simulate({ paths: 300, days: 90, seed: 7 });
  const liquidation = page.getByTestId('figure-breach-liquidation-probability');
  await liquidation.waitFor({ timeout: 60_000 });
  expect(await liquidation.textContent()).toContain('Breaks limit ≤ 1.00%');
  const loss = page.getByTestId('figure-breach-var99');
  expect(await loss.textContent()).toContain('Breaks limit ≤ 5.00%');
  expect(await page.getByTestId('figure-liquidation-probability').getAttribute('class')).toContain(
    'breached',
  );
  await page.getByTestId('figure-var99').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/monte-carlo-breach.png' });

  // the same card within a limit raised above its figure is not marked; the other still is
  // (main checks each run against the limits in force when it runs)
  await e2e.call('settings.set', {
    patch: {
      limits: { maxLiquidationProbability: '0.99', maxLossP99: '0.05', minHealthFactor: '1.5' },
    },
  });
  await app.simulate({ paths: 400, days: 90, seed: 7 });
  const rerun = page.getByTestId('figure-liquidation-probability');
  await rerun.filter({ hasText: 'of 400 paths' }).waitFor({ timeout: 60_000 });
  expect(await liquidation.count()).toBe(0);
  expect(await rerun.getAttribute('class')).not.toContain('breached');
  expect(await loss.textContent()).toContain('Breaks limit ≤ 5.00%');

  // the backtest's lowest health factor (1.383 at the start) is under the minimum of 1.5
  await app.runBacktest(RALLY.from, RALLY.to);
  const hf = page.getByTestId('figure-breach-min-health-factor');
  await hf.waitFor();
  expect(await hf.textContent()).toContain('Breaks limit ≥ 1.500');

  await e2e.call('settings.set', { patch: { limits: {} } });
  expect(e2e.consoleErrors).toEqual([]);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExampleStrategy, SimulateJobResult } from '../../src-main/contract/index';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

const EXAMPLE_NAME = 'ETH leveraged long (Aave v3)';
const MARKET = 'aave-v3-ethereum';

let e2e: E2eApp;
let app: AppPage;
let example: ExampleStrategy;

/** "$1,234.56", as the figures show USD under a million. */
const usd = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Runs `risk.simulate` through the loopback API and polls `jobs.status` until it ends. */
async function simulateDirect(options: {
  model: 'gbm';
  paths: number;
  days: number;
  seed: number;
}): Promise<SimulateJobResult> {
  const { jobId } = await e2e.call('risk.simulate', { strategy: example.strategy, options });
  for (;;) {
    const status = await e2e.call('jobs.status', { jobId });
    if (status.state === 'done') return status.result as SimulateJobResult;
    if (status.state !== 'running') throw new Error(`simulation ended ${status.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1280, height: 1200 } });
  app = new AppPage(e2e.page);
  const examples = await e2e.call('engine.examples', {});
  const found = examples.find((x) => x.name === EXAMPLE_NAME);
  if (!found) throw new Error(`example "${EXAMPLE_NAME}" is not bundled`);
  example = found;
  await e2e.page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  await app.createFromExample(EXAMPLE_NAME);
  await app.figure('leverage').filter({ hasText: '2.50×' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

it('runs a seeded Monte Carlo and shows the same liquidation probability as the API', async () => {
  await app.tab('Risk').click();
  await app.simulate({ paths: 2000, days: 90, seed: 7 });
  const shown = app.figure('liquidation-probability');
  await shown.waitFor({ timeout: 30_000 });

  // Same strategy, options and seed straight through the API: the numbers are identical.
  const direct = await simulateDirect({ model: 'gbm', paths: 2000, days: 90, seed: 7 });
  if (!direct.ok) throw new Error(`simulate refused the example: ${direct.errors[0]?.code}`);
  const p = direct.liquidation.probability;
  // 2.5x long at HF 1.383 (liquidated after a 27.7 % fall of ETH): some, not all, of 90-day paths.
  expect(p).toBeGreaterThan(0);
  expect(p).toBeLessThan(1);
  expect(await shown.textContent()).toBe(`${(p * 100).toFixed(2)}%`);
  expect(direct.paths).toBe(2000);
  expect(direct.days).toBe(90);
  expect(await app.monteCarlo.locator('tr[data-percentile="50"]').textContent()).toContain(
    usd(direct.terminalEquityUsd['p50'] ?? NaN),
  );
  expect(await app.figure('var99').textContent()).toBe(usd(direct.var99.valueAtRiskUsd));
  // the drift used sits next to the results: zero unless the user picks the historical mean
  expect(direct.parameters.drift.mode).toBe('zero');
  const drift = e2e.page.getByTestId('simulation-drift');
  expect(await drift.textContent()).toContain('assumes zero drift (no forecast)');
  // said once per result, not on every card and heading
  const text = (await app.monteCarlo.textContent()) ?? '';
  expect(text.split('zero drift').length - 1).toBe(1);
  expect(text).not.toContain('drift 0');
  // the estimation window and why it was chosen (the default leaves out 2015's volatility)
  expect(direct.parameters.window?.basis).toBe('default');
  expect(await e2e.page.getByTestId('simulation-window').textContent()).toBe(
    direct.parameters.window!.note,
  );
  await app.monteCarlo.evaluate((el) => el.scrollIntoView());
  await e2e.screenshot('risk-montecarlo.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('cancels a long simulation', async () => {
  // 250,000 paths over ten years: minutes of work, so it is still running when Cancel is clicked.
  const previous = await app.figure('liquidation-probability').textContent();
  await app.simulate({ paths: 250_000, days: 3650, seed: 7 });
  await app.simulationProgress.waitFor();
  // Leaving the tab stops the polling; coming back picks the same job up again.
  await app.tab('Results').click();
  await app.tab('Risk').click();
  await app.simulationProgress.waitFor();
  await app.simulationCancel.click();
  await expect.poll(() => app.simulationState.textContent()).toMatch(/^\s*Cancelled at \d+%/);
  expect(await app.simulationProgress.count()).toBe(0);
  // the cancelled re-run leaves the previous result on screen, said to be the previous one
  expect(await app.figure('liquidation-probability').textContent()).toBe(previous);
  expect(await app.monteCarlo.getByTestId('run-origin').textContent()).toContain(
    'The re-run was cancelled; this is the previous result.',
  );
  expect(await app.simulationRun.isEnabled()).toBe(true);
  expect(e2e.consoleErrors).toEqual([]);
});

it('stresses the ETH price: the unshocked row matches the Results tab, −50 % liquidates', async () => {
  await app.tab('Results').click();
  await expect.poll(() => app.figure('health-factor').textContent()).toBe('1.383');
  const resultsHf = await app.figure('health-factor').textContent();

  await app.tab('Risk').click();
  const base = app.stressRow('price:ETH', '0%');
  await base.waitFor();
  expect((await base.locator('td.hf').textContent())?.trim()).toBe(resultsHf);
  expect(await base.getAttribute('data-liquidated')).toBe('false');
  // HF scales with the ETH price (collateral WETH, debt USDC): 1.383 × 0.5 = 0.692 < 1.
  const half = app.stressRow('price:ETH', '−50%');
  expect(await half.getAttribute('data-liquidated')).toBe('true');
  expect(await half.locator('td.hf').textContent()).toContain('0.692');
  expect(await half.textContent()).toContain('Liquidated');

  // The ETH price crossed with the USDC peg: a heatmap of health factors.
  await app.stressCross.selectOption({ label: 'USDC peg' });
  await e2e.page.getByTestId('stress-matrix').waitFor();
  await app.stressHeatmap.waitFor({ state: 'attached' });
  // 11 price moves × 11 peg ratios (HEATMAP_SHOCKS × HEATMAP_RATIOS).
  expect(await app.stressHeatmap.locator('tbody td').count()).toBe(121);
  await app.stress.evaluate((el) => el.scrollIntoView());
  await e2e.screenshot('risk-stress.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('shows the expected yearly loss from protocol failures', async () => {
  const direct = await e2e.call('risk.protocol', { strategy: example.strategy });
  if (!direct.ok) throw new Error('risk.protocol refused the example');
  expect(direct.expectedYearlyLossUsd).toBeGreaterThan(0);
  await expect
    .poll(() => app.figure('expected-loss').textContent())
    .toBe(usd(direct.expectedYearlyLossUsd));
  const aave = app.protocolRisk.locator(`tr[data-market-id="${MARKET}"]`);
  const exposure = direct.protocols.find((p) => p.marketId === MARKET);
  if (!exposure) throw new Error('no exposure to the lending market');
  expect(await aave.textContent()).toContain(usd(exposure.lossUsd));
  expect(e2e.consoleErrors).toEqual([]);
});

it('backtests May 2021 with a deleverage rule: no liquidation, deleverages listed', async () => {
  await app.tab('Backtest').click();
  await app.deleverage.check();
  await app.deleverageTrigger.fill('1.3');
  await app.deleverageTarget.fill('1.8');
  await app.page.getByLabel('Rates of Aave v3 Ethereum (Core)').selectOption('history');
  await app.runBacktest('2021-05-11', '2021-05-23');

  await expect.poll(() => app.figure('liquidations').textContent()).toBe('0');
  const deleverages = app.backtestEvents.and(app.page.locator('[data-event-type="deleverage"]'));
  await expect.poll(() => deleverages.count()).toBeGreaterThan(0);
  // test/backtest/real-crash.test.ts: the rule first acts on 2021-05-12 (HF ≈ 1.2487 < 1.3).
  expect(await deleverages.first().textContent()).toContain('2021-05-12');
  expect(await deleverages.first().textContent()).toContain('→ 1.800');
  expect(
    await app.backtestEvents.and(app.page.locator('[data-event-type="liquidation"]')).count(),
  ).toBe(0);

  // The share of days on stored rates, as the API reports it for the same run.
  const direct = await e2e.call('backtest.run', {
    strategy: example.strategy,
    from: '2021-05-11',
    to: '2021-05-23',
    options: {
      rateModes: { [MARKET]: 'history' },
      automation: { deleverage: { triggerHealthFactor: 1.3, targetHealthFactor: 1.8 } },
    },
  });
  if (!direct.ok) throw new Error('backtest.run refused the example');
  const usage = direct.rateUsage.find((u) => u.marketId === MARKET);
  if (!usage) throw new Error('no rate usage for the lending market');
  const row = app.rateUsage.and(app.page.locator(`[data-market-id="${MARKET}"]`));
  expect(await row.locator('td.share').textContent()).toBe(
    `${(usage.historyShare * 100).toFixed(0)}%`,
  );
  expect(await row.textContent()).toContain('stored history');
  await app.page.getByRole('region', { name: 'Events' }).scrollIntoViewIfNeeded();
  await e2e.screenshot('backtest-automation.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('shows the share of backtest days priced on stored rate history', async () => {
  // resources/data/rates/aave-v3-ethereum-weth-usdc-2024.csv covers 2024-02-20 … 2024-08-17, so
  // every day of March 2024 has a stored WETH supply and USDC borrow rate.
  await app.deleverage.uncheck();
  await app.runBacktest('2024-03-01', '2024-03-31');
  const row = app.rateUsage.and(app.page.locator(`[data-market-id="${MARKET}"]`));
  await expect.poll(() => row.locator('td.share').textContent()).toBe('100%');
  const direct = await e2e.call('backtest.run', {
    strategy: example.strategy,
    from: '2024-03-01',
    to: '2024-03-31',
    options: { rateModes: { [MARKET]: 'history' } },
  });
  if (!direct.ok) throw new Error('backtest.run refused the example');
  expect(direct.rateUsage.find((u) => u.marketId === MARKET)?.historyShare).toBe(1);
  // 31 daily closes, so 30 days of interest between them, each on the stored rate.
  expect(await row.textContent()).toContain('USDC borrow: 30 of 30 days');

  // Back to the rate model: nothing comes from history.
  await app.page.getByLabel('Rates of Aave v3 Ethereum (Core)').selectOption('model');
  await app.backtestRun.click();
  await expect.poll(() => row.locator('td.share').textContent()).toBe('0%');
  expect(await row.textContent()).toContain('rate model');
  expect(e2e.consoleErrors).toEqual([]);
});

it('a liquidated perp reads "Liquidated" with what it loses, never "∞"', async () => {
  // btc-perp-hedge: a short perp and no lending debt, so no health factor; the perp is
  // liquidated past +18.7 % (test/risk/stress.test.ts), losing what was left in it: $1,240 at
  // +18.71 %, nothing at +25 % (the price move took the whole margin).
  const perp = (await e2e.call('engine.examples', {})).find((x) => x.id === 'btc-perp-hedge');
  if (!perp) throw new Error('btc-perp-hedge is not bundled');
  await app.createFromExample(perp.name);
  await app.draftItem(perp.name).waitFor();
  await app.tab('Risk').click();

  const calm = app.stressRow('price:BTC', '+10%');
  await calm.waitFor();
  expect(await calm.getAttribute('data-liquidated')).toBe('false');
  expect((await calm.locator('td.hf').textContent())?.trim()).toBe('∞'); // truly no debt

  const grid = await e2e.call('risk.stress', {
    strategy: perp.strategy,
    axes: [{ kind: 'price', asset: 'BTC', shocks: [0.1871, 0.25] }],
  });
  if (!grid.ok) throw new Error('risk.stress refused the example');
  expect(grid.points.map((p) => p.liquidated)).toEqual([true, true]);
  expect(grid.points[0]!.liquidationLossUsd).toBeCloseTo(1_240, 6);
  expect(grid.points[1]!.liquidationLossUsd).toBe(0);
  const row = app.stressRow('price:BTC', '+25%');
  expect(await row.getAttribute('data-liquidated')).toBe('true');
  expect((await row.locator('td.hf').textContent())?.trim()).toBe('Liquidated');
  // nothing more lost to the liquidation: the move had taken the margin
  expect((await row.locator('td.state').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
    'margin gone',
  );
  expect(await row.locator('td.state').getAttribute('title')).toContain('GMX v2 Arbitrum');
  expect(await app.stress.locator('td.hf', { hasText: '∞' }).count()).toBe(
    await app.stress.locator('tr[data-liquidated="false"] td.hf').count(),
  );

  // The two-axis table: liquidated cells say so, the others keep "∞".
  await app.stressCross.selectOption({ label: 'USDT peg' });
  await app.stressHeatmap.waitFor({ state: 'attached' });
  await app.stress.locator('details summary').click();
  const cells = app.stressHeatmap.locator('tbody td');
  await expect.poll(() => cells.count()).toBe(121);
  const texts = (await cells.allTextContents()).map((t) => t.trim());
  expect(texts.filter((t) => t === 'Liq.').length).toBeGreaterThan(0);
  expect(texts.every((t) => t === 'Liq.' || t === '∞')).toBe(true);
  const liquidated = cells.filter({ hasText: 'Liq.' }).first();
  expect(await liquidated.getAttribute('aria-label')).toMatch(
    /^liquidated(, lost \$[\d,.]+ to the liquidation|, its margin already taken by the move)$/,
  );
  await app.stressHeatmap.scrollIntoViewIfNeeded();
  await e2e.screenshot('risk-stress-perp.png');

  // the protocol-risk card names the perp's margin by its step's label, not its id
  const gmx = app.protocolRisk.locator('tr[data-market-id="gmx-v2-arbitrum"]');
  await expect.poll(() => gmx.textContent()).toContain('Margin of “Perp short BTC”');
  expect(await gmx.textContent()).not.toContain('short-btc');
  expect(e2e.consoleErrors).toEqual([]);
});

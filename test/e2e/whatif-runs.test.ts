import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExampleStrategy } from '../../src-main/contract/index';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Issue 14: what-if prices revalue every figure exactly as `engine.evaluate { at }` does, and
 * backtest and Monte Carlo results are kept with their draft (across a draft switch and a reload),
 * marked stale after an edit, and survive a cancelled re-run.
 */
const EXAMPLE_NAME = 'ETH leveraged long (Aave v3)';
const OTHER_NAME = 'Stablecoin farm (Aave + Curve + Convex)';

let e2e: E2eApp;
let app: AppPage;
let example: ExampleStrategy;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
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

const whatIf = () => app.results.getByTestId('what-if');
const hfAt = async (at: Record<string, string>) => {
  const r = await e2e.call('engine.evaluate', { strategy: example.strategy, at });
  if (r.healthFactor.overall === null) throw new Error('no health factor');
  return Number(r.healthFactor.overall).toFixed(3);
};

it('the what-if control moves the health factor to what engine.evaluate gives at that price', async () => {
  const eth = whatIf().locator('[data-asset="ETH"]');
  await eth.waitFor();
  expect(await app.figure('health-factor').textContent()).toBe('1.383');

  // The slider: 0.8 × the entry price 3,000 = 2,400. Collateral WETH follows ETH, debt is USDC,
  // so by hand HF = 1.38333… × 0.8 = 1.10667; the engine must say the same.
  await eth.getByRole('slider', { name: 'ETH what-if price' }).fill('0.8');
  const at2400 = await hfAt({ ETH: '2400' });
  expect(at2400).toBe(((0.83 / 0.6) * 0.8).toFixed(3));
  await expect.poll(() => app.figure('health-factor').textContent()).toBe(at2400);
  expect(await eth.getByRole('spinbutton', { name: 'ETH price, USD' }).inputValue()).toBe('2400');
  expect(await eth.getByTestId('what-if-delta').textContent()).toContain('−20.00% vs entry');

  // The field: ETH at exactly 2,500; every figure is revalued, the market row and equity too.
  const field = eth.getByRole('spinbutton', { name: 'ETH price, USD' });
  await field.fill('2500');
  await field.press('Enter');
  const expected = await e2e.call('engine.evaluate', {
    strategy: example.strategy,
    at: { ETH: '2500' },
  });
  const hf = Number(expected.healthFactor.overall).toFixed(3);
  await expect.poll(() => app.figure('health-factor').textContent()).toBe(hf);
  expect(hf).toBe(((0.83 / 0.6) * (2500 / 3000)).toFixed(3));
  expect(await app.results.locator('[data-market-id="aave-v3-ethereum"]').textContent()).toContain(
    hf,
  );
  expect(await app.figure('ltv').textContent()).toBe(`${(Number(expected.ltv) * 100).toFixed(2)}%`);
  expect(await app.figure('equity').textContent()).toBe(
    `$${Number(expected.equityUsd).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
  );
  // the liquidation table now measures the distance from 2,500
  expect(await app.results.locator('tr[data-asset="ETH"]').textContent()).toContain('$2,500.00');
  expect(await whatIf().getByTestId('what-if-summary').textContent()).toContain('at entry');

  // A stable's peg too: USDC at 0.98 lowers the debt's value, HF rises accordingly.
  const usdc = whatIf().locator('[data-asset="USDC"]');
  const usdcField = usdc.getByRole('spinbutton', { name: 'USDC price, USD' });
  await usdcField.fill('0.98');
  await usdcField.press('Enter');
  const both = await hfAt({ ETH: '2500', USDC: '0.98' });
  await expect.poll(() => app.figure('health-factor').textContent()).toBe(both);
  await e2e.screenshot('what-if-prices.png');

  await whatIf().getByRole('button', { name: 'Reset all' }).click();
  await expect.poll(() => app.figure('health-factor').textContent()).toBe('1.383');
  expect(e2e.consoleErrors).toEqual([]);
});

it('a backtest and a Monte Carlo survive a draft switch and a reload, go stale after an edit, and a cancelled re-run keeps the old result', async () => {
  // Run both for the example draft.
  await app.runBacktest('2021-05-11', '2021-05-23');
  await expect.poll(() => app.figure('liquidations').textContent()).toBe('1');
  const backtestReturn = await app.figure('total-return').textContent();
  await app.tab('Risk').click();
  await app.simulate({ paths: 2000, days: 60, seed: 11 });
  const probability = app.figure('liquidation-probability');
  await probability.waitFor({ timeout: 30_000 });
  const shownProbability = await probability.textContent();
  // the scenarios replay when their tab opens
  await app.tab('Scenarios').click();
  await expect.poll(() => app.scenarioRows.count()).toBeGreaterThan(3);
  const scenarioCount = await app.scenarioRows.count();
  // all three are kept in main with the draft
  const draftId = await app.draftItem(EXAMPLE_NAME).getAttribute('data-draft-id');
  await expect
    .poll(async () => (await e2e.call('runs.list', { draftId: draftId! })).length)
    .toBe(3);
  const kept = await e2e.call('runs.list', { draftId: draftId! });
  expect(kept.map((r) => r.kind).sort()).toEqual(['backtest', 'monte-carlo', 'scenarios']);

  // Switch to another draft and back: both results are there again.
  await app.createFromExample(OTHER_NAME);
  await expect.poll(() => app.nameInput.inputValue()).toBe(OTHER_NAME);
  await app.draftItem(EXAMPLE_NAME).locator('button.select').click();
  await expect.poll(() => app.nameInput.inputValue()).toBe(EXAMPLE_NAME);
  await app.tab('Backtest').click();
  await expect.poll(() => app.figure('total-return').textContent()).toBe(backtestReturn);
  expect(await app.backtestFrom.inputValue()).toBe('2021-05-11');
  await app.tab('Risk').click();
  await expect.poll(() => probability.textContent()).toBe(shownProbability);

  // Reload the app: the draft reopens with its results.
  await e2e.page.reload();
  await expect.poll(() => app.nameInput.inputValue()).toBe(EXAMPLE_NAME);
  await app.tab('Backtest').click();
  await expect.poll(() => app.figure('total-return').textContent()).toBe(backtestReturn);
  const backtestOrigin = app.page.getByTestId('backtest').getByTestId('run-origin');
  expect(await backtestOrigin.textContent()).toContain('Kept run from');
  expect(await backtestOrigin.getAttribute('data-stale')).toBe('false');
  await app.tab('Risk').click();
  await expect.poll(() => probability.textContent()).toBe(shownProbability);
  // the scenarios reopen as kept, without replaying
  await app.tab('Scenarios').click();
  const scenarioOrigin = app.page.getByTestId('scenarios').getByTestId('run-origin');
  await expect.poll(() => scenarioOrigin.textContent()).toContain('Kept run from');
  expect(await app.scenarioRows.count()).toBe(scenarioCount);
  expect(await e2e.call('runs.list', { draftId: draftId!, kind: 'scenarios' })).toHaveLength(1);
  await app.tab('Risk').click();

  // Edit the strategy: both are marked stale, not discarded.
  const edited = structuredClone(example.strategy) as { horizonDays: number };
  edited.horizonDays = 180;
  // through the JSON view (the builder shows the chain by default)
  const jsonView = app.page.getByRole('radio', { name: 'Advanced: JSON' });
  if ((await jsonView.count()) > 0) await jsonView.click();
  await app.fillDocument(edited);
  const mcOrigin = app.monteCarlo.getByTestId('run-origin');
  await expect.poll(() => mcOrigin.getAttribute('data-stale')).toBe('true');
  expect(await mcOrigin.textContent()).toContain('Strategy changed since this run');
  expect(await probability.textContent()).toBe(shownProbability);
  await app.tab('Backtest').click();
  await expect.poll(() => backtestOrigin.getAttribute('data-stale')).toBe('true');
  expect(await backtestOrigin.textContent()).toContain('Strategy changed since this run');
  expect(await app.figure('total-return').textContent()).toBe(backtestReturn);
  await app.waitSaved();
  // main agrees once the edit is saved
  await expect
    .poll(async () => (await e2e.call('runs.list', { draftId: draftId! })).every((r) => r.stale))
    .toBe(true);
  await e2e.screenshot('kept-run-stale.png');
  // Undo brings back the strategy the run used: current again; Redo: stale again.
  await app.page.getByRole('button', { name: /^Undo: / }).click();
  await expect.poll(() => backtestOrigin.getAttribute('data-stale')).toBe('false');
  await app.page.getByRole('button', { name: /^Redo: / }).click();
  await expect.poll(() => backtestOrigin.getAttribute('data-stale')).toBe('true');

  // A long re-run, cancelled: the previous result stays, said to be the previous one.
  await app.tab('Risk').click();
  await app.simulate({ paths: 250_000, days: 3650, seed: 12 });
  await app.simulationProgress.waitFor();
  expect(await probability.textContent()).toBe(shownProbability);
  await app.simulationCancel.click();
  await expect.poll(() => app.simulationState.textContent()).toMatch(/Cancelled at \d+%/);
  expect(await probability.textContent()).toBe(shownProbability);
  expect(await mcOrigin.textContent()).toContain('this is the previous result');
  await app.monteCarlo.evaluate((el) => el.scrollIntoView());
  await e2e.screenshot('kept-run-cancelled.png');

  // And nothing of the cancelled run was kept: after a reload the same old result reopens.
  await e2e.page.reload();
  await expect.poll(() => app.nameInput.inputValue()).toBe(EXAMPLE_NAME);
  await app.tab('Risk').click();
  await expect.poll(() => probability.textContent()).toBe(shownProbability);
  const runs = await e2e.call('runs.list', { draftId: draftId!, kind: 'monte-carlo' });
  expect(runs).toHaveLength(1);
  expect(e2e.consoleErrors).toEqual([]);
});

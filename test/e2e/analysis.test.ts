import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExampleStrategy } from '../../src-main/contract/index';
import { formatUsd } from '../../src-renderer/src/lib/format';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

const EXAMPLE_NAME = 'ETH leveraged long (Aave v3)';

let e2e: E2eApp;
let app: AppPage;
let example: ExampleStrategy;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1280, height: 800 } });
  app = new AppPage(e2e.page);
  const examples = await e2e.call('engine.examples', {});
  const found = examples.find((x) => x.name === EXAMPLE_NAME);
  if (!found) throw new Error(`example "${EXAMPLE_NAME}" is not bundled`);
  example = found;
});

afterAll(async () => {
  await e2e?.close();
});

it('creates a draft from an example and shows what the engine computes for it', async () => {
  await e2e.page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();

  await app.createFromExample(EXAMPLE_NAME);
  await app.draftItem(EXAMPLE_NAME).waitFor();
  await expect.poll(() => app.nameInput.inputValue()).toBe(EXAMPLE_NAME);
  await app.showJson();
  expect(JSON.parse(await app.documentInput.inputValue())).toEqual(example.strategy);
  await app.showBuilder();

  // The same document through the same API the page uses.
  const expected = await e2e.call('engine.evaluate', { strategy: example.strategy });
  // Hand check (resources/examples/eth-leveraged-long.json): the loop stops at 2.5x leverage, so
  // debt is 1.5/2.5 = 60 % of collateral and HF = liquidation threshold 0.83 / 0.6 = 1.38333…;
  // ETH liquidates at 3000 × 0.6 / 0.83 = 2168.67, a 27.71 % fall.
  expect(Number(expected.leverage)).toBeCloseTo(2.5, 12);
  expect(Number(expected.healthFactor.overall)).toBeCloseTo(0.83 / 0.6, 12);
  expect(Number(expected.liquidationPrice['ETH'])).toBeCloseTo((3000 * 0.6) / 0.83, 9);

  await expect.poll(() => app.figure('leverage').textContent()).toBe('2.50×');
  expect(await app.figure('health-factor').textContent()).toBe(
    Number(expected.healthFactor.overall).toFixed(3),
  );
  expect(await app.figure('health-factor').textContent()).toBe('1.383');
  expect(await app.figure('ltv').textContent()).toBe('60.00%');
  expect(await app.figure('equity').textContent()).toBe(
    `$${Number(expected.equityUsd).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
  );
  const market = app.results.locator('[data-market-id="aave-v3-ethereum"]');
  expect(await market.textContent()).toContain('1.383');
  // The market by its name only; its id is a tooltip.
  const marketCell = market.locator('td').first();
  expect((await marketCell.textContent())?.trim()).toBe('Aave v3 Ethereum (Core)');
  expect(await marketCell.getAttribute('title')).toBe('Market id aave-v3-ethereum');
  expect(await market.textContent()).not.toContain('aave-v3-ethereum');
  const eth = app.results.locator('tr[data-asset="ETH"]');
  expect(await eth.textContent()).toContain('$2,168.67');
  expect(await eth.textContent()).toContain('falls 27.71%');
  // The example pays 8 % on USDC debt and earns ~3.1 % on WETH: the engine warns of negative carry.
  // In words; the code is the title's tooltip.
  const carry = app.results.getByRole('region', { name: 'Warnings' }).getByTestId('warning-item');
  expect(await carry.textContent()).toContain(
    'Negative carry The position loses money at current rates.',
  );
  expect(await carry.locator('.title').getAttribute('title')).toBe('Code NEGATIVE_CARRY');
  expect(await app.errors.count()).toBe(0);
  await e2e.screenshot('analysis.png');

  // Break the loop's re-supply amount: the error names the step and the field, and the figures
  // stay, computed without that step (test/engine/lenient-parse.test.ts works them out by hand).
  const broken = structuredClone(example.strategy) as {
    steps: Array<{ body?: Array<Record<string, unknown>> }>;
  };
  const resupply = broken.steps
    .flatMap((s) => s.body ?? [])
    .find((s) => s['id'] === 'resupply-eth');
  if (!resupply) throw new Error('the example has no resupply-eth step');
  resupply['amount'] = 'lots';
  // Typed into the re-supply block's amount in the builder.
  await e2e.page.locator('li[data-step-id="resupply-eth"] button.title').click();
  await app.inspector.getByRole('radio', { name: 'Amount', exact: true }).check();
  await app.inspector.getByLabel('Amount in WETH').fill('lots');
  const error = app.errors.getByTestId('error-item');
  await expect.poll(() => error.count()).toBe(1);
  // the step by its label and the field in words; the code only as the title's tooltip
  expect(await error.textContent()).toMatch(
    /Not a number.*Step “Supply WETH”, amount\s*Show step “Supply WETH”/s,
  );
  expect(await error.textContent()).not.toMatch(/NOT_A_NUMBER|resupply-eth/);
  expect(await error.locator('.title').getAttribute('title')).toBe('Code NOT_A_NUMBER');
  const partial = await e2e.call('engine.evaluate', { strategy: broken });
  expect(partial.ok).toBe(false);
  expect(partial.leverage).not.toBeNull();
  await expect
    .poll(() => app.figure('leverage').textContent())
    .toBe(`${Number(partial.leverage).toFixed(2)}×`);

  // Undone (back to "all" in two steps: the typing, then the mode): the error goes, figures return.
  await e2e.page.keyboard.press('Control+z');
  await e2e.page.keyboard.press('Control+z');
  await expect.poll(() => app.errors.count()).toBe(0);
  await expect.poll(() => app.figure('leverage').textContent()).toBe('2.50×');
  await app.waitSaved();
  const drafts = await e2e.call('drafts.list', {});
  expect((await e2e.call('drafts.open', { id: drafts[0]!.id })).document).toEqual(example.strategy);
  expect(e2e.consoleErrors).toEqual([]);
});

it('replays the strategy through the named crisis scenarios', async () => {
  await app.tab('Scenarios').click();
  // resources/scenarios.json: six fixed windows and one computed from the data.
  await expect.poll(() => app.scenarioRows.count()).toBe(7);
  // The window opens 2021-05-10 at ETH 3,952.29, so liquidation sits near 0.723 × 3,952 ≈ 2,857;
  // the first close under it is 2021-05-19 (2,460.68; resources/data/prices/ETH-USD.csv).
  const may = app.scenarioRow('may-2021-crash');
  expect(await may.textContent()).toContain('May 2021 crash');
  expect(await may.textContent()).toContain('Liquidated 2021-05-19');
  const direct = await e2e.call('scenarios.run', { strategy: example.strategy });
  if (!direct.ok) throw new Error('scenarios.run refused the example');
  const liquidatedRows = direct.rows.filter((r) => r.status === 'ok' && r.strategy.liquidated);
  expect(await app.scenarioRows.filter({ hasText: 'Liquidated 20' }).count()).toBe(
    liquidatedRows.length,
  );
  await e2e.screenshot('scenarios.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('backtests a window and shows the liquidation of May 2021', async () => {
  await app.tab('Backtest').click();
  // Default window: the last 365 days of the bundled history, which ends 2025-11-19.
  await expect.poll(() => app.backtestTo.inputValue()).toBe('2025-11-19');
  expect(await app.backtestFrom.inputValue()).toBe('2024-11-19');

  await app.runBacktest('2021-05-11', '2021-05-23');
  // Entered at ETH 4,168.70 on 2021-05-11 (liquidation near 0.723 × 4,169 ≈ 3,013), the first
  // close under it is 2,460.68 on 2021-05-19: one liquidation.
  await expect.poll(() => app.figure('liquidations').textContent()).toBe('1');
  await expect.poll(() => app.backtestEvents.count()).toBe(1);
  const event = app.backtestEvents.first();
  expect(await event.getAttribute('data-event-type')).toBe('liquidation');
  expect(await event.textContent()).toContain('2021-05-19');
  expect(await event.textContent()).toMatch(/WETH seized \(\$[\d,]+\.\d\d\)/);
  expect(await app.figure('min-health-factor').locator('..').textContent()).toContain('2021-05-');
  await event.scrollIntoViewIfNeeded();
  await e2e.screenshot('backtest.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('folds a weekly harvest into one row of the events table and lists it on request', async () => {
  const FARM = 'Stablecoin farm (Aave + Curve + Convex)';
  await app.createFromExample(FARM);
  await app.draftItem(FARM).waitFor();
  await expect.poll(() => app.nameInput.inputValue()).toBe(FARM);
  const farm = (await e2e.call('engine.examples', {})).find((x) => x.name === FARM);
  if (!farm) throw new Error(`example "${FARM}" is not bundled`);
  const direct = await e2e.call('backtest.run', {
    strategy: farm.strategy,
    from: '2024-11-19',
    to: '2025-11-19',
  });
  if (!direct.ok) throw new Error('backtest.run refused the farm');
  const harvests = direct.events.filter((e) => e.type === 'harvest');
  // resources/examples/stablecoin-farm.json harvests every 7 days: about 52 in a year.
  expect(harvests.length).toBeGreaterThanOrEqual(50);
  const others = direct.events.length - harvests.length;

  await app.runBacktest('2024-11-19', '2025-11-19');
  const events = app.page.getByRole('region', { name: 'Events' });
  const group = events.locator('tr[data-event-group="harvest"]');
  await group.waitFor();
  // One summary row for the harvests, each other event its own row.
  await expect.poll(() => app.backtestEvents.count()).toBe(1 + others);
  expect(await events.locator('tr[data-event-type="harvest"]').count()).toBe(0);
  const total = harvests.reduce((sum, h) => sum + (h.type === 'harvest' ? h.rewardsUsd : 0), 0);
  const text = (await group.textContent()) ?? '';
  expect(text).toContain(`${harvests[0]!.date} → ${harvests[harvests.length - 1]!.date}`);
  expect(text).toContain(
    `weekly · ${harvests.length} times · total ${formatUsd(total)} of rewards`,
  );
  // steps by the builder's labels (resources/examples/stablecoin-farm.json), never their ids
  expect(text).toContain('from step “Harvest every 7 days”');
  expect(text).not.toContain('weekly-harvest');
  expect(text).not.toContain('convex-stake');

  // Expanded: every harvest under the summary, in date order; collapsed again on a second click.
  const toggle = group.getByRole('button', { name: `List all ${harvests.length}` });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  const listed = events.locator('tr[data-event-type="harvest"]');
  await expect.poll(() => listed.count()).toBe(harvests.length);
  expect(await listed.locator('td.date').allTextContents()).toEqual(harvests.map((h) => h.date));
  const hide = group.getByRole('button', { name: 'Hide the list' });
  expect(await hide.getAttribute('aria-expanded')).toBe('true');
  await group.scrollIntoViewIfNeeded();
  await e2e.screenshot('backtest-harvests-listed.png');
  await hide.click();
  await expect.poll(() => listed.count()).toBe(0);
  await group.scrollIntoViewIfNeeded();
  await e2e.screenshot('backtest-harvests-folded.png');
  expect(e2e.consoleErrors).toEqual([]);
});

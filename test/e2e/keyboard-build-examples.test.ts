import type { Page } from 'playwright-core';
import type { ExampleStrategy } from '../../src-main/contract/index';
import { formatPercent } from '../../src-renderer/src/lib/format';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';
import { expectSameEvaluation } from './same-evaluation';

/**
 * Issue 13: a newcomer builds the shipped examples from a blank strategy with the keyboard alone
 * (the ETH leveraged long is in keyboard-build.test.ts): every control is reached by focus (what
 * Tab does) and used with keys (Enter, Space, arrows, typing); no pointer, no JSON. The built
 * draft must evaluate exactly as the shipped example: the whole `engine.evaluate` answer, once the
 * builder's step ids (and the references to them) are named as the example names them.
 */
let e2e: E2eApp;
let page: Page;
let app: AppPage;
let examples: ExampleStrategy[];

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
  page = e2e.page;
  app = new AppPage(page);
  examples = await e2e.call('engine.examples', {});
  await page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

/** Checks a radio button of a group with Space. */
async function check(group: string, option: string): Promise<void> {
  const radio = app.inspector
    .getByRole('radiogroup', { name: group })
    .getByRole('radio', { name: option, exact: true });
  await radio.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => radio.isChecked()).toBe(true);
}

/** Adds a price row for `asset` from the strategy form and types its price. */
async function addPrice(asset: string, price: string): Promise<void> {
  await app.typeInto('Add a price for', asset);
  await app.pressButton('Add price');
  await app.typeInto(new RegExp(`^Price of ${asset}`), price);
}

it('builds the stablecoin farm with the keyboard alone; it evaluates as shipped', async () => {
  const example = examples.find((x) => x.id === 'stablecoin-farm')!;
  await app.pressButton('+ New');
  await app.chain.waitFor();
  await app.typeInto("Strategy name (also the draft's title)", example.name);
  await app.typeInto('Horizon (days, 1–3650)', '365');
  await app.typeInto('Capital asset 1', 'USDC');
  await app.typeInto('Capital amount 1', '100000');
  await app.typeInto(/^Price of USDC/, '1');
  await addPrice('USDT', '1');
  await addPrice('CRV', '0.5');

  // Supply 70,000 USDC on Aave v3.
  await app.pressButton('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'USDC');
  await check('Amount: how much', 'Amount');
  await app.typeInto('Amount in USDC', '70000');

  // Borrow 30,000 USDT.
  await app.pressButton('Add borrow step');
  await app.inspector.getByRole('heading', { name: /^Borrow:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'USDT');
  await app.chooseByKeys('Borrow mode', 'Amount');
  await app.typeInto('Amount in USDT', '30000');

  // USDC + USDT into Curve's stableswap pool.
  await app.pressButton('Add provide liquidity step');
  await app.inspector.getByRole('heading', { name: /^Provide liquidity:/ }).waitFor();
  await app.chooseByKeys('Market (exchange (DEX))', 'Curve Ethereum');
  await app.chooseByKeys('Pool type', 'Stableswap');
  await app.typeInto('First asset', 'USDC');
  await app.typeInto('Second asset', 'USDT');
  await app.typeInto('Amplification A', '200');
  await check('USDC to offer: how much', 'All');
  await check('USDT to offer: how much', 'All');
  await app.typeInto('Fee tier', '0.01');
  await app.typeInto('Fee income APR', '1.2');

  // Stake the LP token on Convex for CRV.
  await app.pressButton('Add stake step');
  await app.inspector.getByRole('heading', { name: /^Stake:/ }).waitFor();
  await app.chooseByKeys('Market (farm)', 'Convex Finance');
  await expect.poll(() => app.inspector.getByLabel('Token to stake').inputValue()).toMatch(/^LP:/);
  await app.typeInto('Reward token', 'CRV');
  await app.typeInto('Reward APR', '4.5');

  // Harvest weekly, sell CRV into USDC and compound into the stake.
  await app.pressButton('Add harvest step');
  await app.inspector.getByRole('heading', { name: /^Harvest:/ }).waitFor();
  await app.typeInto('Every', '7');
  await app.typeInto('Gas per harvest', '4');
  await app.typeInto('Sell rewards into', 'USDC');
  await app.typeInto('Swap fee', '0.3');
  await app.chooseByKeys('Reinvest into', 'Stake');

  expect(await app.stepLabels()).toEqual([
    'Supply USDC',
    'Borrow USDT',
    'Provide liquidity USDC/USDT',
    'Stake LP:lp',
    'Harvest every 7 days',
  ]);
  const evaluation = (await expectSameEvaluation(e2e, app, example)).evaluation;
  await expect
    .poll(() => app.figure('net-apy').textContent())
    .toBe(formatPercent(evaluation.netApy, { signed: true }));
  await e2e.screenshot('keyboard-stablecoin-farm.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('builds the BTC perp hedge with the keyboard alone; it evaluates as shipped', async () => {
  const example = examples.find((x) => x.id === 'btc-perp-hedge')!;
  await app.pressButton('+ New');
  await expect.poll(() => app.stepLabels()).toEqual([]);
  await app.typeInto("Strategy name (also the draft's title)", example.name);
  await app.typeInto('Horizon (days, 1–3650)', '365');
  await app.typeInto('Capital asset 1', 'BTC');
  await app.typeInto('Capital amount 1', '1');
  await app.pressButton('+ Add capital');
  await app.typeInto('Capital asset 2', 'USDT');
  await app.typeInto('Capital amount 2', '20000');
  await addPrice('BTC', '100000');
  await addPrice('USDT', '1');
  // the blank strategy's USDC price: the example has none
  await app.pressButton('Remove price of USDC');

  // Short 100,000 USD of BTC on GMX v2, all the USDT as margin.
  await app.pressButton('Add perp step');
  await app.inspector.getByRole('heading', { name: /^Perp:/ }).waitFor();
  await app.chooseByKeys('Market (perp exchange)', 'GMX v2 Arbitrum');
  await app.typeInto('Underlying', 'BTC');
  await app.chooseByKeys('Side', 'Short');
  await app.typeInto('Position size', '100000');
  await app.typeInto('Margin token', 'USDT');
  await check('Margin: how much', 'All');
  await app.typeInto('Funding APR', '10');
  await app.typeInto('Maintenance margin', '1');
  await app.typeInto('Open fee', '0.05');
  await app.typeInto('Close fee', '0.05');

  const evaluation = (await expectSameEvaluation(e2e, app, example)).evaluation;
  await expect
    .poll(() => app.figure('net-apy').textContent())
    .toBe(formatPercent(evaluation.netApy, { signed: true }));
  expect(await page.getByTestId('exposure').textContent()).toContain('Delta-neutral');
  await e2e.screenshot('keyboard-btc-perp-hedge.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('builds the ETH/USDC concentrated range with the keyboard alone; it evaluates as shipped', async () => {
  const example = examples.find((x) => x.id === 'eth-usdc-concentrated')!;
  await app.pressButton('+ New');
  await expect.poll(() => app.stepLabels()).toEqual([]);
  await app.typeInto("Strategy name (also the draft's title)", example.name);
  await app.typeInto('Horizon (days, 1–3650)', '90');
  await app.typeInto('Capital asset 1', 'WETH');
  await app.typeInto('Capital amount 1', '5');
  await app.pressButton('+ Add capital');
  await app.typeInto('Capital asset 2', 'USDC');
  await app.typeInto('Capital amount 2', '15000');
  await addPrice('WETH', '3000');
  await app.typeInto(/^Price of USDC/, '1');

  // WETH and USDC into Uniswap v3's 0.05% pool, range 2,500–3,600 USDC per WETH.
  await app.pressButton('Add provide liquidity step');
  await app.inspector.getByRole('heading', { name: /^Provide liquidity:/ }).waitFor();
  await app.chooseByKeys('Market (exchange (DEX))', 'Uniswap v3 Ethereum');
  await app.chooseByKeys('Pool type', 'Concentrated range');
  await app.typeInto('First asset', 'WETH');
  await app.typeInto('Second asset', 'USDC');
  await app.typeInto('Range lower price', '2500');
  await app.typeInto('Range upper price', '3600');
  await check('WETH to offer: how much', 'All');
  await check('USDC to offer: how much', 'All');
  await app.typeInto('Fee tier', '0.05');
  await app.typeInto('Fee income APR', '22');

  const evaluation = (await expectSameEvaluation(e2e, app, example)).evaluation;
  await expect
    .poll(() => app.figure('net-apy').textContent())
    .toBe(formatPercent(evaluation.netApy, { signed: true }));
  await e2e.screenshot('keyboard-eth-usdc-concentrated.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('builds the borrow-USDC-and-LP example with the keyboard alone; it evaluates as shipped', async () => {
  const example = examples.find((x) => x.id === 'eth-borrow-usdc-lp')!;
  await app.pressButton('+ New');
  await expect.poll(() => app.stepLabels()).toEqual([]);
  await app.typeInto("Strategy name (also the draft's title)", example.name);
  await app.typeInto('Horizon (days, 1–3650)', '365');
  await app.typeInto('Capital asset 1', 'WETH');
  await app.typeInto('Capital amount 1', '10');
  await addPrice('WETH', '3000');
  await app.typeInto(/^Price of USDC/, '1');

  // Supply 8 WETH on Aave v3.
  await app.pressButton('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'WETH');
  await check('Amount: how much', 'Amount');
  await app.typeInto('Amount in WETH', '8');

  // Borrow USDC up to a 25% LTV.
  await app.pressButton('Add borrow step');
  await app.inspector.getByRole('heading', { name: /^Borrow:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'USDC');
  await app.chooseByKeys('Borrow mode', 'Target LTV');
  await app.typeInto('Target LTV', '0.25');

  // The 2 WETH left and all the USDC into Uniswap v2's 0.3% pool.
  await app.pressButton('Add provide liquidity step');
  await app.inspector.getByRole('heading', { name: /^Provide liquidity:/ }).waitFor();
  await app.chooseByKeys('Market (exchange (DEX))', 'Uniswap v2 Ethereum');
  await app.chooseByKeys('Pool type', 'Constant product');
  await app.typeInto('First asset', 'WETH');
  await app.typeInto('Second asset', 'USDC');
  await check('WETH to offer: how much', 'All');
  await check('USDC to offer: how much', 'All');
  await app.typeInto('Fee tier', '0.3');
  await app.typeInto('Fee income APR', '15');

  expect(await app.stepLabels()).toEqual([
    'Supply WETH',
    'Borrow USDC',
    'Provide liquidity WETH/USDC',
  ]);
  const evaluation = (await expectSameEvaluation(e2e, app, example)).evaluation;
  await expect
    .poll(() => app.figure('net-apy').textContent())
    .toBe(formatPercent(evaluation.netApy, { signed: true }));
  await e2e.screenshot('keyboard-eth-borrow-usdc-lp.png');
  expect(e2e.consoleErrors).toEqual([]);
});

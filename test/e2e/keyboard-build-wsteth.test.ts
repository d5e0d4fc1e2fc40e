import type { Page } from 'playwright-core';
import type { ExampleStrategy } from '../../src-main/contract/index';
import { formatPercent } from '../../src-renderer/src/lib/format';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';
import { expectSameEvaluation } from './same-evaluation';

/**
 * Issue 13: the sixth shipped example, the wstETH/ETH e-mode loop, built from a blank strategy
 * with the keyboard alone (focus and keys, as in keyboard-build-examples.test.ts). It needs what
 * the other five do not: a token priced through an exchange rate (wstETH → stETH → ETH, with the
 * rate's yearly growth), the lending market's e-mode and exchange-rate price feed, and a
 * flash-loan loop to a target leverage. The built draft must evaluate exactly as shipped.
 */
let e2e: E2eApp;
let page: Page;
let app: AppPage;
let example: ExampleStrategy;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
  page = e2e.page;
  app = new AppPage(page);
  example = (await e2e.call('engine.examples', {})).find((x) => x.id === 'wsteth-emode-loop')!;
  await page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

it('builds the wstETH e-mode loop with the keyboard alone; it evaluates as shipped', async () => {
  await app.pressButton('+ New');
  await app.chain.waitFor();
  await app.typeInto("Strategy name (also the draft's title)", example.name);
  await app.typeInto('Horizon (days, 1–3650)', '365');
  await app.typeInto('Capital asset 1', 'WSTETH');
  await app.typeInto('Capital amount 1', '10');
  await app.typeInto('Add a price for', 'ETH');
  await app.pressButton('Add price');
  await app.typeInto(/^Price of ETH/, '3000');
  await app.pressButton('Remove price of USDC');

  // wstETH is worth 1.21 stETH, growing 2.8% a year; stETH is one ETH (the built-in list).
  await app.typeInto('Define a token', 'WSTETH');
  await app.pressButton('Add token');
  const rate = app.inspector.getByLabel(/^Exchange rate of WSTETH/);
  // The preset's definition is copied: shown in the form's own (percent, locale) terms.
  await expect.poll(() => rate.inputValue()).toBe('1.21');
  expect(await app.inspector.getByLabel(/^Yearly growth of the exchange rate/).inputValue()).toBe(
    '2.8',
  );
  // Every field by hand: unpeg it (the rate goes), then price it through the rate again.
  await app.chooseByKeys('Pricing of WSTETH', 'Its own price');
  await expect.poll(() => rate.count()).toBe(0);
  await app.chooseByKeys('Pricing of WSTETH', 'Exchange rate to');
  await app.chooseByKeys('Kind of WSTETH', 'Liquid staking');
  await app.typeInto('Name of WSTETH', 'Lido wrapped staked Ether');
  await app.typeInto('Peg asset of WSTETH', 'STETH');
  // Before the rate is given the engine names the field.
  await expect
    .poll(() => app.inspector.locator('#token-WSTETH-rate-help').textContent())
    .toContain('give the rate');
  await app.typeInto(/^Exchange rate of WSTETH/, '1.21');
  await app.typeInto(/^Yearly growth of the exchange rate/, '2.8');

  // Supply all the wstETH on Aave v3 as collateral.
  await app.pressButton('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'WSTETH');

  // The market: enter the ETH-correlated e-mode; wstETH's feed is the exchange rate.
  await app.pressButton('Strategy settings');
  await app.pressButton('Aave v3 Ethereum (Core)');
  await app.inspector.getByRole('heading', { name: 'Market: Aave v3 Ethereum (Core)' }).waitFor();
  await app.chooseByKeys('E-mode category', 'ETH correlated');
  await app.chooseByKeys('WSTETH price feed', 'Exchange rate');
  await app.chooseByKeys('WETH price feed', 'Market price');
  await expect.poll(() => app.inspector.getByLabel('E-mode LTV').inputValue()).toBe('93');

  // A flash-loan loop to 8× leverage: borrow WETH, swap it to wstETH on Curve, supply it.
  await app.step('Supply WSTETH').locator(':scope > article > header button.title').focus();
  await page.keyboard.press('Enter');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await app.pressButton('Add loop step');
  await app.inspector.getByRole('heading', { name: /^Loop:/ }).waitFor();
  await app.chooseByKeys('Repeat', 'Until a target leverage');
  await app.typeInto('Target leverage', '8');
  await app.typeInto('Most iterations', '100');
  await app.inspector.getByRole('checkbox', { name: /^Flash loan/ }).focus();
  await page.keyboard.press('Space');
  await app.typeInto('Flash-loan fee', '0.05');

  await app.pressButton('Add borrow step');
  await app.inspector.getByRole('heading', { name: /^Borrow:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'WETH');
  await app.chooseByKeys('Borrow mode', 'Amount');
  await app.typeInto('Amount in WETH', '0');

  await app.pressButton('Add swap step');
  await app.inspector.getByRole('heading', { name: /^Swap:/ }).waitFor();
  await app.chooseByKeys('Market (exchange (DEX))', 'Curve Ethereum');
  await app.typeInto('From', 'WETH');
  await app.typeInto('To', 'WSTETH');
  await app.typeInto('Pool fee', '0.01');
  await app.typeInto('Price impact and slippage', '0.05');

  await app.pressButton('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'WSTETH');

  expect(await app.stepLabels()).toEqual(['Supply WSTETH', 'Flash-loan loop']);
  expect(await app.stepLabels(app.loopBody('Flash-loan loop'))).toEqual([
    'Borrow WETH',
    'Swap WETH → WSTETH',
    'Supply WSTETH',
  ]);
  const { evaluation, document } = await expectSameEvaluation(e2e, app, example);
  expect(document['assets']).toEqual(example.strategy['assets']);
  await expect.poll(() => app.figure('leverage').textContent()).toBe('8.00×');
  await expect
    .poll(() => app.figure('net-apy').textContent())
    .toBe(formatPercent(evaluation.netApy, { signed: true }));
  await e2e.screenshot('keyboard-wsteth-emode-loop.png');
  expect(e2e.consoleErrors).toEqual([]);
});

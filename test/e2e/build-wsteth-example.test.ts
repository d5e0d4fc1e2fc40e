import type { ExampleStrategy } from '../../src-main/contract/index';
import { formatPercent } from '../../src-renderer/src/lib/format';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';
import { expectSameEvaluation } from './same-evaluation';

/**
 * Issue 13: the wstETH/ETH e-mode loop built from a blank strategy with the mouse alone (clicks,
 * palette drags, the forms' inputs; keyboard-build-wsteth.test.ts builds it with keys): a token
 * priced through an exchange rate, the market's e-mode, a flash-loan loop whose body is dragged
 * in from the palette. The built draft must evaluate exactly as shipped.
 */
let e2e: E2eApp;
let app: AppPage;
let example: ExampleStrategy;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
  app = new AppPage(e2e.page);
  example = (await e2e.call('engine.examples', {})).find((x) => x.id === 'wsteth-emode-loop')!;
  await e2e.page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

const field = (label: string | RegExp) => app.inspector.getByLabel(label).first();

/** Picks an option by the start of its text (what the list holds depends on the strategy). */
async function pick(label: string, text: string): Promise<void> {
  const select = field(label);
  const texts = await select.locator('option').allTextContents();
  const option = texts.find((t) => t.trim().startsWith(text));
  if (!option) throw new Error(`"${label}" has no option "${text}": ${texts.join(' | ')}`);
  await select.selectOption({ label: option.trim() });
}

it('builds the wstETH e-mode loop with the mouse alone; it evaluates as shipped', async () => {
  const form = app.inspector;
  await app.createDraft();
  await expect.poll(() => app.stepLabels()).toEqual([]);
  await field("Strategy name (also the draft's title)").fill(example.name);
  await field('Horizon (days, 1–3650)').fill('365');
  await form.getByLabel('Capital asset 1', { exact: true }).fill('WSTETH');
  await field('Capital amount 1').fill('10');
  await field('Add a price for').fill('ETH');
  await form.getByRole('button', { name: 'Add price', exact: true }).click();
  await form.getByRole('textbox', { name: /^Price of ETH/ }).fill('3000');
  await form.getByRole('button', { name: 'Remove price of USDC' }).click();

  // The token, from an empty definition: liquid staking, 1.21 stETH growing 2.8% a year.
  await field('Define a token').fill('WSTETH');
  await form.getByRole('button', { name: 'Add token', exact: true }).click();
  await pick('Pricing of WSTETH', 'Its own price');
  await expect.poll(() => form.getByLabel(/^Exchange rate of WSTETH/).count()).toBe(0);
  await pick('Kind of WSTETH', 'Volatile');
  await pick('Kind of WSTETH', 'Liquid staking');
  await field('Name of WSTETH').fill('Lido wrapped staked Ether');
  await pick('Pricing of WSTETH', 'Exchange rate to');
  await field('Peg asset of WSTETH').fill('STETH');
  await field(/^Exchange rate of WSTETH/).fill('1.21');
  await field(/^Yearly growth of the exchange rate/).fill('2.8');

  // Supply all the wstETH on Aave v3; the market enters the ETH-correlated e-mode.
  await app.dragNewStep('Supply');
  await pick('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await field('Asset').fill('WSTETH');
  await form.getByRole('button', { name: 'Edit market' }).click();
  await form.getByRole('heading', { name: 'Market: Aave v3 Ethereum (Core)' }).waitFor();
  await pick('E-mode category', 'ETH correlated');
  await pick('WSTETH price feed', 'Exchange rate');
  await expect.poll(() => field('E-mode LTV').inputValue()).toBe('93');

  // A flash-loan loop to 8×; its body dragged in from the palette, each block after the last.
  await app.dragNewStep('Loop');
  await pick('Repeat', 'Until a target leverage');
  await field('Target leverage').fill('8');
  await field('Most iterations').fill('100');
  await form.getByRole('checkbox', { name: /^Flash loan/ }).check();
  await field('Flash-loan fee').fill('0.05');

  const body = app.loopBody('Flash-loan loop');
  const last = () => body.locator(':scope > li[data-step-id]').last();
  await app.dragNewStep('Borrow', body, 'inside');
  await pick('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await field('Asset').fill('WETH');
  await field('Borrow mode').selectOption({ label: 'Amount' });
  await field('Amount in WETH').fill('0');

  await app.dragNewStep('Swap', last(), 'after');
  await pick('Market (exchange (DEX))', 'Curve Ethereum');
  await form.getByLabel('From', { exact: true }).fill('WETH');
  await form.getByLabel('To', { exact: true }).fill('WSTETH');
  await field('Pool fee').fill('0.01');
  await field('Price impact and slippage').fill('0.05');

  await app.dragNewStep('Supply', last(), 'after');
  await pick('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await field('Asset').fill('WSTETH');

  await expect.poll(() => app.stepLabels()).toEqual(['Supply WSTETH', 'Flash-loan loop']);
  await expect
    .poll(() => app.stepLabels(body))
    .toEqual(['Borrow WETH', 'Swap WETH → WSTETH', 'Supply WSTETH']);
  const { evaluation, document } = await expectSameEvaluation(e2e, app, example);
  expect(document['assets']).toEqual(example.strategy['assets']);
  await expect.poll(() => app.figure('leverage').textContent()).toBe('8.00×');
  await expect
    .poll(() => app.figure('net-apy').textContent())
    .toBe(formatPercent(evaluation.netApy, { signed: true }));
  await e2e.screenshot('builder-wsteth-emode-loop.png');
  expect(e2e.consoleErrors).toEqual([]);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExampleStrategy } from '../../src-main/contract/index';
import { formatPercent, formatUsd } from '../../src-renderer/src/lib/format';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';
import { expectSameEvaluation } from './same-evaluation';
import { fillStrategy } from './strategy-form';

/**
 * Issue 13, "a newcomer builds each shipped example from a blank strategy with the mouse": the
 * lending examples (borrow-and-LP, the leveraged long with its loop), built by dragging palette
 * blocks and filling the forms. As in build-examples.test.ts, the built draft must evaluate exactly
 * as the shipped example does: the whole `engine.evaluate` answer, once the step ids the builder
 * chose (loop bodies too) are named as the example names them.
 */
let e2e: E2eApp;
let app: AppPage;
let examples: ExampleStrategy[];

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
  app = new AppPage(e2e.page);
  examples = await e2e.call('engine.examples', {});
  await e2e.page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

const field = (label: string) => app.inspector.getByLabel(label, { exact: false });

/** A new step starts on the market the strategy already holds: the one the example uses. */
async function expectMarket(label: string, name: string): Promise<void> {
  const select = field(label);
  await expect
    .poll(() => select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? ''))
    .toMatch(new RegExp(`^${name.replace(/[()]/g, '\\$&')}`));
}

/** Picks a market by its name, whether the strategy holds it already or it is still a preset. */
async function pickMarket(label: string, name: string): Promise<void> {
  const select = field(label);
  const texts = await select.locator('option').allTextContents();
  const option = texts.find((t) => t.trim().startsWith(name));
  if (!option) throw new Error(`"${label}" has no option "${name}": ${texts.join(' | ')}`);
  await select.selectOption({ label: option.trim() });
  await expectMarket(label, name);
}

it('builds the borrow-USDC-and-LP example from a blank strategy with the mouse; it evaluates as shipped', async () => {
  const example = examples.find((x) => x.id === 'eth-borrow-usdc-lp')!;
  await app.createDraft();
  await app.chain.waitFor();
  await fillStrategy(app, {
    name: example.name,
    horizonDays: 365,
    capital: [{ asset: 'WETH', amount: '10' }],
    prices: { WETH: '3000', USDC: '1' },
  });

  // Supply 8 WETH on Aave v3.
  await app.dragNewStep('Supply');
  await field('Market (lending market)').selectOption({
    label: 'Aave v3 Ethereum (Core) · ethereum',
  });
  await field('Asset').fill('WETH');
  await app.inspector.getByRole('radio', { name: 'Amount', exact: true }).check();
  await field('Amount in WETH').fill('8');

  // Borrow USDC up to a 25% LTV.
  await app.dragNewStep('Borrow');
  await expectMarket('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await field('Asset').fill('USDC');
  await field('Borrow mode').selectOption({ label: 'Target LTV' });
  await field('Target LTV').fill('0.25');

  // The 2 WETH left and all the USDC into Uniswap v2's 0.3% pool.
  await app.dragNewStep('Provide liquidity');
  await field('Market (exchange (DEX))').selectOption({ label: 'Uniswap v2 Ethereum · ethereum' });
  await field('Pool type').selectOption({ label: 'Constant product (Uniswap v2 style, x·y = k)' });
  await field('First asset').fill('WETH');
  await field('Second asset').fill('USDC');
  for (const asset of ['WETH', 'USDC']) {
    await app.inspector
      .getByRole('radiogroup', { name: `${asset} to offer: how much` })
      .getByRole('radio', { name: 'All', exact: true })
      .check();
  }
  await field('Fee tier').fill('0.3');
  await field('Fee income APR').fill('15');

  expect(await app.stepLabels()).toEqual([
    'Supply WETH',
    'Borrow USDC',
    'Provide liquidity WETH/USDC',
  ]);
  const evaluation = (await expectSameEvaluation(e2e, app, example)).evaluation;
  await expect
    .poll(() => app.figure('net-apy').textContent())
    .toBe(formatPercent(evaluation.netApy, { signed: true }));
  await expect.poll(() => app.figure('equity').textContent()).toBe(formatUsd(evaluation.equityUsd));
  await e2e.screenshot('builder-eth-borrow-usdc-lp.png');
  expect(e2e.consoleErrors).toEqual([]);
});

it('builds the ETH leveraged long from a blank strategy with the mouse; it evaluates as shipped', async () => {
  const example = examples.find((x) => x.id === 'eth-leveraged-long')!;
  await app.createDraft();
  await expect.poll(() => app.stepLabels()).toEqual([]);
  await fillStrategy(app, {
    name: example.name,
    horizonDays: 365,
    capital: [{ asset: 'WETH', amount: '10' }],
    prices: { WETH: '3000', USDC: '1' },
  });

  // Supply all the WETH on Aave v3.
  await app.dragNewStep('Supply');
  await pickMarket('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await field('Asset').fill('WETH');
  await app.inspector.getByRole('radio', { name: 'All', exact: true }).check();

  // Loop until 2.5× leverage, at most 20 times.
  await app.dragNewStep('Loop');
  await field('Repeat').selectOption({ label: 'Until a target leverage' });
  await field('Target leverage').fill('2.5');
  await field('Most iterations').fill('20');

  // Its body, in order: borrow 80% of the capacity left in USDC (dropped into the empty body),
  // swap it to WETH, supply that (each dropped just below the body's last step).
  const body = app.loopBody('Loop');
  const last = () => body.locator(':scope > li[data-step-id]').last();
  await app.dragNewStep('Borrow', body, 'inside');
  await expectMarket('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await field('Asset').fill('USDC');
  await field('Borrow mode').selectOption({ label: 'Share of capacity' });
  await field('Share of capacity').fill('0.8');

  await app.dragNewStep('Swap', last(), 'after');
  await pickMarket('Market (exchange (DEX))', 'Uniswap v3 Ethereum');
  await app.inspector.getByLabel('From', { exact: true }).fill('USDC');
  await app.inspector.getByLabel('To', { exact: true }).fill('WETH');
  await app.inspector.getByRole('radio', { name: 'All', exact: true }).check();
  await field('Pool fee').fill('0.05');
  await field('Price impact and slippage').fill('0.05');

  await app.dragNewStep('Supply', last(), 'after');
  await expectMarket('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await field('Asset').fill('WETH');
  await app.inspector.getByRole('radio', { name: 'All', exact: true }).check();

  await expect.poll(() => app.stepLabels()).toEqual(['Supply WETH', 'Loop']);
  await expect
    .poll(() => app.stepLabels(body))
    .toEqual(['Borrow USDC', 'Swap USDC → WETH', 'Supply WETH']);
  const evaluation = (await expectSameEvaluation(e2e, app, example)).evaluation;
  await expect.poll(() => app.figure('leverage').textContent()).toBe('2.50×');
  await expect
    .poll(() => app.figure('net-apy').textContent())
    .toBe(formatPercent(evaluation.netApy, { signed: true }));
  await e2e.screenshot('builder-eth-leveraged-long.png');
  expect(e2e.consoleErrors).toEqual([]);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * A newcomer builds the ETH leveraged long from a blank strategy with the keyboard alone:
 * every control is reached by focus (what Tab does) and used with keys (Enter, arrows, typing);
 * no pointer, no JSON.
 */
let e2e: E2eApp;
let page: Page;
let app: AppPage;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
  page = e2e.page;
  app = new AppPage(page);
  await page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

it('builds the ETH leveraged long with the keyboard alone', async () => {
  await app.pressButton('+ New');
  await app.chain.waitFor();
  await app.typeInto('Capital asset 1', 'WETH');
  await app.typeInto('Capital amount 1', '10');
  await app.typeInto('Add a price for', 'WETH');
  await app.pressButton('Add price');
  await app.typeInto(/^Price of WETH/, '3000');

  await app.pressButton('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'WETH');

  await app.pressButton('Add loop step');
  await app.inspector.getByRole('heading', { name: /^Loop:/ }).waitFor();
  await app.chooseByKeys('Repeat', 'Until a target leverage');
  await app.typeInto('Target leverage', '2.5');
  await app.typeInto('Most iterations', '20');

  // With the loop selected, + puts body steps into it; then each goes after the selected one.
  await app.pressButton('Add borrow step');
  await app.inspector.getByRole('heading', { name: /^Borrow:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'USDC');
  await app.typeInto('Share of capacity', '0.8');

  await app.pressButton('Add swap step');
  await app.inspector.getByRole('heading', { name: /^Swap:/ }).waitFor();
  await app.chooseByKeys('Market (exchange (DEX))', 'Uniswap v3 Ethereum · ethereum');
  await app.typeInto('From', 'USDC');
  await app.typeInto('To', 'WETH');
  await app.typeInto('Pool fee', '0.05');
  await app.typeInto('Price impact and slippage', '0.05');

  await app.pressButton('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await app.chooseByKeys('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await app.typeInto('Asset', 'WETH');

  expect(await app.stepLabels()).toEqual(['Supply WETH', 'Loop']);
  expect(await app.stepLabels(app.loopBody('Loop'))).toEqual([
    'Borrow USDC',
    'Swap USDC → WETH',
    'Supply WETH',
  ]);
  await app.waitSaved();
  const [draft] = await e2e.call('drafts.list', {});
  const built = await e2e.call('engine.evaluate', {
    strategy: (await e2e.call('drafts.open', { id: draft!.id })).document,
  });
  const examples = await e2e.call('engine.examples', {});
  const shipped = examples.find((x) => x.id === 'eth-leveraged-long')!;
  const reference = await e2e.call('engine.evaluate', { strategy: shipped.strategy });
  expect(built.errors).toEqual([]);
  // The same chain on the same preset parameters: the example's figures (to rounding noise).
  expect(Number(built.leverage)).toBeCloseTo(Number(reference.leverage), 12);
  expect(Number(built.healthFactor.overall)).toBeCloseTo(
    Number(reference.healthFactor.overall),
    12,
  );
  expect(Number(built.netApy)).toBeCloseTo(Number(reference.netApy), 12);
  await expect.poll(() => app.figure('leverage').textContent()).toBe('2.50×');
  expect(e2e.consoleErrors).toEqual([]);
});

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

async function press(name: string, key = 'Enter'): Promise<void> {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press(key);
}

/** Focuses a field in the inspector and replaces its text by typing. */
async function type(label: string | RegExp, text: string): Promise<void> {
  await app.inspector.getByLabel(label).first().focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

/**
 * Chooses in a closed select with the arrow keys, by the option's text: which options a select
 * lists (and which it starts on) depends on what the strategy already holds.
 */
async function choose(label: string, option: string): Promise<void> {
  const select = app.inspector.getByLabel(label);
  await select.focus();
  const texts = await select.locator('option').allTextContents();
  const target = texts.findIndex((t) => t.trim().startsWith(option));
  if (target < 0) throw new Error(`"${label}" has no option "${option}": ${texts.join(' | ')}`);
  const from = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
  const key = target >= from ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - from); i++) await page.keyboard.press(key);
  await expect
    .poll(() => select.evaluate((el) => (el as HTMLSelectElement).selectedIndex))
    .toBe(target);
}

it('builds the ETH leveraged long with the keyboard alone', async () => {
  await press('+ New');
  await app.chain.waitFor();
  await type('Capital asset 1', 'WETH');
  await type('Capital amount 1', '10');
  await type('Add a price for', 'WETH');
  await press('Add price');
  await type(/^Price of WETH/, '3000');

  await press('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await choose('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await type('Asset', 'WETH');

  await press('Add loop step');
  await app.inspector.getByRole('heading', { name: /^Loop:/ }).waitFor();
  await choose('Repeat', 'Until a target leverage');
  await type('Target leverage', '2.5');
  await type('Most iterations', '20');

  // With the loop selected, + puts body steps into it; then each goes after the selected one.
  await press('Add borrow step');
  await app.inspector.getByRole('heading', { name: /^Borrow:/ }).waitFor();
  await choose('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await type('Asset', 'USDC');
  await type('Share of capacity', '0.8');

  await press('Add swap step');
  await app.inspector.getByRole('heading', { name: /^Swap:/ }).waitFor();
  await choose('Market (exchange (DEX))', 'Uniswap v3 Ethereum · ethereum');
  await type('From', 'USDC');
  await type('To', 'WETH');
  await type('Pool fee', '0.05');
  await type('Price impact and slippage', '0.05');

  await press('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await choose('Market (lending market)', 'Aave v3 Ethereum (Core)');
  await type('Asset', 'WETH');

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

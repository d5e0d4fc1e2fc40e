import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Screenshots of the strategy form with a token definition (test-results/strategy-tokens-*.png):
 * the wstETH/ETH example's wstETH, priced through an exchange rate to stETH, at the two window
 * sizes the layout is designed for, in both themes; and one with the engine's error on the rate.
 * Each checks that the form's rows keep their controls inside the inspector.
 */
let e2e: E2eApp;
let app: AppPage;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
  app = new AppPage(e2e.page);
  await e2e.page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  await app.createFromExample('wstETH/ETH loop in e-mode (Aave v3)');
  await app.chain.waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

/** No control of the strategy form pokes out of the inspector (a cut-off button or input). */
async function expectInsideInspector(): Promise<void> {
  const box = (await app.inspector.boundingBox())!;
  const outside = await app.inspector
    .locator('form[aria-label="Strategy"]')
    .locator('input, select, button')
    .evaluateAll(
      (els, right) =>
        els.filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > right + 0.5;
        }).length,
      box.x + box.width,
    );
  expect(outside).toBe(0);
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  for (const theme of ['light', 'dark'] as const) {
    it(`strategy form with a token definition at ${size.width}×${size.height}, ${theme}`, async () => {
      const page = e2e.page;
      await page.setViewportSize(size);
      await e2e.call('settings.set', { patch: { theme } });
      await page.reload();
      await app.footer.filter({ hasText: 'loopback' }).waitFor();
      await app.chain.waitFor();
      await page.getByTestId('figure-net-apy').waitFor();
      const tag = `${size.width}x${size.height}-${theme}`;

      await app.inspector.getByRole('heading', { name: 'Strategy' }).waitFor();
      await page.getByRole('group', { name: 'Starting capital' }).scrollIntoViewIfNeeded();
      await expectInsideInspector();
      await page.screenshot({ path: `test-results/strategy-capital-${tag}.png` });
      await page.getByTestId('tokens-form').scrollIntoViewIfNeeded();
      await expect
        .poll(() => app.inspector.getByLabel(/^Exchange rate of WSTETH/).inputValue())
        .toBe('1.21');
      await page.screenshot({ path: `test-results/strategy-tokens-${tag}.png` });
      expect(e2e.consoleErrors).toEqual([]);
    });
  }
}

it('shows the engine’s error on the exchange-rate field of a definition', async () => {
  const page = e2e.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  const rate = app.inspector.getByLabel(/^Exchange rate of WSTETH/);
  await rate.fill('');
  const help = app.inspector.locator('#token-WSTETH-rate-help');
  await expect.poll(() => help.textContent()).toContain('give the rate (STETH per WSTETH)');
  expect(await rate.getAttribute('aria-invalid')).toBe('true');
  await rate.fill('0');
  await expect.poll(() => help.textContent()).toContain('must be above 0');
  await page.getByTestId('tokens-form').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/strategy-tokens-error.png' });
  await app.undoEdit();
  await expect.poll(() => rate.inputValue()).toBe('1.21');
  expect(e2e.consoleErrors).toEqual([]);
});

it('the market form shows the e-mode parameters and each asset’s price feed', async () => {
  const page = e2e.page;
  await app.inspector.getByRole('button', { name: 'Aave v3 Ethereum (Core)' }).click();
  await app.inspector.getByRole('heading', { name: 'Market: Aave v3 Ethereum (Core)' }).waitFor();
  expect(await app.inspector.getByLabel('E-mode liquidation threshold').inputValue()).toBe('95');
  const feed = app.inspector.getByLabel('WSTETH price feed');
  expect(await feed.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text)).toBe(
    'Exchange rate × peg price',
  );
  await feed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/market-emode-feed.png' });
  expect(e2e.consoleErrors).toEqual([]);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Screenshots of the builder for review (test-results/builder-*.png): the chain with the
 * strategy form, a step's inspector, a loop with its body and the JSON view, at the two window
 * sizes the layout is designed for, in both themes. Each shot also checks that nothing overlaps:
 * the footer sits below both panes and each pane scrolls on its own.
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

async function assertNoOverlap(): Promise<void> {
  const footer = (await app.footer.boundingBox())!;
  for (const name of ['Builder', 'Analysis']) {
    const pane = (await e2e.page.getByRole('region', { name, exact: true }).boundingBox())!;
    expect(pane.y + pane.height).toBeLessThanOrEqual(footer.y + 0.5);
  }
  const builder = (await e2e.page
    .getByRole('region', { name: 'Builder', exact: true })
    .boundingBox())!;
  const analysis = (await e2e.page
    .getByRole('region', { name: 'Analysis', exact: true })
    .boundingBox())!;
  expect(builder.x + builder.width).toBeLessThanOrEqual(analysis.x + 0.5);
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  for (const theme of ['light', 'dark'] as const) {
    it(`builder, inspector, loop and JSON view at ${size.width}×${size.height}, ${theme}`, async () => {
      const page = e2e.page;
      await page.setViewportSize(size);
      await e2e.call('settings.set', { patch: { theme } });
      await page.reload();
      await app.footer.filter({ hasText: 'loopback' }).waitFor();
      await app.showBuilder();
      await app.chain.waitFor();
      await page.getByTestId('figure-net-apy').waitFor();
      const tag = `${size.width}x${size.height}-${theme}`;

      await app.inspector.getByRole('heading', { name: 'Strategy' }).waitFor();
      await assertNoOverlap();
      await page.screenshot({ path: `test-results/builder-${tag}.png` });

      await app.selectStep('Supply WSTETH', 0);
      await page.screenshot({ path: `test-results/builder-inspector-${tag}.png` });

      await app.selectStep('Flash-loan loop');
      await app.loopBody('Flash-loan loop').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/builder-loop-${tag}.png` });

      await app.showJson();
      await app.documentInput.waitFor();
      await assertNoOverlap();
      await page.screenshot({ path: `test-results/builder-json-${tag}.png` });
      await app.showBuilder();
      expect(e2e.consoleErrors).toEqual([]);
    });
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Warnings and errors on the Results tab read as sentences for people — market display names,
 * the figure and its limit, the step and field in words — never as engine codes or dotted field
 * paths, and "Show step …" brings the step that causes them into the builder (from the JSON view
 * too). At 1440×900 and 1024×700, light and dark: test-results/warnings-<size>-<theme>.png.
 */
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const LOOP_EXAMPLE = 'wstETH/ETH loop in e-mode (Aave v3)';
const LONG_EXAMPLE = 'ETH leveraged long (Aave v3)';
/** Engine codes (HEALTH_FACTOR_LOW) and dotted paths (healthFactor.byMarket.x) are not words. */
const MACHINE = /\b[A-Z]+(?:_[A-Z]+)+\b|\b[a-zA-Z]+\.[a-zA-Z0-9-]+\.[\w-]+/;

describe.each(SIZES)('issues in words at $width×$height', (size) => {
  let e2e: E2eApp;
  let app: AppPage;
  const tag = `${size.width}x${size.height}`;

  beforeAll(async () => {
    e2e = await startE2eApp({ viewport: size });
    app = new AppPage(e2e.page);
    await e2e.page.goto(e2e.server.appUrl);
    await app.footer.filter({ hasText: 'loopback' }).waitFor();
    for (const name of [LONG_EXAMPLE, LOOP_EXAMPLE]) {
      await app.createFromExample(name);
      await app.draftItem(name).waitFor();
    }
    await app.waitSaved();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it.each(['light', 'dark'] as const)(
    'a low health factor reads as a sentence and shows its loop (%s)',
    async (theme) => {
      const page = e2e.page;
      await e2e.call('settings.set', { patch: { theme } });
      await page.reload();
      await app.footer.filter({ hasText: 'loopback' }).waitFor();
      await app.draftItem(LOOP_EXAMPLE).click();
      await app.showBuilder();
      await app.tab('Results').click();
      const warnings = app.results.getByRole('region', { name: 'Warnings' });
      const item = warnings.getByTestId('warning-item');
      await expect.poll(() => item.count()).toBe(1);
      const text = ((await item.textContent()) ?? '').replace(/\s+/g, ' ');
      expect(text).toContain('Health factor low');
      expect(text).toContain('Health factor 1.086 on Aave v3 Ethereum (Core) is below 1.2');
      expect(text).not.toMatch(MACHINE);
      expect(text).not.toContain('aave-v3-ethereum');
      // the code is kept, out of the text, for whoever hovers the title
      expect(await item.locator('.title').getAttribute('title')).toBe('Code HEALTH_FACTOR_LOW');
      await warnings.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/warnings-${tag}-${theme}.png` });

      // the step that sets the borrowing, from the builder and from the JSON view
      for (const view of ['builder', 'json'] as const) {
        if (view === 'json') await app.showJson();
        await warnings.getByRole('button', { name: 'Show step “Flash-loan loop”' }).click();
        await app.inspector.getByRole('heading', { name: 'Loop: Flash-loan loop' }).waitFor();
        await expect
          .poll(() =>
            page.evaluate(() =>
              document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'),
            ),
          )
          .toBe('block-flash-loop');
        await app.inspector.getByRole('button', { name: 'Strategy settings' }).click();
      }
      expect(e2e.consoleErrors).toEqual([]);
    },
  );

  it('a skipped crisis window says why in words, the code only as its tooltip', async () => {
    await app.draftItem(LOOP_EXAMPLE).click();
    await app.tab('Scenarios').click();
    // wstETH's stored history starts 2021-10-07: the March 2020 window cannot be replayed
    const why = app.scenarioRow('march-2020-crash').locator('td.why span');
    await expect.poll(() => why.count()).toBeGreaterThan(0);
    const text = (await why.first().textContent()) ?? '';
    expect(text).toMatch(/^WSTETH has no price on or before 2020-03-05/);
    expect(text).not.toMatch(MACHINE);
    expect(await why.first().getAttribute('title')).toBe('Code PRICE_HISTORY_STARTS_LATER');
    await e2e.page.screenshot({ path: `test-results/warnings-${tag}-scenario-skipped.png` });
    expect(e2e.consoleErrors).toEqual([]);
  });

  it('a step’s error names the step and the field in words, on the block and in the list', async () => {
    const page = e2e.page;
    await app.draftItem(LONG_EXAMPLE).click();
    await app.tab('Results').click();
    // a target leverage beyond the market's maximum: the loop's repeat.targetLeverage
    const examples = await e2e.call('engine.examples', {});
    const doc = structuredClone(examples.find((x) => x.name === LONG_EXAMPLE)!.strategy) as {
      steps: { repeat?: { targetLeverage?: string } }[];
    };
    doc.steps[1]!.repeat!.targetLeverage = '9';
    await app.showJson();
    await app.fillDocument(doc);
    const item = app.errors.getByTestId('error-item');
    await expect.poll(() => item.count()).toBe(1);
    const text = ((await item.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Leverage beyond the maximum');
    expect(text).toContain('Target 9x is at or beyond the market maximum');
    expect(text).toContain('Step “Loop”, target leverage');
    expect(text).not.toMatch(MACHINE);
    expect(text).not.toContain('lever-up');

    await app.errors.getByRole('button', { name: 'Show step “Loop”' }).click();
    await app.inspector.getByRole('heading', { name: 'Loop: Loop' }).waitFor();
    const block = page.getByTestId('block-lever-up').locator(':scope > ul.issues li');
    expect(((await block.textContent()) ?? '').trim()).toMatch(
      /^Error, target leverage: target 9x is at or beyond/,
    );
    await app.errors.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/warnings-${tag}-step-error.png` });
    expect(e2e.consoleErrors).toEqual([]);
  });
});

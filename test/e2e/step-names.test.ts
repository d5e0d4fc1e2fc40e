import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';
import { findOverflow } from './overflow';

/**
 * Step names in the chain stay readable when the inspector is open beside it: a loop's body
 * blocks are the narrowest, and their names wrap (under the step type, onto a second line)
 * rather than end in an ellipsis — at 1440×900, where chain and inspector share the builder pane,
 * and at 1024×700, where the inspector goes under the chain. Screenshots: test-results/
 * step-names-<size>-<theme>.png.
 */
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const LOOP_EXAMPLE = 'wstETH/ETH loop in e-mode (Aave v3)';
const LONG_LABEL = 'Swap the borrowed WETH into wstETH on Curve';

describe.each(SIZES)('step names at $width×$height', (size) => {
  let e2e: E2eApp;
  let app: AppPage;

  beforeAll(async () => {
    e2e = await startE2eApp({ viewport: size });
    app = new AppPage(e2e.page);
    await e2e.page.goto(e2e.server.appUrl);
    await app.footer.filter({ hasText: 'loopback' }).waitFor();
    await app.createFromExample(LOOP_EXAMPLE);
    await app.draftItem(LOOP_EXAMPLE).waitFor();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it.each(['light', 'dark'] as const)(
    'the loop body’s step names are whole with the inspector open (%s)',
    async (theme) => {
      const page = e2e.page;
      await e2e.call('settings.set', { patch: { theme } });
      await page.reload();
      await app.footer.filter({ hasText: 'loopback' }).waitFor();
      await app.draftItem(LOOP_EXAMPLE).click();
      await app.showBuilder();
      const body = app.loopBody('Flash-loan loop');
      await body.waitFor();
      expect(await app.stepLabels(body)).toEqual([
        'Borrow WETH',
        'Swap WETH → WSTETH',
        'Supply WSTETH',
      ]);
      // the inspector is open once its heading names the step; two frames let the layout it
      // narrows (resize observers included) settle before the names are measured
      await app.selectStep('Borrow WETH');
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );

      const names = body.locator('li[data-step-id] button.title .label');
      const shown = await names.evaluateAll((els) =>
        els.map((el) => ({
          text: el.textContent ?? '',
          whole: el.scrollWidth <= el.clientWidth + 1,
          lines: Math.round(
            el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight),
          ),
        })),
      );
      expect(shown.map((s) => s.text)).toEqual([
        'Borrow WETH',
        'Swap WETH → WSTETH',
        'Supply WSTETH',
      ]);
      expect(shown.filter((s) => !s.whole)).toEqual([]);
      // the example's own names take at most two lines
      expect(shown.filter((s) => s.lines > 2)).toEqual([]);
      expect(await findOverflow(app.chain)).toEqual([]);
      // the inspector's heading names the step in full too
      const heading = app.inspector.getByRole('heading', { name: 'Borrow: Borrow WETH' });
      expect(await heading.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await page.screenshot({
        path: `test-results/step-names-${size.width}x${size.height}-${theme}.png`,
      });
    },
  );

  it('a long label wraps and is read whole', async () => {
    await app.selectStep('Swap WETH → WSTETH');
    await app.inspector.getByLabel('Label (shown on the block)').fill(LONG_LABEL);
    const step = app.step(LONG_LABEL);
    await step.waitFor();
    await app.selectStep(LONG_LABEL);
    const label = step.locator(':scope > article > header button.title .label');
    expect(await label.textContent()).toBe(LONG_LABEL);
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(await findOverflow(app.chain)).toEqual([]);
    const heading = app.inspector.getByRole('heading', { name: `Swap: ${LONG_LABEL}` });
    expect(await heading.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await e2e.page.screenshot({
      path: `test-results/step-names-${size.width}x${size.height}-long.png`,
    });
    expect(e2e.consoleErrors).toEqual([]);
  });
});

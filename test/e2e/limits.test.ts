import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExampleStrategy } from '../../src-main/contract/index';
import { formatUsd } from '../../src-renderer/src/lib/format';
import { fixText } from '../../src-renderer/src/lib/limits';
import type { StrategyInput } from '../../src-renderer/src/state/document/types';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Issue 20, risk limits: a limit set in the strategy inspector is breached on the block that
 * caused it and on its key figure, with the fix to clear it; undo removes it; a global limit
 * (the settings dialog) is checked on every draft and said to be the default.
 */
const EXAMPLE_NAME = 'ETH leveraged long (Aave v3)';

let e2e: E2eApp;
let app: AppPage;
let example: ExampleStrategy;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 1000 } });
  app = new AppPage(e2e.page);
  const examples = await e2e.call('engine.examples', {});
  example = examples.find((x) => x.name === EXAMPLE_NAME)!;
  await e2e.page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  await app.createFromExample(EXAMPLE_NAME);
  await app.figure('health-factor').filter({ hasText: '1.383' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

it('a minimum health factor set on the draft is breached on the loop block and the figure', async () => {
  const page = e2e.page;
  const block = page.getByTestId('block-lever-up');
  expect(await page.getByTestId('block-breach-lever-up').count()).toBe(0);
  expect(await app.figure('health-factor').getAttribute('class')).not.toContain('breached');

  await page.getByTestId('limit-draft-minHealthFactor').fill('1.5');
  const breach = page.getByTestId('block-breach-lever-up');
  await breach.waitFor();
  // The loop levers to HF 1.383 (10 WETH → 2.5×): the block after which HF fell under 1.5.
  expect(await breach.textContent()).toContain('Health factor 1.383 < 1.500');
  // The fix, as main computes it for the same document: by hand without fees,
  // repay D·(1 − HF/min) = 45,000 · (1 − 1.38333/1.5) = 3,500 USDC.
  const expected = await e2e.call('engine.evaluate', {
    strategy: { ...example.strategy, version: 2, limits: { minHealthFactor: '1.5' } },
  });
  const [hf] = expected.limits!.breaches;
  const repay = hf!.fixes.find((f) => f.kind === 'repay-debt')!;
  expect(Number(repay.units)).toBeGreaterThan(3400);
  expect(Number(repay.units)).toBeLessThan(3600);
  // The fix names the market as the app does ("on Aave v3 Ethereum (Core)"), not by its id,
  // and its dollars as the app formats them ("≈ $6,315.84", not main's "≈ $6315.84").
  for (const fix of hf!.fixes) {
    expect(fix.message).toContain('aave-v3-ethereum');
    const shown = fixText(fix, hf!, example.strategy as StrategyInput);
    expect(shown).toContain(`on Aave v3 Ethereum (Core) (≈ ${formatUsd(Number(fix.usd))})`);
    expect(await breach.textContent()).toContain(shown);
  }
  expect(await breach.textContent()).toContain('(≈ $3,494.76)');
  expect(await breach.textContent()).not.toContain('aave-v3-ethereum');
  expect(await block.getAttribute('class')).toContain('breached');
  // The supply step did not cause it.
  expect(await page.getByTestId('block-breach-supply-eth').count()).toBe(0);

  const card = page.getByTestId('figure-breach-health-factor');
  await card.waitFor();
  // the market by its name, as the breach list names it
  expect(await card.textContent()).toContain('Breaks limit ≥ 1.500 (Aave v3 Ethereum (Core))');
  expect(await page.getByTestId('limit-breached-minHealthFactor').count()).toBe(1);
  expect(await page.getByTestId('limit-breaches').textContent()).toContain('Health factor');

  await page.getByTestId('block-lever-up').scrollIntoViewIfNeeded();
  await e2e.screenshot('limits-breach.png');

  // The limit is saved with the draft, as format version 2.
  await app.waitSaved();
  const [summary] = await e2e.call('drafts.list', {});
  const draft = await e2e.call('drafts.open', { id: summary!.id });
  expect(draft.document).toMatchObject({ version: 2, limits: { minHealthFactor: '1.5' } });

  // Undo takes the limit away, and with it the marks.
  await app.undoEdit();
  await expect.poll(() => page.getByTestId('block-breach-lever-up').count()).toBe(0);
  expect(await page.getByTestId('limit-draft-minHealthFactor').inputValue()).toBe('');
});

it('a limit out of range is refused in the field and not written', async () => {
  const page = e2e.page;
  const field = page.getByTestId('limit-draft-maxLtv');
  await field.fill('150');
  await page.getByText('must lie within 0 – 100 %').waitFor();
  await field.blur();
  await app.waitSaved();
  const [summary] = await e2e.call('drafts.list', {});
  const draft = await e2e.call('drafts.open', { id: summary!.id });
  expect((draft.document as { limits?: unknown }).limits).toBeUndefined();
  // The figures stay: the strategy still evaluates.
  expect(await app.figure('health-factor').textContent()).toBe('1.383');
  await field.fill('');
});

it('a global maximum leverage from the settings dialog is breached as a default limit', async () => {
  const page = e2e.page;
  await app.footer.getByRole('button', { name: 'Risk limits…' }).click();
  const dialog = page.getByTestId('limits-dialog');
  await dialog.getByTestId('limit-global-maxLeverage').fill('2');
  await page.getByTestId('figure-breach-leverage').waitFor();
  expect(await page.getByTestId('figure-breach-leverage').textContent()).toContain('≤ 2.00×');
  expect(await page.getByTestId('block-breach-lever-up').textContent()).toContain('default limit');
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The draft's own field shows the default it falls back to.
  expect(await page.getByTestId('limit-draft-maxLeverage').getAttribute('placeholder')).toBe(
    'default 2.00×',
  );
  expect((await e2e.call('settings.get', {})).limits).toEqual({ maxLeverage: '2' });
  await e2e.screenshot('limits-global.png');
});

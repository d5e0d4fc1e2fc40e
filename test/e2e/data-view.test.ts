import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../db/temp-db';
import { AppPage } from './app-page';
import { resultsDir, startE2eApp, type E2eApp } from './harness';

/**
 * The market data view: coverage and gaps per asset, charts, a price CSV with a bad row refused
 * by line, a rate file preview, the offline refresh, and the backtest form's bounds following
 * what is stored.
 */

const root = path.resolve(import.meta.dirname, '../..');
/** First and last day of a bundled Yahoo file, read without the code under test. */
function bundledSpan(symbol: string): { first: string; last: string } {
  const lines = fs
    .readFileSync(path.join(root, `resources/data/prices/${symbol}-USD.csv`), 'utf8')
    .split(/\r?\n/)
    .filter((l) => /^\d{4}-\d{2}-\d{2},/.test(l));
  return { first: lines[0]!.slice(0, 10), last: lines.at(-1)!.slice(0, 10) };
}

const ETH = bundledSpan('ETH');
const WSTETH = bundledSpan('WSTETH');
const STETH = bundledSpan('STETH');
/** `iso` moved by `days` UTC days. */
const shiftDay = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const files = tempDir('yieldplan-dataview-');
/** The file the host's open dialog answers with next (the loopback test hook). */
let picked = '';

let e2e: E2eApp;
let app: AppPage;

/** A loopback port nothing listens on: connecting is refused, as a machine without network is. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** stETH/ETH: the lowest close ratio over the days both bundled files have, read directly. */
function lowestStethRatio(): { ratio: number; date: string } {
  const closes = (symbol: string) =>
    new Map(
      fs
        .readFileSync(path.join(root, `resources/data/prices/${symbol}-USD.csv`), 'utf8')
        .split(/\r?\n/)
        .filter((l) => /^\d{4}-\d{2}-\d{2},/.test(l))
        .map((l) => {
          const cells = l.split(',');
          return [cells[0]!, Number(cells[4])] as const;
        }),
    );
  const eth = closes('ETH');
  let low = { ratio: Infinity, date: '' };
  for (const [date, close] of closes('STETH')) {
    const peg = eth.get(date);
    if (peg && close / peg < low.ratio) low = { ratio: close / peg, date };
  }
  return low;
}

beforeAll(async () => {
  const port = await closedPort();
  e2e = await startE2eApp({
    viewport: { width: 1280, height: 900 },
    capabilities: {
      pickOpenFile: async () => picked,
      refresh: { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000, maxRetries: 0 },
    },
  });
  app = new AppPage(e2e.page);
  await e2e.page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
  files.cleanup();
});

const dataView = () => e2e.page.getByRole('region', { name: 'Market data' });
const priceRow = (symbol: string) =>
  dataView().getByRole('table', { name: 'Price series' }).locator(`tr[data-symbol="${symbol}"]`);

it('lists every asset with its covered range, gaps and source, and charts prices and pegs', async () => {
  await e2e.page.getByRole('button', { name: 'Market data' }).click();
  await priceRow('ETH').waitFor();
  expect(await priceRow('ETH').locator('td.range').textContent()).toBe(
    `${ETH.first} → ${ETH.last}`,
  );
  expect(await priceRow('ETH').textContent()).toContain('bundled:yahoo-finance');
  expect(await priceRow('WSTETH').locator('td.range').textContent()).toBe(
    `${WSTETH.first} → ${WSTETH.last}`,
  );
  // The bundled files have a row for every day.
  expect(await priceRow('ETH').locator('td.gap-cell').textContent()).toBe('none');
  await dataView().getByTestId('data-price-chart').locator('canvas').waitFor();
  for (const symbol of ['STETH', 'USDC', 'USDT', 'DAI']) {
    await dataView().getByTestId(`peg-chart-${symbol}`).locator('canvas').waitFor();
  }
  const low = lowestStethRatio();
  expect(await dataView().getByTestId('peg-STETH').locator('figcaption').textContent()).toContain(
    `lowest close ${low.ratio.toFixed(4)} on ${low.date}`,
  );
  await priceRow('BTC').getByRole('button', { name: 'BTC' }).click();
  await expect
    .poll(() => dataView().getByTestId('data-price-chart').getAttribute('aria-label'))
    .toContain('BTC daily close');
  const rates = dataView().getByRole('table', { name: 'Rate series' });
  expect(await rates.locator('tbody tr').count()).toBe((await e2e.call('rates.series', {})).length);
  await e2e.screenshot('data-view.png');
  // The view scrolls inside the window: the peg ratios and rate tables as their own picture.
  const below = dataView().locator('section[aria-labelledby="data-pegs"]');
  await below.scrollIntoViewIfNeeded();
  await below.screenshot({ path: path.join(resultsDir, 'data-view-pegs.png') });
  const rateSection = dataView().locator('section[aria-labelledby="data-rates"]');
  await rateSection.scrollIntoViewIfNeeded();
  await rateSection.screenshot({ path: path.join(resultsDir, 'data-view-rates.png') });
  expect(e2e.consoleErrors).toEqual([]);
});

it('previews a price CSV, names its bad row by line, and imports the rest when asked', async () => {
  picked = path.join(files.dir, 'eth-late.csv');
  // Line 1 is the header; line 3 has a close that is not a number. The bundled ETH ends
  // 2025-11-19, so 2025-11-20/21 and the skipped 2025-11-23 are gaps afterwards.
  fs.writeFileSync(picked, 'date,close\n2025-11-22,3100\n2025-11-23,oops\n2025-11-24,3150\n');
  await dataView().getByRole('button', { name: 'Import prices…' }).click();
  const panel = dataView().getByRole('region', { name: 'Price import' });
  const bad = panel.getByRole('region', { name: 'Rows that cannot be read' });
  await bad.waitFor();
  expect(await bad.locator('li').count()).toBe(1);
  expect(await bad.locator('li').first().getAttribute('data-line')).toBe('3');
  expect(await bad.locator('li').first().textContent()).toContain('Line 3');
  expect(await panel.getByTestId('price-preview-summary').textContent()).toContain(
    '2 readable of 3 rows',
  );
  await panel.getByLabel('Asset to import into').selectOption({ label: 'ETH — Ether' });
  const importButton = panel.getByRole('button', { name: 'Import', exact: true });
  // Refused whole while it has a bad row …
  expect(await importButton.isDisabled()).toBe(true);
  await e2e.screenshot('data-import-preview.png');
  // … imported without it once the user says to skip it.
  await panel.getByRole('checkbox', { name: /Skip the 1 unreadable rows/ }).check();
  await importButton.click();
  await expect
    .poll(() => panel.getByRole('status').textContent())
    .toContain('Imported 2 rows into ETH');
  await expect
    .poll(() => priceRow('ETH').locator('td.range').textContent())
    .toBe(`${ETH.first} → 2025-11-24`);
  const gaps = priceRow('ETH').locator('td.gap-cell');
  expect(await gaps.textContent()).toContain('2 gaps, 3 days missing');
  await gaps.locator('summary').click();
  const listed = gaps.getByRole('list', { name: 'Gaps in ETH' }).locator('li');
  expect(await listed.allTextContents()).toEqual([
    '2025-11-20 → 2025-11-21 2 days',
    '2025-11-23 1 day',
  ]);
  expect(await priceRow('ETH').textContent()).toContain('csv:date-close');
  expect(e2e.consoleErrors).toEqual([]);
});

it('previews a rate file and shows the line that would refuse it', async () => {
  picked = path.join(files.dir, 'rates.csv');
  const header =
    'date,n_samples,comp_v2_supply_apr,comp_v2_borrow_apr,aave_v2_supply_apr,aave_v2_var_borrow_apr,aave_v2_utilization,aave_v1_supply_apr,aave_v1_var_borrow_apr';
  fs.writeFileSync(
    picked,
    `${header}\n2021-01-01,3,0.02,0.04,0.03,0.05,0.7,0.01,0.06\n2021-01-02,3,-1,0.04,0.03,0.05,0.7,0.01,0.06\n`,
  );
  await dataView().getByRole('button', { name: 'Import rates…' }).click();
  const panel = dataView().getByRole('region', { name: 'Rate import' });
  const bad = panel.getByRole('region', { name: 'Rows that refuse the file' });
  await bad.waitFor();
  expect(await bad.locator('li').first().getAttribute('data-line')).toBe('3');
  expect(await panel.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  expect(e2e.consoleErrors).toEqual([]);
});

it('says plainly that it is offline when the refresh cannot reach the network', async () => {
  await dataView().getByRole('button', { name: 'Refresh when online' }).click();
  const status = dataView().getByTestId('refresh-status');
  await expect.poll(() => status.textContent()).toContain('Offline: no network connection');
  expect(await status.textContent()).toContain('the stored history keeps working');
  // Nothing changed: ETH still ends where the import left it.
  expect(await priceRow('ETH').locator('td.range').textContent()).toBe(`${ETH.first} → 2025-11-24`);
  await e2e.screenshot('data-refresh-offline.png');
  // The one refused call (UNAVAILABLE → HTTP 503 on the loopback) is the only console error:
  // the refresh stops at the first "offline" answer instead of asking for every asset.
  expect(e2e.consoleErrors).toEqual([expect.stringContaining('status of 503')]);
  e2e.consoleErrors.length = 0;
});

it('offers in the backtest form only the days the replay can price, peg chains included', async () => {
  // An ETH-only strategy: its window follows ETH, which the import above extended to 2025-11-24.
  await app.createDraft();
  await expect.poll(() => app.nameInput.isVisible()).toBe(true);
  await app.showJson();
  await app.fillDocument({
    format: 'yieldplan.strategy',
    version: 1,
    name: 'ETH only',
    horizonDays: 30,
    capital: [{ asset: 'ETH', amount: '1' }],
    prices: { ETH: '3000' },
    markets: [],
    steps: [],
  });
  await app.tab('Backtest').click();
  const coverage = e2e.page.getByTestId('backtest-coverage');
  await expect
    .poll(() => coverage.textContent())
    .toContain(`Stored history prices this strategy from ${ETH.first} to 2025-11-24`);
  await app.backtestTo.fill('2025-11-25');
  expect(await app.backtestTo.getAttribute('aria-invalid')).toBe('true');
  expect(await app.backtestTo.getAttribute('title')).toBe('up to 2025-11-24');
  await app.backtestTo.fill('2025-11-24');
  expect(await app.backtestTo.getAttribute('aria-invalid')).toBe('false');

  // wstETH/ETH loop: wstETH's own series starts 2021-10-07, but the backtest prices the days
  // before it through its peg chain to stETH, so stETH's first day is the form's first day.
  await app.createFromExample('wstETH/ETH loop in e-mode (Aave v3)');
  await expect.poll(() => app.nameInput.inputValue()).toBe('wstETH/ETH loop in e-mode (Aave v3)');
  await app.tab('Backtest').click();
  await expect
    .poll(() => coverage.textContent())
    .toContain(`Stored history prices this strategy from ${STETH.first} to ${WSTETH.last}`);
  expect(await coverage.textContent()).toContain(
    `WSTETH price ${WSTETH.first} → ${WSTETH.last} (from ${STETH.first} through its peg to STETH)`,
  );
  const dayBefore = shiftDay(STETH.first, -1);
  await app.backtestFrom.fill(dayBefore);
  expect(await app.backtestFrom.getAttribute('aria-invalid')).toBe('true');
  expect(await app.backtestFrom.getAttribute('title')).toBe(`from ${STETH.first}`);
  // The form's first day is the backtest's real first day: the day before is refused by the
  // replay itself, the first day runs (and says which days came from the peg chain).
  const examples = await e2e.call('engine.examples', {});
  const loop = examples.find((x) => x.name === 'wstETH/ETH loop in e-mode (Aave v3)')!;
  const direct = await e2e.call('data.strategyWindow', { strategy: loop.strategy });
  expect(direct.ok && direct.window).toEqual({ from: STETH.first, to: WSTETH.last });
  const refused = await e2e.call('backtest.run', {
    strategy: loop.strategy,
    from: dayBefore,
    to: shiftDay(STETH.first, 30),
  });
  expect(refused.ok || refused.errors.map((e) => e.code)).toEqual(['PRICE_HISTORY_STARTS_LATER']);
  await app.runBacktest(STETH.first, shiftDay(STETH.first, 30));
  const pricing = e2e.page.getByTestId('backtest-pricing');
  await expect
    .poll(() => pricing.textContent(), { timeout: 30_000 })
    .toContain(
      `WSTETH ${STETH.first} → ${shiftDay(STETH.first, 30)} (31 days) priced through its peg to STETH`,
    );
  expect(await e2e.page.locator('.period').textContent()).toContain(
    `Replayed ${STETH.first} → ${shiftDay(STETH.first, 30)}, 31 days`,
  );
  await e2e.screenshot('data-backtest-bounds.png');
  expect(e2e.consoleErrors).toEqual([]);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoverageReader } from '../../src-main/services/coverage';
import { createPriceRepository } from '../../src-main/services/prices/price-repository';
import { createRateRepository } from '../../src-main/services/rates/rate-repository';
import { previewRateFile } from '../../src-main/services/rates/preview-rates';
import { parseRateFile } from '../../src-main/services/rates/parse-rate-file';
import { readFileSync } from 'node:fs';
import { BacktestService } from '../../src-main/services/backtest';
import { seedBundledData } from '../../src-main/services/seed';
import { createTempDb, day, REPO_ROOT, type TempDb } from './prices/temp-db';

const row = (iso: string, close: number) => ({
  ts: day(iso),
  open: null,
  high: null,
  low: null,
  close,
  volume: null,
});

function strategy(capital: string[], extra: Record<string, unknown> = {}) {
  return {
    format: 'yieldplan.strategy',
    version: 1,
    name: 't',
    horizonDays: 30,
    capital: capital.map((asset) => ({ asset, amount: '1' })),
    prices: Object.fromEntries(capital.map((a) => [a, '1'])),
    markets: [],
    steps: [],
    ...extra,
  };
}

let t: TempDb;
beforeAll(() => {
  t = createTempDb();
  const prices = createPriceRepository(t.db);
  prices.upsertAsset({ symbol: 'ETH', name: 'Ether', kind: 'volatile' });
  prices.upsertAsset({
    symbol: 'DAI',
    name: 'Dai',
    kind: 'stable',
    externalIds: { coingecko: 'dai' },
  });
  prices.upsertAsset({ symbol: 'OLD', name: 'Old coin', kind: 'volatile' });
  prices.upsertAsset({ symbol: 'EMPTY', name: 'No rows', kind: 'volatile' });
  // ETH: Jan 1–3 bundled, Jan 4–5 missing, Jan 6 and Jan 8 imported (Jan 7 missing).
  prices.upsertPrices({
    symbol: 'ETH',
    source: 'bundled:test',
    rows: [row('2024-01-01', 2300), row('2024-01-02', 2350), row('2024-01-03', 2400)],
  });
  prices.upsertPrices({
    symbol: 'ETH',
    source: 'csv:plain',
    rows: [row('2024-01-06', 2500), row('2024-01-08', 2550)],
  });
  prices.upsertPrices({
    symbol: 'DAI',
    source: 'bundled:test',
    rows: [row('2024-01-02', 1), row('2024-01-03', 1), row('2024-01-04', 0.999)],
  });
  prices.upsertPrices({
    symbol: 'OLD',
    source: 'bundled:test',
    rows: [row('2023-06-01', 5), row('2023-06-02', 4)],
  });
  createRateRepository(t.db).writeSeries({
    key: { protocol: 'aave-v3', chain: 'ethereum', asset: 'WETH', side: 'supply' },
    source: 'file:test.csv',
    rows: [
      { ts: day('2024-01-01'), rate: 0.02, utilization: null, nSamples: 1 },
      { ts: day('2024-01-03'), rate: 0.021, utilization: null, nSamples: 1 },
    ],
  });
});
afterAll(() => t.cleanup());

describe('data coverage', () => {
  it('gives each asset its span, its gaps and the sources of its rows', () => {
    const { assets } = createCoverageReader(t.db).coverage();
    const eth = assets.find((a) => a.symbol === 'ETH')!;
    expect(eth.coverage).toMatchObject({
      firstDay: '2024-01-01',
      lastDay: '2024-01-08',
      coveredDays: 5,
      gapCount: 2,
      missingDays: 3,
    });
    expect(eth.coverage.gaps).toEqual([
      { from: '2024-01-04', to: '2024-01-05', days: 2 },
      { from: '2024-01-07', to: '2024-01-07', days: 1 },
    ]);
    expect(eth.sources).toEqual([
      { source: 'bundled:test', rows: 3, firstDay: '2024-01-01', lastDay: '2024-01-03' },
      { source: 'csv:plain', rows: 2, firstDay: '2024-01-06', lastDay: '2024-01-08' },
    ]);
    expect(eth.refreshable).toBe(false);
    expect(assets.find((a) => a.symbol === 'DAI')!.refreshable).toBe(true);
    const empty = assets.find((a) => a.symbol === 'EMPTY')!;
    expect(empty.coverage.firstDay).toBeNull();
    expect(empty.sources).toEqual([]);
  });

  it('covers rate series the same way, with their source', () => {
    const { rates } = createCoverageReader(t.db).coverage();
    expect(rates).toHaveLength(1);
    expect(rates[0]).toMatchObject({ asset: 'WETH', side: 'supply', source: 'file:test.csv' });
    expect(rates[0]!.coverage.gaps).toEqual([{ from: '2024-01-02', to: '2024-01-02', days: 1 }]);
  });
});

describe('the backtest window of a strategy', () => {
  it('is the days the replay can price every series it reads (WETH through ETH)', () => {
    const w = createCoverageReader(t.db).strategyWindow({ strategy: strategy(['WETH', 'DAI']) });
    // DAI's series starts Jan 2, but the replay prices the day before through its peg to USD, so
    // ETH's first day (Jan 1) starts the window; DAI's last day (Jan 4) ends it.
    expect(w).toMatchObject({
      ok: true,
      window: { from: '2024-01-01', to: '2024-01-04' },
      message: null,
    });
    if (!w.ok) throw new Error('refused');
    expect(w.series.map((s) => [s.label, s.backfill])).toEqual([
      ['DAI price', { via: 'USD', from: null }],
      ['ETH price (for WETH)', null],
    ]);
  });

  it('is null with a sentence naming both series when they share no day', () => {
    const w = createCoverageReader(t.db).strategyWindow({ strategy: strategy(['ETH', 'OLD']) });
    if (!w.ok) throw new Error('refused');
    expect(w.window).toBeNull();
    expect(w.message).toBe(
      'The strategy’s series share no common window: OLD price ends 2023-06-02, before ETH price starts 2024-01-01.',
    );
  });

  it('is unbounded, without a message, when no asset has stored history (constant prices)', () => {
    const w = createCoverageReader(t.db).strategyWindow({ strategy: strategy(['EMPTY']) });
    if (!w.ok) throw new Error('refused');
    expect(w).toMatchObject({ window: null, series: [], message: null });
  });

  it('answers a strategy the engine cannot read with its errors', () => {
    const w = createCoverageReader(t.db).strategyWindow({ strategy: { steps: 'broken' } });
    expect(w.ok).toBe(false);
  });
});

describe('coverage of intraday data (read by skip-scan, a seek per day)', () => {
  it('finds the same days and gaps as row by row would, and counts every reading', () => {
    const prices = createPriceRepository(t.db);
    prices.upsertAsset({ symbol: 'HOURLY', name: 'Hourly', kind: 'volatile' });
    // 24 readings on each of Mar 1, 2 and 5; Mar 3–4 missing.
    const rows = ['2024-03-01', '2024-03-02', '2024-03-05'].flatMap((d) =>
      Array.from({ length: 24 }, (_, h) => ({ ...row(d, 100 + h), ts: day(d) + h * 3600 })),
    );
    prices.upsertPrices({ symbol: 'HOURLY', source: 'csv:binance-klines', rows });
    const hourly = createCoverageReader(t.db)
      .coverage()
      .assets.find((a) => a.symbol === 'HOURLY')!;
    expect(hourly.coverage).toEqual({
      firstDay: '2024-03-01',
      lastDay: '2024-03-05',
      coveredDays: 3,
      readings: 72,
      gaps: [{ from: '2024-03-03', to: '2024-03-04', days: 2 }],
      gapCount: 1,
      missingDays: 2,
    });
    // The chart gets each day's last reading (23:00, close 123).
    expect(createCoverageReader(t.db).dailyCloses({ symbol: 'HOURLY' }).close).toEqual([
      123, 123, 123,
    ]);
  });
});

describe('daily closes for a chart', () => {
  it('folds intraday readings into the last close of each UTC day', () => {
    const prices = createPriceRepository(t.db);
    prices.upsertAsset({ symbol: 'MIN', name: 'Minutes', kind: 'volatile' });
    prices.upsertPrices({
      symbol: 'MIN',
      source: 'csv:binance',
      rows: [
        { ...row('2024-02-01', 10), ts: day('2024-02-01') + 60 },
        { ...row('2024-02-01', 11), ts: day('2024-02-01') + 120 },
        { ...row('2024-02-02', 12), ts: day('2024-02-02') + 60 },
      ],
    });
    expect(createCoverageReader(t.db).dailyCloses({ symbol: 'MIN' })).toEqual({
      symbol: 'MIN',
      ts: [day('2024-02-01'), day('2024-02-02')],
      close: [11, 12],
    });
  });
});

describe('rate file preview', () => {
  it('lists the series a good file holds and the bad lines of a refused one, writing nothing', async () => {
    const header =
      'date,n_samples,comp_v2_supply_apr,comp_v2_borrow_apr,aave_v2_supply_apr,aave_v2_var_borrow_apr,aave_v2_utilization,aave_v1_supply_apr,aave_v1_var_borrow_apr';
    const good = t.writeFile(
      'good.csv',
      `${header}\n2021-01-01,3,0.02,0.04,0.03,0.05,0.7,0.01,0.06\n2021-01-02,3,0.021,0.041,0.031,0.051,0.71,0.011,0.061\n`,
    );
    const ok = await previewRateFile({ filePath: good }, parseRateFile);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.layout).toBe('daily-fractions');
    expect(ok.series).toHaveLength(6);
    expect(ok.series[0]).toMatchObject({ days: 2, firstTs: day('2021-01-01') });

    const bad = t.writeFile(
      'bad.csv',
      `${header}\n2021-01-01,3,0.02,0.04,0.03,0.05,0.7,0.01,0.06\n2021-01-02,3,lots,0.041,0.031,0.051,0.71,0.011,0.061\n`,
    );
    const refused = await previewRateFile({ filePath: bad }, parseRateFile);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.code).toBe('RATE_FILE_INVALID');
    expect(refused.errors.map((e) => e.line)).toEqual([3]);
    expect(createCoverageReader(t.db).coverage().rates).toHaveLength(1);
  });
});

describe('the window of the wstETH example over the bundled data', () => {
  it('starts where the replay can open (stETH’s first day, through the peg chain), not at wstETH’s own series', async () => {
    const bundled = createTempDb();
    try {
      await seedBundledData(bundled.db, { resourcesRoot: `${REPO_ROOT}resources` });
      const example = JSON.parse(
        readFileSync(`${REPO_ROOT}resources/examples/wsteth-emode-loop.json`, 'utf8'),
      ) as unknown;
      const w = createCoverageReader(bundled.db).strategyWindow({ strategy: example });
      if (!w.ok) throw new Error('refused');
      // bundled first/last rows: stETH 2020-12-23, wstETH 2021-10-07 … 2025-11-19, ETH 2015-08-07 …
      expect(w.window).toEqual({ from: '2020-12-23', to: '2025-11-19' });
      expect(w.series.find((s) => s.label === 'WSTETH price')).toMatchObject({
        firstDay: '2021-10-07',
        backfill: { via: 'STETH', from: '2020-12-23' },
      });
      const backtest = BacktestService.fromDatabase(bundled.db);
      const run = (from: string) =>
        backtest.backtest({ strategy: example, from, to: '2021-03-31' });
      expect(run('2020-12-23').ok).toBe(true);
      const before = run('2020-12-22');
      expect(before.ok || before.errors.map((e) => e.code)).toEqual(['PRICE_HISTORY_STARTS_LATER']);
    } finally {
      bundled.cleanup();
    }
  });
});

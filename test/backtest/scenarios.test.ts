import { describe, expect, it } from 'vitest';
import { pegRatioSeries } from '../../src-main/backtest/peg-series';
import {
  runScenarios,
  scenarioWindows,
  SCENARIO_LIBRARY,
  worstDrawdown,
} from '../../src-main/backtest/scenarios';
import { dayFromIso } from '../../src-main/backtest/calendar';
import {
  bundledHistory,
  closeOn,
  lendingAsset,
  lendingMarket,
  leverageLoop,
  readYahoo,
  strategy,
} from './helpers';

const prices = bundledHistory('ETH', 'BTC', 'USDC', 'USDT', 'DAI', 'STETH', 'WSTETH');

describe('peg ratio series', () => {
  it('stETH/ETH from the bundled closes: lowest 0.9367 on 2022-06-15 (README)', () => {
    const s = pegRatioSeries({
      asset: 'STETH',
      peg: { asset: 'ETH', kind: 'one-to-one' },
      prices,
      fromTs: dayFromIso('2022-06-01') as number,
      toTs: dayFromIso('2022-06-30') as number,
    });
    expect(s.min?.date).toBe('2022-06-15');
    expect(s.min?.ratio).toBeCloseTo(1155.19 / 1233.21, 12);
    expect(s.ratio).toHaveLength(30);
  });

  it('USDC/USD is the USDC close; an exchange-rate peg divides by the growing rate', () => {
    const usdc = pegRatioSeries({
      asset: 'USDC',
      peg: { asset: 'USD', kind: 'one-to-one' },
      prices,
    });
    expect(usdc.ratio[usdc.date.indexOf('2023-03-11')]).toBe(0.9715);
    const w = pegRatioSeries({
      asset: 'WSTETH',
      peg: {
        asset: 'STETH',
        kind: 'exchange-rate',
        exchangeRate: '1.0693',
        exchangeRateAprGrowth: '0.04',
      },
      prices,
      fromTs: dayFromIso('2022-05-01') as number,
      toTs: dayFromIso('2022-05-03') as number,
    });
    // Day 2 (05-03): wstETH / (stETH · 1.0693 · (1 + 0.04/365)²).
    expect(w.ratio[2]).toBeCloseTo(
      closeOn('WSTETH', '2022-05-03') /
        (closeOn('STETH', '2022-05-03') * 1.0693 * (1 + 0.04 / 365) ** 2),
      12,
    );
  });
});

describe('scenario library', () => {
  it('ships the six named windows and one computed from the data', () => {
    expect(SCENARIO_LIBRARY.map((s) => s.id)).toEqual([
      'march-2020-crash',
      'may-2021-crash',
      'terra-luna-2022',
      'steth-discount-2022',
      'ftx-2022',
      'usdc-depeg-2023',
      'worst-30-days-eth',
    ]);
  });

  it('finds the worst 30-day ETH fall by brute force over the CSV', () => {
    // Independent search over the raw rows: every pair of closes at most 30 days apart, from 2020.
    const rows = readYahoo('ETH');
    let best = { dd: 0, peak: '', trough: '' };
    for (let t = 0; t < rows.date.length; t++) {
      if ((rows.date[t] as string) < '2020-01-01') continue;
      for (let s = t - 1; s >= 0 && t - s <= 30 && (rows.date[s] as string) >= '2020-01-01'; s--) {
        const dd = 1 - (rows.close[t] as number) / (rows.close[s] as number);
        if (dd > best.dd)
          best = { dd, peak: rows.date[s] as string, trough: rows.date[t] as string };
      }
    }
    // 281.94 on 2020-02-18 → 110.61 on 2020-03-16: −60.8 %.
    expect(best).toEqual({ dd: 1 - 110.61 / 281.94, peak: '2020-02-18', trough: '2020-03-16' });
    const found = worstDrawdown({
      closes: prices.ETH!,
      windowDays: 30,
      searchFromTs: dayFromIso('2020-01-01') as number,
    });
    expect(found?.drawdown).toBe(best.dd);
    const window = scenarioWindows(prices).find((s) => s.id === 'worst-30-days-eth');
    expect(window).toMatchObject({ from: '2020-02-18', to: '2020-03-19', computed: true });
    expect(window?.description).toContain('60.8%');
  });

  it('runs a leveraged ETH long through every window: liquidated in the crashes, one row each', () => {
    const long = strategy({
      capital: [{ asset: 'ETH', amount: '10' }],
      prices: { ETH: '2000', USDC: '1' },
      markets: [
        lendingMarket('aave', {
          ETH: lendingAsset({ ltv: '0.8', lt: '0.825', bonus: '0.05' }),
          USDC: lendingAsset({ ltv: '0.8', lt: '0.85', bonus: '0.045', borrowApr: '0.05' }),
        }),
      ],
      steps: leverageLoop({
        market: 'aave',
        collateral: 'ETH',
        debt: 'USDC',
        capacityShare: '0.9',
        targetLeverage: '3',
      }),
    });
    const rows = runScenarios({ strategy: long, prices });
    expect(rows).toHaveLength(7);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    const march = byId['march-2020-crash'];
    if (march?.status !== 'ok') throw new Error('march not run');
    // 3× on ETH: HF at open = 0.825 · 3 / 2 = 1.2375, so a 19.2 % fall liquidates. Opened at the 03-05
    // close (229.27), ETH closes at 112.35 on 03-12 (−51 %): the row shows a liquidation and seized collateral.
    expect(march.strategy.liquidated).toBe(true);
    expect(march.strategy.firstLiquidationDate).toBe('2020-03-12');
    expect(march.strategy.collateralSeizedUsd).toBeGreaterThan(0);
    // By hand: no swap fee, zero ETH supply rate, so the loop holds exactly 30 ETH against 20 ETH of
    // USDC debt; on 03-12 HF ≈ 0.825·30·112.35/(20·229.27) = 0.61 < 0.95 (close factor 1) and the
    // 30 ETH (3,370.5 USD) do not cover the debt·1.05: all 30 ETH are seized at that close.
    expect(march.strategy.collateralSeizedUsd).toBeCloseTo(30 * closeOn('ETH', '2020-03-12'), 6);
    expect(march.hold.startEquityUsd).toBeCloseTo(10 * closeOn('ETH', '2020-03-05'), 6);
    expect(march.hold.endEquityUsd).toBeCloseTo(10 * closeOn('ETH', '2020-03-20'), 6);
    const usdc = byId['usdc-depeg-2023'];
    if (usdc?.status !== 'ok') throw new Error('usdc not run');
    expect(usdc.strategy.liquidated).toBe(false);
    // Leverage makes the strategy's worst fall deeper than holding's in every window it survives or not.
    for (const r of rows)
      if (r.status === 'ok')
        expect(r.strategy.peakToTroughLoss).toBeGreaterThanOrEqual(r.hold.peakToTroughLoss);
  });

  it('skips a window the data cannot replay and says why', () => {
    const wsteth = strategy({
      capital: [{ asset: 'WSTETH', amount: '1' }],
      prices: { WSTETH: '3000' },
      markets: [],
      steps: [],
    });
    const march = runScenarios({ strategy: wsteth, prices }).find(
      (r) => r.id === 'march-2020-crash',
    );
    expect(march?.status).toBe('skipped');
    if (march?.status === 'skipped')
      expect(march.errors[0]?.code).toBe('PRICE_HISTORY_STARTS_LATER');
  });
});

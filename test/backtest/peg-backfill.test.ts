import { describe, expect, it } from 'vitest';
import { buildPriceBook } from '../../src-main/backtest/pricing';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import { pegsFromStrategy } from '../../src-main/engine/prices';
import { dayFromIso, dayGrid, isoFromDay } from '../../src-main/market-data/calendar';
import { bundledExample, bundledHistory, closeOn, ok } from './helpers';

/**
 * History before an asset's own series: the bundled wstETH series starts 2021-10-07, stETH's
 * 2020-12-23. A backtest of the wstETH e-mode example from 2021-01-01 prices wstETH through its peg
 * chain before 2021-10-07, wstETH = stETH × exchange rate (growing at the peg's declared APR),
 * scaled to meet wstETH's own first close, and flags those days in `priceCoverage.pegBackfilled`.
 */
const strategy = bundledExample('wsteth-emode-loop.json');
const peg = strategy.assets?.WSTETH?.peg as { exchangeRateAprGrowth?: string } | undefined;
const growth = Number(peg?.exchangeRateAprGrowth ?? '0');
const history = bundledHistory('ETH', 'STETH', 'WSTETH', 'USDC');

describe('peg-chain prices before an asset’s own series', () => {
  it('the wstETH example runs from 2021-01-01 and says which days came from the chain', () => {
    const r = ok(runBacktest({ strategy, prices: history, from: '2021-01-01', to: '2021-12-31' }));
    expect(r.priceCoverage.pegBackfilled?.WSTETH).toEqual({
      from: '2021-01-01',
      to: '2021-10-06',
      days: 279,
      via: 'STETH',
    });
  });

  it('before the join the price is stETH × rate, scaled to meet wstETH’s first close', () => {
    const grid = dayGrid(dayFromIso('2021-01-01')!, dayFromIso('2021-12-31')!);
    const built = buildPriceBook({
      assets: ['WSTETH'],
      optionalAssets: ['STETH', 'ETH'],
      history,
      grid,
      pegs: pegsFromStrategy(strategy),
      constantPrices: new Map(),
    });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const wst = built.book.market.get('WSTETH')!;
    const at = (date: string) => grid.indexOf(dayFromIso(date)!);
    // the join is grid day 279 (2021-10-07); the rate grows (1 + growth/365) a day
    expect(at('2021-10-07')).toBe(279);
    const g = (day: number) => Math.pow(1 + growth / 365, day);
    const join = closeOn('WSTETH', '2021-10-07');
    const stJoin = closeOn('STETH', '2021-10-07');
    for (const date of ['2021-01-01', '2021-05-19', '2021-10-06']) {
      const i = at(date);
      const expected = (join * closeOn('STETH', date) * g(i)) / (stJoin * g(279));
      expect(wst[i]! / expected - 1).toBeCloseTo(0, 12);
    }
    expect(wst[279]).toBe(join);
    expect(wst[300]).toBe(closeOn('WSTETH', isoFromDay(grid[300]!)));
  });

  it('is refused only where the chain has no data either (before stETH’s series)', () => {
    const r = runBacktest({ strategy, prices: history, from: '2020-06-01', to: '2020-12-31' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toContain('PRICE_HISTORY_STARTS_LATER');
  });
});

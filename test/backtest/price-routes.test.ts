import { describe, expect, it } from 'vitest';
import { priceRoute, routeStart } from '../../src-main/backtest/price-routes';
import { firstCloseDay } from '../../src-main/backtest/pricing';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import { pegsFromStrategy } from '../../src-main/engine/prices';
import { dayFromIso, isoFromDay } from '../../src-main/market-data/calendar';
import { bundledExample, bundledHistory, ok, readYahoo } from './helpers';

/**
 * The one rule for where a replay reads a price and from which day it can. Known dates, from the
 * bundled files (resources/data/prices, first rows): ETH 2015-08-07, stETH 2020-12-23, wstETH
 * 2021-10-07, USDC 2020-01-01.
 */
const strategy = bundledExample('wsteth-emode-loop.json');
const pegs = pegsFromStrategy(strategy);
const history = bundledHistory('ETH', 'STETH', 'WSTETH', 'USDC');
const stored = (s: string) => s in history;
const firstDay = (s: string) => firstCloseDay(history[s]);
const start = (asset: string) =>
  isoFromDay(routeStart(asset, priceRoute(asset, pegs, stored), firstDay));

describe('price routes over the bundled history', () => {
  it('reads the first days from the files as the test says', () => {
    expect(['ETH', 'STETH', 'WSTETH', 'USDC'].map((s) => readYahoo(s).date[0])).toEqual([
      '2015-08-07',
      '2020-12-23',
      '2021-10-07',
      '2020-01-01',
    ]);
  });

  it('prices wstETH by its own series, before it through stETH (the nearest stored asset up its chain)', () => {
    const route = priceRoute('WSTETH', pegs, stored);
    expect(route.kind).toBe('own');
    if (route.kind !== 'own') return;
    expect(route.backfill?.anchor).toBe('STETH');
    expect(route.backfill?.links.map((l) => l.to)).toEqual(['STETH']);
    // so it can be priced from stETH's first day, not from wstETH's, nor from ETH's
    expect(start('WSTETH')).toBe('2020-12-23');
  });

  it('prices WETH (no series) through its peg from ETH, from ETH’s first day', () => {
    expect(priceRoute('WETH', pegs, stored)).toEqual({
      kind: 'peg',
      chain: { anchor: 'ETH', links: [{ to: 'ETH', ratio: 1, growthApr: 0 }] },
    });
    expect(start('WETH')).toBe('2015-08-07');
  });

  it('lets a USD-pegged series start on any day, and USD itself', () => {
    expect(routeStart('USDC', priceRoute('USDC', pegs, stored), firstDay)).toBe(-Infinity);
    expect(priceRoute('USD', pegs, stored)).toEqual({ kind: 'unit' });
  });

  it('is what the replay applies: the example opens on wstETH’s start, not the day before', () => {
    const from = start('WSTETH');
    const r = ok(runBacktest({ strategy, prices: history, from, to: '2021-12-31' }));
    expect(r.priceCoverage.pegBackfilled?.WSTETH).toEqual({
      from: '2020-12-23',
      to: '2021-10-06',
      days: 288,
      via: 'STETH',
    });
    const before = isoFromDay(dayFromIso(from)! - 86_400);
    const refused = runBacktest({ strategy, prices: history, from: before, to: '2021-12-31' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toEqual([
      {
        code: 'PRICE_HISTORY_STARTS_LATER',
        message:
          "WSTETH has no price on or before 2020-12-22 (history starts 2021-10-07), and its peg chain's nearest history, STETH, starts 2020-12-23",
      },
    ]);
  });

  it('replays a window that ends before wstETH’s own series through the chain at the declared rate', () => {
    const r = ok(runBacktest({ strategy, prices: history, from: '2021-01-01', to: '2021-06-30' }));
    expect(r.priceCoverage.pegBackfilled?.WSTETH).toEqual({
      from: '2021-01-01',
      to: '2021-06-30',
      days: 181,
      via: 'STETH',
    });
    // day 0: stETH's close × the declared exchange rate (1.21 stETH per wstETH)
    const stEth = readYahoo('STETH');
    const close = stEth.close[stEth.date.indexOf('2021-01-01')]!;
    expect(r.prices['WSTETH']![0]! / (close * 1.21) - 1).toBeCloseTo(0, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { seriesNeeded } from '../../src-main/backtest/series-needed';
import { CURRENT_VERSION, Strategy } from '../../src-main/engine/format/schema';

const rates = { type: 'fixed', supplyApr: '0.02', borrowApr: '0.05' };
const lending = {
  id: 'aave',
  kind: 'lending',
  protocol: 'aave-v3',
  chain: 'ethereum',
  assets: {
    WETH: { ltv: '0.8', liquidationThreshold: '0.83', liquidationBonus: '0.05', rates },
    USDC: { ltv: '0.77', liquidationThreshold: '0.8', liquidationBonus: '0.045', rates },
    DAI: { ltv: '0.7', liquidationThreshold: '0.75', liquidationBonus: '0.05', rates },
  },
};

function strategy(extra: Record<string, unknown> = {}) {
  return Strategy.parse({
    format: 'yieldplan.strategy',
    version: CURRENT_VERSION,
    name: 't',
    horizonDays: 30,
    capital: [{ asset: 'WETH', amount: '1' }],
    prices: { WETH: '3000', USDC: '1', DAI: '1', USD: '1' },
    markets: [lending],
    steps: [
      { id: 's', type: 'supply', market: 'aave', asset: 'WETH', amount: 'all' },
      {
        id: 'l',
        type: 'loop',
        repeat: { mode: 'times', times: 2 },
        body: [
          {
            id: 'b',
            type: 'borrow',
            market: 'aave',
            asset: 'USDC',
            amount: { mode: 'capacityShare', value: '0.5' },
          },
        ],
      },
    ],
    ...extra,
  });
}

describe('series a backtest reads', () => {
  it('prices an asset without history through its peg (WETH → ETH), a stored one by itself', () => {
    const stored = new Set(['ETH', 'USDC']);
    const needs = seriesNeeded({ strategy: strategy(), hasPrices: (s) => stored.has(s) });
    expect(needs.prices.map(({ asset, symbol }) => ({ asset, symbol }))).toEqual([
      { asset: 'USDC', symbol: 'USDC' },
      { asset: 'WETH', symbol: 'ETH' },
    ]);
    // USDC's own series; before it starts, its peg to USD (any day)
    expect(needs.prices[0]!.route).toEqual({
      kind: 'own',
      backfill: { anchor: 'USD', links: [{ to: 'USD', ratio: 1, growthApr: 0 }] },
    });
    expect(needs.rates).toEqual([]);
  });

  it('needs no series for an asset with neither history nor a stored peg root (strategy price)', () => {
    const needs = seriesNeeded({ strategy: strategy(), hasPrices: (s) => s === 'ETH' });
    expect(needs.prices.map(({ asset, symbol }) => ({ asset, symbol }))).toEqual([
      { asset: 'WETH', symbol: 'ETH' },
    ]);
  });

  it('reads rates only for history-mode markets, per supplied and borrowed asset (loops too)', () => {
    const needs = seriesNeeded({
      strategy: strategy(),
      rateModes: { aave: 'history' },
      hasPrices: () => true,
    });
    expect(needs.rates).toEqual([
      { marketId: 'aave', protocol: 'aave-v3', chain: 'ethereum', asset: 'WETH', side: 'supply' },
      { marketId: 'aave', protocol: 'aave-v3', chain: 'ethereum', asset: 'USDC', side: 'borrow' },
    ]);
    expect(
      seriesNeeded({ strategy: strategy(), rateModes: { aave: 'model' }, hasPrices: () => true })
        .rates,
    ).toEqual([]);
  });
});

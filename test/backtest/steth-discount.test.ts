import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import {
  bundledHistory,
  closeOn,
  daysBetween,
  lendingAsset,
  lendingMarket,
  leverageLoop,
  ok,
  strategy,
  perSecondDay,
} from './helpers';

/**
 * Issue 10: a wstETH/ETH loop opened on 2022-05-01 at 8× in a correlated-assets mode (e-mode: LTV 0.90,
 * liquidation threshold 0.93, bonus 1 %), replayed through June 2022 when stETH traded at a discount.
 * wstETH's declared exchange rate 1.0693 stETH is the bundled wstETH/stETH close ratio on 2022-05-01
 * (3,025.03 / 2,828.92); it grows 4 %/year (Lido's staking yield then).
 */
const FROM = '2022-05-01';
const TO = '2022-06-30';
const LT = 0.93;
const BORROW_APR = 0.025;
const EXCHANGE_RATE = 1.0693;
const GROWTH = 0.04;

function loop(oracle: 'market' | 'exchange-rate') {
  return strategy({
    capital: [{ asset: 'WSTETH', amount: '10' }],
    prices: { WSTETH: '3000', ETH: '2800' },
    assets: {
      WSTETH: {
        kind: 'liquid-staking',
        peg: {
          asset: 'STETH',
          kind: 'exchange-rate',
          exchangeRate: String(EXCHANGE_RATE),
          exchangeRateAprGrowth: String(GROWTH),
        },
      },
    },
    markets: [
      lendingMarket(
        'aave-emode',
        {
          WSTETH: lendingAsset({ ltv: '0.7', lt: '0.8', bonus: '0.075', oracle }),
          ETH: lendingAsset({
            ltv: '0.8',
            lt: '0.825',
            bonus: '0.05',
            borrowApr: String(BORROW_APR),
          }),
        },
        {
          eMode: {
            label: 'ETH correlated',
            assets: ['WSTETH', 'ETH'],
            ltv: '0.9',
            liquidationThreshold: String(LT),
            liquidationBonus: '0.01',
          },
        },
      ),
      { id: 'dex', kind: 'dex', protocol: 'curve', chain: 'ethereum' },
    ],
    steps: leverageLoop({
      market: 'aave-emode',
      collateral: 'WSTETH',
      debt: 'ETH',
      capacityShare: '0.95',
      targetLeverage: '8',
      swapMarket: 'dex',
      flashLoanFeeRate: '0',
    }),
  });
}

const prices = bundledHistory('WSTETH', 'STETH', 'ETH');

/**
 * From the CSVs alone: 8× on 10 wstETH with no fees is 80 wstETH of collateral and
 * D = 70 · P_wstETH(0) / P_ETH(0) ETH of debt. With `market` pricing
 * HF_t = 0.93 · 80 · P_wstETH(t) / (D · g^t · P_ETH(t)), g = (1 + 0.025/31,536,000)^86,400 (per second).
 */
function independentMarketHealth() {
  const debt = (70 * closeOn('WSTETH', FROM)) / closeOn('ETH', FROM);
  return daysBetween(FROM, TO).map((date, t) => ({
    date,
    hf:
      (LT * 80 * closeOn('WSTETH', date)) /
      (debt * Math.pow(perSecondDay(BORROW_APR), t) * closeOn('ETH', date)),
    stethEth: closeOn('STETH', date) / closeOn('ETH', date),
  }));
}

describe('wstETH/ETH 8× loop through the June 2022 stETH discount', () => {
  it('with market pricing falls under HF 1 on the day of the stETH/ETH low (2022-06-15)', () => {
    const expected = independentMarketHealth();
    const first = expected.find((d) => d.hf < 1);
    expect(first?.date).toBe('2022-06-15');
    // That day the bundled stETH/ETH close ratio is 0.9367 (README: 0.9367 on 06-15), the lowest since
    // the loop was opened: the discount is what breaks the loop, ETH's own fall cancels out.
    const lowest = expected
      .slice(0, expected.indexOf(first!) + 1)
      .reduce((a, b) => (b.stethEth < a.stethEth ? b : a));
    expect(lowest.date).toBe('2022-06-15');
    expect(first?.stethEth).toBeCloseTo(0.9367, 4);

    const r = ok(runBacktest({ strategy: loop('market'), prices, from: FROM, to: TO }));
    expect(r.series.collateralUsd[0]).toBeCloseTo(80 * closeOn('WSTETH', FROM), 6);
    const t = expected.indexOf(first!);
    for (let i = 0; i <= t; i++) expect(r.series.healthFactor[i]).toBeCloseTo(expected[i]!.hf, 9);
    const liquidations = r.events.filter((e) => e.type === 'liquidation');
    expect(liquidations[0]?.date).toBe('2022-06-15');
    expect(r.stats.liquidationCount).toBeGreaterThan(0);
    // Equity is marked at market prices: at 8× a 6 % discount takes roughly half the equity.
    expect(r.stats.endEquityUsd).toBeLessThan(r.benchmarks.hold.endEquityUsd * 0.7);
  });

  it('with exchange-rate pricing the oracle ignores the discount and the loop survives', () => {
    const r = ok(runBacktest({ strategy: loop('exchange-rate'), prices, from: FROM, to: TO }));
    expect(r.stats.liquidationCount).toBe(0);
    // Oracle price = P_ETH · 1.0693 · (1 + 0.04/365)^t, so HF = 0.93 · 80 · 1.0693 · g_t / (D · b_t):
    // it depends on the two rates only and rises slowly (4 % growth against 2.5 % borrow).
    const debt = (70 * closeOn('WSTETH', FROM)) / closeOn('ETH', FROM);
    daysBetween(FROM, TO).forEach((_, t) => {
      const hf =
        (LT * 80 * EXCHANGE_RATE * Math.pow(1 + GROWTH / 365, t)) /
        (debt * Math.pow(perSecondDay(BORROW_APR), t));
      expect(r.series.healthFactor[t]).toBeCloseTo(hf, 9);
    });
    // The report carries both views: on 06-15 the oracle values the collateral above its market value.
    const i = daysBetween(FROM, TO).indexOf('2022-06-15');
    expect(r.series.oracleCollateralUsd[i]! / r.series.collateralUsd[i]!).toBeGreaterThan(1.06);
  });
});

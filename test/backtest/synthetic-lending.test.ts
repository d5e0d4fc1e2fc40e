import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import { flat, lendingAsset, lendingMarket, ok, path, perSecondDay, strategy } from './helpers';

/**
 * Hand-computed replays on synthetic price paths. The position: 10 ETH supplied (LTV 0.8, liquidation
 * threshold 0.85, bonus 5 %), 5,000 USDC borrowed at ETH = 1,000 (LTV 0.5) and kept in the wallet, so
 * HF = 0.85 · 10 · P / 5,000 and the account is liquidatable below P = 5,000 / 8.5 = 588.235…
 */
function ethUsdcLoan(
  rates: { supplyApr?: string; borrowApr?: string } = {},
  market: Record<string, unknown> = {},
) {
  return strategy({
    capital: [{ asset: 'ETH', amount: '10' }],
    prices: { ETH: '1000', USDC: '1' },
    markets: [
      lendingMarket(
        'lend',
        {
          ETH: lendingAsset({ ltv: '0.8', lt: '0.85', bonus: '0.05', supplyApr: rates.supplyApr }),
          USDC: lendingAsset({ ltv: '0.8', lt: '0.85', bonus: '0.05', borrowApr: rates.borrowApr }),
        },
        market,
      ),
    ],
    steps: [
      { id: 's1', type: 'supply', market: 'lend', asset: 'ETH', amount: 'all' },
      {
        id: 'b1',
        type: 'borrow',
        market: 'lend',
        asset: 'USDC',
        amount: { mode: 'targetLtv', value: '0.5' },
      },
    ],
  });
}

describe('liquidation on a synthetic path', () => {
  // Day:      0     1    2    3    4    5    6
  const eth = [1000, 900, 700, 600, 580, 560, 600];

  it('liquidates on the first close under HF 1, half the debt (HF ≥ 0.95), seizing debt·1.05/price', () => {
    const r = ok(
      runBacktest({
        strategy: ethUsdcLoan(),
        prices: { ETH: path('2024-01-01', eth), USDC: flat(eth.length) },
        from: '2024-01-01',
        to: '2024-01-07',
      }),
    );
    // HF by day = 8.5·P/5000: 1.7, 1.53, 1.19, 1.02, 0.986, …  → day 4 (2024-01-05) is the first under 1.
    expect(r.series.healthFactor[3]).toBeCloseTo(1.02, 12);
    expect(r.series.healthFactor[4]).toBeCloseTo(0.986, 12);
    const liquidations = r.events.filter((e) => e.type === 'liquidation');
    expect(liquidations).toHaveLength(1);
    const [event] = liquidations;
    if (event?.type !== 'liquidation') throw new Error('no liquidation');
    expect(event.date).toBe('2024-01-05');
    // 0.986 ≥ 0.95: close factor 0.5 → 2,500 USDC repaid; seized 2,500 · 1.05 / 580 = 4.525862068965… ETH.
    expect(event.closeFactor).toBe('0.5');
    expect(Number(event.debtRepaid)).toBe(2500);
    expect(Number(event.collateralSeized)).toBeCloseTo(2625 / 580, 15);
    // Bonus: 4.5258…·580 − 2,500 = 125 USD; seized value at market = 2,625 USD.
    expect(event.bonusUsd).toBeCloseTo(125, 9);
    expect(event.collateralSeizedUsd).toBeCloseTo(2625, 9);
    // After: 10 − 4.5258… = 5.4741… ETH against 2,500 → HF = 0.85 · 3,175 / 2,500 = 1.0795.
    expect(event.healthFactorAfter).toBeCloseTo(1.0795, 12);
    // Day 5 at 560: HF = 0.85 · 5.4741…·560 / 2,500 = 1.042275…, no second liquidation.
    expect(r.series.healthFactor[5]).toBeCloseTo((0.85 * (10 - 2625 / 580) * 560) / 2500, 12);
    // Equity on day 4: 5,000 USDC wallet + 5.4741…·580 − 2,500 = 5,675 (5,800 before: the 125 bonus is lost).
    expect(r.series.equity[4]).toBeCloseTo(5675, 9);
    expect(r.stats.liquidationCount).toBe(1);
    expect(r.stats.minHealthFactor).toBeCloseTo(0.986, 12);
    expect(r.stats.minHealthFactorDate).toBe('2024-01-05');
    expect(r.stats.collateralSeizedUsd).toBeCloseTo(2625, 9);
  });

  it('under HF 0.95 the whole debt may be repaid; collateral caps the seizure and leaves bad debt', () => {
    const crash = [1000, 520];
    const r = ok(
      runBacktest({
        strategy: ethUsdcLoan(),
        prices: { ETH: path('2024-01-01', crash), USDC: flat(2) },
        from: '2024-01-01',
        to: '2024-01-02',
      }),
    );
    // HF = 8.5·520/5000 = 0.884 < 0.95: close factor 1. 5,000·1.05/520 = 10.096 ETH > 10 held, so all
    // 10 ETH are seized and the repaid debt is 10·520/1.05 = 4,952.380952…; the 47.619… USDC left is
    // burned as the market's deficit (Aave v3.3 LiquidationLogic._burnBadDebt: no collateral left).
    const [event] = r.events;
    if (event?.type !== 'liquidation') throw new Error('no liquidation');
    expect(event.closeFactor).toBe('1');
    expect(Number(event.collateralSeized)).toBe(10);
    expect(Number(event.debtRepaid)).toBeCloseTo(5200 / 1.05, 10);
    expect(r.events).toHaveLength(1);
    expect(Number(r.final.lending[0]?.debts.USDC)).toBe(0);
    expect(event.deficitUsd).toBeCloseTo(5000 - 5200 / 1.05, 9); // USDC at 1
    // No collateral, no debt: no health factor after the call.
    expect(r.series.healthFactorAfterActions[1]).toBeNull();
    // The owner keeps the 5,000 USDC wallet either way (lending is non-recourse).
    expect(r.series.equity[1]).toBeCloseTo(5000, 9);
    expect(r.series.debtUsd[1]).toBe(0);
  });

  it('per second by default: a day multiplies by (1 + apr/31,536,000)^86,400', () => {
    const r = ok(
      runBacktest({
        strategy: ethUsdcLoan({ supplyApr: '0.0365', borrowApr: '0.073' }),
        prices: { ETH: path('2024-01-01', [1000, 1000, 1000]), USDC: flat(3) },
        from: '2024-01-01',
        to: '2024-01-03',
      }),
    );
    const account = r.final.lending[0];
    // 1.0001000049998… and 1.0002000199986… a day (e^(apr/365) to 1e-13)
    expect(Number(account?.supplies.ETH)).toBeCloseTo(10 * perSecondDay(0.0365) ** 2, 12);
    expect(Number(account?.debts.USDC)).toBeCloseTo(5000 * perSecondDay(0.073) ** 2, 9);
    expect(perSecondDay(0.0365)).toBeCloseTo(Math.exp(0.0001), 12);
    const earned = 10 * (perSecondDay(0.0365) ** 2 - 1) * 1000;
    expect(r.series.interestEarnedUsd[2]).toBeCloseTo(earned, 9);
    expect(r.series.interestPaidUsd[2]).toBeCloseTo(5000 * (perSecondDay(0.073) ** 2 - 1), 9);
  });

  it('a "daily" market accrues as amount × (1 + apr/365)', () => {
    // supply 3.65 % → 0.0001 a day; borrow 7.3 % → 0.0002 a day. Flat prices, three days.
    const r = ok(
      runBacktest({
        strategy: ethUsdcLoan(
          { supplyApr: '0.0365', borrowApr: '0.073' },
          { compounding: 'daily' },
        ),
        prices: { ETH: path('2024-01-01', [1000, 1000, 1000]), USDC: flat(3) },
        from: '2024-01-01',
        to: '2024-01-03',
      }),
    );
    const account = r.final.lending[0];
    // Balances are Float64 in the daily kernel: 10 · 1.0001² = 10.0020001 and 5,000 · 1.0002² =
    // 5,002.0002 up to the last bits (5,002.0001999999995 reads back as the float the kernel holds).
    expect(Number(account?.supplies.ETH)).toBeCloseTo(10.0020001, 12);
    expect(Number(account?.debts.USDC)).toBeCloseTo(5002.0002, 9);
    // Earned 0.001 ETH then 0.0010001 ETH at 1,000 = 2.0001 USD; paid 1 + 1.0002 = 2.0002 USD.
    expect(r.series.interestEarnedUsd[2]).toBeCloseTo(2.0001, 9);
    expect(r.series.interestPaidUsd[2]).toBeCloseTo(2.0002, 9);
    expect(r.series.healthFactor[2]).toBeCloseTo((0.85 * 10.0020001 * 1000) / 5002.0002, 12);
  });

  it('carries the last close over a missing day and reports it', () => {
    const eth = path('2024-01-01', [1000, 900, 800]);
    const gappy = { ts: [eth.ts[0] as number, eth.ts[2] as number], close: [1000, 800] };
    const r = ok(
      runBacktest({
        strategy: ethUsdcLoan(),
        prices: { ETH: gappy, USDC: flat(3) },
        from: '2024-01-01',
        to: '2024-01-03',
      }),
    );
    expect(r.priceCoverage.carriedDays).toEqual({ ETH: ['2024-01-02'] });
    expect(r.series.collateralUsd[1]).toBeCloseTo(10_000, 9); // 10 ETH at the carried 1,000
  });

  it('refuses a start before the history of an asset it holds', () => {
    const r = runBacktest({
      strategy: ethUsdcLoan(),
      prices: { ETH: path('2024-01-05', [1000]), USDC: flat(10) },
      from: '2024-01-01',
      to: '2024-01-06',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['PRICE_HISTORY_STARTS_LATER']);
  });

  it('refuses a start more than 7 days after the last close (a series that has ended)', () => {
    const r = runBacktest({
      strategy: ethUsdcLoan(),
      prices: { ETH: path('2023-12-01', [1000, 1000]), USDC: flat(10) },
      from: '2024-01-01',
      to: '2024-01-02',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['PRICE_HISTORY_STALE']);
  });
});

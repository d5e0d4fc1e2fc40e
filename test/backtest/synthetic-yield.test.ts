import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import type { Pool } from '../../src-main/engine/format/schema';
import { dex, flat, lendingAsset, lendingMarket, ok, path, strategy } from './helpers';

describe('LP positions', () => {
  const lpStrategy = (pool: Pool, feeApr: string) =>
    strategy({
      capital: [
        { asset: 'ETH', amount: '1' },
        { asset: 'USDC', amount: '1000' },
      ],
      prices: { ETH: '1000', USDC: '1' },
      markets: [dex],
      steps: [{ id: 'lp', type: 'lp', market: 'dex', pool, amounts: ['all', 'all'], feeApr }],
    });

  it('constant product: ETH ×4 leaves 0.5 ETH + 2,000 USDC, IL −1,000 USD; fees compound while in range', () => {
    // L = √(1 · 1000); at P = 4000: x = L/√P = 0.5 ETH, y = L·√P = 2,000 USDC → 4,000 USD vs 5,000 held.
    const r = ok(
      runBacktest({
        strategy: lpStrategy({ type: 'constant-product', assets: ['ETH', 'USDC'] }, '0.365'),
        prices: { ETH: path('2024-01-01', [1000, 4000]), USDC: flat(2) },
        from: '2024-01-01',
        to: '2024-01-02',
      }),
    );
    expect(r.series.impermanentLossUsd[0]).toBeCloseTo(0, 9);
    expect(r.series.impermanentLossUsd[1]).toBeCloseTo(-1000, 9);
    // Day 1 fees: 0.1 % (36.5 %/365) of day 0's 2,000 USD = 2 USD, kept in the position (× 1.001).
    expect(r.series.feesUsd[1]).toBeCloseTo(2, 12);
    expect(r.series.equity[1]).toBeCloseTo(4000 * 1.001, 9);
    expect(r.series.holdEquity[1]).toBeCloseTo(5000, 9);
  });

  it('concentrated: no fees for a day that starts out of range', () => {
    // Range 900–1,100; day 0 at 1,000 (in range) earns day 1's fee; day 1 closes at 1,200 (out), so day 2 earns none.
    const r = ok(
      runBacktest({
        strategy: lpStrategy(
          { type: 'concentrated', assets: ['ETH', 'USDC'], lower: '900', upper: '1100' },
          '0.365',
        ),
        prices: { ETH: path('2024-01-01', [1000, 1200, 1200]), USDC: flat(3) },
        from: '2024-01-01',
        to: '2024-01-03',
      }),
    );
    expect(r.series.feesUsd[1]).toBeGreaterThan(0);
    // By hand (Uniswap v3 §6.2–6.3): at P = 1,000 in [900, 1,100] the 1 ETH allows
    // L = 1/(1/√1000 − 1/√1100) = 679.5 and the 1,000 USDC L = 1000/(√1000 − √900) = 616.2, so L = 616.2
    // (the USDC binds): all 1,000 USDC and L·(1/√1000 − 1/√1100) = 0.907 ETH go in. Day 1's fee is
    // 0.1 % (36.5 %/365) of that 1,906.9 USD position: 1.9069.
    const L = 1000 / (Math.sqrt(1000) - Math.sqrt(900));
    const pooledUsd = L * (1 / Math.sqrt(1000) - 1 / Math.sqrt(1100)) * 1000 + 1000;
    expect(r.series.feesUsd[1]).toBeCloseTo(pooledUsd * 0.001, 9);
    // The range takes the two assets in its own ratio; what it leaves stays in the wallet and earns nothing.
    const leftoverUsd = Number(r.final.wallet.ETH ?? 0) * 1000 + Number(r.final.wallet.USDC ?? 0);
    expect(r.series.feesUsd[1]).toBeCloseTo((r.series.equity[0]! - leftoverUsd) * 0.001, 9);
    expect(r.series.feesUsd[2]).toBe(r.series.feesUsd[1]);
    // The report: in range on day 0 only (1,000 in [900, 1,100); 1,200 is not), and the closes used.
    expect(r.lps).toEqual([
      expect.objectContaining({ stepId: 'lp', lower: 900, upper: 1100, inRange: [1, 0, 0] }),
    ]);
    expect(r.lps[0]?.inRangeDays).toBe(1);
    expect(r.lps[0]?.inRangeShare).toBeCloseTo(1 / 3, 15);
    expect(r.prices['ETH']).toEqual([1000, 1200, 1200]);
  });

  it('a full-range pool is in range every day', () => {
    const r = ok(
      runBacktest({
        strategy: lpStrategy({ type: 'constant-product', assets: ['ETH', 'USDC'] }, '0.1'),
        prices: { ETH: path('2024-01-01', [1000, 4000]), USDC: flat(2) },
        from: '2024-01-01',
        to: '2024-01-02',
      }),
    );
    expect(r.lps[0]).toMatchObject({ lower: null, upper: null, inRange: [1, 1], inRangeShare: 1 });
  });
});

describe('stake, rewards and harvest', () => {
  it('accrues rewards daily, harvests weekly net of swap fee and gas, reinvests into the stake', () => {
    const r = ok(
      runBacktest({
        strategy: strategy({
          capital: [{ asset: 'USDC', amount: '1000' }],
          prices: { USDC: '1', REW: '2' },
          markets: [{ id: 'farm', kind: 'farm', protocol: 'convex', chain: 'ethereum' }],
          steps: [
            {
              id: 'stake',
              type: 'stake',
              market: 'farm',
              asset: 'USDC',
              amount: 'all',
              rewardAsset: 'REW',
              rewardApr: '0.365',
            },
            {
              id: 'h',
              type: 'harvest',
              frequencyDays: '7',
              gasUsd: '1',
              sellInto: 'USDC',
              swapFeeRate: '0.003',
              reinvestInto: 'stake',
            },
          ],
        }),
        prices: { USDC: flat(9) },
        from: '2024-01-01',
        to: '2024-01-09',
      }),
    );
    // REW has no history: held at the strategy's 2 USD, and reported.
    expect(r.priceCoverage.constantPrice).toEqual(['REW']);
    // Days 1–7: 1,000 · 0.001 = 1 USD (0.5 REW) a day. Day 7: 7 USD · (1 − 0.003) − 1 gas = 5.979 USDC restaked.
    const [h] = r.events;
    if (h?.type !== 'harvest') throw new Error('no harvest');
    expect(h.date).toBe('2024-01-08');
    expect(h.rewardsUsd).toBeCloseTo(7, 12);
    expect(Number(h.proceeds)).toBeCloseTo(5.979, 12);
    expect(h.reinvestedInto).toBe('stake');
    // Day 8 earns on 1,005.979: 1.005979 USD = 0.5029895 REW pending.
    expect(Number(r.final.stakes[0]?.amount)).toBeCloseTo(1005.979, 12);
    expect(Number(r.final.stakes[0]?.pendingRewards)).toBeCloseTo(0.5029895, 12);
    expect(r.series.rewardsUsd[8]).toBeCloseTo(8.005979, 12);
    expect(r.series.gasUsd[8]).toBe(1);
    expect(r.series.equity[8]).toBeCloseTo(1005.979 + 1.005979, 9);
  });
});

describe('perps', () => {
  it('pays funding daily and is liquidated under maintenance margin', () => {
    // 1,000 USDC margin, 5,000 USD long ETH at 1,000 (5 ETH); funding 36.5 %/yr = 0.1 % of notional a day.
    const r = ok(
      runBacktest({
        strategy: strategy({
          capital: [{ asset: 'USDC', amount: '1000' }],
          prices: { USDC: '1', ETH: '1000' },
          markets: [{ id: 'gmx', kind: 'perp', protocol: 'gmx-v2', chain: 'arbitrum' }],
          steps: [
            {
              id: 'p',
              type: 'perp',
              market: 'gmx',
              asset: 'ETH',
              side: 'long',
              notionalUsd: '5000',
              marginAsset: 'USDC',
              marginAmount: 'all',
              fundingApr: '0.365',
              maintenanceMarginRate: '0.05',
            },
          ],
        }),
        prices: { ETH: path('2024-01-01', [1000, 1000, 850, 820]), USDC: flat(4) },
        from: '2024-01-01',
        to: '2024-01-04',
      }),
    );
    // Day 1: funding 5 (5 ETH · 1,000 · 0.001) → margin 995. Day 2: another 5 → 990; PnL 5·(850 − 1,000) = −750,
    // equity 240 ≥ maintenance 5·850·0.05 = 212.5. Day 3: funding 5·850·0.001 = 4.25 → 985.75; PnL −900,
    // equity 85.75 < 205: liquidated, the margin is lost.
    expect(r.series.equity.slice(0, 3)).toEqual([1000, 995, 240]);
    expect(r.series.fundingUsd[3]).toBeCloseTo(-14.25, 12);
    const [liq] = r.events;
    if (liq?.type !== 'perp-liquidation') throw new Error('no perp liquidation');
    expect(liq.date).toBe('2024-01-04');
    expect(liq.marginLostUsd).toBeCloseTo(985.75, 12);
    expect(r.series.equity[3]).toBe(0);
    expect(r.stats.perpLiquidationCount).toBe(1);
  });
});

describe('automation rules', () => {
  // 10 ETH supplied (LT 0.85), 6,000 USDC borrowed at ETH = 1,000 and held.
  const loan = strategy({
    capital: [{ asset: 'ETH', amount: '10' }],
    prices: { ETH: '1000', USDC: '1' },
    markets: [
      lendingMarket('lend', {
        ETH: lendingAsset({ ltv: '0.8', lt: '0.85', bonus: '0.05' }),
        USDC: lendingAsset({ ltv: '0.8', lt: '0.85', bonus: '0.05' }),
      }),
    ],
    steps: [
      { id: 's', type: 'supply', market: 'lend', asset: 'ETH', amount: 'all' },
      {
        id: 'b',
        type: 'borrow',
        market: 'lend',
        asset: 'USDC',
        amount: { mode: 'targetLtv', value: '0.6' },
      },
    ],
  });

  it('deleverages to the target HF, paying swap fee and gas', () => {
    // ETH 800: HF = 0.85·10·800/6,000 = 1.1333 < 1.2. Withdraw a ETH, swap at 0.1 % fee, pay 5 USD gas, repay:
    // a = (1.5·6,000 − 6,800 + 1.5·5) / (1.5·800·0.999 − 800·0.85) = 2,207.5 / 518.8.
    const r = ok(
      runBacktest({
        strategy: loan,
        prices: { ETH: path('2024-01-01', [1000, 800]), USDC: flat(2) },
        from: '2024-01-01',
        to: '2024-01-02',
        options: {
          automation: {
            deleverage: { triggerHealthFactor: 1.2, targetHealthFactor: 1.5 },
            swapFeeRate: 0.001,
            gasUsd: 5,
          },
        },
      }),
    );
    const [e] = r.events;
    if (e?.type !== 'deleverage') throw new Error('no deleverage');
    const a = 2207.5 / 518.8;
    expect(Number(e.collateralAmount)).toBeCloseTo(a, 12);
    expect(Number(e.debtAmount)).toBeCloseTo(a * 800 * 0.999 - 5, 9);
    expect(e.healthFactorBefore).toBeCloseTo(6800 / 6000, 12);
    expect(e.healthFactorAfter).toBeCloseTo(1.5, 12);
    expect(e.swapFeeUsd).toBeCloseTo(a * 800 * 0.001, 9);
    expect(r.series.gasUsd[1]).toBe(5);
    expect(r.series.healthFactorAfterActions[1]).toBeCloseTo(1.5, 12);
  });

  it('re-leverages to the target HF when HF rises above the trigger', () => {
    // ETH 1,500: HF = 0.85·15,000/6,000 = 2.125 > 2. Borrow b USDC, swap to ETH (0.1 %), supply:
    // b = (L − 1.7·D)/(1.7 − 0.85·0.999) = (12,750 − 10,200)/0.85085.
    const r = ok(
      runBacktest({
        strategy: loan,
        prices: { ETH: path('2024-01-01', [1000, 1500]), USDC: flat(2) },
        from: '2024-01-01',
        to: '2024-01-02',
        options: {
          automation: {
            releverage: { triggerHealthFactor: 2, targetHealthFactor: 1.7 },
            swapFeeRate: 0.001,
          },
        },
      }),
    );
    const [e] = r.events;
    if (e?.type !== 'releverage') throw new Error('no releverage');
    const b = 2550 / (1.7 - 0.85 * 0.999);
    expect(Number(e.debtAmount)).toBeCloseTo(b, 9);
    expect(Number(e.collateralAmount)).toBeCloseTo((b * 0.999) / 1500, 12);
    expect(e.healthFactorAfter).toBeCloseTo(1.7, 12);
  });

  it('refuses rules that would flip-flop or trigger under 1', () => {
    const r = runBacktest({
      strategy: loan,
      prices: { ETH: flat(2, 1000), USDC: flat(2) },
      from: '2024-01-01',
      to: '2024-01-02',
      options: {
        automation: { deleverage: { triggerHealthFactor: 1.5, targetHealthFactor: 1.3 } },
      },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('BACKTEST_OPTIONS_INVALID');
  });
});

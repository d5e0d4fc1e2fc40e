import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import {
  bundledHistory,
  closeOn,
  daysBetween,
  dex,
  lendingAsset,
  lendingMarket,
  leverageLoop,
  ok,
  strategy,
  perSecondDay,
} from './helpers';

/**
 * A 2.5× leveraged ETH long (ETH collateral, USDC debt) opened at the 2021-05-11 close (ETH 4,168.70,
 * the local top) and replayed through the May 2021 crash on the bundled Yahoo closes.
 */
const FROM = '2021-05-11';
const TO = '2021-05-23';
const LT = 0.825;
const SUPPLY_APR = 0.001;
const BORROW_APR = 0.04;

const leveragedLong = strategy({
  capital: [{ asset: 'ETH', amount: '10' }],
  prices: { ETH: '4000', USDC: '1' },
  markets: [
    lendingMarket('aave', {
      ETH: lendingAsset({
        ltv: '0.8',
        lt: String(LT),
        bonus: '0.05',
        supplyApr: String(SUPPLY_APR),
      }),
      USDC: lendingAsset({
        ltv: '0.8',
        lt: '0.85',
        bonus: '0.045',
        borrowApr: String(BORROW_APR),
      }),
    }),
    dex,
  ],
  steps: leverageLoop({
    market: 'aave',
    collateral: 'ETH',
    debt: 'USDC',
    capacityShare: '0.9',
    targetLeverage: '2.5',
    swapMarket: 'dex',
  }),
});

const prices = bundledHistory('ETH', 'USDC');

/**
 * The health factor by day, computed from the CSVs alone: with no swap fee, 2.5× leverage on 10 ETH is
 * 25 ETH of collateral and debt D = 15 · P_ETH(0) / P_USDC(0) USDC; then
 * HF_t = LT · 25 · g_s^t · P_ETH(t) / (D · g_b^t · P_USDC(t)), g = (1 + apr/31,536,000)^86,400 (per second).
 */
function independentHealth(): { date: string; hf: number }[] {
  const debt = (15 * closeOn('ETH', FROM)) / closeOn('USDC', FROM);
  return daysBetween(FROM, TO).map((date, t) => ({
    date,
    hf:
      (LT * 25 * Math.pow(perSecondDay(SUPPLY_APR), t) * closeOn('ETH', date)) /
      (debt * Math.pow(perSecondDay(BORROW_APR), t) * closeOn('USDC', date)),
  }));
}

describe('leveraged ETH long through the May 2021 crash (bundled data)', () => {
  it('is liquidated on the first close whose health factor, from the data alone, is under 1', () => {
    const expected = independentHealth();
    const firstUnder = expected.find((d) => d.hf < 1);
    // From the CSVs: 05-17 (ETH 3,282.40) HF ≈ 1.082, 05-18 ≈ 1.114, 05-19 (ETH 2,460.68) ≈ 0.811.
    expect(firstUnder?.date).toBe('2021-05-19');

    const r = ok(runBacktest({ strategy: leveragedLong, prices, from: FROM, to: TO }));
    expect(r.series.collateralUsd[0]).toBeCloseTo(25 * closeOn('ETH', FROM), 6);
    expected.forEach((d, t) => {
      if (t <= 8) expect(r.series.healthFactor[t]).toBeCloseTo(d.hf, 9);
    });
    const liquidations = r.events.filter((e) => e.type === 'liquidation');
    expect(liquidations.length).toBeGreaterThan(0);
    // one call takes all the collateral (close factor 1, collateral < debt·1.05), then none is left
    expect(liquidations.length).toBe(1);
    expect(liquidations[0]?.date).toBe('2021-05-19');
    expect(new Set(liquidations.map((e) => e.date))).toEqual(new Set(['2021-05-19']));
    // HF 0.811 < 0.95: the whole debt may be repaid. The collateral (0.811/0.825 of the debt's value) does
    // not cover debt·1.05, so every ETH is seized and the rest of the debt is bad debt.
    const first = liquidations[0];
    if (first?.type !== 'liquidation') throw new Error('unreachable');
    expect(first.closeFactor).toBe('1');
    expect(Number(r.final.lending[0]?.supplies.ETH)).toBe(0);
    // What is left is bad debt, burned as the market's deficit (Aave v3.3 _burnBadDebt): no
    // collateral and no debt from then on.
    expect(r.series.healthFactorAfterActions[8]).toBeNull();
    expect(Number(r.final.lending[0]?.debts.USDC)).toBe(0);
    // By hand (zero swap fee): on 05-19 (t = 8) the 25·g_s^8 ETH are seized, repaying their
    // value / 1.05 at the day's closes (oracle = market); the rest of the debt D·g_b^8 is the
    // deficit, at the day's USDC close.
    const debt0 = (15 * closeOn('ETH', FROM)) / closeOn('USDC', FROM);
    const seizedEth = 25 * Math.pow(perSecondDay(SUPPLY_APR), 8);
    const repaid =
      (seizedEth * closeOn('ETH', '2021-05-19')) / (1.05 * closeOn('USDC', '2021-05-19'));
    expect(Number(first.collateralSeized)).toBeCloseTo(seizedEth, 9);
    expect(Number(first.debtRepaid)).toBeCloseTo(repaid, 6);
    const badDebt = debt0 * Math.pow(perSecondDay(BORROW_APR), 8) - repaid;
    expect(first.deficitUsd).toBeCloseTo(badDebt * closeOn('USDC', '2021-05-19'), 6);
  });

  it('survives with a deleverage rule (HF < 1.3 → back to 1.8)', () => {
    const r = ok(
      runBacktest({
        strategy: leveragedLong,
        prices,
        from: FROM,
        to: TO,
        options: {
          automation: {
            deleverage: { triggerHealthFactor: 1.3, targetHealthFactor: 1.8 },
            swapFeeRate: 0.0005,
          },
        },
      }),
    );
    expect(r.stats.liquidationCount).toBe(0);
    // The rule first fires on 05-12, the first close under 1.3 (HF ≈ 1.2487 from the data).
    const actions = r.events.filter((e) => e.type === 'deleverage');
    expect(actions[0]?.date).toBe('2021-05-12');
    for (const a of actions) {
      if (a.type === 'deleverage') expect(a.healthFactorAfter).toBeCloseTo(1.8, 9);
    }
    expect(Math.min(...(r.series.healthFactorAfterActions as number[]))).toBeGreaterThan(1.29);
    expect(r.stats.minHealthFactor).toBeGreaterThan(1);
    expect(r.stats.endEquityUsd).toBeGreaterThan(0);
  });
});

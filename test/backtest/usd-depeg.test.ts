import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import {
  bundledHistory,
  closeOn,
  daysBetween,
  dex,
  lendingAsset,
  lendingMarket,
  ok,
  strategy,
} from './helpers';

/**
 * Issue 10: the USDC depeg of 2023-03-11 (bundled closes: USDC 0.9715, DAI 0.973869; back near 1 on
 * 03-13). Oracles price stablecoins at market here (Chainlink USDC/USD and DAI/USD market feeds).
 */
const FROM = '2023-03-09';
const TO = '2023-03-14';
const days = daysBetween(FROM, TO);
const prices = bundledHistory('ETH', 'USDC', 'DAI');

const market = lendingMarket('aave', {
  ETH: lendingAsset({ ltv: '0.8', lt: '0.825', bonus: '0.05' }),
  USDC: lendingAsset({ ltv: '0.77', lt: '0.8', bonus: '0.045' }),
  DAI: lendingAsset({ ltv: '0.63', lt: '0.77', bonus: '0.05' }),
});

describe('USDC depeg, March 2023 (bundled data)', () => {
  it('USDC collateral borrowing ETH: HF and equity drop with the USDC close on 03-11', () => {
    // 100,000 USDC supplied, ETH borrowed to LTV 0.6 at the 03-09 closes and held in the wallet, so the
    // ETH held and the ETH owed cancel: equity = 100,000 · P_USDC(t) and
    // HF_t = 0.8 · 100,000 · P_USDC(t) / (D · P_ETH(t)), D = 0.6 · 100,000 · P_USDC(0) / P_ETH(0).
    const r = ok(
      runBacktest({
        strategy: strategy({
          capital: [{ asset: 'USDC', amount: '100000' }],
          prices: { ETH: '1500', USDC: '1' },
          markets: [market],
          steps: [
            { id: 's', type: 'supply', market: 'aave', asset: 'USDC', amount: 'all' },
            {
              id: 'b',
              type: 'borrow',
              market: 'aave',
              asset: 'ETH',
              amount: { mode: 'targetLtv', value: '0.6' },
            },
          ],
        }),
        prices,
        from: FROM,
        to: TO,
      }),
    );
    const debt = (0.6 * 100_000 * closeOn('USDC', FROM)) / closeOn('ETH', FROM);
    days.forEach((date, t) => {
      const hf = (0.8 * 100_000 * closeOn('USDC', date)) / (debt * closeOn('ETH', date));
      expect(r.series.healthFactor[t]).toBeCloseTo(hf, 9);
      expect(r.series.equity[t]).toBeCloseTo(100_000 * closeOn('USDC', date), 6);
    });
    const i = days.indexOf('2023-03-11');
    expect(r.series.equity[i]).toBeCloseTo(97_150, 6); // 100,000 × 0.9715
    expect(r.stats.maxDrawdownTroughDate).toBe('2023-03-11');
    // Back near the peg on 03-13: 100,000 × 0.998947.
    expect(r.series.equity[days.indexOf('2023-03-13')]).toBeCloseTo(99_894.7, 6);
    // 03-10 → 03-11 the HF falls by the USDC move (0.999479 → 0.9715) times ETH's (1,429.16 → 1,482.62):
    // 2.8 % of the fall is the depeg alone.
    const ratio = (r.series.healthFactor[i] as number) / (r.series.healthFactor[i - 1] as number);
    expect(ratio).toBeCloseTo((0.9715 / 0.999479) * (1429.16 / 1482.62), 12);
  });

  it('ETH collateral with DAI debt: the DAI discount lowers the debt, HF and equity rise on 03-11', () => {
    // 100 ETH supplied, DAI borrowed to LTV 0.5 and swapped (no fee) to ETH, supplied again:
    // collateral C = 100 + D·P_DAI(0)/P_ETH(0) ETH; HF_t = 0.825 · C · P_ETH(t) / (D · P_DAI(t));
    // equity_t = C · P_ETH(t) − D · P_DAI(t).
    const r = ok(
      runBacktest({
        strategy: strategy({
          capital: [{ asset: 'ETH', amount: '100' }],
          prices: { ETH: '1500', DAI: '1' },
          markets: [market, dex],
          steps: [
            { id: 's', type: 'supply', market: 'aave', asset: 'ETH', amount: 'all' },
            {
              id: 'b',
              type: 'borrow',
              market: 'aave',
              asset: 'DAI',
              amount: { mode: 'targetLtv', value: '0.5' },
            },
            { id: 'sw', type: 'swap', market: 'dex', from: 'DAI', to: 'ETH', amount: 'all' },
            { id: 's2', type: 'supply', market: 'aave', asset: 'ETH', amount: 'all' },
          ],
        }),
        prices,
        from: FROM,
        to: TO,
      }),
    );
    const debt = (0.5 * 100 * closeOn('ETH', FROM)) / closeOn('DAI', FROM);
    const collateral = 100 + (debt * closeOn('DAI', FROM)) / closeOn('ETH', FROM);
    days.forEach((date, t) => {
      expect(r.series.healthFactor[t]).toBeCloseTo(
        (0.825 * collateral * closeOn('ETH', date)) / (debt * closeOn('DAI', date)),
        9,
      );
      expect(r.series.equity[t]).toBeCloseTo(
        collateral * closeOn('ETH', date) - debt * closeOn('DAI', date),
        6,
      );
    });
    // On 03-11 the debt is worth D · 0.973869 USD: 2.6 % less than at the peg.
    const i = days.indexOf('2023-03-11');
    expect(r.series.debtUsd[i]).toBeCloseTo(debt * 0.973869, 6);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  annualizedReturn,
  dailyReturns,
  maxDrawdown,
  sharpe,
  totalReturn,
  volatility,
} from '../../src-main/backtest/stats';
import { isoFromDay, dayFromIso } from '../../src-main/backtest/calendar';

describe('statistics on a tiny hand series', () => {
  // Equity 100 → 110 → 99 → 121 → 108.9; daily returns +10 %, −10 %, +22.2…%, −10 %.
  const equity = [100, 110, 99, 121, 108.9];

  it('max drawdown is the largest fall from a running peak', () => {
    // Peaks 100, 110, 110, 121, 121: falls 0, 0, 11/110 = 10 %, 0, 12.1/121 = 10 %; the first 10 % wins.
    const dd = maxDrawdown(equity);
    expect(dd.maxDrawdown).toBeCloseTo(0.1, 15);
    expect([dd.peakIndex, dd.troughIndex]).toEqual([1, 2]);
    // With a starting capital of 130 before day 0, the fall 130 → 99 (23.846 %) is the largest.
    expect(maxDrawdown(equity, 130).maxDrawdown).toBeCloseTo(31 / 130, 15);
    expect(maxDrawdown(equity, 130).peakIndex).toBe(-1);
  });

  it('volatility and Sharpe use the sample standard deviation of daily returns, √365 a year', () => {
    const r = dailyReturns(equity);
    expect(r.map((x) => Number(x.toFixed(12)))).toEqual([
      0.1,
      -0.1,
      Number((22 / 99).toFixed(12)),
      -0.1,
    ]);
    // mean = (0.1 − 0.1 + 0.2222… − 0.1)/4 = 0.030555…; deviations 0.069444, −0.130556, 0.191667, −0.130556;
    // squares sum 0.0048225 + 0.0170448 + 0.0367361 + 0.0170448 = 0.0756481 → sd = √(0.0756481/3) = 0.158796.
    const mean = (0.1 - 0.1 + 22 / 99 - 0.1) / 4;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);
    expect(sd).toBeCloseTo(0.158796, 6);
    expect(volatility(r)).toBeCloseTo(sd * Math.sqrt(365), 12);
    expect(sharpe(r)).toBeCloseTo((mean / sd) * Math.sqrt(365), 12);
    // A 3.65 % risk-free rate takes 0.0001 a day off the mean.
    expect(sharpe(r, 0.0365)).toBeCloseTo(((mean - 0.0001) / sd) * Math.sqrt(365), 12);
    expect(sharpe([0, 0, 0])).toBeNull();
  });

  it('total and annualized return', () => {
    expect(totalReturn(100, 108.9)).toBeCloseTo(0.089, 15);
    // 10 % over 730 days is (1.1)^(1/2) − 1 a year.
    expect(annualizedReturn(0.1, 730)).toBeCloseTo(Math.sqrt(1.1) - 1, 15);
    expect(annualizedReturn(-1, 30)).toBe(-1);
    expect(annualizedReturn(0.1, 0)).toBeNull();
  });

  it('drawdown is within [0, 1) for positive series and 0 for a rising one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (xs) => {
          const dd = maxDrawdown(xs).maxDrawdown;
          expect(dd).toBeGreaterThanOrEqual(0);
          expect(dd).toBeLessThan(1);
          const rising = [...xs].sort((a, b) => a - b);
          expect(maxDrawdown(rising).maxDrawdown).toBe(0);
        },
      ),
    );
  });
});

describe('calendar', () => {
  it('formats UTC days without Date and round-trips', () => {
    for (const day of ['1970-01-01', '2000-02-29', '2020-03-12', '2023-12-31', '2100-03-01']) {
      expect(isoFromDay(dayFromIso(day) as number)).toBe(day);
    }
    expect(dayFromIso('2021-02-30')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000 }), (n) => {
        const ts = n * 86_400;
        expect(isoFromDay(ts)).toBe(new Date(ts * 1000).toISOString().slice(0, 10));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { alignHistory, cholesky, estimateGbm, logReturns } from '../../src-main/risk/estimate';
import { dayFromIso } from '../../src-main/backtest/calendar';

const day = (iso: string) => dayFromIso(iso)!;

describe('estimation', () => {
  it('log returns, annualized volatility and drift from a hand-made series', () => {
    // log returns +0.02, −0.01, +0.02, −0.01: mean 0.005, sample variance 0.0003 (n−1 = 3)
    const closes = [
      100,
      100 * Math.exp(0.02),
      100 * Math.exp(0.01),
      100 * Math.exp(0.03),
      100 * Math.exp(0.02),
    ];
    const r = logReturns(closes);
    expect(Array.from(r).map((x) => Number(x.toFixed(12)))).toEqual([0.02, -0.01, 0.02, -0.01]);
    const history = {
      A: { ts: closes.map((_, i) => day('2024-01-01') + i * 86_400), close: closes },
    };
    const p = estimateGbm(alignHistory({ history, assets: ['A'] }));
    const sigma = Math.sqrt(0.0003 * 365);
    expect(p.volAnnual[0]).toBeCloseTo(sigma, 12);
    expect(p.driftAnnual[0]).toBeCloseTo(0.005 * 365 + (sigma * sigma) / 2, 12);
  });

  it('aligns assets on their common days within the window', () => {
    const history = {
      A: { ts: [day('2024-01-01'), day('2024-01-02'), day('2024-01-03')], close: [1, 2, 3] },
      B: { ts: [day('2024-01-02'), day('2024-01-03'), day('2024-01-04')], close: [20, 30, 40] },
    };
    const aligned = alignHistory({ history, assets: ['A', 'B'], to: '2024-01-03' });
    expect(aligned.dates).toEqual(['2024-01-02', '2024-01-03']);
    expect(Array.from(aligned.closes[1]!)).toEqual([20, 30]);
  });

  it('correlation of perfectly opposite returns is −1; Cholesky reproduces the matrix', () => {
    const a = [1, 1.1, 1.0, 1.2, 1.1];
    const history = {
      A: { ts: a.map((_, i) => i * 86_400), close: a },
      B: { ts: a.map((_, i) => i * 86_400), close: a.map((x) => 1 / x) },
    };
    const p = estimateGbm(alignHistory({ history, assets: ['A', 'B'] }));
    expect(p.correlation[0]![1]).toBeCloseTo(-1, 12);
    const rho = 0.6;
    const l = cholesky([
      [1, rho],
      [rho, 1],
    ]);
    // L = [[1, 0], [ρ, √(1−ρ²)]]
    expect(Array.from(l)).toEqual([1, 0, rho, Math.sqrt(1 - rho * rho)]);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() =>
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(/NOT_POSITIVE_DEFINITE/);
  });
});

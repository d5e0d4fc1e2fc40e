import { describe, expect, it } from 'vitest';
import { simulate } from '../../src-main/risk/monte-carlo';
import { fixture, normalCdf } from './helpers';

/**
 * Probability that S_t = S_0·exp(νt + σW_t) touches the lower barrier B < S_0 before T
 * (reflection principle; e.g. Shreve, Stochastic Calculus for Finance II, §7.3.3):
 *   P = Φ((b − νT)/(σ√T)) + e^{2νb/σ²}·Φ((b + νT)/(σ√T)),  b = ln(B/S_0), ν = μ − σ²/2.
 */
function continuousHitProbability({
  b,
  nu,
  sigma,
  T,
}: {
  b: number;
  nu: number;
  sigma: number;
  T: number;
}): number {
  const s = sigma * Math.sqrt(T);
  return (
    normalCdf((b - nu * T) / s) +
    Math.exp((2 * nu * b) / (sigma * sigma)) * normalCdf((b + nu * T) / s)
  );
}

/** Broadie, Glasserman & Kou (1997): monitoring every Δt ≈ continuous monitoring of B·e^{−βσ√Δt}. */
const BETA = 0.5825971579390107; // −ζ(1/2)/√(2π)

describe('GBM liquidation probability against the closed form (one collateral, constant debt, zero rates)', () => {
  // 10 ETH at $3,000 with LT 0.8 against 19,200 USDC: HF_0 = 10·3000·0.8/19200 = 1.25, so the
  // position is liquidated when ETH closes below 3000/1.25 = $2,400 (B/S_0 = 0.8) on any day.
  const sigma = 0.8;
  const mu = 0.05;
  const days = 60;
  const dt = 1 / 365;
  const T = days * dt;
  const nu = mu - (sigma * sigma) / 2;
  const b = Math.log(0.8);

  it('matches the discretely monitored barrier within 1 percentage point at 100,000 paths', async () => {
    const result = await simulate({
      strategy: fixture('eth-collateral-constant-debt.json'),
      options: {
        model: 'gbm',
        paths: 100_000,
        days,
        seed: 20_240_601,
        gbm: { assets: { ETH: { driftAnnual: mu, volAnnual: sigma } } },
        depeg: { mode: 'none' }, // a hard USD peg: the debt stays constant
        fanPoints: 2,
      },
      threads: 1,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.parameters.factors).toEqual(['ETH']);
    expect(result.parameters.pegged).toContain('USDC'); // USDC follows its USD peg: constant debt

    const corrected = continuousHitProbability({
      b: b - BETA * sigma * Math.sqrt(dt),
      nu,
      sigma,
      T,
    });
    const continuous = continuousHitProbability({ b, nu, sigma, T });
    const p = result.liquidation.probability;
    // Monte Carlo standard error √(p(1−p)/n) ≈ 0.0016 here, so 1 pp is about six standard errors.
    expect(Math.abs(p - corrected)).toBeLessThan(0.01);
    // and the correction matters: daily monitoring misses crossings between closes
    expect(continuous - p).toBeGreaterThan(0.02);
    // the cumulative curve ends at the probability and never decreases
    const curve = result.liquidation.cumulativeByDay;
    expect(curve[days]).toBeCloseTo(p, 12);
    expect(curve.every((v, i) => i === 0 || v >= curve[i - 1]!)).toBe(true);
  });
});

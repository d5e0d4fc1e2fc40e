import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import type { SimulationResult } from '../../src-main/risk/monte-carlo';
import { tempDir } from '../db/temp-db';
import { fixture, normalCdf } from './helpers';

/**
 * `yieldplan simulate` set entirely by its flags (zero drift, a given volatility, a hard USD peg)
 * against the closed-form barrier probability with the Broadie–Glasserman–Kou (1997) correction
 * for daily monitoring: a GBM monitored every Δt behaves like one monitored continuously against
 * the barrier shifted to B·e^{−βσ√Δt}, β = −ζ(1/2)/√(2π) ≈ 0.5826.
 * Continuous hit probability of ln S = νt + σW below b = ln(B/S₀) by T (reflection principle):
 *   P = Φ((b − νT)/(σ√T)) + e^{2νb/σ²} Φ((b + νT)/(σ√T)),  ν = μ − σ²/2 = −σ²/2 at zero drift.
 */
const BETA = 0.5825971579390107;

function hitProbability(b: number, nu: number, sigma: number, T: number): number {
  const s = sigma * Math.sqrt(T);
  return (
    normalCdf((b - nu * T) / s) +
    Math.exp((2 * nu * b) / (sigma * sigma)) * normalCdf((b + nu * T) / s)
  );
}

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('yieldplan simulate flags against the Broadie–Glasserman corrected barrier', () => {
  it('zero drift, σ = 60 %: P(liquidated within a year) within 1 pp at 100,000 paths', async () => {
    // 10 ETH at $3,000, LT 0.8, 15,000 USDC debt, zero rates: HF₀ = 24,000 / 15,000 = 1.6, so
    // liquidation is a daily close of ETH below 3,000 / 1.6 = $1,875 (B/S₀ = 0.625)
    const strategy = fixture('eth-collateral-constant-debt.json') as {
      steps: Array<{ amount?: unknown }>;
    };
    strategy.steps[1]!.amount = { mode: 'amount', value: '15000' };
    const file = path.join(tmp.dir, 'barrier.json');
    writeFileSync(file, JSON.stringify(strategy));
    let out = '';
    let err = '';
    const code = await main(
      [
        'simulate',
        file,
        '--paths',
        '100000',
        '--days',
        '365',
        '--seed',
        '2026',
        '--drift',
        'ETH=0',
        '--vol',
        'ETH=0.6',
        '--depeg',
        'none',
        '--json',
      ],
      { out: (t) => void (out += t), err: (t) => void (err += t) },
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as SimulationResult;
    expect(r.paths).toBe(100_000);
    expect(r.parameters.drift.annual.ETH).toBe(0);
    expect(r.parameters.gbm!.volAnnual).toEqual([0.6]);
    expect(r.parameters.pegged).toContain('USDC');

    const sigma = 0.6;
    const dt = 1 / 365;
    const b = Math.log(0.625);
    const nu = -(sigma * sigma) / 2;
    const corrected = hitProbability(b - BETA * sigma * Math.sqrt(dt), nu, sigma, 1);
    // standard error √(p(1−p)/n) ≈ 0.0016: 1 pp is about six of them
    expect(Math.abs(r.liquidation.probability - corrected)).toBeLessThan(0.01);
    // continuous monitoring would overstate it: the correction is what makes the match
    expect(hitProbability(b, nu, sigma, 1) - r.liquidation.probability).toBeGreaterThan(0.01);
  }, 120_000);

  it('depeg and drift flags reach the simulation options', async () => {
    const file = path.join(tmp.dir, 'flags.json');
    writeFileSync(file, JSON.stringify(fixture('eth-collateral-constant-debt.json')));
    let out = '';
    const code = await main(
      [
        'simulate',
        file,
        '--paths',
        '64',
        '--days',
        '40',
        '--drift-mode',
        'historical',
        '--vol',
        'ETH=0.5',
        '--depeg-jumps',
        'USDC=1:0.05:2',
        '--depeg-stress',
        '0.1@30:5=USDC',
        '--json',
      ],
      { out: (t) => void (out += t), err: () => undefined },
    );
    expect(code).toBe(0);
    const r = JSON.parse(out) as SimulationResult;
    expect(r.parameters.drift.mode).toBe('historical');
    expect(r.parameters.drift.caution).not.toBeNull();
    expect(r.parameters.gbm!.volAnnual).toEqual([0.5]);
    expect(r.parameters.depeg.assets.USDC).toMatchObject({
      eventsPerYear: 1,
      depth: 0.05,
      halfLifeDays: 2,
    });
    expect(r.parameters.depeg.stress).toEqual({
      assets: ['USDC'],
      depth: 0.1,
      day: 30,
      halfLifeDays: 5,
    });
  });

  it('flags that do not parse are refused with the flag named', async () => {
    let err = '';
    const code = await main(['simulate', 'x.json', '--vol', 'ETH'], {
      out: () => undefined,
      err: (t) => void (err += t),
    });
    expect(code).toBe(1);
    expect(err).toMatch(/--vol expects ASSET=number|cannot read/);
  });
});

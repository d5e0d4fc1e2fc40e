import { describe, expect, it } from 'vitest';
import { alignHistory, estimateGbm } from '../../src-main/risk/estimate';
import {
  DEPEG_CALIBRATION,
  DepegStepper,
  calibrateDepeg,
  depegModel,
} from '../../src-main/risk/models/depeg';
import { bootstrapModel } from '../../src-main/risk/models/bootstrap';
import { HISTORICAL_DRIFT_CAUTION, simulate } from '../../src-main/risk/monte-carlo';
import { Rng } from '../../src-main/risk/rng';
import { bundledHistory, fixture } from './helpers';

const ratioSeries = (asset: string, peg: string | null) => {
  const h = bundledHistory(peg ? [asset, peg] : [asset]);
  const aligned = alignHistory({ history: h, assets: peg ? [asset, peg] : [asset] });
  const ratio = aligned.closes[0]!.map((c, t) => (peg ? c / aligned.closes[1]![t]! : c));
  return { dates: aligned.dates, ratio };
};

describe('depeg calibration from the bundled history', () => {
  it('USD stablecoins: the USDC episodes (March 2020, March 2023) give the shipped parameters', () => {
    const c = calibrateDepeg({ ...ratioSeries('USDC', null), threshold: 0.02 });
    const shipped = DEPEG_CALIBRATION.stablecoin;
    expect(c.episodes.map((e) => e.trough)).toEqual(shipped.episodes);
    // 2023-03-11 close 0.9715 (SVB weekend): the 2.85 % gap, half of it gone the next day
    expect(c.episodes[1]).toMatchObject({ trough: '2023-03-11', recoveryDays: 1 });
    expect(c.episodes[1]!.depth).toBeCloseTo(0.0285, 6);
    expect(c.eventsPerYear).toBeCloseTo(shipped.eventsPerYear, 4);
    expect(c.depth).toBeCloseTo(shipped.depth, 4);
    expect(c.halfLifeDays).toBe(shipped.halfLifeDays);
  });

  it('liquid staking: stETH/ETH episodes (March 2021, June 2022) give the shipped parameters', () => {
    const c = calibrateDepeg({ ...ratioSeries('STETH', 'ETH'), threshold: 0.05 });
    const shipped = DEPEG_CALIBRATION['liquid-staking'];
    expect(c.episodes.map((e) => e.trough)).toEqual(shipped.episodes);
    // June 2022 (3AC/Celsius): 0.9367 on 06-15, back above 0.9683 after 18 days
    expect(c.episodes[1]!.depth).toBeCloseTo(0.0633, 3);
    expect(c.episodes[1]!.recoveryDays).toBe(18);
    expect(c.eventsPerYear).toBeCloseTo(shipped.eventsPerYear, 4);
    expect(c.depth).toBeCloseTo(shipped.depth, 4);
    expect(c.halfLifeDays).toBe(shipped.halfLifeDays);
  });
});

describe('the depeg path model', () => {
  const level = (growth: Float64Array, days: number) => {
    const out: number[] = [];
    let p = 1;
    for (let d = 0; d < days; d++) out.push((p *= growth[d]!));
    return out;
  };

  it('a user stress: the gap opens after its day and closes at its half-life', () => {
    const model = depegModel(0, [
      {
        anchor: -1,
        ratioGrowthPerDay: 1,
        jumps: null,
        stress: { day: 5, depth: 0.1, halfLifeDays: 2 },
      },
    ]);
    const growth = new Float64Array(10);
    new DepegStepper(null, model).fillPath(new Rng(1, 0), 10, growth, 0, 1);
    const prices = level(growth, 10);
    for (let d = 0; d < 4; d++) expect(prices[d]).toBeCloseTo(1, 14);
    for (let d = 4; d < 10; d++) expect(prices[d]).toBeCloseTo(1 - 0.1 * 2 ** (-(d - 4) / 2), 12);
  });

  it('jumps: P(no event by T) = e^(−λT) and E[level] = e^(−λT·depth) for a gap that never closes', () => {
    const lambdaPerDay = 0.02;
    const days = 50;
    const depth = 0.05;
    const model = depegModel(0, [
      {
        anchor: -1,
        ratioGrowthPerDay: 1,
        jumps: { eventsPerYear: lambdaPerDay * 365, depth, halfLifeDays: Infinity },
        stress: null,
      },
    ]);
    const stepper = new DepegStepper(null, model);
    const rng = new Rng(7, 0);
    const growth = new Float64Array(days);
    const n = 40_000;
    let untouched = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      stepper.fillPath(rng, days, growth, 0, 1);
      const last = level(growth, days).at(-1)!;
      if (last === 1) untouched++;
      sum += last;
    }
    const lt = lambdaPerDay * days;
    const p0 = Math.exp(-lt);
    expect(Math.abs(untouched / n - p0)).toBeLessThan(4 * Math.sqrt((p0 * (1 - p0)) / n));
    // E[(1−d)^N], N ~ Poisson(λT), = e^(−λT·d)
    expect(sum / n).toBeCloseTo(Math.exp(-lt * depth), 3);
  });

  it('a pegged factor follows its anchor’s move times the exchange-rate growth', () => {
    const model = depegModel(1, [
      { anchor: 0, ratioGrowthPerDay: 1.0001, jumps: null, stress: null },
    ]);
    const base = {
      fillPath: (
        _r: Rng,
        days: number,
        g: Float64Array,
        lane: number,
        stride: number,
        rowFactors = 1,
      ) => {
        for (let d = 0; d < days; d++) g[d * rowFactors * stride + lane] = 1 + 0.01 * (d + 1);
      },
    };
    const growth = new Float64Array(2 * 3);
    new DepegStepper(base, model).fillPath(new Rng(1, 0), 3, growth, 0, 1);
    expect([...growth]).toEqual([1.01, 1.01 * 1.0001, 1.02, 1.02 * 1.0001, 1.03, 1.03 * 1.0001]);
  });
});

describe('simulate: drift and pegs', () => {
  const strategy = fixture('eth-collateral-constant-debt.json');
  const history = bundledHistory(['ETH', 'USDC']);

  it('drift defaults to zero and is reported; historical drift is labelled with its caution', async () => {
    const run = (drift?: 'zero' | 'historical') =>
      simulate({
        strategy,
        history,
        options: { model: 'gbm', paths: 64, days: 30, seed: 3, ...(drift ? { drift } : {}) },
        threads: 1,
      });
    const zero = await run();
    const historical = await run('historical');
    if (!zero.ok || !historical.ok) throw new Error('simulation failed');
    expect(zero.parameters.drift).toEqual({
      mode: 'zero',
      annual: { ETH: 0, USDC: 0 },
      overridden: [],
      caution: null,
    });
    expect(zero.parameters.gbm!.driftAnnual).toEqual([0]);
    // the default window: the last 3 years of the bundled ETH history, 2022-11-19 … 2025-11-19
    expect(historical.parameters.window).toMatchObject({
      from: '2022-11-19',
      to: '2025-11-19',
      basis: 'default',
    });
    const estimated = estimateGbm(
      alignHistory({ history, assets: ['ETH'], from: '2022-11-19', to: '2025-11-19' }),
    );
    expect(historical.parameters.drift.annual.ETH).toBeCloseTo(estimated.driftAnnual[0]!, 12);
    expect(historical.parameters.drift.annual.ETH).toBeGreaterThan(0.3); // ETH ~1,200 → ~3,000
    expect(historical.parameters.drift.caution).toBe(HISTORICAL_DRIFT_CAUTION);
  });

  it('USDC is pegged with the calibrated jumps, not a random walk of its data noise', async () => {
    const r = await simulate({
      strategy,
      history,
      options: { model: 'gbm', paths: 16, days: 30, seed: 3 },
      threads: 1,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.parameters.gbm!.assets).toEqual(['ETH']); // no volatility fitted to USDC
    expect(r.parameters.depeg.assets.USDC).toEqual({
      anchor: 'USD',
      class: 'stablecoin',
      eventsPerYear: DEPEG_CALIBRATION.stablecoin.eventsPerYear,
      depth: DEPEG_CALIBRATION.stablecoin.depth,
      halfLifeDays: 1,
    });
  });

  it('a permanent 20 % USDC depeg stress cuts the debt’s value on every path', async () => {
    // the borrowed 19,200 USDC swapped (no fee) into 6.4 ETH, ETH held still (volatility 0), zero
    // rates: equity 30,000 at the start, 30,000 + 0.2 × 19,200 = 33,840 once USDC trades at 0.8
    const levered = structuredClone(strategy) as { steps: unknown[] };
    levered.steps.push({ id: 'swap', type: 'swap', from: 'USDC', to: 'ETH', amount: 'all' });
    const r = await simulate({
      strategy: levered,
      history,
      options: {
        model: 'gbm',
        paths: 8,
        days: 10,
        seed: 1,
        gbm: { assets: { ETH: { volAnnual: 0 } } },
        depeg: { mode: 'none', stress: { depth: 0.2, day: 3 } },
      },
      threads: 1,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.startEquityUsd).toBeCloseTo(30_000, 9);
    expect(r.terminalEquityUsd.p1).toBeCloseTo(33_840, 6);
    expect(r.terminalEquityUsd.p99).toBeCloseTo(33_840, 6);
    expect(r.parameters.depeg.stress).toEqual({
      assets: ['USDC'],
      depth: 0.2,
      day: 3,
      halfLifeDays: null,
    });
  });

  it('refuses a depeg stress on an asset that is not pegged', async () => {
    const r = await simulate({
      strategy,
      history,
      options: {
        model: 'gbm',
        paths: 8,
        seed: 1,
        depeg: { stress: { depth: 0.1, assets: ['ETH'] } },
      },
      threads: 1,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.code).toBe('DEPEG_STRESS_NOT_PEGGED');
  });

  it('the zero-drift bootstrap resamples growth multiples with mean exactly 1', () => {
    const aligned = alignHistory({ history, assets: ['ETH'] });
    const m = bootstrapModel({ history: aligned, meanBlockLength: 10, demean: true });
    const mean = m.growth.reduce((s, g) => s + g, 0) / m.growth.length;
    expect(mean).toBeCloseTo(1, 14);
    const raw = bootstrapModel({ history: aligned, meanBlockLength: 10 });
    expect(raw.growth[5]! / m.growth[5]!).toBeCloseTo(raw.growth[9]! / m.growth[9]!, 12);
  });
});

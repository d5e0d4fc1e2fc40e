import { describe, expect, it } from 'vitest';
import { simulate, summarize, type SimulateInput } from '../../src-main/risk/monte-carlo';
import { SimulationCancelled, WorkerPool } from '../../src-main/risk/worker-pool';
import { bundledHistory, fixture } from './helpers';

const history = bundledHistory(['ETH', 'USDC']);
const base = (over: Partial<SimulateInput> = {}): SimulateInput => ({
  strategy: fixture('eth-leveraged-long.json'),
  history,
  options: {
    model: 'gbm',
    paths: 3000,
    days: 120,
    seed: 99,
    window: { from: '2021-01-01', to: '2024-12-31' },
  },
  threads: 1,
  ...over,
});

async function ok(input: SimulateInput) {
  const r = await simulate(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe('simulate: seeded reproducibility', () => {
  it('the same seed gives identical numbers; another seed does not', async () => {
    const a = await ok(base());
    const b = await ok(base());
    expect(b).toEqual(a);
    const c = await ok(base({ options: { ...base().options, seed: 100 } }));
    expect(c.terminalEquityUsd.p50).not.toBe(a.terminalEquityUsd.p50);
  });

  it('is identical whatever the thread count (worker threads vs this thread), for both models', async () => {
    for (const model of ['gbm', 'bootstrap'] as const) {
      const options = { ...base().options, model, crash: { crashesPerYear: 2, size: -0.2 } };
      const one = await ok(base({ options, threads: 1 }));
      const two = await ok(base({ options, threads: 2 }));
      expect(two).toEqual(one);
      expect(one.liquidation.probability).toBeGreaterThan(0);
    }
  });

  it('a warm pool gives the same numbers on every run', async () => {
    const pool = new WorkerPool({ threads: 2 });
    try {
      const first = await ok(base({ pool }));
      const again = await ok(base({ pool }));
      expect(again).toEqual(first);
      expect(first).toEqual(await ok(base()));
    } finally {
      await pool.close();
    }
  });
});

describe('simulate: progress and cancellation', () => {
  it('reports progress up to every path', async () => {
    const seen: number[] = [];
    await ok(base({ onProgress: ({ pathsDone }) => seen.push(pathsDone) }));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((v, i) => i === 0 || v > seen[i - 1]!)).toBe(true);
    expect(seen[seen.length - 1]).toBe(3000);
  });

  it('stops when the signal aborts, in this thread and on workers', async () => {
    for (const threads of [1, 2]) {
      const controller = new AbortController();
      const run = simulate(
        base({
          threads,
          options: { ...base().options, paths: 200_000, days: 365 },
          signal: controller.signal,
          onProgress: () => controller.abort(),
        }),
      );
      await expect(run).rejects.toBeInstanceOf(SimulationCancelled);
    }
  });
});

describe('simulate: results', () => {
  it('reports consistent figures for the 4-step leveraged long', async () => {
    const r = await ok(base());
    expect(r.startEquityUsd).toBeCloseTo(29_992.21875, 6); // 10 ETH × $3,000 less the 0.05 % swap fee on 15,562.5 USDC
    const q = r.terminalEquityUsd;
    expect(
      q.p1! <= q.p5! && q.p5! <= q.p25! && q.p25! <= q.p50! && q.p50! <= q.p75! && q.p75! <= q.p95!,
    ).toBe(true);
    // VaR at 99 % is at least VaR at 95 %; CVaR at least VaR; fractions are USD over start equity
    expect(r.var99.valueAtRiskUsd).toBeGreaterThanOrEqual(r.var95.valueAtRiskUsd);
    expect(r.var95.expectedShortfallUsd).toBeGreaterThanOrEqual(r.var95.valueAtRiskUsd);
    expect(r.var95.valueAtRisk).toBeCloseTo(r.var95.valueAtRiskUsd / r.startEquityUsd, 12);
    // the 95 % VaR is the loss at the 5th percentile of terminal equity (up to interpolation)
    expect(Math.abs(r.startEquityUsd - q.p5! - r.var95.valueAtRiskUsd)).toBeLessThan(
      0.02 * r.startEquityUsd,
    );
    expect(r.fan.days[0]).toBe(0);
    expect(r.fan.days[r.fan.days.length - 1]).toBe(120);
    expect(r.fan.p50![0]).toBeCloseTo(r.startEquityUsd, 1);
    // Day 0 is the start position on every path, stored in Float32: every band is exactly
    // fround(start equity), and 29,992.21875 = 29,992 + 7/32 is itself a Float32 (spacing 2⁻⁹ there).
    for (const [key, band] of Object.entries(r.fan)) {
      if (key !== 'days') expect(band[0]).toBe(29_992.21875);
    }
    const counted =
      r.histogram.counts.reduce((s, c) => s + c, 0) + r.histogram.underflow + r.histogram.overflow;
    expect(counted).toBe(3000);
    expect(r.parameters.factors).toEqual(['ETH', 'USDC']);
    expect(r.parameters.window).toEqual({
      from: '2021-01-01',
      to: '2024-12-31',
      days: 1461,
      basis: 'given',
      note: 'Estimated from 2021-01-01 to 2024-12-31: the window you chose.',
    });
  });

  it('annualized return percentiles follow from equity percentiles: (E/E0)^(365/days) − 1', async () => {
    const r = await ok(base());
    const implied = (r.terminalEquityUsd.p50! / r.startEquityUsd) ** (365 / 120) - 1;
    // exact on a sample point; the median of 3,000 paths interpolates two of them, and the map is
    // not linear between them, so agreement is to the gap between neighbouring paths (~1e-6)
    expect(r.annualizedReturn.p50).toBeCloseTo(implied, 5);
  });

  it('summarize: liquidation curve and tail figures of a hand-made set of paths', () => {
    // 4 paths, start equity 100: terminal 50, 90, 110, 130; liquidated on days 2 and 3
    const merged = {
      terminalEquity: Float64Array.from([50, 90, 110, 130]),
      liquidationDay: Int32Array.from([2, 3, -1, -1]),
      minHealthFactor: Float64Array.from([0.9, 0.95, 1.5, Infinity]),
      automationActions: Int32Array.from([0, 1, 0, 0]),
      fanEquity: Float32Array.from([100, 100, 100, 100, 50, 90, 110, 130]), // [day][path]
    };
    const s = summarize({
      merged,
      startEquityUsd: 100,
      days: 4,
      fanDays: Int32Array.from([0, 4]),
      bins: 4,
    });
    expect(s.liquidation.probability).toBe(0.5);
    expect(s.liquidation.cumulativeByDay).toEqual([0, 0, 0.25, 0.5, 0.5]);
    // losses sorted: −30, −10, 10, 50; VaR95 = L_(⌈3.8⌉) = 50, CVaR95 = 50
    expect(s.var95.valueAtRiskUsd).toBe(50);
    expect(s.var95.expectedShortfallUsd).toBe(50);
    expect(s.terminalEquityUsd.mean).toBe(95);
    expect(s.fan.p50).toEqual([100, 100]); // type-7 median of 50, 90, 110, 130
    expect(s.minHealthFactor.p99).toBeNull(); // the top percentile is a path without debt
    expect(s.automation).toEqual({ meanActionsPerPath: 0.25, pathsWithActions: 1 });
  });

  it('refuses bad options and broken strategies with codes', async () => {
    const bad = await simulate(base({ options: { ...base().options, paths: 0 } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.code).toBe('SIMULATE_OPTIONS_INVALID');
    const broken = await simulate(base({ strategy: { format: 'nope' } }));
    expect(broken.ok).toBe(false);
  });
});

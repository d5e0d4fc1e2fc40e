import { afterEach, describe, expect, it } from 'vitest';
import type { JobStatus, SimulateJobResult } from '../../src-main/contract/index';
import { seededHarness } from './harness';

type Harness = Awaited<ReturnType<typeof seededHarness>>;

async function example(h: Harness, id: string) {
  return (await h.ok('engine.examples', {})).find((e) => e.id === id)!.strategy;
}

async function waitForJob(h: Harness, jobId: string): Promise<JobStatus> {
  for (let i = 0; i < 600; i++) {
    const status = await h.ok('jobs.status', { jobId });
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('job did not finish');
}

describe('risk lab through the contract', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('runs a seeded Monte Carlo as a job: same seed, same numbers', async () => {
    h = await seededHarness();
    const strategy = await example(h, 'eth-leveraged-long');
    const options = { model: 'gbm' as const, paths: 2000, days: 90, seed: 11 };
    const results: SimulateJobResult[] = [];
    for (let run = 0; run < 2; run++) {
      const { jobId } = await h.ok('risk.simulate', { strategy, options });
      const status = await waitForJob(h, jobId);
      if (status.state !== 'done') throw new Error(JSON.stringify(status));
      results.push(status.result as SimulateJobResult);
    }
    const [a, b] = results;
    if (!a?.ok || !b?.ok) throw new Error('simulation failed');
    expect(a.paths).toBe(2000);
    expect(a.liquidation.probability).toBe(b.liquidation.probability);
    expect(a.terminalEquityUsd).toEqual(b.terminalEquityUsd);
    // A 2.5x long at HF ~1.38 with ETH's historical volatility is liquidated on some but not all paths.
    expect(a.liquidation.probability).toBeGreaterThan(0);
    expect(a.liquidation.probability).toBeLessThan(1);
    expect(a.liquidation.cumulativeByDay).toHaveLength(91);
    expect(a.liquidation.cumulativeByDay.at(-1)).toBe(a.liquidation.probability);
  });

  it('cancels a running simulation', async () => {
    h = await seededHarness();
    const strategy = await example(h, 'eth-leveraged-long');
    const { jobId } = await h.ok('risk.simulate', {
      strategy,
      options: { model: 'bootstrap', paths: 250_000, days: 3650, seed: 1 },
    });
    const cancelled = await h.ok('jobs.cancel', { jobId });
    expect(cancelled.state).toBe('cancelled');
    expect((await waitForJob(h, jobId)).state).toBe('cancelled');
  });

  it('refuses bad simulation options at the boundary', async () => {
    h = await seededHarness();
    const strategy = await example(h, 'eth-leveraged-long');
    const r = await h.raw('risk.simulate', {
      strategy,
      options: { model: 'gbm', paths: 0, seed: 1 },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('computes a stress grid whose HF at 1x equals the evaluation', async () => {
    h = await seededHarness();
    const strategy = await example(h, 'eth-leveraged-long');
    const grid = await h.ok('risk.stress', {
      strategy,
      axes: [{ kind: 'price', asset: 'WETH', shocks: [-0.5, 0, 1] }],
    });
    if (!grid.ok) throw new Error(JSON.stringify(grid.errors));
    const evaluation = await h.ok('engine.evaluate', { strategy });
    expect(grid.points).toHaveLength(3);
    expect(grid.points[1]!.healthFactor).toBeCloseTo(Number(evaluation.healthFactor.overall), 12);
    expect(grid.points[0]!.liquidated).toBe(true); // −50% is far past the ~27% liquidation drop
    expect(grid.points[2]!.liquidated).toBe(false);
    const unknown = await h.ok('risk.stress', { strategy, axes: [{ kind: 'peg', asset: 'NOPE' }] });
    expect(unknown.ok).toBe(false);
  });

  it('reports protocol risk and a risk-adjusted APY', async () => {
    h = await seededHarness();
    const strategy = await example(h, 'stablecoin-farm');
    const report = await h.ok('risk.protocol', { strategy });
    if (!report.ok) throw new Error(JSON.stringify(report.errors));
    expect(report.expectedYearlyLossUsd).toBeGreaterThan(0);
    expect(report.riskAdjustedApy).toBeCloseTo(report.netApy! - report.expectedLossRate!, 12);
  });
});

describe('simulations share one worker pool', () => {
  it('runs two jobs started together one after the other, both to completion', async () => {
    const h = await seededHarness();
    try {
      const strategy = (await h.ok('engine.examples', {})).find(
        (e) => e.id === 'eth-leveraged-long',
      )!.strategy;
      const options = { model: 'gbm' as const, paths: 1000, days: 30, seed: 3 };
      const [a, b] = await Promise.all([
        h.ok('risk.simulate', { strategy, options }),
        h.ok('risk.simulate', { strategy, options }),
      ]);
      const wait = async (jobId: string) => {
        for (let i = 0; i < 600; i++) {
          const s = await h.ok('jobs.status', { jobId });
          if (s.state !== 'running') return s;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error('job did not finish');
      };
      const [sa, sb] = [await wait(a.jobId), await wait(b.jobId)];
      expect(sa.state).toBe('done');
      expect(sb.state).toBe('done');
      if (sa.state === 'done' && sb.state === 'done') expect(sa.result).toEqual(sb.result);
    } finally {
      await h.close();
    }
  });
});

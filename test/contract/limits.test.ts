import { afterEach, describe, expect, it } from 'vitest';
import type { JobStatus, SimulateJobResult } from '../../src-main/contract/index';
import { seededHarness } from './harness';

type Harness = Awaited<ReturnType<typeof seededHarness>>;

async function ethLong(h: Harness): Promise<Record<string, unknown>> {
  const e = (await h.ok('engine.examples', {})).find((x) => x.id === 'eth-leveraged-long')!;
  return structuredClone(e.strategy);
}

async function waitForJob(h: Harness, jobId: string): Promise<JobStatus> {
  for (let i = 0; i < 600; i++) {
    const status = await h.ok('jobs.status', { jobId });
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('job did not finish');
}

describe('risk limits through the contract', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('evaluate: global limits from settings, the draft overriding them key by key', async () => {
    h = await seededHarness();
    const strategy = await ethLong(h);
    const none = await h.ok('engine.evaluate', { strategy });
    expect(none.limits).toEqual({ effective: {}, breaches: [] });

    // The example levers to 2.5x at a health factor of about 1.38.
    await h.ok('settings.set', { patch: { limits: { minHealthFactor: '2', maxLeverage: '10' } } });
    const global = await h.ok('engine.evaluate', { strategy });
    expect(global.limits?.effective).toEqual({
      minHealthFactor: { value: '2', source: 'settings' },
      maxLeverage: { value: '10', source: 'settings' },
    });
    expect(global.limits?.breaches).toMatchObject([
      { limit: 'minHealthFactor', source: 'settings', marketId: 'aave-v3-ethereum' },
    ]);
    expect(global.limits?.breaches[0]?.stepIds).toEqual(['lever-up']);

    const own = await h.ok('engine.evaluate', {
      strategy: { ...strategy, version: 2, limits: { minHealthFactor: '1.1', maxLeverage: '2' } },
    });
    expect(own.limits?.breaches.map((b) => [b.limit, b.source])).toEqual([
      ['maxLeverage', 'strategy'],
    ]);
  });

  it('refuses a global limit out of range with VALIDATION, and keeps the old value', async () => {
    h = await seededHarness();
    const r = await h.raw('settings.set', { patch: { limits: { maxLtv: '1.5' } } });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await h.ok('settings.get', {})).limits).toEqual({});
  });

  it('backtest, scenarios and the Monte Carlo carry their breaches', async () => {
    h = await seededHarness();
    const strategy = {
      ...(await ethLong(h)),
      version: 2,
      limits: { minHealthFactor: '1.3', maxLiquidationProbability: '0', maxLossP99: '0.01' },
    };
    const backtest = await h.ok('backtest.run', { strategy, from: '2021-05-01', to: '2021-06-30' });
    if (!backtest.ok) throw new Error(JSON.stringify(backtest.errors));
    // May 2021: ETH fell ~50 %; a 2.5x long's health factor went far below 1.3.
    expect(backtest.stats.minHealthFactor).toBeLessThan(1.3);
    expect(backtest.limits?.breaches).toMatchObject([
      {
        limit: 'minHealthFactor',
        analysis: 'backtest',
        figure: String(backtest.stats.minHealthFactor),
        where: backtest.stats.minHealthFactorDate,
        marketId: 'aave-v3-ethereum',
        stepIds: ['lever-up'],
      },
    ]);

    const scenarios = await h.ok('scenarios.run', { strategy });
    if (!scenarios.ok) throw new Error('scenarios failed');
    const under = scenarios.rows.filter(
      (r) =>
        r.status === 'ok' &&
        r.strategy.minHealthFactor !== null &&
        r.strategy.minHealthFactor < 1.3,
    );
    expect(under.length).toBeGreaterThan(0);
    expect(scenarios.limits?.breaches.map((b) => b.where)).toEqual(under.map((r) => r.id));
    expect(scenarios.limits?.breaches[0]?.message).toContain(`in "${under[0]!.title}"`);

    const { jobId } = await h.ok('risk.simulate', {
      strategy,
      options: { model: 'gbm', paths: 500, days: 60, seed: 3 },
    });
    const status = await waitForJob(h, jobId);
    if (status.state !== 'done') throw new Error(JSON.stringify(status));
    const sim = status.result as SimulateJobResult;
    if (!sim.ok) throw new Error('simulation failed');
    const expected = [
      ...(sim.liquidation.probability > 0 ? ['maxLiquidationProbability'] : []),
      ...(sim.var99.valueAtRisk > 0.01 ? ['maxLossP99'] : []),
    ];
    expect(expected.length).toBeGreaterThan(0);
    expect(sim.limits?.breaches.map((b) => b.limit)).toEqual(expected);
  });
});

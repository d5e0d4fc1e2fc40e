import { afterEach, describe, expect, it } from 'vitest';
import { seededHarness } from './harness';

/** The shipped 2.5x WETH long (resources/examples/eth-leveraged-long.json), replayed on bundled history. */
async function ethLong(h: Awaited<ReturnType<typeof seededHarness>>) {
  const examples = await h.ok('engine.examples', {});
  return examples.find((e) => e.id === 'eth-leveraged-long')!.strategy;
}

describe('backtests and scenarios through the contract', () => {
  let h: Awaited<ReturnType<typeof seededHarness>> | undefined;
  afterEach(() => h?.close());

  it('replays the May 2021 crash on the bundled data and liquidates on 2021-05-19', async () => {
    h = await seededHarness();
    const r = await h.ok('backtest.run', {
      strategy: await ethLong(h),
      from: '2021-05-11',
      to: '2021-05-23',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.series.date).toHaveLength(13);
    // ETH closed 2,460.68 on 2021-05-19 (resources/data/prices/README.md); the first close that pushes
    // a 2.5x long at LT 0.83 under HF 1 (test/backtest/real-crash.test.ts derives it from the data).
    const liquidations = r.events.filter((e) => e.type === 'liquidation');
    expect(liquidations.map((e) => e.date)).toEqual(['2021-05-19']);
    expect(r.stats.liquidationCount).toBe(1);
  });

  it('answers bad input with named errors instead of failing', async () => {
    h = await seededHarness();
    const strategy = await ethLong(h);
    expect(
      await h.raw('backtest.run', { strategy, from: '2021-05-23', to: '2021-05-11' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const r = await h.ok('backtest.run', {
      strategy,
      from: '2021-05-11',
      to: '2021-05-23',
      options: { automation: { deleverage: { triggerHealthFactor: 2, targetHealthFactor: 1.5 } } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('BACKTEST_OPTIONS_INVALID');
  });

  it('runs every named scenario, one row each', async () => {
    h = await seededHarness();
    const r = await h.ok('scenarios.run', { strategy: await ethLong(h) });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.rows.map((row) => row.id)).toContain('may-2021-crash');
    expect(r.rows).toHaveLength(7);
    const may = r.rows.find((row) => row.id === 'may-2021-crash');
    expect(may).toMatchObject({
      status: 'ok',
      strategy: { liquidated: true, firstLiquidationDate: '2021-05-19' },
    });
  });
});

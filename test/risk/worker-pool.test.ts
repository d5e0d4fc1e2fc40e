import { describe, expect, it } from 'vitest';
import { pathBlocks, planSimulation, simulate } from '../../src-main/risk/monte-carlo';
import { WorkerPool, sharedBlockOutput } from '../../src-main/risk/worker-pool';
import { fixture } from './helpers';

const strategy = fixture('eth-leveraged-long.json');
const options = {
  model: 'gbm',
  paths: 3000,
  days: 90,
  seed: 1,
  gbm: { assets: { ETH: { driftAnnual: 0, volAnnual: 0.7 } } },
} as const;
const crashingWorker = new URL('./crashing-worker.ts', import.meta.url);

function job(seed: number) {
  const planned = planSimulation({ strategy, options: { ...options, seed } });
  if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
  return planned.plan.job;
}

const run = (pool: WorkerPool, seed: number) => {
  const j = job(seed);
  return pool.runShared(j, pathBlocks(options.paths, 2), {
    output: sharedBlockOutput(options.paths, j.fanDays.length),
    paths: options.paths,
    rows: j.fanDays.length,
    levels: [5, 50, 95],
  });
};

describe('worker pool failures', () => {
  it('a worker that throws fails the run with its error, though the other waits for paths', async () => {
    const pool = new WorkerPool({ threads: 2, workerUrl: crashingWorker });
    try {
      await expect(run(pool, 666)).rejects.toThrow('TEST_WORKER_CRASH');
      // the pool starts fresh workers and gives the numbers of a pool that never failed
      const expected = await simulate({ strategy, options, threads: 1 });
      const again = await simulate({ strategy, options, pool });
      expect(again).toEqual(expected);
    } finally {
      await pool.close();
    }
  });

  it('a worker that exits fails the run with its exit code', async () => {
    const pool = new WorkerPool({ threads: 2, workerUrl: crashingWorker });
    try {
      await expect(run(pool, 667)).rejects.toThrow('WORKER_EXITED: code 3');
      expect((await run(pool, 1)).length).toBe(job(1).fanDays.length);
    } finally {
      await pool.close();
    }
  });
});

describe('worker pool outputs', () => {
  it('reuses the last run’s output and reads it as new: same numbers, unwritten slots zero', async () => {
    const pool = new WorkerPool({ threads: 2 });
    try {
      const expected = await simulate({ strategy, options, threads: 1 });
      const first = await simulate({ strategy, options, pool });
      // a run of another size in between, then the first size again (its output reused)
      await simulate({ strategy, options: { ...options, paths: 700 }, pool });
      await simulate({ strategy, options, pool });
      expect(await simulate({ strategy, options, pool })).toEqual(expected);
      expect(first).toEqual(expected);
      // runs of two seeds in turn on the reused output: a slot left over from the other seed's
      // run would show (one seed's run only could not tell stale numbers from its own)
      const otherSeed = { ...options, seed: 2 };
      const expectedOther = await simulate({ strategy, options: otherSeed, threads: 1 });
      expect(expectedOther).not.toEqual(expected);
      for (let round = 0; round < 2; round++) {
        expect(await simulate({ strategy, options: otherSeed, pool })).toEqual(expectedOther);
        expect(await simulate({ strategy, options, pool })).toEqual(expected);
      }

      // a run that covers only the first half of the paths: the other half reads 0, as new memory
      const j = job(1);
      const used = pool.output(options.paths, j.fanDays.length);
      expect(used.terminalEquity.some((e) => e > 0)).toBe(true); // the previous run's numbers
      const half = pathBlocks(options.paths / 2, 2);
      await pool.runShared(j, half, {
        output: used,
        paths: options.paths,
        rows: 0,
        levels: [],
      });
      const rest = used.terminalEquity.subarray(options.paths / 2);
      expect(rest.every((e) => e === 0)).toBe(true);
      expect(used.terminalEquity.subarray(0, options.paths / 2).every((e) => e > 0)).toBe(true);
      expect(used.fanEquity.subarray(used.fanEquity.length - 10).every((e) => e === 0)).toBe(true);
    } finally {
      await pool.close();
    }
  });
});

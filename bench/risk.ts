/**
 * Risk-lab benchmark (issue 5): 10,000 paths × 365 daily steps of a 4-step leveraged strategy,
 * target under 1 s on this 2-core machine, printed in path-steps per second next to a vectorized
 * numpy run of the same GBM and liquidation-barrier check (bench/mc_numpy.py). Asserts nothing.
 * Run: npx tsx bench/risk.ts
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadCloses } from './backtest';
import { evaluate } from '../src-main/engine/evaluate';
import { simulate, type SimulateInput, type SimulationResult } from '../src-main/risk/monte-carlo';
import { WorkerPool } from '../src-main/risk/worker-pool';

const PATHS = 10_000;
const DAYS = 365;
const SEED = 1;
const NUMPY_SCRIPT = fileURLToPath(new URL('./mc_numpy.py', import.meta.url));

/** Supply ETH, borrow USDC to HF 1.6, swap the USDC to ETH, supply it: four steps, 1.5× long. */
const leveragedLong = {
  format: 'yieldplan.strategy',
  version: 1,
  name: 'bench: 4-step leveraged ETH long',
  horizonDays: DAYS,
  capital: [{ asset: 'ETH', amount: '10' }],
  prices: { ETH: '3000', USDC: '1' },
  markets: [
    {
      id: 'aave',
      kind: 'lending',
      protocol: 'aave-v3',
      chain: 'ethereum',
      assets: {
        ETH: {
          ltv: '0.8',
          liquidationThreshold: '0.83',
          liquidationBonus: '0.05',
          rates: { type: 'fixed', supplyApr: '0.02', borrowApr: '0.01' },
        },
        USDC: {
          ltv: '0.75',
          liquidationThreshold: '0.78',
          liquidationBonus: '0.045',
          rates: { type: 'fixed', supplyApr: '0.04', borrowApr: '0.06' },
        },
      },
    },
  ],
  steps: [
    { id: 'supply-eth', type: 'supply', market: 'aave', asset: 'ETH', amount: 'all' },
    {
      id: 'borrow',
      type: 'borrow',
      market: 'aave',
      asset: 'USDC',
      amount: { mode: 'targetHealthFactor', value: '1.6' },
    },
    { id: 'swap', type: 'swap', from: 'USDC', to: 'ETH', amount: 'all', feeRate: '0.0005' },
    { id: 'supply-more', type: 'supply', market: 'aave', asset: 'ETH', amount: 'all' },
  ],
};

const rate = (seconds: number) => `${((PATHS * DAYS) / seconds / 1e6).toFixed(1)} M path-steps/s`;
const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;

async function timed(input: SimulateInput): Promise<{ seconds: number; result: SimulationResult }> {
  const start = performance.now();
  const result = await simulate(input);
  const seconds = (performance.now() - start) / 1000;
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { seconds, result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runRiskBenchmarks(): Promise<void> {
  const history = { ETH: loadCloses('ETH'), USDC: loadCloses('USDC') };
  const base: SimulateInput = {
    strategy: leveragedLong,
    history,
    options: { model: 'gbm', paths: PATHS, days: DAYS, seed: SEED, window: { from: '2021-11-20' } },
  };
  console.log(
    `Risk lab: Monte Carlo, ${PATHS.toLocaleString('en-US')} paths × ${DAYS} days, 4-step leveraged ETH long`,
  );

  const cold = await timed({ ...base, threads: 2 });
  const pool = new WorkerPool({ threads: 2 });
  const warmRuns: number[] = [];
  const oneFactorRuns: number[] = [];
  let result = cold.result;
  try {
    await timed({ ...base, pool }); // start the workers and warm their JIT
    for (let i = 0; i < 5; i++) {
      const run = await timed({ ...base, pool });
      warmRuns.push(run.seconds);
      result = run.result;
    }
    // numpy's workload exactly: ETH the only random price (USDC then follows its USD peg)
    const gbm = result.parameters.gbm!;
    const eth = gbm.assets.indexOf('ETH');
    const ethOnly: SimulateInput = {
      ...base,
      history: {},
      pool,
      options: {
        ...base.options,
        gbm: {
          assets: { ETH: { driftAnnual: gbm.driftAnnual[eth]!, volAnnual: gbm.volAnnual[eth]! } },
        },
      },
    };
    for (let i = 0; i < 5; i++) oneFactorRuns.push((await timed(ethOnly)).seconds);
  } finally {
    await pool.close();
  }
  const single: number[] = [];
  for (let i = 0; i < 3; i++) single.push((await timed({ ...base, threads: 1 })).seconds);
  const warm = median(warmRuns);

  const gbm = result.parameters.gbm!;
  const eth = gbm.assets.indexOf('ETH');
  const sigma = gbm.volAnnual[eth]!;
  const mu = gbm.driftAnnual[eth]!;
  console.log(
    `  GBM from ETH/USDC closes ${result.parameters.window!.from}..${result.parameters.window!.to}: ` +
      `σ ${(sigma * 100).toFixed(1)} %, μ ${(mu * 100).toFixed(1)} %; liquidated within a year on ${(result.liquidation.probability * 100).toFixed(2)} % of paths`,
  );
  console.log(
    `  2 workers, cold (thread start + tsx load + run): ${ms(cold.seconds)}  ${rate(cold.seconds)}  (target < 1 s)`,
  );
  console.log(`  2 workers, warm pool (median of 5):              ${ms(warm)}  ${rate(warm)}`);
  console.log(
    `  1 thread (median of 3):                          ${ms(median(single))}  ${rate(median(single))}`,
  );
  const oneFactor = median(oneFactorRuns);
  console.log(
    `  ETH the only random price, warm pool (median 5): ${ms(oneFactor)}  ${rate(oneFactor)}`,
  );

  // The same GBM and barrier in numpy: with ETH the only moving price and the USDC debt growing
  // slowly, the position is liquidated when ETH falls to 1/HF₀ of its start price.
  const barrier = 1 / Number(evaluate(leveragedLong).healthFactor.overall);
  const numpy = spawnSync(
    'python3',
    [
      NUMPY_SCRIPT,
      String(PATHS),
      String(DAYS),
      String(sigma),
      String(mu),
      String(barrier),
      String(SEED),
    ],
    { encoding: 'utf8' },
  );
  if (numpy.status !== 0) {
    console.log(
      `  numpy: not run (${(numpy.stderr || numpy.error?.message || 'python3 failed').trim()})`,
    );
    return;
  }
  const np = JSON.parse(numpy.stdout) as {
    numpy: string;
    seconds: number;
    pathStepsPerSecond: number;
    liquidationProbability: number;
  };
  console.log(
    `  numpy ${np.numpy} (1 thread, GBM + barrier only, best of 5): ${ms(np.seconds)}  ${rate(np.seconds)}; ` +
      `barrier hit on ${(np.liquidationProbability * 100).toFixed(2)} % of paths`,
  );
  console.log(
    `  vs numpy: ${(np.seconds / oneFactor).toFixed(2)}× its throughput on its workload (one random price), ` +
      `${(np.seconds / warm).toFixed(2)}× with USDC as a second random price`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  await runRiskBenchmarks();

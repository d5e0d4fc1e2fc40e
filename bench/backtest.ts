/**
 * Backtest benchmarks (issue 18: a 10-step strategy over the full daily history < 25 ms, median; issue 10: all
 * named scenarios for a 10-step strategy < 200 ms). Prints figures; asserts nothing.
 * Run: npx tsx bench/backtest.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dayFromIso } from '../src-main/backtest/calendar';
import { runBacktest } from '../src-main/backtest/run-backtest';
import { runScenarios } from '../src-main/backtest/scenarios';
import type { PriceHistory } from '../src-main/backtest/types';
import { Strategy } from '../src-main/engine/format/schema';

const PRICES = fileURLToPath(new URL('../resources/data/prices/', import.meta.url));

export function loadCloses(symbol: string) {
  const lines = readFileSync(`${PRICES}${symbol}-USD.csv`, 'utf8').trim().split('\n').slice(1);
  const ts = new Float64Array(lines.length);
  const close = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const cells = line.split(',');
    ts[i] = dayFromIso(cells[0] as string) as number;
    close[i] = Number(cells[4]);
  });
  return { ts, close };
}

const lending = (ltv: string, lt: string, borrowApr: string) => ({
  ltv,
  liquidationThreshold: lt,
  liquidationBonus: '0.05',
  rates: { type: 'fixed', supplyApr: '0.01', borrowApr },
});

/** ETH/BTC, ten steps: a lending loop, an LP staked in a farm with weekly harvests, a BTC perp hedge. */
export const fullHistoryStrategy = Strategy.parse({
  format: 'yieldplan.strategy',
  version: 2,
  name: 'bench: 10 steps, ETH/BTC',
  horizonDays: 3650,
  capital: [
    { asset: 'ETH', amount: '100' },
    { asset: 'BTC', amount: '2' },
  ],
  prices: { ETH: '3000', BTC: '60000' },
  markets: [
    {
      id: 'aave',
      kind: 'lending',
      protocol: 'aave-v3',
      chain: 'ethereum',
      assets: { ETH: lending('0.8', '0.825', '0.02'), BTC: lending('0.7', '0.75', '0.01') },
    },
    { id: 'uni', kind: 'dex', protocol: 'uniswap-v2', chain: 'ethereum' },
    { id: 'farm', kind: 'farm', protocol: 'convex', chain: 'ethereum' },
    { id: 'perps', kind: 'perp', protocol: 'gmx-v2', chain: 'arbitrum' },
  ],
  steps: [
    { id: 'supply', type: 'supply', market: 'aave', asset: 'ETH', amount: { share: '0.8' } },
    {
      id: 'borrow',
      type: 'borrow',
      market: 'aave',
      asset: 'BTC',
      amount: { mode: 'targetHealthFactor', value: '3' },
    },
    {
      id: 'swap',
      type: 'swap',
      market: 'uni',
      from: 'BTC',
      to: 'ETH',
      amount: { share: '0.5' },
      feeRate: '0.003',
    },
    { id: 'resupply', type: 'supply', market: 'aave', asset: 'ETH', amount: { share: '0.8' } },
    {
      id: 'borrow2',
      type: 'borrow',
      market: 'aave',
      asset: 'BTC',
      amount: { mode: 'targetHealthFactor', value: '2.5' },
    },
    {
      id: 'lp',
      type: 'lp',
      market: 'uni',
      pool: { type: 'constant-product', assets: ['ETH', 'BTC'] },
      amounts: ['all', 'all'],
      feeApr: '0.08',
    },
    {
      id: 'stake',
      type: 'stake',
      market: 'farm',
      asset: 'LP:lp',
      amount: 'all',
      rewardAsset: 'ETH',
      rewardApr: '0.05',
    },
    {
      id: 'hedge',
      type: 'perp',
      market: 'perps',
      asset: 'BTC',
      side: 'short',
      notionalUsd: '1000',
      marginAsset: 'BTC',
      marginAmount: 'all',
      fundingApr: '0.05',
      maintenanceMarginRate: '0.01',
    },
    {
      id: 'harvest',
      type: 'harvest',
      frequencyDays: '7',
      gasUsd: '5',
      sellInto: 'ETH',
      swapFeeRate: '0.003',
      reinvestInto: 'lp',
    },
    { id: 'withdraw', type: 'withdraw', market: 'aave', asset: 'ETH', amount: '0.1' },
  ],
});

/** ETH/USDC, ten steps: three borrow-swap-supply rounds on Aave (a 2020+ strategy, USDC starts 2020). */
const scenarioStrategy = Strategy.parse({
  format: 'yieldplan.strategy',
  version: 2,
  name: 'bench: 10 steps, ETH/USDC loop',
  horizonDays: 365,
  capital: [{ asset: 'ETH', amount: '10' }],
  prices: { ETH: '3000', USDC: '1' },
  markets: [
    {
      id: 'aave',
      kind: 'lending',
      protocol: 'aave-v3',
      chain: 'ethereum',
      assets: { ETH: lending('0.8', '0.825', '0.02'), USDC: lending('0.8', '0.85', '0.05') },
    },
    { id: 'uni', kind: 'dex', protocol: 'uniswap-v3', chain: 'ethereum' },
  ],
  steps: [
    { id: 's0', type: 'supply', market: 'aave', asset: 'ETH', amount: 'all' },
    ...[1, 2, 3].flatMap((k) => [
      {
        id: `b${k}`,
        type: 'borrow',
        market: 'aave',
        asset: 'USDC',
        amount: { mode: 'capacityShare', value: '0.5' },
      },
      {
        id: `x${k}`,
        type: 'swap',
        market: 'uni',
        from: 'USDC',
        to: 'ETH',
        amount: 'all',
        feeRate: '0.0005',
      },
      { id: `s${k}`, type: 'supply', market: 'aave', asset: 'ETH', amount: 'all' },
    ]),
  ],
});

function timeIt(runs: number, fn: () => void): { medianMs: number; minMs: number } {
  for (let i = 0; i < 3; i++) fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] as number, minMs: times[0] as number };
}

export function runBacktestBenchmarks(): void {
  const prices: PriceHistory = Object.fromEntries(
    ['ETH', 'BTC', 'USDC', 'USDT', 'DAI', 'STETH', 'WSTETH'].map((s) => [s, loadCloses(s)]),
  );
  const eth = prices.ETH!;
  const from = new Date((eth.ts[0] as number) * 1000).toISOString().slice(0, 10);
  const to = new Date((eth.ts[eth.ts.length - 1] as number) * 1000).toISOString().slice(0, 10);

  let days = 0;
  const full = timeIt(15, () => {
    const r = runBacktest({ strategy: fullHistoryStrategy, prices, from, to });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    days = r.series.date.length;
  });
  console.log(
    `backtest, 10-step ETH/BTC strategy (supply-borrow-swap twice, LP, farm, harvest, perp), ${from}..${to} (${days} days): median ${full.medianMs.toFixed(1)} ms, best ${full.minMs.toFixed(1)} ms`,
  );
  console.log(
    `TARGET backtest of the 10-step strategy over ${days.toLocaleString('en-US')} days: median ${full.medianMs.toFixed(1)} ms (best ${full.minMs.toFixed(1)} ms), target < 25 ms — ${full.medianMs < 25 ? 'met' : 'not met'}`,
  );

  let loopDays = 0;
  const usdc = prices.USDC!;
  const loopFrom = new Date((usdc.ts[0] as number) * 1000).toISOString().slice(0, 10);
  const loop = timeIt(15, () => {
    const r = runBacktest({ strategy: scenarioStrategy, prices, from: loopFrom, to });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    loopDays = r.series.date.length;
  });
  console.log(
    `backtest, 10-step ETH/USDC lending loop, ${loopFrom}..${to} (${loopDays} days, the USDC history): median ${loop.medianMs.toFixed(1)} ms, best ${loop.minMs.toFixed(1)} ms (target < 50 ms)`,
  );

  let rows = 0;
  const scenarios = timeIt(15, () => {
    rows = runScenarios({ strategy: scenarioStrategy, prices }).length;
  });
  console.log(
    `scenarios, 10-step ETH/USDC loop through all ${rows} named scenarios: median ${scenarios.medianMs.toFixed(1)} ms, best ${scenarios.minMs.toFixed(1)} ms (target < 200 ms)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runBacktestBenchmarks();

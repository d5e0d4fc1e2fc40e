import type { DailyKernel } from '../dynamics/kernel';
import type { CompiledPosition } from '../dynamics/position';
import { units } from './series-recorder';
import type { LpPosition } from '../engine/position';
import type { PriceBook } from './pricing';
import {
  annualizedReturn,
  dailyReturns,
  maxDrawdown,
  sharpe,
  totalReturn,
  volatility,
} from './stats';
import type {
  BacktestEvent,
  BacktestStats,
  BenchmarkStats,
  DailySeries,
  FinalPosition,
  LpRangeReport,
} from './types';

const WATCH_HEALTH_FACTOR = 1.2;

/** Statistics of the strategy and its benchmarks over the replayed days. */
export function summarize(input: {
  series: DailySeries;
  events: readonly BacktestEvent[];
  riskFreeRate: number;
}): { stats: BacktestStats; benchmarks: { hold: BenchmarkStats; supplyOnly: BenchmarkStats } } {
  const { series, events } = input;
  const n = series.equity.length;
  const last = n - 1;
  const startCapitalUsd = series.holdEquity[0] ?? 0;
  const endEquityUsd = series.equity[last] ?? 0;
  const total = totalReturn(startCapitalUsd, endEquityUsd);
  const dd = maxDrawdown(series.equity, startCapitalUsd);
  const returns = dailyReturns(series.equity);

  let minHealthFactor: number | null = null;
  let minHealthFactorDate: string | null = null;
  let daysUnder1_2 = 0;
  series.healthFactor.forEach((hf, i) => {
    if (hf === null) return;
    if (hf < WATCH_HEALTH_FACTOR) daysUnder1_2++;
    if (minHealthFactor === null || hf < minHealthFactor) {
      minHealthFactor = hf;
      minHealthFactorDate = series.date[i] as string;
    }
  });
  let liquidationCount = 0;
  let perpLiquidationCount = 0;
  let collateralSeizedUsd = 0;
  for (const e of events) {
    if (e.type === 'liquidation') {
      liquidationCount++;
      collateralSeizedUsd += e.collateralSeizedUsd;
    } else if (e.type === 'perp-liquidation') perpLiquidationCount++;
  }

  return {
    stats: {
      startCapitalUsd,
      startEquityUsd: series.equity[0] ?? 0,
      endEquityUsd,
      totalReturn: total,
      annualizedReturn: annualizedReturn(total, last),
      maxDrawdown: dd.maxDrawdown,
      maxDrawdownPeakDate:
        dd.troughIndex < 0 ? null : (series.date[Math.max(0, dd.peakIndex)] as string),
      maxDrawdownTroughDate: dd.troughIndex < 0 ? null : (series.date[dd.troughIndex] as string),
      volatility: volatility(returns),
      sharpe: sharpe(returns, input.riskFreeRate),
      minHealthFactor,
      minHealthFactorDate,
      daysUnder1_2,
      liquidationCount,
      perpLiquidationCount,
      collateralSeizedUsd,
    },
    benchmarks: {
      hold: benchmark(series.holdEquity),
      supplyOnly: benchmark(series.supplyOnlyEquity),
    },
  };
}

function benchmark(values: readonly number[]): BenchmarkStats {
  const start = values[0] ?? 0;
  const end = values[values.length - 1] ?? 0;
  return {
    startEquityUsd: start,
    endEquityUsd: end,
    totalReturn: totalReturn(start, end),
    maxDrawdown: maxDrawdown(values).maxDrawdown,
  };
}

/** Balances at the end of the replay (lane 0 of the kernel), token units as decimal strings. */
export function finalPosition(c: CompiledPosition, kernel: DailyKernel): FinalPosition {
  const assets = c.prices.assets;
  const wallet: Record<string, string> = {};
  for (let i = 0; i < assets.length; i++) {
    const held = kernel.wallet.units[i * kernel.stride]!;
    if (c.walletListed[i] || held !== 0) wallet[assets[i]!] = units(held);
  }
  const l = c.lending;
  return {
    wallet,
    lending: l.accountIds.map((marketId, a) => {
      const supplies: Record<string, string> = {};
      const debts: Record<string, string> = {};
      for (let s = l.accountStart[a]!; s < l.accountStart[a + 1]!; s++) {
        const asset = assets[l.slotAsset[s]!]!;
        const supply = kernel.lending.supplyUnits(s, 0);
        const debt = kernel.lending.debtUnits(s, 0);
        if (l.slotHasSupply[s] || supply !== 0) supplies[asset] = units(supply);
        if (l.slotHasDebt[s] || debt !== 0) debts[asset] = units(debt);
      }
      return { marketId, supplies, debts };
    }),
    stakes: c.stakes.stepIds.map((stepId, s) => ({
      stepId,
      asset: assets[c.stakes.asset[s]!]!,
      amount: units(kernel.stakes.units[s * kernel.stride]!),
      pendingRewards: units(kernel.stakes.pending[s * kernel.stride]!),
    })),
    perps: c.perps.stepIds.map((stepId, k) => ({
      stepId,
      open: kernel.perps.open[k * kernel.stride] === 1,
      margin: units(kernel.perps.margin[k * kernel.stride]!),
    })),
  };
}

/** Market closes per day of every priced asset, as plain arrays (charts, CSV). */
export function priceSeries(book: PriceBook): Record<string, number[]> {
  return Object.fromEntries([...book.market].map(([asset, values]) => [asset, Array.from(values)]));
}

/**
 * Days each LP's pool price (market price0 / price1) sat in its range, by the same rule as the
 * daily fee accrual (Uniswap v3: earning while lower ≤ P < upper; full-range pools always earn).
 */
export function lpRanges(lps: Iterable<LpPosition>, book: PriceBook): LpRangeReport[] {
  const out: LpRangeReport[] = [];
  for (const lp of lps) {
    const [a0, a1] = lp.pool.assets;
    const p0 = book.market.get(a0);
    const p1 = book.market.get(a1);
    const pool = lp.pool;
    const lower = pool.type === 'concentrated' ? Number(pool.lower) : null;
    const upper = pool.type === 'concentrated' ? Number(pool.upper) : null;
    const inRange = Array.from({ length: book.days }, (_, day) => {
      if (lower === null || upper === null) return 1;
      const ratio = (p0?.[day] ?? Number.NaN) / (p1?.[day] ?? Number.NaN);
      return ratio >= lower && ratio < upper ? 1 : 0;
    });
    const inRangeDays = inRange.reduce((a: number, b) => a + b, 0);
    out.push({
      stepId: lp.stepId,
      assets: [a0, a1],
      poolType: lp.pool.type,
      lower,
      upper,
      inRange,
      inRangeDays,
      inRangeShare: book.days > 0 ? inRangeDays / book.days : 0,
    });
  }
  return out;
}

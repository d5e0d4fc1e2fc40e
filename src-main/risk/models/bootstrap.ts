import type { AlignedHistory } from '../estimate';
import { logReturns } from '../estimate';
import type { Rng } from '../rng';
import type { PathStepper } from './types';

/**
 * Stationary block bootstrap (Politis & Romano 1994) of historical daily returns.
 * Each day either continues the current block with the next historical day (probability 1 − 1/b)
 * or starts a new block at a uniformly drawn day (probability 1/b), so block lengths are geometric
 * with mean b. The series is wrapped circularly, which makes every historical day equally likely
 * on every simulated day: the resampled returns keep the historical mean and variance exactly in
 * expectation. All assets take the SAME historical day, keeping cross-asset moves (a crash hits
 * ETH and stETH together) and fat tails.
 */
export interface BootstrapModel {
  kind: 'bootstrap';
  factors: number;
  days: number;
  /** growth[t·factors + i] = P_i(t+1)/P_i(t) of historical day t. */
  growth: Float64Array;
  meanBlockLength: number;
}

/**
 * `demean`: each asset's daily growth multiples are divided by their mean, so a resampled day's
 * expected growth is exactly 1 (zero drift) while volatility, fat tails and cross-asset moves are
 * kept; without it the window's average return (a bull market's) is replayed forward.
 */
export function bootstrapModel({
  history,
  meanBlockLength,
  demean = false,
}: {
  history: AlignedHistory;
  meanBlockLength: number;
  demean?: boolean;
}): BootstrapModel {
  const k = history.assets.length;
  const returns = history.closes.map((c) => logReturns(c));
  const days = returns[0]?.length ?? 0;
  const growth = new Float64Array(days * k);
  for (let t = 0; t < days; t++) {
    for (let i = 0; i < k; i++) growth[t * k + i] = Math.exp(returns[i]![t]!);
  }
  if (demean && days > 0) {
    for (let i = 0; i < k; i++) {
      let sum = 0;
      for (let t = 0; t < days; t++) sum += growth[t * k + i]!;
      const mean = sum / days;
      for (let t = 0; t < days; t++) growth[t * k + i]! /= mean;
    }
  }
  return {
    kind: 'bootstrap',
    factors: k,
    days,
    growth,
    meanBlockLength: Math.max(1, meanBlockLength),
  };
}

export class BootstrapStepper implements PathStepper {
  private readonly newBlockProbability: number;

  constructor(private readonly model: BootstrapModel) {
    this.newBlockProbability = 1 / model.meanBlockLength;
  }

  /** A block starts at a uniformly drawn day; each next day continues it or starts a new one. */
  fillPath(
    rng: Rng,
    days: number,
    growth: Float64Array,
    lane: number,
    stride: number,
    rowFactors = this.model.factors,
  ): void {
    const { factors, days: historyDays } = this.model;
    const g = this.model.growth;
    const p = this.newBlockProbability;
    let day = rng.uniformInt(historyDays);
    for (let d = 0; d < days; d++) {
      const from = day * factors;
      const to = d * rowFactors;
      for (let f = 0; f < factors; f++) growth[(to + f) * stride + lane] = g[from + f]!;
      if (rng.uniform() < p) day = rng.uniformInt(historyDays);
      else day = day + 1 === historyDays ? 0 : day + 1;
    }
  }
}

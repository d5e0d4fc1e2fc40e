/**
 * Statistics of a daily equity series (floats: they summarize, they do not move money).
 * Crypto markets trade every day, so a year is 365 daily steps.
 */

const DAYS_PER_YEAR = 365;

/** end / base − 1. */
export function totalReturn(baseUsd: number, endUsd: number): number {
  return baseUsd > 0 ? endUsd / baseUsd - 1 : 0;
}

/** (1 + total)^(365/days) − 1; null over zero days; −1 when everything was lost. */
export function annualizedReturn(total: number, days: number): number | null {
  if (days <= 0) return null;
  if (total <= -1) return -1;
  return Math.pow(1 + total, DAYS_PER_YEAR / days) - 1;
}

/**
 * Largest fall from a running peak: max over t of (peak_t − v_t) / peak_t, with peak_t = max(base, v_0..v_t).
 * `base` is the value before the first day (the starting capital), so entry costs count.
 * Returns the fraction (0.25 = −25 %) and the indexes of that peak (−1: the base) and trough.
 */
export function maxDrawdown(
  values: readonly number[],
  base: number = Number.NEGATIVE_INFINITY,
): { maxDrawdown: number; peakIndex: number; troughIndex: number } {
  let peak = base;
  let peakIndex = -1;
  let best = 0;
  let bestPeak = -1;
  let bestTrough = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > peak) {
      peak = v;
      peakIndex = i;
      continue;
    }
    if (peak > 0) {
      const dd = (peak - v) / peak;
      if (dd > best) {
        best = dd;
        bestPeak = peakIndex;
        bestTrough = i;
      }
    }
  }
  return { maxDrawdown: best, peakIndex: bestPeak, troughIndex: bestTrough };
}

/** Simple daily returns v_t / v_{t−1} − 1 (a day after a non-positive value is skipped). */
export function dailyReturns(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) {
    const prev = values[i - 1] as number;
    if (prev > 0) out.push((values[i] as number) / prev - 1);
  }
  return out;
}

function meanAndSd(xs: readonly number[]): { mean: number; sd: number } {
  const n = xs.length;
  if (n === 0) return { mean: 0, sd: 0 };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (n < 2) return { mean, sd: 0 };
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** Annualized volatility: sample standard deviation (n − 1) of daily returns × √365. */
export function volatility(returns: readonly number[]): number {
  return meanAndSd(returns).sd * Math.sqrt(DAYS_PER_YEAR);
}

/**
 * Sharpe ratio: (mean daily return − riskFreeApr/365) / sd(daily returns) × √365; null when the returns
 * do not vary (a constant series has no risk to divide by).
 */
export function sharpe(returns: readonly number[], riskFreeApr = 0): number | null {
  const { mean, sd } = meanAndSd(returns);
  if (returns.length < 2 || sd === 0) return null;
  return ((mean - riskFreeApr / DAYS_PER_YEAR) / sd) * Math.sqrt(DAYS_PER_YEAR);
}

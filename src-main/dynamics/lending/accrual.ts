import { DAYS_PER_YEAR } from '../peg-path';

export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_YEAR = 31_536_000;

/**
 * One day's growth multiple of a lending balance at `apr`: per second (1 + apr/31,536,000)^86,400,
 * as Aave v3 (`MathUtils.calculateCompoundedInterest`), Compound v3 and Maker (`jug.drip`) accrue and
 * as the engine's projection does by default (engine/returns/projection.ts), or once a day
 * 1 + apr/365 for a market with `"compounding": "daily"`. exp(86,400 · log1p(x)) keeps the per-second
 * base exact in Float64, where (1 + x)^86,400 would lose ~86,400 ulps of 1 + x.
 */
export function dayGrowth(apr: number, perSecond: boolean): number {
  return perSecond
    ? Math.exp(SECONDS_PER_DAY * Math.log1p(apr / SECONDS_PER_YEAR))
    : 1 + apr / DAYS_PER_YEAR;
}

/** The same from a rate input's daily figure r = apr/365. */
export function dayGrowthOfDailyRate(rate: number, perSecond: boolean): number {
  return perSecond ? Math.exp(SECONDS_PER_DAY * Math.log1p(rate / SECONDS_PER_DAY)) : 1 + rate;
}

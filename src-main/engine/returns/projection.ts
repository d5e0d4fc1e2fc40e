import type { Decimal } from '../decimal';
import { ONE, ZERO } from '../decimal';
import { fixedTimes, fixedToDecimal, fixedToString, toFixedPoint } from './fixed-point';
import type { HarvestModel, YieldBucket } from './yield-components';

export interface Projection {
  /** Equity (USD) on days 0..days, decimal strings with 6 decimals. */
  daily: string[];
  /** Equity on day 365 (for the APY), exact to ~1e-20 USD. */
  yearEndEquityUsd: Decimal;
}

/**
 * Equity by day at constant prices, days 0..`days`:
 *   E(d) = E0 + Σ_compounding V·(g^d − 1) + Σ_simple V·apr·d/365 + H(d)
 * with g = (1 + apr/31,536,000)^86,400 for per-second buckets (lending legs by default) and
 * 1 + apr/365 for daily ones.
 * Daily-compounded buckets with the same APR are merged and advanced by one multiplication a
 * day (O(days), no powers). H(d) is the harvest process: rewards accrue simply; every
 * `frequencyDays` they are sold (swap fee), gas is paid, and the rest is reinvested at the
 * target's APR:  R_{k+1} = R_k + (rewards + R_k·r_t)·h/365·(1 − fee) − gas,
 * and between harvests H(d) = R_k + (rewards + R_k·r_t)·(d − k·h)/365 (pending, claimable).
 * A harvest whose proceeds would not exceed its gas is deferred (as in the backtest): R stays and
 * the pending rewards keep accruing until a later harvest sells them all.
 * The harvest schedule is computed in Decimal; the day loop in 27-place fixed-point decimal.
 */
export function projectEquity({
  equityUsd,
  buckets,
  harvest,
  days,
}: {
  equityUsd: Decimal;
  buckets: YieldBucket[];
  harvest: HarvestModel | null;
  days: number;
}): Projection {
  const merged = new Map<string, { value: Decimal; growth: Decimal }>();
  let simplePerYear = ZERO;
  for (const bucket of buckets) {
    if (bucket.compounding === 'simple') {
      simplePerYear = simplePerYear.plus(bucket.valueUsd.times(bucket.apr));
      continue;
    }
    if (bucket.apr.isZero() || bucket.valueUsd.isZero()) continue;
    const key = `${bucket.compounding}:${bucket.apr.toFixed()}`;
    const entry = merged.get(key);
    if (entry) entry.value = entry.value.plus(bucket.valueUsd);
    else merged.set(key, { value: bucket.valueUsd, growth: dailyGrowth(bucket) });
  }
  // E(d) = base + Σ W_i(d) + slope·d with W_i(d) = V_i·g_i^d and base = E0 − Σ V_i.
  let base = equityUsd;
  const weights: bigint[] = [];
  const growths: bigint[] = [];
  for (const { value, growth } of merged.values()) {
    base = base.minus(value);
    weights.push(toFixedPoint(value));
    growths.push(toFixedPoint(growth));
  }
  const simpleSlope = toFixedPoint(simplePerYear.div(365));
  const schedule = harvest ? harvestSchedule(harvest, days).segments : null;
  const baseFixed = toFixedPoint(base);

  const daily: string[] = new Array<string>(days + 1);
  let yearEnd = equityUsd;
  daily[0] = fixedToString(toFixedPoint(equityUsd), 6);
  let period = 0;
  for (let day = 1; day <= days; day++) {
    let equity = baseFixed + simpleSlope * BigInt(day);
    for (let i = 0; i < weights.length; i++) {
      weights[i] = fixedTimes(weights[i] as bigint, growths[i] as bigint);
      equity += weights[i] as bigint;
    }
    if (schedule) {
      while (
        period + 1 < schedule.length &&
        (schedule[period + 1] as HarvestSegment).fromDay <= day
      )
        period++;
      const segment = schedule[period] as HarvestSegment;
      equity += segment.intercept + segment.slopePerDay * BigInt(day);
    }
    daily[day] = fixedToString(equity, 6);
    if (day === 365) yearEnd = fixedToDecimal(equity);
  }
  return { daily, yearEndEquityUsd: yearEnd };
}

const SECONDS_PER_YEAR = 31_536_000;

/**
 * One day's growth multiple at `apr`: per second (1 + apr/31,536,000)^86,400, or daily 1 + apr/365.
 * The daily kernel's lending accrual (dynamics/lending/accrual.ts) is tested against it.
 */
export function dayGrowthAt(apr: Decimal, compounding: 'per-second' | 'daily'): Decimal {
  if (compounding === 'per-second') return ONE.plus(apr.div(SECONDS_PER_YEAR)).pow(86_400);
  return ONE.plus(apr.div(365));
}

/** One day's growth multiple of a compounding bucket. */
function dailyGrowth(bucket: YieldBucket): Decimal {
  return dayGrowthAt(bucket.apr, bucket.compounding === 'per-second' ? 'per-second' : 'daily');
}

/** On days ≥ fromDay (until the next segment) the harvest process adds intercept + slope·day. */
interface HarvestSegment {
  fromDay: number;
  intercept: bigint;
  slopePerDay: bigint;
}

/**
 * The one harvest convention (netApr's gas and swap-fee components, `harvestsPerYear` and netApy
 * all use it): harvests are whole events, harvest k due on day ⌈k·h⌉, so a year holds ⌊365/h⌋ of
 * them — fewer when one is deferred because its proceeds would not pay its gas. `periodsSold` is
 * how many h-day periods of rewards those harvests sold (the rest is still pending on day 365).
 */
export function firstYearHarvests(model: HarvestModel): { harvests: number; periodsSold: number } {
  const { harvests, periodsSold } = harvestSchedule(model, 365);
  return { harvests, periodsSold };
}

interface HarvestSchedule {
  segments: HarvestSegment[];
  harvests: number;
  periodsSold: number;
}

/**
 * An evaluation asks for the same schedule twice (the yield model's first year, then the
 * projection's 365 days): a model's schedules are kept with it. Both are pure, so the same result.
 */
const schedules = new WeakMap<HarvestModel, Map<number, HarvestSchedule>>();

function harvestSchedule(model: HarvestModel, days: number): HarvestSchedule {
  let byDays = schedules.get(model);
  if (!byDays) schedules.set(model, (byDays = new Map()));
  let schedule = byDays.get(days);
  if (!schedule) byDays.set(days, (schedule = computeHarvestSchedule(model, days)));
  return schedule;
}

function computeHarvestSchedule(model: HarvestModel, days: number): HarvestSchedule {
  const h = model.plan.frequencyDays;
  const periodShare = h.div(365);
  const keep = ONE.minus(model.plan.swapFeeRate);
  // The recursion runs in fixed point too: a few BigInt operations per harvest.
  const income = toFixedPoint(model.rewardsUsdPerYear.times(periodShare).times(keep));
  // Income of the reinvested value is harvested (and sold) alongside the base rewards.
  const growth = toFixedPoint(ONE.plus(model.reinvestApr.times(periodShare).times(keep)));
  const gas = toFixedPoint(model.plan.gasUsd);
  const rewardsPerDay = toFixedPoint(model.rewardsUsdPerYear.div(365));
  const reinvestPerDay = toFixedPoint(model.reinvestApr.div(365));
  const hFixed = toFixedPoint(h);
  const dayUnit = toFixedPoint(ONE);
  const segments: HarvestSegment[] = [];
  let reinvested = 0n;
  let harvests = 0n; // harvests due so far
  let claimed = 0n; // the due harvest whose rewards were last claimed (pending accrues since k·h)
  let executed = 0; // harvests that sold (each paid gas once)
  const pushSegment = (fromDay: number): void => {
    // H(d) = R + rate·(d − k·h) = (R − rate·k·h) + rate·d, rate per day, k = last claimed harvest.
    const slope = rewardsPerDay + fixedTimes(reinvested, reinvestPerDay);
    segments.push({
      fromDay,
      intercept: reinvested - fixedTimes(slope, hFixed * claimed),
      slopePerDay: slope,
    });
  };
  pushSegment(0);
  // Harvest k is due on day ceil(k·h); several harvests within one day form one segment. As in the
  // backtest and the Monte Carlo, a harvest whose proceeds would not pay its gas is deferred: the
  // rewards stay pending (R unchanged) and the next due harvest sells all periods since the last claim.
  const lastDay = BigInt(days) * dayUnit;
  const periodGain = (): bigint => income + fixedTimes(reinvested, growth) - reinvested;
  while (hFixed * (harvests + 1n) <= lastDay) {
    const due = hFixed * (harvests + 1n);
    const day = Number((due + dayUnit - 1n) / dayUnit);
    const dayFixed = BigInt(day) * dayUnit;
    const claimedBefore = claimed;
    while (hFixed * (harvests + 1n) <= dayFixed && hFixed * (harvests + 1n) <= lastDay) {
      harvests++;
      const net = periodGain() * (harvests - claimed) - gas;
      if (net > 0n) {
        reinvested += net;
        claimed = harvests;
        executed++;
      }
    }
    if (claimed !== claimedBefore) pushSegment(day);
  }
  return { segments, harvests: executed, periodsSold: Number(claimed) };
}

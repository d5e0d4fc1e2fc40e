import { QuietMoves } from '../../dynamics/prices';
import type { Rng } from '../rng';
import type { PathStepper } from './types';

/**
 * Pegged assets (stablecoins, liquid-staking tokens) in the Monte Carlo: the price is the anchor's
 * price (USD, or a simulated asset such as ETH) × exchange-rate growth × (1 − gap), where the gap to
 * the peg is 0 until a depeg event. Events arrive as a Poisson process (`eventsPerYear`); each
 * widens the gap to 1 − (1 − gap)(1 − depth), and the gap then closes geometrically with
 * half-life `halfLifeDays`. A fitted random walk would instead let a stablecoin wander by its data
 * noise (USDT at 4.5 %/yr) with no pull back to 1.
 *
 * The defaults are calibrated from the bundled daily closes by `calibrateDepeg` (see docs/risk.md;
 * test/risk/depeg.test.ts recomputes them from resources/data): USD stablecoins from USDC
 * (troughs: March 2020, March 2023 / SVB), liquid staking from stETH/ETH (March 2021, June 2022).
 */
export interface DepegParams {
  eventsPerYear: number;
  /** Gap to the peg right after an event, as a fraction of the peg value (at a daily close). */
  depth: number;
  halfLifeDays: number;
}

export type DepegClass = 'stablecoin' | 'liquid-staking';

export const DEPEG_CALIBRATION: Readonly<
  Record<DepegClass, DepegParams & { series: string; threshold: number; episodes: string[] }>
> = {
  stablecoin: {
    series: 'USDC-USD',
    threshold: 0.02,
    episodes: ['2020-03-18', '2023-03-11'],
    eventsPerYear: 0.3395,
    depth: 0.0292,
    halfLifeDays: 1,
  },
  'liquid-staking': {
    series: 'STETH-USD / ETH-USD',
    threshold: 0.05,
    episodes: ['2021-03-22', '2022-06-15'],
    eventsPerYear: 0.4071,
    depth: 0.0705,
    halfLifeDays: 9.5,
  },
};

// ---------------------------------------------------------------- calibration

export interface DepegEpisode {
  start: string;
  trough: string;
  depth: number;
  /** Days from the trough until the gap is under half its depth (at least 1). */
  recoveryDays: number;
}

/**
 * Depeg episodes of a ratio series (price / peg value, daily closes): maximal runs with a gap of at
 * least `threshold`, runs less than `mergeDays` apart counted as one. Frequency = episodes per
 * year of the series; depth = mean trough gap; half-life = mean days from trough to half the gap.
 */
export function calibrateDepeg({
  dates,
  ratio,
  threshold,
  mergeDays = 30,
}: {
  dates: readonly string[];
  ratio: ArrayLike<number>;
  threshold: number;
  mergeDays?: number;
}): DepegParams & { episodes: DepegEpisode[]; years: number } {
  const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const episodes: DepegEpisode[] = [];
  let open: { start: number; trough: number; lastBelow: number } | null = null;
  const close = () => {
    if (!open) return;
    const depth = 1 - ratio[open.trough]!;
    let recovery = open.trough + 1;
    while (recovery < dates.length && 1 - ratio[recovery]! >= depth / 2) recovery++;
    episodes.push({
      start: dates[open.start]!,
      trough: dates[open.trough]!,
      depth,
      recoveryDays: Math.max(
        1,
        Math.round(
          dayOf(dates[Math.min(recovery, dates.length - 1)]!) - dayOf(dates[open.trough]!),
        ),
      ),
    });
    open = null;
  };
  for (let t = 0; t < dates.length; t++) {
    const gap = 1 - ratio[t]!;
    if (gap < threshold) continue;
    if (open && dayOf(dates[t]!) - dayOf(dates[open.lastBelow]!) > mergeDays) close();
    if (!open) open = { start: t, trough: t, lastBelow: t };
    open.lastBelow = t;
    if (gap > 1 - ratio[open.trough]!) open.trough = t;
  }
  close();
  const years = dates.length > 1 ? (dayOf(dates.at(-1)!) - dayOf(dates[0]!) + 1) / 365 : 0;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  return {
    episodes,
    years,
    eventsPerYear: years > 0 ? episodes.length / years : 0,
    depth: mean(episodes.map((e) => e.depth)),
    halfLifeDays: Math.max(1, mean(episodes.map((e) => e.recoveryDays))),
  };
}

// ---------------------------------------------------------------- the path model

/** Plain data (crosses to worker threads): pegged factors come after the base model's factors. */
export interface DepegModel {
  kind: 'depeg';
  /** Factors the base model (GBM, bootstrap) moves: indices 0 … baseFactors − 1. */
  baseFactors: number;
  /** All factors: pegged factor j is index baseFactors + j. */
  factors: number;
  /** Factor index of each pegged factor's anchor (always a lower index), or −1 for a constant one (USD). */
  anchor: Int32Array;
  /** Daily growth of the exchange rates between the factor and its anchor (1 for a 1:1 peg). */
  ratioGrowth: Float64Array;
  /** Expected depeg events per day (eventsPerYear / 365); 0 for none. */
  eventsPerDay: Float64Array;
  depth: Float64Array;
  /** The gap is multiplied by this each day: 2^(−1/halfLifeDays). */
  decay: Float64Array;
  /** A user-set depeg on every path: after day `stressDay` (1-based, −1 none) the gap widens by stressDepth. */
  stressDay: Int32Array;
  stressDepth: Float64Array;
  stressDecay: Float64Array;
}

export interface PeggedFactorSpec {
  anchor: number;
  ratioGrowthPerDay: number;
  jumps: DepegParams | null;
  stress: { day: number; depth: number; halfLifeDays: number } | null;
}

export function depegModel(baseFactors: number, pegged: readonly PeggedFactorSpec[]): DepegModel {
  const m = pegged.length;
  const decayOf = (halfLife: number) => (Number.isFinite(halfLife) ? 2 ** (-1 / halfLife) : 1);
  const model: DepegModel = {
    kind: 'depeg',
    baseFactors,
    factors: baseFactors + m,
    anchor: Int32Array.from(pegged, (p) => p.anchor),
    ratioGrowth: Float64Array.from(pegged, (p) => p.ratioGrowthPerDay),
    eventsPerDay: Float64Array.from(pegged, (p) => (p.jumps ? p.jumps.eventsPerYear / 365 : 0)),
    depth: Float64Array.from(pegged, (p) => p.jumps?.depth ?? 0),
    decay: Float64Array.from(pegged, (p) => decayOf(p.jumps?.halfLifeDays ?? 1)),
    stressDay: Int32Array.from(pegged, (p) => p.stress?.day ?? -1),
    stressDepth: Float64Array.from(pegged, (p) => p.stress?.depth ?? 0),
    stressDecay: Float64Array.from(pegged, (p) => decayOf(p.stress?.halfLifeDays ?? Infinity)),
  };
  pegged.forEach((p, j) => {
    if (p.anchor >= baseFactors + j)
      throw new Error('a pegged factor’s anchor must come before it');
  });
  return model;
}

/**
 * Wraps the base model's stepper: the base factors are drawn straight into the full layout (the
 * base writes rows `factors` wide), then each pegged factor is derived from its anchor's move and
 * its gap. A user stress gap decays at its own half-life, on top of (and independent of) the random
 * events.
 *
 * Events are drawn as the arrival times of the Poisson process (exponential gaps of mean 1/λ days),
 * not as one Poisson count per day: the number of arrivals in each day is then Poisson(λ) and
 * independent across days, the same law, for one draw per event instead of one per day (λ is about
 * 1/1,000 a day, so a path draws once or twice instead of 365 times). Days with no gap open are
 * the anchor's move times the exchange-rate growth, bit for bit what the general formula gives.
 */
export class DepegStepper implements PathStepper {
  constructor(
    private readonly base: PathStepper | null,
    private readonly model: DepegModel,
  ) {}

  /**
   * The pegged factors that can be given as quiet moves (`QuietMoves`): pegged on USD (their
   * quiet-day multiple is the exchange-rate growth alone), no other factor's anchor, not hit by the
   * crash overlay (`hits`, which multiplies growth rows). Null when there is none.
   */
  quietMoves(hits: Uint8Array | null): QuietMoves | null {
    const { baseFactors: k0, factors: k, anchor, ratioGrowth } = this.model;
    const isQuiet = new Uint8Array(k);
    const quietGrowth = new Float64Array(k).fill(1);
    let any = false;
    for (let j = 0; j < k - k0; j++) {
      const f = k0 + j;
      if (anchor[j] !== -1 || (hits && hits[f])) continue;
      if (anchor.some((a) => a === f)) continue;
      isQuiet[f] = 1;
      quietGrowth[f] = ratioGrowth[j]!;
      any = true;
    }
    return any ? new QuietMoves(isQuiet, quietGrowth) : null;
  }

  /**
   * One path's moves into `growth`; with `quiet` (from `quietMoves`), its quiet factors' days
   * without an open gap are skipped and the other days added to `quiet` instead of written — the
   * same draws in the same order and the same multiples.
   */
  fillPath(
    rng: Rng,
    days: number,
    growth: Float64Array,
    lane: number,
    stride: number,
    _rowFactors?: number,
    quiet: QuietMoves | null = null,
  ): void {
    const { baseFactors: k0, factors: k } = this.model;
    if (this.base && k0 > 0) this.base.fillPath(rng, days, growth, lane, stride, k);
    const { anchor, ratioGrowth, eventsPerDay, depth, decay } = this.model;
    const { stressDay, stressDepth, stressDecay } = this.model;
    const row = k * stride;
    for (let j = 0; j < k - k0; j++) {
      const a = anchor[j]!;
      const lambda = eventsPerDay[j]!;
      const rate = ratioGrowth[j]!;
      const keep = 1 - depth[j]!;
      const halve = decay[j]!;
      const stressOn = stressDay[j]!;
      const stressHalve = stressDecay[j]!;
      let next = lambda > 0 ? -Math.log(rng.uniform()) / lambda : Infinity; // next arrival, days
      let gap = 0; // random events
      let stressGap = 0;
      let previous = 1;
      if (quiet && quiet.isQuiet[k0 + j]) {
        // a = −1: the anchor's multiple is 1
        const f = k0 + j;
        for (let d = 0; d < days; d++) {
          if (gap === 0 && stressGap === 0 && previous === 1) {
            // nothing happens before the next arrival or the stress day: jump to it
            let to = Math.floor(next);
            if (stressOn - 1 >= d && stressOn - 1 < to) to = stressOn - 1;
            if (to > d) d = to;
            if (d >= days) break;
          }
          if (gap !== 0) {
            gap *= halve;
            if (1 - gap === 1) gap = 0;
          }
          if (stressGap !== 0) stressGap *= stressHalve;
          while (next < d + 1) {
            gap = 1 - (1 - gap) * keep;
            next -= Math.log(rng.uniform()) / lambda;
          }
          if (d + 1 === stressOn) stressGap = 1 - (1 - stressGap) * (1 - stressDepth[j]!);
          if (gap === 0 && stressGap === 0 && previous === 1) continue; // the quiet multiple
          const level = (1 - gap) * (1 - stressGap);
          quiet.add(d + 1, lane, f, (rate * level) / previous);
          previous = level;
        }
        continue;
      }
      for (let d = 0, at = (k0 + j) * stride + lane; d < days; d++, at += row) {
        const anchorGrowth = a >= 0 ? growth[at + (a - k0 - j) * stride]! : 1;
        if (gap !== 0) {
          gap *= halve;
          if (1 - gap === 1) gap = 0; // closed to the last bit: the level is exactly 1 either way
        }
        if (stressGap !== 0) stressGap *= stressHalve;
        while (next < d + 1) {
          gap = 1 - (1 - gap) * keep;
          next -= Math.log(rng.uniform()) / lambda;
        }
        if (d + 1 === stressOn) stressGap = 1 - (1 - stressGap) * (1 - stressDepth[j]!);
        if (gap === 0 && stressGap === 0 && previous === 1) {
          growth[at] = anchorGrowth * rate; // level 1 after level 1
          continue;
        }
        const level = (1 - gap) * (1 - stressGap);
        growth[at] = (anchorGrowth * rate * level) / previous;
        previous = level;
      }
    }
  }
}

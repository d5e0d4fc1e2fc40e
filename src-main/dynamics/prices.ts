import { ONE, type Decimal } from '../engine/decimal';
import { USD, type PegMap } from '../engine/prices';
import { dailyGrowth, pegPath } from './peg-path';

/**
 * Market prices, one per asset per lane (`px[asset * stride + lane]`), and where each comes from.
 * The kernel's per-day price input is one of:
 * - `PRICE_SERIES`: a given series (history, one value per day, the same on every lane);
 * - `PRICE_FACTOR`: a simulated daily multiple per lane (a Monte Carlo factor);
 * - `PRICE_PEGGED`: a root's price × a peg ratio growing at the peg's exchange-rate growth;
 * - `PRICE_LP`: one LP token by pool math (lp.ts writes it);
 * - `PRICE_CONSTANT`: the start price every day.
 */
export const PRICE_CONSTANT = 0;
export const PRICE_FACTOR = 1;
export const PRICE_PEGGED = 2;
export const PRICE_LP = 3;
export const PRICE_SERIES = 4;

export interface PriceLayout {
  assets: string[];
  startPrices: Float64Array;
  priceKind: Uint8Array;
  /** PRICE_FACTOR: index into the model's factors. */
  factorIndex: Int32Array;
  factorAssets: string[];
  /** PRICE_PEGGED: root asset index, units of root per unit at day 0, and its daily growth. */
  pegRoot: Int32Array;
  pegRatio: Float64Array;
  pegGrowth: Float64Array;
  /** PRICE_SERIES: index into the day-price input. */
  seriesIndex: Int32Array;
}

/**
 * Where each asset's price comes from. `series` (the backtest's price book) wins; then the model's
 * `factorAssets`; then a peg chain to one of those (or USD); else the start price, held.
 */
export function compilePrices(input: {
  assets: string[];
  lpTokens: ReadonlySet<string>;
  prices: ReadonlyMap<string, Decimal>;
  pegs: PegMap;
  factorAssets: readonly string[];
  seriesAssets: readonly string[];
}): PriceLayout | { missing: string } {
  const { assets, prices, pegs, factorAssets } = input;
  const n = assets.length;
  const indexOf = new Map(assets.map((a, i) => [a, i]));
  const layout: PriceLayout = {
    assets,
    startPrices: new Float64Array(n),
    priceKind: new Uint8Array(n),
    factorIndex: new Int32Array(n).fill(-1),
    factorAssets: [...factorAssets],
    pegRoot: new Int32Array(n).fill(-1),
    pegRatio: new Float64Array(n),
    pegGrowth: new Float64Array(n).fill(1),
    seriesIndex: new Int32Array(n).fill(-1),
  };
  const factorSet = new Set(factorAssets);
  const seriesAt = new Map(input.seriesAssets.map((a, i) => [a, i]));
  for (let i = 0; i < n; i++) {
    const asset = assets[i]!;
    if (input.lpTokens.has(asset)) {
      layout.priceKind[i] = PRICE_LP; // start price filled in once LPs are compiled
      continue;
    }
    const price = asset === USD ? ONE : prices.get(asset);
    if (!price) return { missing: asset };
    layout.startPrices[i] = price.toNumber();
    const series = seriesAt.get(asset);
    if (series !== undefined) {
      layout.priceKind[i] = PRICE_SERIES;
      layout.seriesIndex[i] = series;
      continue;
    }
    if (factorSet.has(asset)) {
      layout.priceKind[i] = PRICE_FACTOR;
      layout.factorIndex[i] = factorAssets.indexOf(asset);
      continue;
    }
    // follow the peg chain to the first asset with a price process (as the backtest's price book)
    const path = pegPath(asset, pegs, (s) => factorSet.has(s) || s === USD);
    const anchorPrice = path ? (path.anchor === USD ? ONE : prices.get(path.anchor)) : undefined;
    if (path && anchorPrice && !anchorPrice.isZero()) {
      layout.priceKind[i] = PRICE_PEGGED;
      layout.pegRoot[i] = indexOf.get(path.anchor)!;
      layout.pegRatio[i] = price.div(anchorPrice).toNumber(); // the start price's own discount is kept
      layout.pegGrowth[i] = dailyGrowth(path.links);
    } else layout.priceKind[i] = PRICE_CONSTANT;
  }
  return layout;
}

/** Per-day price inputs: simulated factor multiples (Monte Carlo) and/or given series (history). */
export interface PriceInput {
  /** [day−1][factor][lane] multiples P_d / P_{d−1} (stride = the kernel's lane stride). */
  growth: Float64Array | null;
  /** series[k][day]: price of the PRICE_SERIES asset k on day `day`. */
  series: readonly Float64Array[] | null;
  /** Factors whose multiple is one number on most lane-days, given sparsely (their growth rows unread). */
  quiet?: QuietMoves | null;
}

/**
 * The daily multiples of "quiet" factors — a stablecoin under the depeg model on USD, whose
 * multiple is its exchange-rate growth on every day without an open gap — as that one number per
 * factor plus the lane-days that differ, bucketed by day. The market then multiplies a quiet
 * factor's prices by a scalar (nothing at all for a 1:1 peg, x·1 being x) and the lanes that differ
 * by their own multiple: the same products as reading a full growth row, bit for bit.
 */
export class QuietMoves {
  /** 1 for a factor given here (its growth rows are neither written nor read). */
  readonly isQuiet: Uint8Array;
  /** A quiet factor's multiple on every lane-day not listed. */
  readonly quietGrowth: Float64Array;
  private count = 0;
  private day = new Int32Array(64);
  private lane = new Int32Array(64);
  private factor = new Int32Array(64);
  private value = new Float64Array(64);
  /** After `finish`: entries of day d (1-based) at byDay[dayStart[d − 1] … dayStart[d] − 1]. */
  dayStart = new Int32Array(0);
  byDay = new Int32Array(0);
  /** Entry e's lane, factor and multiple (indexed through byDay). */
  get lanes(): Int32Array {
    return this.lane;
  }
  get factors(): Int32Array {
    return this.factor;
  }
  get values(): Float64Array {
    return this.value;
  }

  constructor(isQuiet: Uint8Array, quietGrowth: Float64Array) {
    this.isQuiet = isQuiet;
    this.quietGrowth = quietGrowth;
  }

  /** Starts a block. */
  clear(): void {
    this.count = 0;
  }

  /** Factor f's multiple on day `day` (1-based) of `lane` is `value`, not the quiet one. */
  add(day: number, lane: number, f: number, value: number): void {
    const n = this.count;
    if (n === this.day.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.day = grow(this.day, new Int32Array(2 * n));
      this.lane = grow(this.lane, new Int32Array(2 * n));
      this.factor = grow(this.factor, new Int32Array(2 * n));
      this.value = grow(this.value, new Float64Array(2 * n));
    }
    this.day[n] = day;
    this.lane[n] = lane;
    this.factor[n] = f;
    this.value[n] = value;
    this.count = n + 1;
  }

  /** Buckets the block's entries by day (a counting sort; within a day, in the order added). */
  finish(days: number): void {
    if (this.dayStart.length < days + 1) this.dayStart = new Int32Array(days + 1);
    if (this.byDay.length < this.count) this.byDay = new Int32Array(this.day.length);
    const start = this.dayStart;
    start.fill(0, 0, days + 1);
    for (let e = 0; e < this.count; e++) start[this.day[e]!]!++;
    for (let d = 1; d <= days; d++) start[d]! += start[d - 1]!;
    // start[d] now ends day d; fill backwards so each day keeps the order of addition
    for (let e = this.count - 1; e >= 0; e--) this.byDay[--start[this.day[e]!]!] = e;
    // start[d] now begins day d; shift to the documented "day d at dayStart[d − 1]"
    for (let d = 0; d < days; d++) start[d] = start[d + 1]!;
    start[days] = this.count;
  }
}

/** The market-price state of a block of lanes. */
export class MarketLanes {
  readonly px: Float64Array;
  private readonly pegRatioNow: Float64Array;
  private readonly factorAssets: Int32Array;
  private readonly peggedAssets: Int32Array;
  private readonly seriesAssets: Int32Array;
  /** Today's multiple of the quiet lanes that differ, held while the scalar multiply runs. */
  private scratch = new Float64Array(0);

  constructor(
    private readonly p: PriceLayout,
    private readonly stride: number,
  ) {
    const n = p.assets.length;
    this.px = new Float64Array(n * stride);
    this.pegRatioNow = new Float64Array(n);
    const of = (kind: number) =>
      Int32Array.from(p.assets.flatMap((_, i) => (p.priceKind[i] === kind ? [i] : [])));
    this.factorAssets = of(PRICE_FACTOR);
    this.peggedAssets = of(PRICE_PEGGED);
    this.seriesAssets = of(PRICE_SERIES);
  }

  reset(lanes: number): void {
    const L = this.stride;
    for (let i = 0; i < this.p.assets.length; i++) {
      this.px.fill(this.p.startPrices[i]!, i * L, i * L + lanes);
    }
    this.pegRatioNow.set(this.p.pegRatio);
  }

  /** Today's market prices (LP tokens are revalued by lp.ts afterwards). */
  move(lanes: number, day: number, input: PriceInput): void {
    const p = this.p;
    const px = this.px;
    const L = this.stride;
    const series = input.series;
    if (series) {
      const sa = this.seriesAssets;
      for (let q = 0; q < sa.length; q++) {
        const i = sa[q]!;
        px.fill(series[p.seriesIndex[i]!]![day]!, i * L, i * L + lanes);
      }
    }
    const growth = input.growth;
    if (growth) {
      const k = p.factorAssets.length;
      const row = (day - 1) * k * L;
      const fa = this.factorAssets;
      const quiet = input.quiet ?? null;
      for (let q = 0; q < fa.length; q++) {
        const base = fa[q]! * L;
        const f = p.factorIndex[fa[q]!]!;
        if (quiet && quiet.isQuiet[f]) {
          this.moveQuiet(quiet, f, base, lanes, day);
          continue;
        }
        const g = row + f * L;
        for (let lane = 0; lane < lanes; lane++) px[base + lane]! *= growth[g + lane]!;
      }
    }
    this.movePegged(lanes);
  }

  /** px × the quiet factor f's multiple: one scalar for all lanes, the listed lanes their own. */
  private moveQuiet(quiet: QuietMoves, f: number, base: number, lanes: number, day: number): void {
    const px = this.px;
    const from = quiet.dayStart[day - 1]!;
    const to = quiet.dayStart[day]!;
    const { byDay, lanes: laneOf, factors, values } = quiet;
    const g = quiet.quietGrowth[f]!;
    if (g === 1) {
      for (let i = from; i < to; i++) {
        const e = byDay[i]!;
        if (factors[e] === f) px[base + laneOf[e]!]! *= values[e]!;
      }
      return;
    }
    if (this.scratch.length < to - from) this.scratch = new Float64Array(2 * (to - from));
    const held = this.scratch;
    for (let i = from; i < to; i++) {
      const e = byDay[i]!;
      if (factors[e] === f) held[i - from] = px[base + laneOf[e]!]! * values[e]!;
    }
    for (let lane = 0; lane < lanes; lane++) px[base + lane]! *= g;
    for (let i = from; i < to; i++) {
      const e = byDay[i]!;
      if (factors[e] === f) px[base + laneOf[e]!] = held[i - from]!;
    }
  }

  private movePegged(lanes: number): void {
    const p = this.p;
    const px = this.px;
    const L = this.stride;
    const pa = this.peggedAssets;
    for (let q = 0; q < pa.length; q++) {
      const i = pa[q]!;
      const ratio = (this.pegRatioNow[i]! *= p.pegGrowth[i]!);
      const base = i * L;
      const rootIndex = p.pegRoot[i]!;
      const root = rootIndex * L;
      // pegged to a root that never moves (a stablecoin on USD): the same price on every lane
      if (p.priceKind[rootIndex] === PRICE_CONSTANT) px.fill(px[root]! * ratio, base, base + lanes);
      else for (let lane = 0; lane < lanes; lane++) px[base + lane] = px[root + lane]! * ratio;
    }
  }
}

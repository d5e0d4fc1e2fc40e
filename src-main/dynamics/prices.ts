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
}

/** The market-price state of a block of lanes. */
export class MarketLanes {
  readonly px: Float64Array;
  private readonly pegRatioNow: Float64Array;
  private readonly factorAssets: Int32Array;
  private readonly peggedAssets: Int32Array;
  private readonly seriesAssets: Int32Array;

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
      for (let q = 0; q < fa.length; q++) {
        const base = fa[q]! * L;
        const g = row + p.factorIndex[fa[q]!]! * L;
        for (let lane = 0; lane < lanes; lane++) px[base + lane]! *= growth[g + lane]!;
      }
    }
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

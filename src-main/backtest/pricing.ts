import { Decimal } from '../engine/decimal';
import type { Peg } from '../engine/format/schema';
import type { EngineIssue } from '../engine/position';
import { pegRatio, USD, type PegMap } from '../engine/prices';
import { dayStart, isoFromDay, SECONDS_PER_DAY } from './calendar';
import { alignCloses } from './price-grid';
import type { DailyCloses, PriceCoverage, PriceHistory } from './types';

const MAX_PEG_DEPTH = 8;
/** The first day may carry a close at most this old (a weekend gap, not a series that has ended). */
const MAX_CARRY_AT_START_DAYS = 7;

/** The day of the last close on or before `firstDay` when it is too old to carry, else null. */
function staleStart(series: DailyCloses, firstDay: number): number | null {
  let last: number | null = null;
  for (let j = 0; j < series.ts.length && dayStart(series.ts[j] as number) <= firstDay; j++) {
    last = dayStart(series.ts[j] as number);
  }
  return last !== null && firstDay - last > MAX_CARRY_AT_START_DAYS * SECONDS_PER_DAY ? last : null;
}

/** Per-day prices for every asset the replay needs, as float arrays and, for the money math, Decimals. */
export interface PriceBook {
  days: number;
  market: Map<string, Float64Array>;
  /** The same prices as Decimals, made on first use (most days only need the floats). */
  marketDec: Map<string, LazyDecimals>;
  coverage: PriceCoverage;
}

/** One link of a peg chain: units of the next asset per unit, growing at `growthApr` a year. */
interface PegLink {
  to: string;
  ratio: number;
  growthApr: number;
}

/**
 * Daily growth of a peg's exchange rate: `ratio × (1 + growthApr/365)^day`, day 0 being the replay's
 * first day (the strategy's declared exchange rate is taken as the rate on that day).
 */
export function pegLinkRatio(link: { ratio: number; growthApr: number }, day: number): number {
  return link.growthApr === 0 ? link.ratio : link.ratio * Math.pow(1 + link.growthApr / 365, day);
}

function linkOf(peg: Peg): PegLink | null {
  const ratio = pegRatio(peg);
  if (!ratio) return null;
  const growth = peg.kind === 'exchange-rate' ? Number(peg.exchangeRateAprGrowth ?? '0') : 0;
  return {
    to: peg.asset,
    ratio: ratio.toNumber(),
    growthApr: Number.isFinite(growth) ? growth : 0,
  };
}

/** The peg links from `asset` until `stop(symbol)` is true; null when the chain breaks first. */
export function pegPath(
  asset: string,
  pegs: PegMap,
  stop: (symbol: string) => boolean,
): { anchor: string; links: PegLink[] } | null {
  const links: PegLink[] = [];
  let current = asset;
  for (let depth = 0; depth <= MAX_PEG_DEPTH; depth++) {
    if (depth > 0 && stop(current)) return { anchor: current, links };
    const peg = pegs.get(current);
    if (!peg) return null;
    const link = linkOf(peg);
    if (!link) return null;
    links.push(link);
    current = link.to;
  }
  return null;
}

function chainFactor(links: readonly PegLink[], day: number): number {
  let f = 1;
  for (const link of links) f *= pegLinkRatio(link, day);
  return f;
}

/**
 * Builds the market price of every asset in `assets` for each grid day:
 * 1. its own history (missing days carry the last close, reported);
 * 2. else through its peg chain to an asset with history (WETH from ETH, wstETH from stETH × rate);
 * 3. USD is 1;
 * 4. else the strategy's constant price (reported).
 * An asset with history that starts after the first day is an error: the replay cannot open there.
 */
export function buildPriceBook(input: {
  /** Assets the strategy holds: each must be priceable from the first day. */
  assets: Iterable<string>;
  /** Assets that only help (peg roots): included when their history covers the first day. */
  optionalAssets?: Iterable<string>;
  history: PriceHistory;
  grid: Float64Array;
  pegs: PegMap;
  constantPrices: ReadonlyMap<string, Decimal>;
}): { ok: true; book: PriceBook } | { ok: false; errors: EngineIssue[] } {
  const { history, grid, pegs } = input;
  const n = grid.length;
  const market = new Map<string, Float64Array>();
  const coverage: PriceCoverage = { carriedDays: {}, pegDerived: [], constantPrice: [] };
  const errors: EngineIssue[] = [];
  const required = new Set(input.assets);
  const wanted = [...new Set([...required, ...(input.optionalAssets ?? [])])];

  for (const asset of wanted) {
    const series = history[asset];
    if (!series) continue;
    const aligned = alignCloses(series, grid);
    if (n > 0 && Number.isNaN(aligned.close[0] as number)) {
      if (!required.has(asset)) continue;
      const first = series.ts.length > 0 ? isoFromDay(series.ts[0] as number) : 'never';
      errors.push({
        code: 'PRICE_HISTORY_STARTS_LATER',
        message: `${asset} has no price on or before ${isoFromDay(grid[0] as number)} (history starts ${first})`,
      });
      continue;
    }
    const stale = n > 0 ? staleStart(series, grid[0] as number) : null;
    if (stale !== null) {
      errors.push({
        code: 'PRICE_HISTORY_STALE',
        message: `${asset}'s last close before ${isoFromDay(grid[0] as number)} is on ${isoFromDay(stale)}, more than ${MAX_CARRY_AT_START_DAYS} days earlier`,
      });
      continue;
    }
    market.set(asset, aligned.close);
    if (aligned.carried.length > 0) {
      coverage.carriedDays[asset] = aligned.carried.map((i) => isoFromDay(grid[i] as number));
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  for (const asset of wanted) {
    if (market.has(asset) || (!required.has(asset) && asset !== USD)) continue;
    if (asset === USD) {
      market.set(asset, new Float64Array(n).fill(1));
      continue;
    }
    const path = pegPath(asset, pegs, (s) => market.has(s) || s === USD);
    if (path) {
      const anchor = path.anchor === USD ? null : (market.get(path.anchor) as Float64Array);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++)
        values[i] = (anchor ? (anchor[i] as number) : 1) * chainFactor(path.links, i);
      market.set(asset, values);
      coverage.pegDerived.push(asset);
      continue;
    }
    const constant = input.constantPrices.get(asset);
    if (constant) {
      market.set(asset, new Float64Array(n).fill(constant.toNumber()));
      coverage.constantPrice.push(asset);
      continue;
    }
    errors.push({
      code: 'PRICE_MISSING',
      message: `no price history, peg or strategy price for ${asset}`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const marketDec = new Map<string, LazyDecimals>();
  for (const [asset, values] of market) marketDec.set(asset, new LazyDecimals(values));
  return { ok: true, book: { days: n, market, marketDec, coverage } };
}

/** Decimal views of a float series, created per day on first use and kept. */
export class LazyDecimals {
  readonly #values: Float64Array;
  readonly #made: (Decimal | undefined)[];

  constructor(values: Float64Array) {
    this.#values = values;
    this.#made = new Array<Decimal | undefined>(values.length);
  }

  get values(): Float64Array {
    return this.#values;
  }

  at(day: number): Decimal {
    let d = this.#made[day];
    if (d === undefined) {
      const v = this.#values[day] as number;
      // Repeated closes (stablecoins, carried days) share one Decimal.
      const previous = day > 0 ? this.#made[day - 1] : undefined;
      d = previous !== undefined && this.#values[day - 1] === v ? previous : new Decimal(v);
      this.#made[day] = d;
    }
    return d;
  }
}

/**
 * The lending oracle's price of `asset` for each day:
 * - `market`: the market price;
 * - `exchange-rate`: the peg root's market price × the chain of peg ratios (growing daily at the declared
 *   rate), so a discount of the asset's market price does not move the health factor.
 * Same rule as the engine's `oraclePrice`, with the exchange rate moving day by day.
 */
export function oracleSeries(input: {
  asset: string;
  mode: 'market' | 'exchange-rate';
  book: PriceBook;
  pegs: PegMap;
}): LazyDecimals | null {
  const { asset, book, pegs } = input;
  const marketValues = book.market.get(asset);
  if (input.mode === 'exchange-rate') {
    // Follow the chain to its root: an asset with no peg of its own (ETH, BTC) or USD.
    const path = pegPath(asset, pegs, (s) => s === USD || !pegs.has(s));
    const root = path ? (path.anchor === USD ? null : book.market.get(path.anchor)) : undefined;
    if (path && root !== undefined) {
      const values = new Float64Array(book.days);
      for (let i = 0; i < book.days; i++) {
        values[i] = (root ? (root[i] as number) : 1) * chainFactor(path.links, i);
      }
      return new LazyDecimals(values);
    }
  }
  return marketValues ? (book.marketDec.get(asset) ?? null) : null;
}

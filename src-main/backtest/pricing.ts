import type { Decimal } from '../engine/decimal';
import type { EngineIssue } from '../engine/position';
import { USD, type PegMap } from '../engine/prices';
import { pegLinkRatio, pegPath, type PegLink } from '../dynamics/peg-path';
import { dayStart, isoFromDay, SECONDS_PER_DAY } from '../market-data/calendar';
import { alignCloses } from './price-grid';
import type { DailyCloses, PriceCoverage, PriceHistory } from './types';

export { pegLinkRatio, pegPath };

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

/** Per-day market prices for every asset the replay needs. */
export interface PriceBook {
  days: number;
  market: Map<string, Float64Array>;
  coverage: PriceCoverage;
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

  const late = new Map<string, { close: Float64Array; carried: number[]; first: string }>();
  for (const asset of wanted) {
    const series = history[asset];
    if (!series) continue;
    const aligned = alignCloses(series, grid);
    if (n > 0 && Number.isNaN(aligned.close[0] as number)) {
      if (!required.has(asset)) continue;
      const first = series.ts.length > 0 ? isoFromDay(series.ts[0] as number) : 'never';
      // its peg chain may price the days before it (after every own series is known, below)
      if (pegs.has(asset) && series.ts.length > 0) {
        late.set(asset, { ...aligned, first });
        continue;
      }
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

  for (const [asset, own] of late) {
    const backfilled = backfillThroughPeg(asset, own.close, market, pegs);
    if (!backfilled) {
      errors.push({
        code: 'PRICE_HISTORY_STARTS_LATER',
        message: `${asset} has no price on or before ${isoFromDay(grid[0] as number)} (history starts ${own.first}), and its peg chain has no history there either`,
      });
      continue;
    }
    market.set(asset, backfilled.values);
    const until = backfilled.firstOwn - 1;
    (coverage.pegBackfilled ??= {})[asset] = {
      from: isoFromDay(grid[0] as number),
      to: isoFromDay(grid[until] as number),
      days: until + 1,
      via: backfilled.via,
    };
    const carried = own.carried.filter((i) => i > until);
    if (carried.length > 0) {
      coverage.carriedDays[asset] = carried.map((i) => isoFromDay(grid[i] as number));
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

  return { ok: true, book: { days: n, market, coverage } };
}

/**
 * Prices `asset` before its own series starts (grid day k) through its peg chain to an asset with
 * history: chain(i) = anchor(i) × Π ratio·growth^i, scaled so that day k meets the own close:
 * price(i) = own(k) · chain(i) / chain(k) for i < k, the own series from k on. The chain carries the
 * anchor's moves (stETH's discount for wstETH) and the exchange rate's growth backwards. Null when
 * the chain reaches no asset with history.
 */
function backfillThroughPeg(
  asset: string,
  own: Float64Array,
  market: ReadonlyMap<string, Float64Array>,
  pegs: PegMap,
): { values: Float64Array; firstOwn: number; via: string } | null {
  const k = own.findIndex((x) => !Number.isNaN(x));
  if (k <= 0) return null;
  const path = pegPath(asset, pegs, (s) => market.has(s) || s === USD);
  if (!path) return null;
  const anchor = path.anchor === USD ? null : market.get(path.anchor)!;
  const chain = (i: number) => (anchor ? (anchor[i] as number) : 1) * chainFactor(path.links, i);
  const scale = (own[k] as number) / chain(k);
  if (!Number.isFinite(scale) || !(scale > 0)) return null;
  const values = Float64Array.from(own);
  for (let i = 0; i < k; i++) values[i] = scale * chain(i);
  return { values, firstOwn: k, via: path.anchor };
}

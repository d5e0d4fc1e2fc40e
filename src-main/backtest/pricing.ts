import type { Decimal } from '../engine/decimal';
import type { EngineIssue } from '../engine/position';
import { USD, type PegMap } from '../engine/prices';
import { pegLinkRatio, pegPath, type PegLink } from '../dynamics/peg-path';
import { priceRoute, routeStart, type PegRoute, type PriceRoute } from './price-routes';
import { dayStart, isoFromDay, SECONDS_PER_DAY } from '../market-data/calendar';
import { alignCloses, type AlignedCloses } from './price-grid';
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

/** Day (00:00 UTC) of a series' first usable close (positive, finite), or +Infinity. */
export function firstCloseDay(series: DailyCloses | undefined): number {
  if (!series) return Number.POSITIVE_INFINITY;
  for (let j = 0; j < series.ts.length; j++) {
    const close = series.close[j] as number;
    if (Number.isFinite(close) && close > 0) return dayStart(series.ts[j] as number);
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Builds the market price of every asset in `assets` for each grid day, by its price route
 * (price-routes.ts):
 * 1. its own history (missing days carry the last close, reported); before that starts, through
 *    its peg chain to the nearest asset with history (wstETH from stETH × rate, reported);
 * 2. else through its peg chain from the nearest asset with history (WETH from ETH);
 * 3. USD is 1;
 * 4. else the strategy's constant price (reported).
 * A route that cannot price the first day (`routeStart` after it) is an error: the replay cannot
 * open there.
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
  if (n === 0) return { ok: true, book: { days: 0, market, coverage } };
  const day0 = grid[0] as number;
  const first = isoFromDay(day0);
  const stored = (s: string) => (history[s]?.ts.length ?? 0) > 0;
  const firstDay = (s: string) => firstCloseDay(history[s]);
  const startsOn = (s: string) => {
    const day = firstDay(s);
    return Number.isFinite(day) ? isoFromDay(day) : 'never';
  };

  // Own series on the grid, once each; `covering` = those with a close on the first day.
  const aligned = new Map<string, AlignedCloses>();
  const alignedOf = (s: string) => {
    let a = aligned.get(s);
    if (!a) aligned.set(s, (a = alignCloses(history[s]!, grid)));
    return a;
  };
  const covering = (s: string) => stored(s) && !Number.isNaN(alignedOf(s).close[0] as number);
  const useOwn = (asset: string) => {
    const stale = staleStart(history[asset]!, day0);
    if (stale !== null) {
      errors.push({
        code: 'PRICE_HISTORY_STALE',
        message: `${asset}'s last close before ${first} is on ${isoFromDay(stale)}, more than ${MAX_CARRY_AT_START_DAYS} days earlier`,
      });
      return;
    }
    const own = alignedOf(asset);
    market.set(asset, own.close);
    if (own.carried.length > 0) {
      coverage.carriedDays[asset] = own.carried.map((i) => isoFromDay(grid[i] as number));
    }
  };
  const chainValues = (chain: PegRoute) => {
    const anchor = chain.anchor === USD ? null : alignedOf(chain.anchor).close;
    return (i: number) => (anchor ? (anchor[i] as number) : 1) * chainFactor(chain.links, i);
  };

  const required = new Set(input.assets);
  const wanted = [...new Set([...required, ...(input.optionalAssets ?? [])])];
  for (const asset of wanted) if (asset !== USD && covering(asset)) useOwn(asset);
  if (errors.length > 0) return { ok: false, errors };

  const routes = new Map<string, PriceRoute>();
  for (const asset of required) {
    const route = priceRoute(asset, pegs, stored);
    if (routeStart(asset, route, firstDay) > day0) {
      errors.push({ code: 'PRICE_HISTORY_STARTS_LATER', message: startsLater(asset, route) });
    } else if (route.kind === 'own' && !market.has(asset)) {
      backfill(asset, route.backfill!);
    }
    routes.set(asset, route);
  }
  if (errors.length > 0) return { ok: false, errors };

  for (const asset of wanted) {
    if (market.has(asset)) continue;
    const route = routes.get(asset);
    if (asset === USD) {
      market.set(asset, new Float64Array(n).fill(1));
    } else if (route?.kind === 'peg') {
      const chain = chainValues(route.chain);
      market.set(
        asset,
        Float64Array.from({ length: n }, (_, i) => chain(i)),
      );
      coverage.pegDerived.push(asset);
    } else if (route?.kind === 'constant') {
      const constant = input.constantPrices.get(asset);
      if (constant) {
        market.set(asset, new Float64Array(n).fill(constant.toNumber()));
        coverage.constantPrice.push(asset);
      } else {
        errors.push({
          code: 'PRICE_MISSING',
          message: `no price history, peg or strategy price for ${asset}`,
        });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, book: { days: n, market, coverage } };

  function startsLater(asset: string, route: PriceRoute): string {
    const chain = route.kind === 'own' ? route.backfill : route.kind === 'peg' ? route.chain : null;
    if (route.kind === 'peg') {
      return `${asset} is priced through its peg from ${route.chain.anchor}, which has no price on or before ${first} (history starts ${startsOn(route.chain.anchor)})`;
    }
    const own = `${asset} has no price on or before ${first} (history starts ${startsOn(asset)})`;
    return chain
      ? `${own}, and its peg chain's nearest history, ${chain.anchor}, starts ${startsOn(chain.anchor)}`
      : own;
  }

  /**
   * Prices `asset` before its own series starts (grid day k) through its peg chain:
   * chain(i) = anchor(i) × Π ratio·growth^i, scaled so that day k meets the own close:
   * price(i) = own(k) · chain(i) / chain(k) for i < k, the own series from k on. The chain carries
   * the anchor's moves (stETH's discount for wstETH) and the exchange rate's growth backwards. An
   * own series that starts after the window has no day to meet: the chain at the declared rate.
   */
  function backfill(asset: string, route: PegRoute): void {
    const own = alignedOf(asset);
    const chain = chainValues(route);
    const k = own.close.findIndex((x) => !Number.isNaN(x));
    const until = k < 0 ? n : k;
    const scale = k < 0 ? 1 : (own.close[k] as number) / chain(k);
    if (!Number.isFinite(scale) || !(scale > 0)) {
      errors.push({
        code: 'PRICE_HISTORY_STARTS_LATER',
        message: `${asset} has no price on or before ${first}, and its peg chain to ${route.anchor} cannot price it there`,
      });
      return;
    }
    const values = Float64Array.from(own.close);
    for (let i = 0; i < until; i++) values[i] = scale * chain(i);
    market.set(asset, values);
    (coverage.pegBackfilled ??= {})[asset] = {
      from: first,
      to: isoFromDay(grid[until - 1] as number),
      days: until,
      via: route.anchor,
    };
    const carried = own.carried.filter((i) => i >= until);
    if (carried.length > 0) {
      coverage.carriedDays[asset] = carried.map((i) => isoFromDay(grid[i] as number));
    }
  }
}

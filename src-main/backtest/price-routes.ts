import { USD, type PegMap } from '../engine/prices';
import { pegPath, type PegLink } from '../dynamics/peg-path';

/** A peg chain from an asset up to `anchor`: the nearest asset on it with a stored series, or USD. */
export interface PegRoute {
  anchor: string;
  links: PegLink[];
}

/**
 * Where a replay reads the price of one asset the strategy holds. The one rule for both the
 * replay (`buildPriceBook`) and the backtest form's bounds (`services/coverage.ts`):
 * - `unit`: USD, 1 every day;
 * - `own`: its own stored series; before that starts, through `backfill` (its peg chain to the
 *   nearest asset up the chain with a stored series, or USD) when it has a peg;
 * - `peg`: no series of its own: through its peg chain from the nearest stored asset (or USD);
 * - `constant`: neither: the strategy's constant price, if it gives one.
 * The chain stops at the nearest stored asset: wstETH before its series is stETH × rate, and
 * before stETH's series there is no wstETH price (not ETH × rate for years stETH did not exist).
 */
export type PriceRoute =
  | { kind: 'unit' }
  | { kind: 'own'; backfill: PegRoute | null }
  | { kind: 'peg'; chain: PegRoute }
  | { kind: 'constant' };

export function priceRoute(
  asset: string,
  pegs: PegMap,
  stored: (symbol: string) => boolean,
): PriceRoute {
  if (asset === USD) return { kind: 'unit' };
  const chain = pegPath(asset, pegs, (s) => s === USD || stored(s));
  if (stored(asset)) return { kind: 'own', backfill: chain };
  return chain ? { kind: 'peg', chain } : { kind: 'constant' };
}

/**
 * The first day (unix seconds at 00:00 UTC) a replay can open with `asset` priced by `route`, from
 * the first day of each stored series (`firstDay`): its own series' first day, or the backfill
 * anchor's when that is earlier; the anchor's for a peg route. -Infinity: any day (USD, a chain to
 * USD, a constant price).
 */
export function routeStart(
  asset: string,
  route: PriceRoute,
  firstDay: (symbol: string) => number,
): number {
  const anchorStart = (chain: PegRoute) =>
    chain.anchor === USD ? Number.NEGATIVE_INFINITY : firstDay(chain.anchor);
  switch (route.kind) {
    case 'unit':
    case 'constant':
      return Number.NEGATIVE_INFINITY;
    case 'peg':
      return anchorStart(route.chain);
    case 'own':
      return route.backfill
        ? Math.min(firstDay(asset), anchorStart(route.backfill))
        : firstDay(asset);
  }
}

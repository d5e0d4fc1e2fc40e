import type { Step, Strategy } from '../engine/format/schema';
import { pegsFromStrategy, USD } from '../engine/prices';
import { priceRoute, type PriceRoute } from './price-routes';
import { assetsUsed } from './strategy-assets';

/** A stored price series a backtest of the strategy reads, and the strategy asset it prices. */
export interface PriceSeriesNeed {
  /** The asset the strategy holds (e.g. WETH). */
  asset: string;
  /** The stored series that prices it (WETH → ETH through its peg; the asset itself when stored). */
  symbol: string;
  /** How the replay prices it (price-routes.ts): the days before `symbol` starts may come from its peg chain. */
  route: PriceRoute;
}

/** A lending rate series a backtest reads because its market replays stored rates. */
export interface RateSeriesNeed {
  marketId: string;
  protocol: string;
  chain: string;
  asset: string;
  side: 'supply' | 'borrow';
}

/**
 * The stored series a backtest of `strategy` depends on, by the replay's own price routes
 * (price-routes.ts): an asset with its own stored history is priced by it (and before it starts,
 * maybe through its peg chain); else by the nearest asset up its peg chain that has one; USD and
 * strategy constants need no series. Rates count only for markets replayed with stored history
 * (`rateModes[id] === 'history'`), for the assets the steps supply or borrow there.
 */
export function seriesNeeded(input: {
  strategy: Strategy;
  rateModes?: Readonly<Record<string, string>>;
  hasPrices: (symbol: string) => boolean;
}): { prices: PriceSeriesNeed[]; rates: RateSeriesNeed[] } {
  const { strategy, hasPrices } = input;
  const pegs = pegsFromStrategy(strategy);
  const prices: PriceSeriesNeed[] = [];
  for (const asset of [...assetsUsed(strategy)].sort()) {
    const route = priceRoute(asset, pegs, hasPrices);
    if (route.kind === 'own') prices.push({ asset, symbol: asset, route });
    else if (route.kind === 'peg' && route.chain.anchor !== USD)
      prices.push({ asset, symbol: route.chain.anchor, route });
  }

  const history = new Set(
    Object.entries(input.rateModes ?? {}).flatMap(([id, mode]) => (mode === 'history' ? [id] : [])),
  );
  const rates: RateSeriesNeed[] = [];
  const seen = new Set<string>();
  const visit = (step: Step) => {
    if (step.type === 'loop') return step.body.forEach(visit);
    if (step.type !== 'supply' && step.type !== 'borrow') return;
    if (!history.has(step.market)) return;
    const market = strategy.markets.find((m) => m.id === step.market);
    if (!market || market.kind !== 'lending') return;
    const key = `${market.id}\u0000${step.asset}\u0000${step.type}`;
    if (seen.has(key)) return;
    seen.add(key);
    rates.push({
      marketId: market.id,
      protocol: market.protocol,
      chain: market.chain,
      asset: step.asset,
      side: step.type,
    });
  };
  strategy.steps.forEach(visit);
  return { prices, rates };
}

import type { Step, Strategy } from '../engine/format/schema';
import { pegsFromStrategy } from '../engine/prices';
import { assetsUsed } from './strategy-assets';

/** A stored price series a backtest of the strategy reads, and the strategy asset it prices. */
export interface PriceSeriesNeed {
  /** The asset the strategy holds (e.g. WETH). */
  asset: string;
  /** The stored series that prices it (WETH → ETH through its peg; the asset itself when stored). */
  symbol: string;
}

/** A lending rate series a backtest reads because its market replays stored rates. */
export interface RateSeriesNeed {
  marketId: string;
  protocol: string;
  chain: string;
  asset: string;
  side: 'supply' | 'borrow';
}

const MAX_PEG_DEPTH = 8;

/**
 * The stored series a backtest of `strategy` depends on, mirroring the replay's pricing order
 * (backtest/pricing.ts): an asset with its own stored history is priced by it; else by the first
 * asset up its peg chain that has one; USD and strategy constants need no series. Rates count only
 * for markets replayed with stored history (`rateModes[id] === 'history'`), for the assets the
 * steps supply or borrow there.
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
    let current: string | undefined = asset;
    for (let depth = 0; current !== undefined && depth <= MAX_PEG_DEPTH; depth++) {
      if (hasPrices(current)) {
        prices.push({ asset, symbol: current });
        break;
      }
      current = pegs.get(current)?.asset;
    }
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

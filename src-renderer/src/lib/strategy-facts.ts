import type {
  AssetWithCoverage,
  Evaluation,
  StrategyDocument,
} from '../../../src-main/contract/index';

/**
 * Facts the risk and backtest forms read from a strategy document that may be half typed: every
 * field is checked before use, and anything malformed is simply left out (the engine reports it).
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The document's `horizonDays` when it is a positive whole number. */
export function horizonDays(strategy: StrategyDocument): number | null {
  const days = strategy['horizonDays'];
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : null;
}

export interface MarketRef {
  id: string;
  name: string;
}

/** Lending markets by id and display name (the backtest's rate modes are chosen per market). */
export function lendingMarkets(strategy: StrategyDocument): MarketRef[] {
  const markets = strategy['markets'];
  if (!Array.isArray(markets)) return [];
  return markets.flatMap((m: unknown) => {
    if (!isRecord(m) || m['kind'] !== 'lending' || typeof m['id'] !== 'string') return [];
    return [{ id: m['id'], name: typeof m['name'] === 'string' ? m['name'] : m['id'] }];
  });
}

/** Market id → display name, for any kind of market. */
export function marketNames(strategy: StrategyDocument): Record<string, string> {
  const names: Record<string, string> = {};
  const markets = strategy['markets'];
  if (!Array.isArray(markets)) return names;
  for (const m of markets as unknown[]) {
    if (isRecord(m) && typeof m['id'] === 'string' && typeof m['name'] === 'string')
      names[m['id']] = m['name'];
  }
  return names;
}

interface AssetFacts {
  kind: string | null;
  pegged: boolean;
}

/** Kind and peg of a symbol: the document's own `assets` first, then the app's asset registry. */
function factsOf(
  symbol: string,
  strategy: StrategyDocument,
  registry: readonly AssetWithCoverage[],
): AssetFacts {
  const own = isRecord(strategy['assets']) ? strategy['assets'][symbol] : undefined;
  if (isRecord(own)) {
    return {
      kind: typeof own['kind'] === 'string' ? own['kind'] : null,
      pegged: isRecord(own['peg']),
    };
  }
  const known = registry.find((a) => a.symbol === symbol);
  return known ? { kind: known.kind, pegged: known.peg !== null } : { kind: null, pegged: false };
}

export interface StressAssets {
  /** Volatile priced assets for a price axis, price roots (ETH) first. */
  price: string[];
  /** Assets designed to hold a peg (stablecoins, liquid staking tokens) for a depeg axis. */
  peg: string[];
}

/**
 * Candidates for the stress axes. Price roots come from the evaluation (`netExposureByRoot`, and
 * what `liquidationPrice` is keyed by), so shocking ETH moves WETH with it; then the document's
 * priced and held assets. Unknown symbols count as volatile; stablecoins and USD never do.
 */
export function stressAssets({
  strategy,
  evaluation,
  registry,
}: {
  strategy: StrategyDocument;
  evaluation: Evaluation | null;
  registry: readonly AssetWithCoverage[];
}): StressAssets {
  const roots = evaluation
    ? [...Object.keys(evaluation.netExposureByRoot), ...Object.keys(evaluation.liquidationPrice)]
    : [];
  const priced = isRecord(strategy['prices']) ? Object.keys(strategy['prices']) : [];
  const held = evaluation ? Object.keys(evaluation.netExposure) : [];
  const symbols = [...new Set([...roots, ...priced, ...held])].filter(
    (s) => s !== 'USD' && !s.includes(':'),
  );
  const price: string[] = [];
  const peg: string[] = [];
  for (const symbol of symbols) {
    const { kind, pegged } = factsOf(symbol, strategy, registry);
    if (kind !== 'stable' && kind !== 'unit') price.push(symbol);
    if (pegged && (kind === 'stable' || kind === 'liquid-staking')) peg.push(symbol);
  }
  // liquid staking before stablecoins: its depeg is the one that threatens a loop
  peg.sort((a, b) => rank(a) - rank(b));
  return { price, peg };

  function rank(symbol: string): number {
    return factsOf(symbol, strategy, registry).kind === 'liquid-staking' ? 0 : 1;
  }
}

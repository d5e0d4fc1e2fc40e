import type { Decimal } from '../engine/decimal';
import type { BuiltPosition } from '../engine/position';
import { pegsFromStrategy, priceRoot } from '../engine/prices';
import type { AutomationOptions } from './automation-options';
import { compileHarvests, type HarvestLayout } from './harvest';
import { compileLending, type LendingLayout } from './lending/account';
import { compileAutomation, type AutomationLayout } from './lending/automation';
import { compileLps, type LpLayout } from './lp';
import { compilePerps, type PerpLayout } from './perp';
import { compilePrices, type PriceLayout } from './prices';
import { compileStakes, type StakeLayout } from './stake';

/**
 * The engine's position (Decimal, maps) flattened into Float64 arrays, one part per position kind.
 * Plain data (structured-cloneable to worker threads). Everything is indexed: assets by position in
 * `prices.assets`, lending balances by slot, LPs, stakes, perps and harvests by their order.
 */
export interface CompiledPosition {
  prices: PriceLayout;
  /** Wallet units per asset. */
  wallet: Float64Array;
  /** Assets the position's wallet lists at the start (the report names them). */
  walletListed: Uint8Array;
  lending: LendingLayout;
  automation: AutomationLayout;
  lps: LpLayout;
  stakes: StakeLayout;
  perps: PerpLayout;
  harvests: HarvestLayout;
  /** Notes on approximations taken for this position (shown with the results). */
  notes: string[];
}

export class CompileError extends Error {
  constructor(
    readonly code: 'PRICE_MISSING' | 'STRATEGY_HAS_ERRORS',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * Compiles a built position. Prices: `seriesAssets` take a given series each day (the backtest's
 * history); `factorAssets` move by the price model (the Monte Carlo); any other asset pegged
 * (directly or through a chain) to one of them follows it with its peg ratio held, and the rest
 * stay at their start price. `prices` overrides the built position's start prices.
 */
export function compilePosition({
  built,
  factorAssets = [],
  seriesAssets = [],
  automation,
  exactStableswap = false,
  prices: startPrices,
}: {
  built: BuiltPosition;
  factorAssets?: readonly string[];
  seriesAssets?: readonly string[];
  automation?: AutomationOptions;
  exactStableswap?: boolean;
  prices?: ReadonlyMap<string, Decimal>;
}): CompiledPosition {
  const { strategy, position } = built;
  if (built.errors.length > 0) {
    throw new CompileError('STRATEGY_HAS_ERRORS', built.errors.map((e) => e.code).join(', '));
  }
  const pegs = pegsFromStrategy(strategy);
  const notes: string[] = [];
  const assets = riskAssets({ built, factorAssets });
  const indexOf = new Map(assets.map((a, i) => [a, i]));
  const lpList = [...position.lps.values()];

  const prices = compilePrices({
    assets,
    lpTokens: new Set(lpList.map((lp) => lp.token)),
    prices: startPrices ?? built.prices,
    pegs,
    factorAssets,
    seriesAssets,
  });
  if ('missing' in prices) throw new CompileError('PRICE_MISSING', prices.missing);
  const { layout: lending, slotKey } = compileLending({
    accounts: [...position.lending.values()],
    indexOf,
    pegs,
  });
  const lps = compileLps({
    lps: lpList,
    indexOf,
    startPrices: prices.startPrices,
    exactStableswap,
    notes,
  });
  return {
    prices,
    wallet: Float64Array.from(assets, (a) => position.wallet.get(a)?.toNumber() ?? 0),
    walletListed: Uint8Array.from(assets, (a) => (position.wallet.has(a) ? 1 : 0)),
    lending,
    automation: compileAutomation(automation),
    lps,
    stakes: compileStakes(position.stakes, indexOf),
    perps: compilePerps(position.perps, indexOf),
    harvests: compileHarvests({
      harvests: position.harvests,
      strategy,
      position,
      slotKey,
      indexOf,
    }),
    notes,
  };
}

/**
 * Every asset the position's value depends on, factors first: held, supplied, borrowed, pooled,
 * staked, earned, margined, and the roots of pegged ones (USD included, priced 1). The Monte Carlo
 * picks its factors from this list (those with price history).
 */
export function riskAssets({
  built,
  factorAssets = [],
}: {
  built: BuiltPosition;
  factorAssets?: readonly string[];
}): string[] {
  const { position } = built;
  const pegs = pegsFromStrategy(built.strategy);
  const set = new Set<string>(factorAssets);
  for (const a of position.wallet.keys()) set.add(a);
  for (const acc of position.lending.values()) {
    for (const a of acc.supplies.keys()) set.add(a);
    for (const a of acc.debts.keys()) set.add(a);
  }
  for (const lp of position.lps.values()) {
    set.add(lp.pool.assets[0]);
    set.add(lp.pool.assets[1]);
    set.add(lp.token);
  }
  for (const s of position.stakes) {
    set.add(s.asset);
    set.add(s.rewardAsset);
  }
  for (const p of position.perps) {
    set.add(p.asset);
    set.add(p.marginAsset);
  }
  for (const h of position.harvests) set.add(h.sellInto);
  for (const a of [...set]) {
    const root = priceRoot({ asset: a, pegs });
    if (root && root.root !== a) set.add(root.root);
  }
  return [...set];
}

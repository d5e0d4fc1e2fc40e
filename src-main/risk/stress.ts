import { Decimal, ZERO } from '../engine/decimal';
import { lpTokenValueUsd } from '../engine/amm/lp-value';
import { accountHealth } from '../engine/lending/account-health';
import { liquidateUntilHealthy } from '../engine/lending/liquidate-until-healthy';
import type { BuiltPosition, LendingAccount, PositionState, PriceMap } from '../engine/position';
import {
  MAX_PEG_DEPTH,
  oraclePriceMap,
  pegsFromStrategy,
  priceRoot,
  withRootPrice,
  type PegMap,
} from '../engine/prices';
import { perpPnlUsd, positionTotals } from '../engine/valuation';

/**
 * Stress grids: the built position (balances fixed, as at the moment of the shock) revalued with the
 * engine's Decimal math at shocked prices — health factor per lending market at ORACLE prices
 * (engine `accountHealth` over `oraclePriceMap`), equity at MARKET prices (engine `positionTotals`:
 * LPs through pool math, perps marked to market; each lending account floored at 0 as in the
 * backtest, since lending is non-recourse), and whether anything is liquidatable (an account under
 * HF 1, a perp under (maintenance + close fee)·size·P). The equity of a liquidatable cell is the
 * equity after the liquidators have acted at those prices, by each market's own rule (the engine's
 * `liquidateUntilHealthy`; a perp loses its margin); the health factor is the one at the shock,
 * before them.
 */

/** −90 % … +300 %: fine steps where liquidations happen (falls), coarser for rises. */
export const DEFAULT_PRICE_SHOCKS: readonly number[] = [
  -0.9, -0.85, -0.8, -0.75, -0.7, -0.65, -0.6, -0.55, -0.5, -0.45, -0.4, -0.35, -0.3, -0.25, -0.2,
  -0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 2.5, 3,
];

/** Peg ratios 1.00 → 0.80 in 0.01 steps (issue 10: a depeg shock for any pegged asset). */
export const DEFAULT_DEPEG_RATIOS: readonly number[] = Array.from({ length: 21 }, (_, i) =>
  Number((1 - i * 0.01).toFixed(2)),
);

/**
 * One axis of a grid: a USD price move of an asset, the same move of several assets at once
 * (`prices`: ETH and BTC both −30 %), or a pegged asset's ratio to its peg.
 */
export type StressAxis =
  | { kind: 'price'; asset: string; shocks?: readonly number[] }
  | { kind: 'prices'; assets: readonly string[]; shocks?: readonly number[] }
  | { kind: 'peg'; asset: string; ratios?: readonly number[] };

export interface StressPoint {
  /** Price multiples (1 + shock) or peg ratios, per axis, in axis order. */
  values: number[];
  /** Lowest health factor over lending markets; null when nothing is borrowed. */
  healthFactor: number | null;
  healthFactorByMarket: Record<string, number | null>;
  equityUsd: number;
  /** Equity change against the unshocked position, USD. */
  equityChangeUsd: number;
  /** A lending account under HF 1 or a perp under its maintenance margin. */
  liquidated: boolean;
  /** Markets liquidated at this cell (lending accounts, then perps), ids in position order. */
  liquidatedMarkets: string[];
  /**
   * USD the liquidations take from the user at this cell, each by its protocol's terms: a lending
   * account's penalty (its value at the shock before the liquidators act, less after), a perp's
   * whole margin. 0 when nothing is liquidated.
   */
  liquidationLossUsd: number;
}

export interface StressGrid {
  /** `asset` of a joint axis is its assets joined by '+', listed in `assets`. */
  axes: { kind: StressAxis['kind']; asset: string; assets: string[]; values: number[] }[];
  baseEquityUsd: number;
  /** Row-major: points[i] for a 1-D grid, points[i * ny + j] for a 2-D grid. */
  points: StressPoint[];
}

export class StressError extends Error {
  constructor(
    readonly code: 'ASSET_NOT_PRICED' | 'ASSET_NOT_PEGGED' | 'SHOCK_INVALID',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** One asset's price from −90 % to +300 % (assets pegged to it move with it). */
export function oneAssetGrid({
  built,
  asset,
  shocks = DEFAULT_PRICE_SHOCKS,
}: {
  built: BuiltPosition;
  asset: string;
  shocks?: readonly number[];
}): StressGrid {
  return stressGrid({ built, axes: [{ kind: 'price', asset, shocks }] });
}

/** A pegged asset's market price at ratio r of its peg value (1.00 → 0.80 by default). */
export function depegGrid({
  built,
  asset,
  ratios = DEFAULT_DEPEG_RATIOS,
}: {
  built: BuiltPosition;
  asset: string;
  ratios?: readonly number[];
}): StressGrid {
  return stressGrid({ built, axes: [{ kind: 'peg', asset, ratios }] });
}

/** Any one or two axes, e.g. collateral vs debt price, or stETH/ETH ratio vs ETH/USD. */
export function stressGrid({
  built,
  axes,
}: {
  built: BuiltPosition;
  axes: readonly StressAxis[];
}): StressGrid {
  const pegs = pegsFromStrategy(built.strategy);
  const resolved = axes.map((axis) => resolveAxis(axis, built.prices, pegs));
  const base = revalue(built, built.prices, pegs);
  const points: StressPoint[] = [];
  const visit = (depth: number, prices: PriceMap, values: number[]): void => {
    if (depth === resolved.length) {
      const point = revalue(built, prices, pegs);
      points.push({ ...point, values, equityChangeUsd: point.equityUsd - base.equityUsd });
      return;
    }
    const axis = resolved[depth]!;
    for (const value of axis.values)
      visit(depth + 1, axis.apply(prices, value), [...values, value]);
  };
  visit(0, built.prices, []);
  return {
    axes: resolved.map((a) => ({
      kind: a.kind,
      asset: a.asset,
      assets: a.assets,
      values: a.values,
    })),
    baseEquityUsd: base.equityUsd,
    points,
  };
}

interface ResolvedAxis {
  kind: StressAxis['kind'];
  asset: string;
  assets: string[];
  values: number[];
  apply: (prices: PriceMap, value: number) => PriceMap;
}

function resolveAxis(axis: StressAxis, prices: PriceMap, pegs: PegMap): ResolvedAxis {
  if (axis.kind === 'price' || axis.kind === 'prices') {
    const assets = axis.kind === 'price' ? [axis.asset] : [...new Set(axis.assets)];
    if (assets.length === 0) throw new StressError('SHOCK_INVALID', 'a joint shock needs assets');
    for (const a of assets) if (!prices.get(a)) throw new StressError('ASSET_NOT_PRICED', a);
    const shocks = axis.shocks ?? DEFAULT_PRICE_SHOCKS;
    if (shocks.some((s) => !(s > -1) || !Number.isFinite(s))) {
      throw new StressError('SHOCK_INVALID', 'price shocks must be finite and above −100 %');
    }
    return {
      kind: axis.kind,
      asset: assets.join('+'),
      assets,
      values: shocks.map((s) => 1 + s),
      // each asset (and what is pegged to it) moves by the multiple, all at once
      apply: (current, multiple) =>
        assets.reduce((p, a) => scaleFollowers(p, pegs, a, multiple), current),
    };
  }
  if (!prices.get(axis.asset)) throw new StressError('ASSET_NOT_PRICED', axis.asset);
  if (!pegs.has(axis.asset))
    throw new StressError('ASSET_NOT_PEGGED', `${axis.asset} declares no peg`);
  const ratios = axis.ratios ?? DEFAULT_DEPEG_RATIOS;
  if (ratios.some((r) => !(r > 0) || !Number.isFinite(r))) {
    throw new StressError('SHOCK_INVALID', 'peg ratios must be finite and above 0');
  }
  return {
    kind: 'peg',
    asset: axis.asset,
    assets: [axis.asset],
    values: [...ratios],
    // the asset (and anything pegged onto it, e.g. wstETH on stETH) trades at ratio × its peg value
    apply: (current, ratio) => scaleFollowers(current, pegs, axis.asset, ratio, true),
  };
}

/**
 * Multiplies `asset`'s price by `multiple`, and the price of every asset whose peg chain passes
 * through it. A price shock of a root (ETH) uses the engine's `withRootPrice`; a depeg moves the
 * pegged asset against its unchanged peg.
 */
function scaleFollowers(
  prices: PriceMap,
  pegs: PegMap,
  asset: string,
  multiple: number,
  depeg = false,
): PriceMap {
  const root = priceRoot({ asset, pegs });
  const factor = new Decimal(multiple);
  if (!depeg && root?.root === asset) {
    return withRootPrice({
      prices,
      pegs,
      root: asset,
      rootPriceUsd: prices.get(asset)!.times(factor),
    });
  }
  const out = new Map(prices);
  for (const [symbol, price] of prices) {
    if (symbol === asset || pegChainPasses(symbol, asset, pegs))
      out.set(symbol, price.times(factor));
  }
  return out;
}

function pegChainPasses(symbol: string, through: string, pegs: PegMap): boolean {
  let current = symbol;
  for (let depth = 0; depth < MAX_PEG_DEPTH; depth++) {
    const peg = pegs.get(current);
    if (!peg) return false;
    if (peg.asset === through) return true;
    current = peg.asset;
  }
  return false;
}

function revalue(
  built: BuiltPosition,
  prices: PriceMap,
  pegs: PegMap,
): Omit<StressPoint, 'values' | 'equityChangeUsd'> {
  const healthFactorByMarket: Record<string, number | null> = {};
  let lowest: number | null = null;
  let liquidated = false;
  const liquidatedMarkets: string[] = [];
  let loss = ZERO;
  const lending = new Map(built.position.lending);
  for (const [id, account] of built.position.lending) {
    const oracle = oraclePriceMap({ market: account.market, marketPrices: prices, pegs });
    const hf = accountHealth({ account, prices: oracle }).healthFactor;
    const value = hf.isFinite() ? hf.toNumber() : null;
    healthFactorByMarket[account.marketId] = value;
    if (value !== null) {
      lowest = lowest === null ? value : Math.min(lowest, value);
      if (hf.lessThan(1)) {
        liquidated = true;
        const after = liquidateUntilHealthy({ account, prices: oracle }).account;
        lending.set(id, after);
        liquidatedMarkets.push(account.marketId);
        // non-recourse: an account is worth no less than 0 before or after
        const before = Decimal.max(ZERO, accountNetUsd(built.position, account, prices));
        loss = loss.plus(
          before.minus(Decimal.max(ZERO, accountNetUsd(built.position, after, prices))),
        );
      }
    }
  }
  const perps = built.position.perps.map((perp) => {
    const price = prices.get(perp.asset);
    const marginPrice = prices.get(perp.marginAsset);
    if (!price || !marginPrice || perp.size.isZero()) return perp;
    const equity = perp.margin.times(marginPrice).plus(perpPnlUsd(perp, price));
    // the engine's rule: liquidated under (maintenance + close fee)·size·P; the exchange closes it
    // and keeps what was left in it at the shock (margin + PnL, nothing when already underwater),
    // as a lending account's loss is its value at the shock before the liquidation less after
    const requirement = perp.size
      .times(price)
      .times(perp.maintenanceMarginRate.plus(perp.closeFeeRate));
    if (!equity.lessThan(requirement)) return perp;
    liquidated = true;
    if (!liquidatedMarkets.includes(perp.marketId)) liquidatedMarkets.push(perp.marketId);
    loss = loss.plus(Decimal.max(ZERO, equity));
    return { ...perp, size: ZERO, margin: ZERO };
  });
  const after: PositionState = liquidated ? { ...built.position, lending, perps } : built.position;
  const equityUsd = positionTotals({ position: after, prices })
    .equityUsd.plus(badDebtUsd(after, prices))
    .toNumber();
  return {
    healthFactor: lowest,
    healthFactorByMarket,
    equityUsd,
    liquidated,
    liquidatedMarkets,
    liquidationLossUsd: loss.toNumber(),
  };
}

/**
 * Σ over lending accounts of max(0, debts − supplies) at market prices: what `positionTotals` counts
 * against the user beyond the account's value. Lending is non-recourse — the backtest and the Monte
 * Carlo value each account at max(0, supplies − debts) — so adding this back gives the same equity.
 */
function badDebtUsd(position: PositionState, prices: PriceMap): Decimal {
  let total = ZERO;
  for (const account of position.lending.values()) {
    const net = accountNetUsd(position, account, prices);
    if (net.isNegative()) total = total.minus(net);
  }
  return total;
}

/** An account's supplies less its debts at market prices (LP tokens through pool math). */
function accountNetUsd(
  position: PositionState,
  account: LendingAccount,
  prices: PriceMap,
): Decimal {
  let net = ZERO;
  for (const supply of account.supplies.values()) {
    const lp = position.lps.get(supply.asset);
    net = net.plus(
      lp
        ? lpTokenValueUsd({ lp, units: supply.amount, prices })
        : supply.amount.times(prices.get(supply.asset) ?? ZERO),
    );
  }
  for (const [asset, units] of account.debts)
    net = net.minus(units.times(prices.get(asset) ?? ZERO));
  return net;
}

import { Decimal, ONE, ZERO } from '../decimal';
import { accountHealth } from '../lending/account-health';
import { effectiveCollateralParams } from '../lending/effective-params';
import { accountOraclePrices } from '../chain/context';
import type { LendingAccount, PerpPosition, PositionState, PriceMap } from '../position';
import { priceRoot, withRootPrice, type PegMap } from '../prices';
import { findRootInBracket } from './root-finder';

export type LiquidationDirection = 'down' | 'up';

export interface LiquidationPoint {
  /** The price variable: a root asset (ETH, BTC, …) or, for a depeg, the pegged asset itself. */
  asset: string;
  source: 'lending' | 'perp';
  marketId: string;
  stepId: string | null;
  currentPriceUsd: Decimal;
  /** Price (USD) at which HF = 1 (lending) or margin = maintenance (perp). */
  priceUsd: Decimal;
  /** 'down': liquidated when the price falls to priceUsd; 'up': when it rises to it. */
  direction: LiquidationDirection;
  method: 'closed-form' | 'root-finder';
}

interface Linear {
  /** HF(m) = (a·m + b) / (c·m + d) with m = price / current price. */
  a: Decimal;
  b: Decimal;
  c: Decimal;
  d: Decimal;
}

/**
 * Lending: with one price variable moving (others held constant), each oracle price either scales
 * with it or stays fixed, so Σcollateral·LT and Σdebt are linear in the multiplier m and
 *   HF(m) = (a·m + b) / (c·m + d) = 1   ⇔   m* = (d − b) / (a − c)      (closed form, exact).
 * `moves(asset)` says whether an asset's oracle price scales with the variable.
 */
function linearHealth(
  account: LendingAccount,
  oracle: PriceMap,
  moves: (asset: string) => boolean,
): Linear {
  let a = ZERO;
  let b = ZERO;
  let c = ZERO;
  let d = ZERO;
  for (const supply of account.supplies.values()) {
    if (!supply.collateral || supply.amount.isZero()) continue;
    const lt = effectiveCollateralParams({
      market: account.market,
      asset: supply.asset,
    }).liquidationThreshold;
    const value = supply.amount.times(oracle.get(supply.asset) ?? ZERO).times(lt);
    if (moves(supply.asset)) a = a.plus(value);
    else b = b.plus(value);
  }
  for (const [asset, units] of account.debts) {
    const value = units.times(oracle.get(asset) ?? ZERO);
    if (moves(asset)) c = c.plus(value);
    else d = d.plus(value);
  }
  return { a, b, c, d };
}

function hasLpCollateral(account: LendingAccount): boolean {
  for (const supply of account.supplies.values())
    if (supply.asset.startsWith('LP:') && supply.collateral) return true;
  return false;
}

function hasDebt(account: LendingAccount): boolean {
  for (const units of account.debts.values()) if (units.greaterThan(0)) return true;
  return false;
}

/**
 * Liquidation price of each lending account for one price variable. `variable` is either a peg
 * root (ETH: WETH, stETH, wstETH move with it) or a single pegged asset (a depeg: only it moves).
 */
export function lendingLiquidationPoints({
  position,
  prices,
  pegs,
  variable,
  kind,
}: {
  position: PositionState;
  prices: PriceMap;
  pegs: PegMap;
  variable: string;
  kind: 'root' | 'depeg';
}): LiquidationPoint[] {
  const current = prices.get(variable);
  if (!current || current.isZero()) return [];
  const moves = (asset: string): boolean =>
    kind === 'depeg' ? asset === variable : priceRoot({ asset, pegs })?.root === variable;
  const repriced = (m: Decimal): Map<string, Decimal> => {
    if (kind === 'root')
      return withRootPrice({ prices, pegs, root: variable, rootPriceUsd: current.times(m) });
    const out = new Map(prices);
    out.set(variable, current.times(m));
    return out;
  };
  const points: LiquidationPoint[] = [];
  for (const account of position.lending.values()) {
    if (!hasDebt(account)) continue;
    const oracle = accountOraclePrices({ prices, position, pegs }, account);
    if (kind === 'depeg' && account.market.assets[variable]?.oracle === 'exchange-rate') continue;
    let solution: {
      m: Decimal;
      direction: LiquidationDirection;
      method: LiquidationPoint['method'];
    } | null;
    if (hasLpCollateral(account)) {
      solution = solveByRootFinder((m) => {
        const p = repriced(m);
        return accountHealth({
          account,
          prices: accountOraclePrices({ prices: p, position, pegs }, account),
        }).healthFactor.minus(ONE);
      });
    } else {
      const { a, b, c, d } = linearHealth(account, oracle, moves);
      if (a.equals(c)) continue;
      const m = d.minus(b).div(a.minus(c));
      solution = m.greaterThan(0)
        ? { m, direction: a.greaterThan(c) ? 'down' : 'up', method: 'closed-form' }
        : null;
    }
    if (!solution) continue;
    points.push({
      asset: variable,
      source: 'lending',
      marketId: account.marketId,
      stepId: null,
      currentPriceUsd: current,
      priceUsd: current.times(solution.m),
      direction: solution.direction,
      method: solution.method,
    });
  }
  return points;
}

/**
 * Bracketed search for g(m) = HF(m) − 1 = 0: below the current price (halving m) and above it
 * (doubling), returning the root nearest to m = 1.
 */
export function solveByRootFinder(
  g: (m: Decimal) => Decimal,
): { m: Decimal; direction: LiquidationDirection; method: 'root-finder' } | null {
  const atOne = g(ONE);
  let best: { m: Decimal; direction: LiquidationDirection; method: 'root-finder' } | null = null;
  for (const direction of ['down', 'up'] as const) {
    let inner = ONE;
    let outer = ONE;
    let found = false;
    for (let i = 0; i < 64; i++) {
      outer = direction === 'down' ? inner.div(2) : inner.times(2);
      const value = g(outer);
      if (value.isPositive() !== atOne.isPositive() || value.isZero()) {
        found = true;
        break;
      }
      inner = outer;
    }
    if (!found) continue;
    const lo = Decimal.min(inner, outer);
    const hi = Decimal.max(inner, outer);
    const m = findRootInBracket({ f: g, lo, hi });
    if (!m) continue;
    if (!best || m.minus(1).abs().lessThan(best.m.minus(1).abs()))
      best = { m, direction, method: 'root-finder' };
  }
  return best;
}

/**
 * Perp liquidation (GMX v2 / Hyperliquid style): liquidated when
 *   margin value + unrealized PnL = (maintenanceMarginRate + closeFeeRate) · size · P.
 * Both sides are linear in P (margin value too when the margin asset is pegged to the underlying),
 * so with equity(P) = α + β·P and requirement γ·P:  P* = α / (γ − β).
 */
export function perpLiquidationPoint({
  perp,
  prices,
  pegs,
}: {
  perp: PerpPosition;
  prices: PriceMap;
  pegs: PegMap;
}): LiquidationPoint | null {
  const current = prices.get(perp.asset);
  const marginPrice = prices.get(perp.marginAsset);
  if (!current || current.isZero() || !marginPrice) return null;
  const underlyingRoot = priceRoot({ asset: perp.asset, pegs })?.root;
  const marginMoves = priceRoot({ asset: perp.marginAsset, pegs })?.root === underlyingRoot;
  const marginUsd = perp.margin.times(marginPrice);
  const sign = perp.side === 'long' ? ONE : ONE.neg();
  // PnL = sign·size·(P − entry) ⇒ α gets −sign·size·entry, β gets sign·size.
  let alpha = sign.neg().times(perp.size).times(perp.entryPrice);
  let beta = sign.times(perp.size);
  if (marginMoves) beta = beta.plus(marginUsd.div(current));
  else alpha = alpha.plus(marginUsd);
  const gamma = perp.maintenanceMarginRate.plus(perp.closeFeeRate).times(perp.size);
  const denominator = gamma.minus(beta);
  if (denominator.isZero()) return null;
  const price = alpha.div(denominator);
  if (!price.greaterThan(0)) return null;
  return {
    asset: perp.asset,
    source: 'perp',
    marketId: perp.marketId,
    stepId: perp.stepId,
    currentPriceUsd: current,
    priceUsd: price,
    // Equity − requirement = α + (β − γ)·P is positive now; it falls with P when β − γ > 0.
    direction: beta.minus(gamma).greaterThan(0) ? 'down' : 'up',
    method: 'closed-form',
  };
}

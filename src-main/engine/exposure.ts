import { Decimal, ONE, ZERO } from './decimal';
import { lpAmounts } from './amm/lp-value';
import type { AssetInfo } from './format/schema';
import type { PositionState, PriceMap } from './position';
import { priceRoot, USD, type PegMap } from './prices';

/** Token units of one asset by where they sit; `net` is their sum (debt counted negative). */
export interface AssetExposure {
  asset: string;
  /** The asset's peg root (ETH for wstETH) and units of the root per unit. */
  root: string;
  rootRatio: Decimal;
  priceUsd: Decimal;
  /** In the wallet, staked (plain tokens) and as perp margin. */
  held: Decimal;
  /** Supplied to lending markets (plain tokens). */
  supplied: Decimal;
  /** Inside LP positions (held, supplied or staked LP tokens), at the current pool price. */
  lp: Decimal;
  /** Owed to lending markets, as a negative number. */
  debt: Decimal;
  /** Perp size: + long, − short. */
  perp: Decimal;
  net: Decimal;
  netUsd: Decimal;
}

/** Net USD exposure to one volatile price root and whether it is small next to equity. */
export interface DeltaOutput {
  root: string;
  /** Σ net units × root ratio: units of the root. */
  netUnits: Decimal;
  netUsd: Decimal;
  /** Σ positive and Σ negative USD of every source (held, supplied, LP, debt, perp) separately. */
  longUsd: Decimal;
  shortUsd: Decimal;
  /** netUsd / equity: the equity change of a +100 % move, as a fraction; null when equity ≤ 0. */
  shareOfEquity: Decimal | null;
  neutral: boolean;
}

/** |net USD exposure| up to this share of equity counts as delta-neutral (a 10 % move: ≤ 0.5 %). */
export const DELTA_NEUTRAL_SHARE = new Decimal('0.05');

/**
 * Exposure by asset and source. The same look-through as `holdings` (valuation.ts): LP tokens
 * count as the pool assets they hold at the current pool price, which is also their delta (an
 * AMM position's d(value)/d(price of asset0) is the asset0 it holds).
 */
export function exposureBySource({
  position,
  prices,
  pegs,
}: {
  position: PositionState;
  prices: PriceMap;
  pegs: PegMap;
}): AssetExposure[] {
  type Source = 'held' | 'supplied' | 'lp' | 'debt' | 'perp';
  const rows = new Map<string, Record<Source, Decimal>>();
  const add = (asset: string, source: Source, units: Decimal) => {
    const row = rows.get(asset) ?? { held: ZERO, supplied: ZERO, lp: ZERO, debt: ZERO, perp: ZERO };
    row[source] = row[source].plus(units);
    rows.set(asset, row);
  };
  const addToken = (asset: string, units: Decimal, source: 'held' | 'supplied') => {
    if (!asset.startsWith('LP:')) return add(asset, source, units);
    const lp = position.lps.get(asset);
    if (!lp || lp.supply.isZero()) return;
    const p0 = prices.get(lp.pool.assets[0]);
    const p1 = prices.get(lp.pool.assets[1]);
    if (!p0 || !p1 || p1.isZero()) return;
    const [a0, a1] = lpAmounts({ lp, priceOfAsset0InAsset1: p0.div(p1) });
    const share = units.div(lp.supply);
    add(lp.pool.assets[0], 'lp', a0.times(share));
    add(lp.pool.assets[1], 'lp', a1.times(share));
  };
  for (const [asset, units] of position.wallet) addToken(asset, units, 'held');
  for (const account of position.lending.values()) {
    for (const supply of account.supplies.values())
      addToken(supply.asset, supply.amount, 'supplied');
    for (const [asset, units] of account.debts) add(asset, 'debt', units.neg());
  }
  for (const stake of position.stakes) addToken(stake.asset, stake.amount, 'held');
  for (const perp of position.perps) {
    add(perp.marginAsset, 'held', perp.margin);
    add(perp.asset, 'perp', perp.side === 'long' ? perp.size : perp.size.neg());
  }
  return [...rows].map(([asset, r]) => {
    const net = r.held.plus(r.supplied).plus(r.lp).plus(r.debt).plus(r.perp);
    const price = prices.get(asset) ?? ZERO;
    const root = priceRoot({ asset, pegs });
    return {
      asset,
      root: root?.root ?? asset,
      rootRatio: root?.ratio ?? ONE,
      priceUsd: price,
      ...r,
      net,
      netUsd: net.times(price),
    };
  });
}

/**
 * Delta per volatile price root (not USD, not an asset of kind `stable`): the assets pegged to it
 * summed (WETH, stETH and wstETH all count as ETH). Neutral when |netUsd| ≤ 5 % of equity.
 */
export function deltaByRoot({
  exposure,
  equityUsd,
  info,
}: {
  exposure: readonly AssetExposure[];
  equityUsd: Decimal;
  info: ReadonlyMap<string, AssetInfo>;
}): DeltaOutput[] {
  const byRoot = new Map<string, DeltaOutput>();
  for (const e of exposure) {
    if (e.root === USD || info.get(e.root)?.kind === 'stable' || e.asset.startsWith('LP:'))
      continue;
    const d = byRoot.get(e.root) ?? {
      root: e.root,
      netUnits: ZERO,
      netUsd: ZERO,
      longUsd: ZERO,
      shortUsd: ZERO,
      shareOfEquity: null,
      neutral: false,
    };
    d.netUnits = d.netUnits.plus(e.net.times(e.rootRatio));
    d.netUsd = d.netUsd.plus(e.netUsd);
    for (const units of [e.held, e.supplied, e.lp, e.debt, e.perp]) {
      const usd = units.times(e.priceUsd);
      if (usd.isPositive()) d.longUsd = d.longUsd.plus(usd);
      else d.shortUsd = d.shortUsd.plus(usd);
    }
    byRoot.set(e.root, d);
  }
  const positive = equityUsd.greaterThan(0);
  return [...byRoot.values()].map((d) => {
    const share = positive ? d.netUsd.div(equityUsd) : null;
    return {
      ...d,
      shareOfEquity: share,
      neutral: share !== null && share.abs().lte(DELTA_NEUTRAL_SHARE),
    };
  });
}

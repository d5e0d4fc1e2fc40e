import type { Decimal } from './decimal';
import { ZERO } from './decimal';
import { lpAmounts } from './amm/lp-value';
import type { PositionState, PriceMap, PerpPosition } from './position';

/** Units of each underlying asset the position holds or owes, by where they sit. */
export interface Holdings {
  /** Positive: held (wallet, supplied, inside LPs, staked, perp margin). */
  long: Map<string, Decimal>;
  /** Positive numbers: owed to lending markets. */
  debt: Map<string, Decimal>;
  /** Signed perp exposure in units of the underlying (+ long, − short). */
  perp: Map<string, Decimal>;
}

function add(map: Map<string, Decimal>, asset: string, units: Decimal): void {
  map.set(asset, (map.get(asset) ?? ZERO).plus(units));
}

/**
 * Looks through LP tokens (held or staked) to the pool assets at the pool price implied by
 * `prices`, so every exposure is in plain tokens.
 */
export function holdings({
  position,
  prices,
}: {
  position: PositionState;
  prices: PriceMap;
}): Holdings {
  const long = new Map<string, Decimal>();
  const debt = new Map<string, Decimal>();
  const perp = new Map<string, Decimal>();
  const lpUnderlying = new Map<string, [Decimal, Decimal]>();
  const addToken = (asset: string, units: Decimal): void => {
    if (!asset.startsWith('LP:')) return add(long, asset, units);
    const lp = position.lps.get(asset);
    if (!lp || lp.supply.isZero()) return;
    let amounts = lpUnderlying.get(asset);
    if (!amounts) {
      const p0 = prices.get(lp.pool.assets[0]);
      const p1 = prices.get(lp.pool.assets[1]);
      amounts =
        p0 && p1 && !p1.isZero()
          ? lpAmounts({ lp, priceOfAsset0InAsset1: p0.div(p1) })
          : [ZERO, ZERO];
      lpUnderlying.set(asset, amounts);
    }
    const share = units.div(lp.supply);
    add(long, lp.pool.assets[0], amounts[0].times(share));
    add(long, lp.pool.assets[1], amounts[1].times(share));
  };

  for (const [asset, units] of position.wallet) addToken(asset, units);
  for (const account of position.lending.values()) {
    for (const supply of account.supplies.values()) addToken(supply.asset, supply.amount);
    for (const [asset, units] of account.debts) add(debt, asset, units);
  }
  for (const stake of position.stakes) addToken(stake.asset, stake.amount);
  for (const p of position.perps) {
    add(long, p.marginAsset, p.margin);
    add(perp, p.asset, p.side === 'long' ? p.size : p.size.neg());
  }
  return { long, debt, perp };
}

/** Unrealized profit of a perp at `priceUsd` (USD). */
export function perpPnlUsd(perp: PerpPosition, priceUsd: Decimal): Decimal {
  const move = priceUsd.minus(perp.entryPrice).times(perp.size);
  return perp.side === 'long' ? move : move.neg();
}

export interface Totals {
  /** Everything held, at market prices, including perp margin and unrealized perp PnL (USD). */
  assetsUsd: Decimal;
  debtUsd: Decimal;
  equityUsd: Decimal;
  /** Σ long positions: held assets plus long perp notional (USD); the leverage numerator. */
  grossLongUsd: Decimal;
  /** grossLongUsd / equityUsd; null when equity ≤ 0. */
  leverage: Decimal | null;
}

export function positionTotals({
  position,
  prices,
  precomputed,
}: {
  position: PositionState;
  prices: PriceMap;
  precomputed?: Holdings;
}): Totals {
  const h = precomputed ?? holdings({ position, prices });
  let assetsUsd = ZERO;
  for (const [asset, units] of h.long)
    assetsUsd = assetsUsd.plus(units.times(prices.get(asset) ?? ZERO));
  let debtUsd = ZERO;
  for (const [asset, units] of h.debt)
    debtUsd = debtUsd.plus(units.times(prices.get(asset) ?? ZERO));
  let pnl = ZERO;
  let longPerpUsd = ZERO;
  for (const perp of position.perps) {
    const price = prices.get(perp.asset) ?? perp.entryPrice;
    pnl = pnl.plus(perpPnlUsd(perp, price));
    if (perp.side === 'long') longPerpUsd = longPerpUsd.plus(perp.size.times(price));
  }
  assetsUsd = assetsUsd.plus(pnl);
  const equityUsd = assetsUsd.minus(debtUsd);
  const grossLongUsd = assetsUsd.plus(longPerpUsd);
  return {
    assetsUsd,
    debtUsd,
    equityUsd,
    grossLongUsd,
    leverage: equityUsd.greaterThan(0) ? grossLongUsd.div(equityUsd) : null,
  };
}

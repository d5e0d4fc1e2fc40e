import { Decimal, ZERO } from '../decimal';
import type { LpPosition, PriceMap } from '../position';
import { amountsForLiquidity } from './concentrated';
import { cpAmountsAtPrice } from './constant-product';
import { stableswapBalancesAtPrice } from './stableswap';

/**
 * Token amounts [asset0, asset1] a liquidity position holds when the pool's price of asset0 in
 * asset1 is `priceOfAsset0InAsset1` — arbitrage is assumed to have moved the pool to the market
 * price. At the entry price the deposited amounts are returned exactly.
 */
export function lpAmounts({
  lp,
  priceOfAsset0InAsset1,
}: {
  lp: LpPosition;
  priceOfAsset0InAsset1: Decimal;
}): [Decimal, Decimal] {
  const price = priceOfAsset0InAsset1;
  if (price.equals(lp.entryPrice)) return [lp.entryAmounts[0], lp.entryAmounts[1]];
  if (price.lessThanOrEqualTo(0) || !price.isFinite()) return [ZERO, ZERO];
  switch (lp.pool.type) {
    case 'constant-product':
      return cpAmountsAtPrice({ liquidity: lp.liquidity, price });
    case 'concentrated':
      return amountsForLiquidity({
        liquidity: lp.liquidity,
        price,
        lower: new Decimal(lp.pool.lower),
        upper: new Decimal(lp.pool.upper),
      });
    case 'stableswap':
      return stableswapBalancesAtPrice({
        d: lp.liquidity,
        amp: new Decimal(lp.pool.amplification),
        price,
      });
  }
}

/**
 * USD value of the whole position at market `prices` (the pool price is price0 / price1).
 * An asset missing from `prices` makes the value 0 (the engine reports the missing price).
 */
export function lpValueUsd({ lp, prices }: { lp: LpPosition; prices: PriceMap }): Decimal {
  const price0 = prices.get(lp.pool.assets[0]);
  const price1 = prices.get(lp.pool.assets[1]);
  if (!price0 || !price1 || price1.isZero()) return ZERO;
  const [amount0, amount1] = lpAmounts({ lp, priceOfAsset0InAsset1: price0.div(price1) });
  return amount0.times(price0).plus(amount1.times(price1));
}

/** USD value of `units` LP tokens of the position (the position's supply is `lp.supply`). */
export function lpTokenValueUsd({
  lp,
  units,
  prices,
}: {
  lp: LpPosition;
  units: Decimal;
  prices: PriceMap;
}): Decimal {
  if (lp.supply.isZero()) return ZERO;
  return lpValueUsd({ lp, prices }).times(units).div(lp.supply);
}

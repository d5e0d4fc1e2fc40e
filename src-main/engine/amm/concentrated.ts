import { Decimal, ZERO, minDec } from '../decimal';

/**
 * Concentrated liquidity over a price range [Pa, Pb] of asset0 in asset1 (Uniswap v3 whitepaper,
 * Adams et al. 2021, §6.2–6.3, eq. 6.29–6.30). With liquidity L and price P:
 *   P ≤ Pa:      x = L·(1/√Pa − 1/√Pb),  y = 0
 *   Pa < P < Pb: x = L·(1/√P − 1/√Pb),   y = L·(√P − √Pa)
 *   P ≥ Pb:      x = 0,                   y = L·(√Pb − √Pa)
 */

export interface Range {
  lower: Decimal;
  upper: Decimal;
}

export function amountsForLiquidity({
  liquidity,
  price,
  lower,
  upper,
}: Range & { liquidity: Decimal; price: Decimal }): [Decimal, Decimal] {
  const sa = lower.sqrt();
  const sb = upper.sqrt();
  if (price.lessThanOrEqualTo(lower)) return [liquidity.times(inv(sa).minus(inv(sb))), ZERO];
  if (price.greaterThanOrEqualTo(upper)) return [ZERO, liquidity.times(sb.minus(sa))];
  const sp = price.sqrt();
  return [liquidity.times(inv(sp).minus(inv(sb))), liquidity.times(sp.minus(sa))];
}

/**
 * The most liquidity the amounts can provide at price P (Uniswap v3 periphery LiquidityAmounts):
 * in range, L = min(x / (1/√P − 1/√Pb), y / (√P − √Pa)); below the range only asset0 is used,
 * above it only asset1.
 */
export function liquidityForAmounts({
  amount0,
  amount1,
  price,
  lower,
  upper,
}: Range & { amount0: Decimal; amount1: Decimal; price: Decimal }): Decimal {
  const sa = lower.sqrt();
  const sb = upper.sqrt();
  if (price.lessThanOrEqualTo(lower)) return amount0.div(inv(sa).minus(inv(sb)));
  if (price.greaterThanOrEqualTo(upper)) return amount1.div(sb.minus(sa));
  const sp = price.sqrt();
  return minDec(amount0.div(inv(sp).minus(inv(sb))), amount1.div(sp.minus(sa)));
}

/**
 * Whether the position is active (earns fees): Uniswap v3's tickLower ≤ tick < tickUpper, i.e.
 * lower ≤ P < upper. At P = lower it is all asset0 and still active; at P = upper it is all asset1 and
 * not. The backtest and the Monte Carlo kernel use the same convention.
 */
export function inRange({ price, lower, upper }: Range & { price: Decimal }): boolean {
  return price.greaterThanOrEqualTo(lower) && price.lessThan(upper);
}

function inv(x: Decimal): Decimal {
  return new Decimal(1).div(x);
}

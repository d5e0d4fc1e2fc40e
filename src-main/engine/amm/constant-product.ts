import type { Decimal } from '../decimal';
import { ONE, ZERO, minDec } from '../decimal';

/**
 * Constant-product pool math (Uniswap v2 whitepaper, §2 and §3.2; Adams et al. 2020):
 * x·y = k = L², marginal price P = y/x of asset0 in asset1, so x = L/√P and y = L·√P.
 */

/** Output of a swap of `amountIn` into reserves (x_in, y_out) with fee f: Uniswap v2 getAmountOut. */
export function cpSwapOut({
  reserveIn,
  reserveOut,
  amountIn,
  feeRate,
}: {
  reserveIn: Decimal;
  reserveOut: Decimal;
  amountIn: Decimal;
  feeRate: Decimal;
}): Decimal {
  const inAfterFee = amountIn.times(ONE.minus(feeRate));
  return reserveOut.times(inAfterFee).div(reserveIn.plus(inAfterFee));
}

/** Token amounts of liquidity L at price P (asset0 in asset1). */
export function cpAmountsAtPrice({
  liquidity,
  price,
}: {
  liquidity: Decimal;
  price: Decimal;
}): [Decimal, Decimal] {
  if (price.lessThanOrEqualTo(0)) return [ZERO, ZERO];
  const root = price.sqrt();
  return [liquidity.div(root), liquidity.times(root)];
}

/**
 * A deposit at price P takes the 1 : P ratio the pool needs; what does not fit stays with the user.
 * liquidity = √(x·y) = x·√P.
 */
export function cpDeposit({
  amount0,
  amount1,
  price,
}: {
  amount0: Decimal;
  amount1: Decimal;
  price: Decimal;
}): { used0: Decimal; used1: Decimal; liquidity: Decimal } {
  if (price.lessThanOrEqualTo(0)) return { used0: ZERO, used1: ZERO, liquidity: ZERO };
  const used0 = minDec(amount0, amount1.div(price));
  const used1 = used0.times(price);
  return { used0, used1, liquidity: used0.times(price.sqrt()) };
}

/** Impermanent loss of a 50/50 constant-product position when the price moves by r: 2√r/(1+r) − 1. */
export function cpImpermanentLoss({ priceRatio }: { priceRatio: Decimal }): Decimal {
  return priceRatio.sqrt().times(2).div(ONE.plus(priceRatio)).minus(ONE);
}

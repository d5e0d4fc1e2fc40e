import type { Decimal } from '../decimal';
import { ONE } from '../decimal';
import type { SwapStep } from '../format/schema';
import {
  addToWallet,
  fail,
  held,
  readNumber,
  requireAsset,
  requireMarket,
  resolveAmount,
  type ChainContext,
} from '../chain/context';

export interface SwapQuote {
  amountOut: Decimal;
  /** USD value of the input at market prices. */
  valueInUsd: Decimal;
  feeUsd: Decimal;
  priceImpactUsd: Decimal;
}

/**
 * A swap at market prices with a proportional fee and price impact (slippage):
 *   out = in · priceIn / priceOut · (1 − fee) · (1 − impact)
 * so value out = value in − fee − impact, with fee = value·fee and impact = value·(1 − fee)·impact.
 */
export function quoteSwap({
  amountIn,
  priceInUsd,
  priceOutUsd,
  feeRate,
  priceImpact,
}: {
  amountIn: Decimal;
  priceInUsd: Decimal;
  priceOutUsd: Decimal;
  feeRate: Decimal;
  priceImpact: Decimal;
}): SwapQuote {
  const valueInUsd = amountIn.times(priceInUsd);
  const feeUsd = valueInUsd.times(feeRate);
  const priceImpactUsd = valueInUsd.minus(feeUsd).times(priceImpact);
  const amountOut = valueInUsd
    .times(ONE.minus(feeRate))
    .times(ONE.minus(priceImpact))
    .div(priceOutUsd);
  return { amountOut, valueInUsd, feeUsd, priceImpactUsd };
}

export function executeSwap(ctx: ChainContext, step: SwapStep): string | null {
  if (step.market !== undefined && !requireMarket(ctx, step.market, 'dex')) return null;
  if (step.from === step.to)
    return fail(ctx, 'SWAP_SAME_ASSET', 'from and to are the same asset', 'to');
  if (step.from.startsWith('LP:') || step.to.startsWith('LP:')) {
    return fail(
      ctx,
      'SWAP_LP_TOKEN',
      'LP tokens are not swapped; withdraw liquidity instead',
      'from',
    );
  }
  const fromOk = requireAsset(ctx, step.from, 'from');
  const toOk = requireAsset(ctx, step.to, 'to');
  const feeRate = readNumber(ctx, step.feeRate, 'feeRate', { min: 0, max: 1, maxExclusive: true });
  const priceImpact = readNumber(ctx, step.priceImpact, 'priceImpact', {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  if (!fromOk || !toOk || !feeRate || !priceImpact) return null;
  const priceIn = ctx.prices.get(step.from);
  const priceOut = ctx.prices.get(step.to);
  if (!priceIn || !priceOut || priceOut.isZero())
    return fail(ctx, 'PRICE_MISSING', 'price is zero', 'to');
  const amountIn = resolveAmount(
    ctx,
    step.amount,
    held(ctx, step.from),
    'amount',
    step.from,
    step.from,
  );
  if (!amountIn) return null;
  const quote = quoteSwap({
    amountIn,
    priceInUsd: priceIn,
    priceOutUsd: priceOut,
    feeRate,
    priceImpact,
  });
  addToWallet(ctx, step.from, amountIn.neg());
  addToWallet(ctx, step.to, quote.amountOut);
  ctx.stepCostsUsd = ctx.stepCostsUsd.plus(quote.feeUsd).plus(quote.priceImpactUsd);
  return `swapped ${amountIn.toFixed()} ${step.from} for ${quote.amountOut.toSignificantDigits(12).toFixed()} ${step.to}`;
}

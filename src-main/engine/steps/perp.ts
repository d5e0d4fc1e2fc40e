import type { PerpStep } from '../format/schema';
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

/**
 * Opens a perpetual position at the market price. The open fee (notional × openFeeRate) is paid
 * from the margin. The position must start above its maintenance requirement
 * (margin value ≥ (maintenanceMarginRate + closeFeeRate) × notional).
 */
export function executePerp(ctx: ChainContext, step: PerpStep): string | null {
  if (!requireMarket(ctx, step.market, 'perp')) return null;
  if (step.asset.startsWith('LP:') || step.marginAsset.startsWith('LP:')) {
    return fail(ctx, 'PERP_LP_TOKEN', 'perps trade and margin plain tokens', 'asset');
  }
  const assetOk = requireAsset(ctx, step.asset, 'asset');
  const marginOk = requireAsset(ctx, step.marginAsset, 'marginAsset');
  const notionalUsd = readNumber(ctx, step.notionalUsd, 'notionalUsd', { positive: true });
  const fundingApr = readNumber(ctx, step.fundingApr, 'fundingApr');
  const mmr = readNumber(ctx, step.maintenanceMarginRate, 'maintenanceMarginRate', {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  const openFee = readNumber(ctx, step.openFeeRate, 'openFeeRate', {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  const closeFee = readNumber(ctx, step.closeFeeRate, 'closeFeeRate', {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  if (!assetOk || !marginOk || !notionalUsd || !fundingApr || !mmr || !openFee || !closeFee)
    return null;
  const price = ctx.prices.get(step.asset);
  const marginPrice = ctx.prices.get(step.marginAsset);
  if (!price || price.isZero() || !marginPrice || marginPrice.isZero()) {
    return fail(
      ctx,
      'PRICE_MISSING',
      'the underlying and the margin asset need non-zero prices',
      'asset',
    );
  }
  const margin = resolveAmount(
    ctx,
    step.marginAmount,
    held(ctx, step.marginAsset),
    'marginAmount',
    step.marginAsset,
    step.marginAsset,
  );
  if (!margin) return null;
  const openFeeUsd = notionalUsd.times(openFee);
  const marginAfterFee = margin.minus(openFeeUsd.div(marginPrice));
  const requiredUsd = notionalUsd.times(mmr.plus(closeFee));
  if (marginAfterFee.times(marginPrice).lessThanOrEqualTo(requiredUsd)) {
    return fail(
      ctx,
      'PERP_UNDER_MAINTENANCE',
      `margin after fees must exceed ${requiredUsd.toFixed(2)} USD (maintenance + close fee)`,
      'marginAmount',
    );
  }
  ctx.position.perps.push({
    stepId: step.id,
    marketId: step.market,
    asset: step.asset,
    side: step.side,
    size: notionalUsd.div(price),
    entryPrice: price,
    marginAsset: step.marginAsset,
    margin: marginAfterFee,
    fundingApr,
    maintenanceMarginRate: mmr,
    closeFeeRate: closeFee,
  });
  addToWallet(ctx, step.marginAsset, margin.neg());
  ctx.stepCostsUsd = ctx.stepCostsUsd.plus(openFeeUsd);
  const leverage = notionalUsd.div(marginAfterFee.times(marginPrice));
  return `opened ${step.side} ${notionalUsd.toFixed()} USD of ${step.asset} at ${leverage.toDecimalPlaces(2).toFixed()}x`;
}

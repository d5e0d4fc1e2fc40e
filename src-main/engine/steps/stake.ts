import type { StakeStep } from '../format/schema';
import {
  addToWallet,
  held,
  readNumber,
  requireAsset,
  requireMarket,
  resolveAmount,
  type ChainContext,
} from '../chain/context';

export function executeStake(ctx: ChainContext, step: StakeStep): string | null {
  if (!requireMarket(ctx, step.market, 'farm')) return null;
  const assetOk = requireAsset(ctx, step.asset, 'asset');
  const rewardOk = requireAsset(ctx, step.rewardAsset, 'rewardAsset');
  const rewardApr = readNumber(ctx, step.rewardApr, 'rewardApr', { min: 0 });
  if (!assetOk || !rewardOk || !rewardApr) return null;
  const units = resolveAmount(
    ctx,
    step.amount,
    held(ctx, step.asset),
    'amount',
    step.asset,
    step.asset,
  );
  if (!units) return null;
  ctx.position.stakes.push({
    stepId: step.id,
    marketId: step.market,
    asset: step.asset,
    amount: units,
    rewardAsset: step.rewardAsset,
    rewardApr,
  });
  addToWallet(ctx, step.asset, units.neg());
  return `staked ${units.toSignificantDigits(12).toFixed()} ${step.asset} for ${step.rewardAsset}`;
}

import type { HarvestStep } from '../format/schema';
import { fail, readNumber, requireAsset, warn, type ChainContext } from '../chain/context';

const REINVEST_TARGETS = new Set(['supply', 'lp', 'stake']);

export function executeHarvest(ctx: ChainContext, step: HarvestStep): string | null {
  const frequencyDays = readNumber(ctx, step.frequencyDays, 'frequencyDays', { min: 0.01 });
  const gasUsd = readNumber(ctx, step.gasUsd, 'gasUsd', { min: 0 });
  const swapFeeRate = readNumber(ctx, step.swapFeeRate, 'swapFeeRate', {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  const sellOk = requireAsset(ctx, step.sellInto, 'sellInto');
  if (!frequencyDays || !gasUsd || !swapFeeRate || !sellOk) return null;
  if (step.reinvestInto !== undefined) {
    const target = ctx.strategy.steps.find((s) => s.id === step.reinvestInto);
    if (!target || !REINVEST_TARGETS.has(target.type)) {
      return fail(
        ctx,
        'UNKNOWN_STEP',
        `reinvestInto must name a supply, lp or stake step`,
        'reinvestInto',
      );
    }
  }
  if (ctx.position.harvests.length > 0) {
    warn(ctx, 'HARVEST_DUPLICATE', 'only the first harvest step is used', 'type');
    return 'ignored (a harvest is already planned)';
  }
  if (ctx.position.stakes.length === 0) {
    warn(ctx, 'HARVEST_NOTHING', 'no staked position earns rewards before this harvest', 'type');
  }
  ctx.position.harvests.push({
    stepId: step.id,
    frequencyDays,
    gasUsd,
    sellInto: step.sellInto,
    swapFeeRate,
    reinvestInto: step.reinvestInto ?? null,
  });
  return `harvest every ${frequencyDays.toFixed()} days into ${step.sellInto}`;
}

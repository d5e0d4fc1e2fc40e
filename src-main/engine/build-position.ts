import { ZERO } from './decimal';
import type { Strategy } from './format/schema';
import type { BuiltPosition, PriceMap, StepOutcome } from './position';
import { priceMapFromStrategy } from './prices';
import { accountOraclePrices, createContext, type ChainContext } from './chain/context';
import { accountHealth } from './lending/account-health';
import { executeStep } from './chain/execute-step';

/**
 * Executes the chain at the given USD prices (default: the strategy's own prices). Never throws on
 * user input: a step that cannot run records errors naming its id and field and leaves the position
 * as it was; later steps still run where they can (they may then report missing balances).
 */
export function buildPosition({
  strategy,
  prices,
}: {
  strategy: Strategy;
  prices?: PriceMap;
}): BuiltPosition {
  const ctx = createContext({ strategy, prices: prices ?? priceMapFromStrategy(strategy) });
  const steps: StepOutcome[] = [];
  const seen = new Set<string>();
  for (const step of strategy.steps) {
    ctx.scope = { stepId: step.id, fieldPrefix: '' };
    ctx.stepCostsUsd = ZERO;
    if (seen.has(step.id)) {
      ctx.errors.push({
        code: 'DUPLICATE_STEP_ID',
        message: `step id "${step.id}" is used twice`,
        stepId: step.id,
        field: 'id',
      });
    }
    seen.add(step.id);
    let summary: string;
    let ok = true;
    if (step.disabled) {
      summary = 'skipped (disabled)';
    } else {
      const errorsBefore = ctx.errors.length;
      const result = runStepSafely(ctx, step);
      ok = result !== null && ctx.errors.length === errorsBefore;
      summary = result ?? 'failed';
    }
    steps.push({
      stepId: step.id,
      type: step.type,
      wallet: walletStrings(ctx),
      summary,
      ok,
      costsUsd: ctx.stepCostsUsd.toFixed(),
      ...stepHealth(ctx, step),
    });
  }
  ctx.scope = { stepId: '', fieldPrefix: '' };
  return {
    strategy,
    prices: ctx.prices,
    position: ctx.position,
    steps,
    errors: ctx.errors,
    warnings: ctx.warnings,
  };
}

/**
 * Steps report user problems as issues; an exception here is an engine bug. It is still turned
 * into an issue on the step (so the chain view can show where) rather than escaping to the caller.
 */
function runStepSafely(ctx: ChainContext, step: Strategy['steps'][number]): string | null {
  try {
    return executeStep(ctx, step);
  } catch (error) {
    ctx.errors.push({
      code: 'INTERNAL_ERROR',
      message: `engine error: ${error instanceof Error ? error.message : String(error)}`,
      stepId: step.id,
    });
    return null;
  }
}

/** The lending market a step works on (a loop: its body's), for the health factor after it. */
function lendingMarketOf(ctx: ChainContext, step: Strategy['steps'][number]): string | null {
  const ids =
    step.type === 'loop' ? step.body.map((s) => s.market) : 'market' in step ? [step.market] : [];
  return ids.find((id) => id !== undefined && ctx.position.lending.has(id)) ?? null;
}

/** Health factor of the step's lending account right after the step (the builder shows it). */
function stepHealth(
  ctx: ChainContext,
  step: Strategy['steps'][number],
): Pick<StepOutcome, 'lendingMarketId' | 'healthFactor'> {
  const marketId = lendingMarketOf(ctx, step);
  const account = marketId === null ? undefined : ctx.position.lending.get(marketId);
  if (!account) return {};
  const health = accountHealth({ account, prices: accountOraclePrices(ctx, account) });
  return {
    lendingMarketId: account.marketId,
    healthFactor: health.debtUsd.isZero() ? null : health.healthFactor.toFixed(),
  };
}

function walletStrings(ctx: ChainContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [asset, units] of ctx.position.wallet)
    if (!units.isZero()) out[asset] = units.toFixed();
  return out;
}

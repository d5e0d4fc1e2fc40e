import type { LoopBodyStep, Step } from '../format/schema';
import {
  executeBorrow,
  executeRepay,
  executeSupply,
  executeWithdraw,
  type BorrowOptions,
} from '../steps/lending-steps';
import { executeHarvest } from '../steps/harvest';
import { executeLoop } from '../steps/loop';
import { executeLp } from '../steps/lp';
import { executePerp } from '../steps/perp';
import { executeStake } from '../steps/stake';
import { executeSwap } from '../steps/swap';
import type { ChainContext } from './context';

/** Runs one step on the context; returns a one-line summary, or null when the step failed. */
export function executeStep(ctx: ChainContext, step: Step): string | null {
  switch (step.type) {
    case 'loop':
      return executeLoop(ctx, step);
    case 'lp':
      return executeLp(ctx, step);
    case 'stake':
      return executeStake(ctx, step);
    case 'perp':
      return executePerp(ctx, step);
    case 'harvest':
      return executeHarvest(ctx, step);
    default:
      return executeBodyStep(ctx, step);
  }
}

/** The steps a loop body may contain; `borrow` accepts sizing overrides from the loop. */
export function executeBodyStep(
  ctx: ChainContext,
  step: LoopBodyStep,
  borrow?: BorrowOptions,
): string | null {
  switch (step.type) {
    case 'supply':
      return executeSupply(ctx, step);
    case 'withdraw':
      return executeWithdraw(ctx, step);
    case 'borrow':
      return executeBorrow(ctx, step, borrow);
    case 'repay':
      return executeRepay(ctx, step);
    case 'swap':
      return executeSwap(ctx, step);
  }
}

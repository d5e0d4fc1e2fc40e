import type { Strategy } from '../format/schema';
import type { ChainRefs } from './analysis-breaches';
import { borrowBlocks, chainSteps } from './strategy-facts';

/** The markets a strategy borrows on and the blocks that borrow: what a breach over time points at. */
export function chainRefs(strategy: Strategy): ChainRefs {
  const markets = chainSteps(strategy).flatMap(({ step }) =>
    step.type === 'borrow' ? [step.market] : [],
  );
  return { debtMarketIds: [...new Set(markets)], borrowBlocks: borrowBlocks(strategy, null) };
}

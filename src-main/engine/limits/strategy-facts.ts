import type { Evaluation } from '../evaluation';
import type { LendingMarket, Market, Strategy } from '../format/schema';

/** A step of the chain with the top-level block it shows in (itself, or its loop). */
export interface ChainStep {
  step:
    | Strategy['steps'][number]
    | Extract<Strategy['steps'][number], { type: 'loop' }>['body'][number];
  blockId: string;
}

/** Every enabled step in chain order, loop bodies included. */
export function chainSteps(strategy: Strategy): ChainStep[] {
  const out: ChainStep[] = [];
  for (const step of strategy.steps) {
    if (step.disabled) continue;
    out.push({ step, blockId: step.id });
    if (step.type === 'loop') for (const s of step.body) out.push({ step: s, blockId: step.id });
  }
  return out;
}

export function lendingMarket(strategy: Strategy, id: string): LendingMarket | undefined {
  const m = strategy.markets.find((x) => x.id === id);
  return m?.kind === 'lending' ? m : undefined;
}

export function marketById(strategy: Strategy, id: string): Market | undefined {
  return strategy.markets.find((x) => x.id === id);
}

/** The market a step works on, if any. */
export function stepMarket(step: ChainStep['step']): string | null {
  return 'market' in step && typeof step.market === 'string' ? step.market : null;
}

/** The last asset the chain supplies as collateral on `marketId` (the loop's re-supply, usually). */
export function collateralAsset(strategy: Strategy, marketId: string): string | null {
  let asset: string | null = null;
  for (const { step } of chainSteps(strategy)) {
    if (step.type === 'supply' && step.market === marketId && step.collateral !== false)
      asset = step.asset;
  }
  return asset;
}

/** The last asset the chain borrows on `marketId`. */
export function debtAsset(strategy: Strategy, marketId: string): string | null {
  let asset: string | null = null;
  for (const { step } of chainSteps(strategy)) {
    if (step.type === 'borrow' && step.market === marketId) asset = step.asset;
  }
  return asset;
}

/** Blocks (top-level ids, chain order, no repeats) whose steps borrow on `marketId`, or any market when null. */
export function borrowBlocks(strategy: Strategy, marketId: string | null): string[] {
  const ids = chainSteps(strategy)
    .filter(({ step }) => step.type === 'borrow' && (marketId === null || step.market === marketId))
    .map((c) => c.blockId);
  return [...new Set(ids)];
}

/** USD price of `asset` as the evaluation valued it. */
export function priceOf(evaluation: Evaluation, strategy: Strategy, asset: string): string | null {
  const row = evaluation.exposure.find((x) => x.asset === asset);
  if (row && Number(row.priceUsd) > 0) return row.priceUsd;
  return strategy.prices[asset] ?? null;
}

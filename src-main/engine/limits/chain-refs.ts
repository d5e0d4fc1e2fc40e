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

/**
 * The same from a document not parsed yet (main reads it for history and simulation results,
 * which were computed from the parsed copy on a worker): borrow steps at the top and in loops.
 */
export function chainRefsOfDocument(document: unknown): ChainRefs {
  const steps = isRecord(document) && Array.isArray(document['steps']) ? document['steps'] : [];
  const markets: string[] = [];
  const blocks: string[] = [];
  for (const step of steps) {
    if (!isRecord(step) || step['disabled'] === true || typeof step['id'] !== 'string') continue;
    const body = step['type'] === 'loop' && Array.isArray(step['body']) ? step['body'] : [step];
    for (const s of body) {
      if (isRecord(s) && s['type'] === 'borrow' && typeof s['market'] === 'string') {
        markets.push(s['market']);
        blocks.push(step['id']);
      }
    }
  }
  return { debtMarketIds: [...new Set(markets)], borrowBlocks: [...new Set(blocks)] };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

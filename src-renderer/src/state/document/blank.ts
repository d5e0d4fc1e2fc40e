import { FORMAT_ID, FORMAT_VERSION, type StrategyInput } from './types';

/** A new strategy: valid and empty (the engine evaluates it to zero figures, no errors). */
export function blankStrategy(name = 'Untitled strategy'): StrategyInput {
  return {
    format: FORMAT_ID,
    version: FORMAT_VERSION,
    name,
    horizonDays: 365,
    capital: [{ asset: 'USDC', amount: '10000' }],
    prices: { USDC: '1' },
    markets: [],
    steps: [],
  } as StrategyInput;
}

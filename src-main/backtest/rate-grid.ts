import { alignRates } from '../market-data/align-rates';
import type { LendingLayout } from '../dynamics/lending/account';
import type { RateInput } from '../dynamics/lending/lanes';
import { buildRateInput } from '../dynamics/rate-input';
import type { RateHistory, RateMode } from './types';

export { alignRates };

/**
 * The replay's daily rates: a market in `history` mode uses the stored daily rate on days its series
 * covers (its first to its last stored day; a gap inside carries the previous stored rate) and the
 * strategy's model outside; `model` mode always uses the model. Accrual day i (from day i to i + 1)
 * uses the rate of grid day i: interest for one day is `amount × apr/365`.
 */
export function historyRates(input: {
  lending: LendingLayout;
  assets: readonly string[];
  grid: Float64Array;
  rates: RateHistory | undefined;
  rateModes: Readonly<Record<string, RateMode>>;
}): RateInput {
  const { grid, rates, rateModes } = input;
  return buildRateInput({
    lending: input.lending,
    assets: input.assets,
    days: Math.max(0, grid.length - 1),
    aprFor: (marketId, asset, side) => {
      if ((rateModes[marketId] ?? 'model') !== 'history') return null;
      const series = rates?.[marketId]?.[asset]?.[side];
      return series ? alignRates(series, grid) : null;
    },
  });
}

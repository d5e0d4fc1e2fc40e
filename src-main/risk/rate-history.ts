import { buildRateInput } from '../dynamics/rate-input';
import type { RateInput } from '../dynamics/lending/lanes';
import type { CompiledPosition } from '../dynamics/position';
import { dayFromIso, dayStart } from '../market-data/calendar';
import type { RateHistory, RateMode } from '../market-data/history';

/**
 * History-mode rates for the Monte Carlo: the stored daily APRs of each market in `history` mode,
 * inside the estimation window (its stored span when the window is open), replayed day by day from
 * the window's first stored day and cycled when the horizon is longer. The same on every path (a
 * rate path, not a rate model); a series with nothing in the window leaves the strategy's model.
 */
export function historyRateInput(input: {
  compiled: CompiledPosition;
  rates: RateHistory | undefined;
  rateModes: Readonly<Record<string, RateMode>>;
  window: { from?: string; to?: string };
  days: number;
}): RateInput {
  const { rates, rateModes } = input;
  if (!rates) return null;
  const from = input.window.from ? (dayFromIso(input.window.from) ?? -Infinity) : -Infinity;
  const to = input.window.to ? (dayFromIso(input.window.to) ?? Infinity) : Infinity;
  return buildRateInput({
    lending: input.compiled.lending,
    assets: input.compiled.prices.assets,
    days: input.days,
    aprFor: (marketId, asset, side) => {
      if ((rateModes[marketId] ?? 'model') !== 'history') return null;
      const series = rates[marketId]?.[asset]?.[side];
      if (!series) return null;
      const stored: number[] = [];
      for (let j = 0; j < series.ts.length; j++) {
        const day = dayStart(series.ts[j]!);
        const apr = series.apr[j]!;
        if (day >= from && day <= to && Number.isFinite(apr)) stored.push(apr);
      }
      if (stored.length === 0) return null;
      return Float64Array.from({ length: input.days }, (_, d) => stored[d % stored.length]!);
    },
  });
}

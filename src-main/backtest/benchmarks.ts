import { Decimal } from '../engine/decimal';
import type { Strategy } from '../engine/format/schema';
import { lendingRates } from '../engine/lending/rates';
import { dayGrowth } from '../dynamics/lending/accrual';
import type { PriceBook } from './pricing';
import { alignRates } from '../market-data/align-rates';
import type { RateHistory, RateMode } from './types';

/**
 * The benchmarks on the same days, from the strategy's starting capital:
 * - hold: the capital's tokens held untouched, Σ amount × price;
 * - supply only: each capital asset supplied, without borrowing, to the first lending market of the
 *   strategy that lists it, earning that market's supply rate (same rate mode as the strategy:
 *   history where stored, else the model at the capital's own size); an asset no market lists is held.
 * Accrual as in the replay (dynamics/lending/accrual.ts: per second unless the market says
 * `"compounding": "daily"`), in floats (a comparison line, not a balance).
 */
export function benchmarkSeries(input: {
  strategy: Strategy;
  book: PriceBook;
  grid: Float64Array;
  rates: RateHistory | undefined;
  rateModes: Readonly<Record<string, RateMode>>;
}): { hold: number[]; supplyOnly: number[] } {
  const { strategy, book } = input;
  const n = book.days;
  const hold = new Array<number>(n).fill(0);
  const supplyOnly = new Array<number>(n).fill(0);
  for (const entry of strategy.capital) {
    const prices = book.market.get(entry.asset);
    if (!prices) continue;
    const amount0 = Number(entry.amount);
    const daily = supplyRateDaily({ ...input, asset: entry.asset, amount: entry.amount });
    let amount = amount0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && daily) amount *= 1 + (daily[i - 1] as number);
      const price = prices[i] as number;
      hold[i] = (hold[i] as number) + amount0 * price;
      supplyOnly[i] = (supplyOnly[i] as number) + amount * price;
    }
  }
  return { hold, supplyOnly };
}

function supplyRateDaily(input: {
  strategy: Strategy;
  grid: Float64Array;
  rates: RateHistory | undefined;
  rateModes: Readonly<Record<string, RateMode>>;
  asset: string;
  amount: string;
}): Float64Array | null {
  for (const market of input.strategy.markets) {
    if (market.kind !== 'lending') continue;
    const params = market.assets[input.asset];
    if (!params) continue;
    const model = lendingRates({
      rates: params.rates,
      userSupply: new Decimal(input.amount),
      userBorrow: new Decimal(0),
    }).supplyApr.toNumber();
    const history =
      (input.rateModes[market.id] ?? 'model') === 'history'
        ? input.rates?.[market.id]?.[input.asset]?.supply
        : undefined;
    const aligned = history ? alignRates(history, input.grid) : null;
    const out = new Float64Array(input.grid.length);
    for (let i = 0; i < out.length; i++) {
      const apr = aligned && !Number.isNaN(aligned[i] as number) ? (aligned[i] as number) : model;
      out[i] = dayGrowth(apr, market.compounding !== 'daily') - 1;
    }
    return out;
  }
  return null;
}

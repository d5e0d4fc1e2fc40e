import { z } from 'zod';

/**
 * Market history as plain data (no database, no files): what the backtest replays and what the
 * Monte Carlo estimates from. Time is unix seconds, UTC; a daily series has one value per UTC day
 * start. Prices are USD per unit; rates are APR annual fractions (0.0703 = 7.03 %).
 */

/** Daily closes of one asset, oldest first (the price store's `CloseSeries` fits). */
export interface DailyCloses {
  ts: ArrayLike<number>;
  close: ArrayLike<number>;
}

/** Market price history by asset symbol (upper case, as in the strategy). */
export type PriceHistory = Readonly<Record<string, DailyCloses>>;

/** Daily rates of one market, asset and side, oldest first. */
export interface DailyRates {
  ts: ArrayLike<number>;
  apr: ArrayLike<number>;
}

export type RateSide = 'supply' | 'borrow';

/** Rate history by strategy market id, then asset symbol, then side. */
export type RateHistory = Readonly<
  Record<string, Readonly<Record<string, Readonly<Partial<Record<RateSide, DailyRates>>>>>>
>;

/** `model`: the strategy's fixed rate or curve. `history`: the stored daily rate where it covers the day. */
export const RateMode = z.enum(['model', 'history']);
export type RateMode = z.infer<typeof RateMode>;

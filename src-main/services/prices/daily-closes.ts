import { SECONDS_PER_DAY } from './time';
import type { CloseSeries } from './types';

/**
 * Folds any stored readings into one close per UTC day, at the day's start: the last reading of
 * the day wins. Daily data passes through unchanged (no copy); intraday imports (e.g. Binance
 * minute klines) become the daily closes the backtest and risk lab replay.
 */
export function toDailyCloses(series: CloseSeries): CloseSeries {
  const { ts, close } = series;
  let intraday = false;
  for (let i = 0; i < ts.length && !intraday; i++) intraday = ts[i]! % SECONDS_PER_DAY !== 0;
  for (let i = 1; i < ts.length && !intraday; i++) intraday = ts[i]! - ts[i - 1]! < SECONDS_PER_DAY;
  if (!intraday) return series;
  const days: number[] = [];
  const closes: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    const day = Math.floor(ts[i]! / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    if (days.length > 0 && days[days.length - 1] === day) closes[closes.length - 1] = close[i]!;
    else {
      days.push(day);
      closes.push(close[i]!);
    }
  }
  return { symbol: series.symbol, ts: Float64Array.from(days), close: Float64Array.from(closes) };
}

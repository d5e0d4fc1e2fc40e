import { dayStart } from '../market-data/calendar';
import type { DailyCloses } from './types';

export interface AlignedCloses {
  /** One close per grid day; NaN before the series' first usable close. */
  close: Float64Array;
  /** Grid day indexes whose close was carried from an earlier day. */
  carried: number[];
}

/**
 * Puts a series on the day grid. A day without its own close takes the last close before it
 * ("carry the last price"); several readings in one UTC day keep the last; non-positive or
 * non-finite closes are treated as missing.
 */
export function alignCloses(series: DailyCloses, grid: Float64Array): AlignedCloses {
  const close = new Float64Array(grid.length).fill(Number.NaN);
  const carried: number[] = [];
  const n = series.ts.length;
  let j = 0;
  let last = Number.NaN;
  for (let i = 0; i < grid.length; i++) {
    const day = grid[i] as number;
    let exact = false;
    while (j < n && dayStart(series.ts[j] as number) <= day) {
      const value = series.close[j] as number;
      if (Number.isFinite(value) && value > 0) {
        last = value;
        exact = dayStart(series.ts[j] as number) === day;
      }
      j++;
    }
    close[i] = last;
    if (!exact && !Number.isNaN(last)) carried.push(i);
  }
  return { close, carried };
}

/** First grid index with a close, or -1. */
export function firstCovered(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) return i;
  return -1;
}

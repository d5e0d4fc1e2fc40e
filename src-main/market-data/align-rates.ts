import { dayStart } from './calendar';
import type { DailyRates } from './history';

/**
 * Aligns a rate series on a day grid: on days from its first to its last stored day the last stored
 * rate (a gap inside carries the previous stored rate); NaN outside that span.
 */
export function alignRates(series: DailyRates, grid: ArrayLike<number>): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  const n = series.ts.length;
  if (n === 0) return out;
  const lastDay = dayStart(series.ts[n - 1] as number);
  let j = 0;
  let last = Number.NaN;
  for (let i = 0; i < grid.length; i++) {
    const day = grid[i] as number;
    if (day > lastDay) break;
    while (j < n && dayStart(series.ts[j] as number) <= day) {
      const v = series.apr[j] as number;
      if (Number.isFinite(v)) last = v;
      j++;
    }
    out[i] = last;
  }
  return out;
}

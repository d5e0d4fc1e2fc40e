import { dayFromIso, isoFromDay } from '../market-data/calendar';
import type { PriceHistory } from '../market-data/history';
import { alignHistory } from './estimate';

/**
 * The Monte Carlo's default estimation window: the last 3 years of the common history. The
 * bundled ETH series starts in August 2015, when ETH traded at a few dollars with daily moves of
 * 20–70 %; estimated over everything it gives about 109 %/yr volatility, over the last 3 years
 * about 60 %/yr (docs/risk.md, test/risk/window.test.ts). Three years holds a full cycle (a bear,
 * a recovery) and the depeg episodes stay in the bundled history the depeg model calibrates on.
 */
export const DEFAULT_WINDOW_YEARS = 3;

export interface WindowChoice {
  range: { from?: string; to?: string };
  basis: 'default' | 'all' | 'given';
}

/** The same calendar day `years` earlier (29 February → 28 February). */
export function yearsBefore(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Which history days the simulation estimates from, given the user's window options. */
export function estimationWindow(
  history: PriceHistory,
  assets: readonly string[],
  window: { from?: string; to?: string; all?: boolean },
): WindowChoice {
  const to = window.to;
  if (window.from !== undefined) return { range: { from: window.from, to }, basis: 'given' };
  if (window.all) return { range: { to }, basis: 'all' };
  if (assets.length === 0) return { range: { to }, basis: 'default' };
  const common = alignHistory({ history, assets, ...(to ? { to } : {}) }).dates;
  const last = common.at(-1);
  if (!last) return { range: { to }, basis: 'default' };
  const lastIso = isoFromDay(dayFromIso(last)!);
  return { range: { from: yearsBefore(lastIso, DEFAULT_WINDOW_YEARS), to }, basis: 'default' };
}

export function describeWindow(
  dates: readonly string[],
  basis: WindowChoice['basis'],
): { from: string; to: string; days: number; basis: WindowChoice['basis']; note: string } {
  const from = dates[0]!;
  const to = dates[dates.length - 1]!;
  const why =
    basis === 'default'
      ? `the default, the last ${DEFAULT_WINDOW_YEARS} years of history (the full history from 2015 overstates today's volatility)`
      : basis === 'all'
        ? 'all stored history (early years overstate volatility)'
        : 'the window you chose';
  return { from, to, days: dates.length, basis, note: `Estimated from ${from} to ${to}: ${why}.` };
}

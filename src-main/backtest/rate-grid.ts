import { Decimal } from '../engine/decimal';
import type { LendingAccount } from '../engine/position';
import { lendingRates } from '../engine/lending/rates';
import { dayStart } from './calendar';
import type { DailyRates, RateMode, RateSide } from './types';

/**
 * Daily rate of one lending market, asset and side. `history` mode uses the stored daily rate on days
 * the series covers (its first to its last stored day; a gap inside carries the previous stored rate)
 * and the strategy's model outside; `model` mode always uses the model.
 * Rates are stored per day as apr/365: interest for one day is `amount × apr/365`.
 */
export interface RateTrack {
  asset: string;
  side: RateSide;
  /** Per grid day: apr/365 from history, or null where history does not cover the day. */
  historyDaily: (Decimal | null)[] | null;
  /** Model rate per day when fixed (null for a utilization curve, computed each day). */
  fixedDaily: Decimal | null;
  /** Accrual days that used history. */
  historyDays: number;
  days: number;
}

const DAYS_PER_YEAR = 365;
const YEAR = new Decimal(DAYS_PER_YEAR);

/** Aligns a rate series on the grid: NaN outside [first stored day, last stored day]. */
export function alignRates(series: DailyRates, grid: Float64Array): Float64Array {
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

export function createRateTrack(input: {
  account: LendingAccount;
  asset: string;
  side: RateSide;
  mode: RateMode;
  history: DailyRates | undefined;
  grid: Float64Array;
}): RateTrack {
  const { account, asset, side } = input;
  let historyDaily: (Decimal | null)[] | null = null;
  if (input.mode === 'history' && input.history) {
    const aligned = alignRates(input.history, input.grid);
    historyDaily = new Array<Decimal | null>(aligned.length);
    let previous = Number.NaN;
    let previousDec: Decimal | null = null;
    for (let i = 0; i < aligned.length; i++) {
      const apr = aligned[i] as number;
      if (Number.isNaN(apr)) {
        historyDaily[i] = null;
        continue;
      }
      if (apr !== previous || previousDec === null) {
        previousDec = new Decimal(apr).div(YEAR);
        previous = apr;
      }
      historyDaily[i] = previousDec;
    }
  }
  const model = account.market.assets[asset]?.rates;
  let fixedDaily: Decimal | null = null;
  if (!model) fixedDaily = new Decimal(0);
  else if (model.type === 'fixed') {
    fixedDaily = new Decimal(side === 'supply' ? model.supplyApr : model.borrowApr).div(YEAR);
  }
  return { asset, side, historyDaily, fixedDaily, historyDays: 0, days: 0 };
}

/** apr/365 in force on grid day `day` for the account's current balances; counts history use. */
export function dailyRate(track: RateTrack, account: LendingAccount, day: number): Decimal {
  track.days++;
  const fromHistory = track.historyDaily ? track.historyDaily[day] : null;
  if (fromHistory) {
    track.historyDays++;
    return fromHistory;
  }
  if (track.fixedDaily) return track.fixedDaily;
  const model = account.market.assets[track.asset]?.rates;
  if (!model) return new Decimal(0);
  const rates = lendingRates({
    rates: model,
    userSupply: account.supplies.get(track.asset)?.amount ?? new Decimal(0),
    userBorrow: account.debts.get(track.asset) ?? new Decimal(0),
  });
  return (track.side === 'supply' ? rates.supplyApr : rates.borrowApr).div(YEAR);
}

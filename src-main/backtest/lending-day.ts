import { ZERO, type Decimal } from '../engine/decimal';
import { accountHealth, type AccountHealth } from '../engine/lending/account-health';
import { liquidationCall } from '../engine/lending/liquidation';
import { toFloat } from './fast-number';
import { liquidationThresholdOf } from './health-kernel';
import { dailyRate, type RateTrack } from './rate-grid';
import type { AccountReplay, Totals } from './replay-state';
import type { BacktestEvent, RateSide } from './types';

/** Liquidators call again while the account is under 1; a cap guards against a call that changes nothing. */
const MAX_LIQUIDATION_CALLS_PER_DAY = 64;

export type TrackFactory = (replay: AccountReplay, asset: string, side: RateSide) => RateTrack;

function trackOf(
  replay: AccountReplay,
  asset: string,
  side: RateSide,
  make: TrackFactory,
): RateTrack {
  const tracks = side === 'supply' ? replay.supplyTracks : replay.borrowTracks;
  let track = tracks.get(asset);
  if (!track) {
    track = make(replay, asset, side);
    tracks.set(asset, track);
  }
  return track;
}

/**
 * One day of interest on every supply and debt: `amount × apr/365`, with the rate in force on
 * `rateDay` (the day the balance was held). Rates are read before any balance moves, so a utilization
 * curve sees the same balances for both sides. USD flows use that day's market price.
 */
export function accrueAccountDay(input: {
  replay: AccountReplay;
  rateDay: number;
  marketPrice: (asset: string) => number;
  makeTrack: TrackFactory;
  totals: Totals;
}): void {
  const { replay, rateDay, totals } = input;
  const { account } = replay;
  const supplyRates: Decimal[] = [];
  const debtRates: Decimal[] = [];
  for (const supply of account.supplies.values()) {
    supplyRates.push(
      supply.amount.isZero()
        ? ZERO
        : dailyRate(trackOf(replay, supply.asset, 'supply', input.makeTrack), account, rateDay),
    );
  }
  for (const [asset, amount] of account.debts) {
    debtRates.push(
      amount.isZero()
        ? ZERO
        : dailyRate(trackOf(replay, asset, 'borrow', input.makeTrack), account, rateDay),
    );
  }
  let k = 0;
  for (const supply of account.supplies.values()) {
    const rate = supplyRates[k++] as Decimal;
    if (rate.isZero()) continue;
    const accrued = supply.amount.times(rate);
    supply.amount = supply.amount.plus(accrued);
    totals.interestEarnedUsd += toFloat(accrued) * input.marketPrice(supply.asset);
  }
  k = 0;
  for (const [asset, amount] of account.debts) {
    const rate = debtRates[k++] as Decimal;
    if (rate.isZero()) continue;
    const accrued = amount.times(rate);
    account.debts.set(asset, amount.plus(accrued));
    totals.interestPaidUsd += toFloat(accrued) * input.marketPrice(asset);
  }
}

export function healthToday(replay: AccountReplay): AccountHealth {
  return accountHealth({ account: replay.account, prices: replay.oracleToday });
}

/** The debt and collateral a liquidator takes first: the largest of each at oracle prices. */
export function largestPair(
  replay: AccountReplay,
): { debtAsset: string; collateralAsset: string } | null {
  const prices = replay.oracleToday;
  let debtAsset: string | null = null;
  let debtBest = ZERO;
  for (const [asset, amount] of replay.account.debts) {
    const value = amount.times(prices.get(asset) ?? ZERO);
    if (value.greaterThan(debtBest)) {
      debtBest = value;
      debtAsset = asset;
    }
  }
  let collateralAsset: string | null = null;
  let collateralBest = ZERO;
  for (const supply of replay.account.supplies.values()) {
    if (!supply.collateral || supply.amount.isZero()) continue;
    if (liquidationThresholdOf(replay, supply.asset).isZero()) continue;
    const value = supply.amount.times(prices.get(supply.asset) ?? ZERO);
    if (value.greaterThan(collateralBest)) {
      collateralBest = value;
      collateralAsset = supply.asset;
    }
  }
  return debtAsset && collateralAsset ? { debtAsset, collateralAsset } : null;
}

/**
 * Liquidations under the market's rules (the engine's Aave v3 `liquidationCall`: close factor, 100 %
 * under the full-liquidation health factor, bonus), repeated the same day while HF < 1 and a call
 * still changes something. Each call is one event. Returns the number of calls.
 */
export function liquidateWhileUnhealthy(input: {
  replay: AccountReplay;
  date: string;
  marketPrice: (asset: string) => number;
  events: BacktestEvent[];
}): number {
  const { replay } = input;
  let calls = 0;
  for (let k = 0; k < MAX_LIQUIDATION_CALLS_PER_DAY; k++) {
    const pair = largestPair(replay);
    if (!pair) break;
    const result = liquidationCall({
      account: replay.account,
      prices: replay.oracleToday,
      ...pair,
    });
    if (!result.liquidated || result.debtRepaid.isZero()) break;
    replay.account = result.account;
    calls++;
    input.events.push({
      type: 'liquidation',
      date: input.date,
      marketId: replay.account.marketId,
      debtAsset: pair.debtAsset,
      collateralAsset: pair.collateralAsset,
      debtRepaid: result.debtRepaid.toFixed(),
      collateralSeized: result.collateralSeized.toFixed(),
      collateralSeizedUsd:
        result.collateralSeized.toNumber() * input.marketPrice(pair.collateralAsset),
      bonusUsd: result.bonusUsd.toNumber(),
      closeFactor: result.closeFactor.toFixed(),
      healthFactorBefore: result.healthFactorBefore.toNumber(),
      healthFactorAfter: finiteOrNull(result.healthFactorAfter),
    });
    if (result.healthFactorAfter.greaterThanOrEqualTo(1)) break;
  }
  return calls;
}

/** Infinity (no debt) becomes null for JSON. */
export function finiteOrNull(value: Decimal): number | null {
  return value.isFinite() ? value.toNumber() : null;
}

import { ZERO, type Decimal } from '../engine/decimal';
import { effectiveCollateralParams } from '../engine/lending/effective-params';
import { toFloat } from './fast-number';
import type { AccountReplay } from './replay-state';

/**
 * The daily health check, the engine's `accountHealth` sums without its divisions and with the
 * collateral parameters parsed once per account: HF < k is decided as Σcollateral·LT < k·Σdebt in
 * Decimal, and the HF itself is only formed as a float for the series. test/backtest checks it against
 * `accountHealth`. Automation and liquidations still go through the engine's functions.
 */
export interface HealthSums {
  /** Collateral-enabled supplies at oracle prices (USD). */
  collateralUsd: Decimal;
  liquidationThresholdUsd: Decimal;
  debtUsd: Decimal;
}

/** The asset's effective liquidation threshold in the account's market (e-mode applied), cached. */
export function liquidationThresholdOf(replay: AccountReplay, asset: string): Decimal {
  let lt = replay.liquidationThresholds.get(asset);
  if (!lt) {
    lt = effectiveCollateralParams({ market: replay.account.market, asset }).liquidationThreshold;
    replay.liquidationThresholds.set(asset, lt);
  }
  return lt;
}

export function healthSums(replay: AccountReplay): HealthSums {
  const prices = replay.oracleToday;
  let collateralUsd = ZERO;
  let liquidationThresholdUsd = ZERO;
  let debtUsd = ZERO;
  for (const supply of replay.account.supplies.values()) {
    if (!supply.collateral || supply.amount.isZero()) continue;
    const lt = liquidationThresholdOf(replay, supply.asset);
    const price = prices.get(supply.asset);
    if (lt.isZero() || !price) continue;
    const value = supply.amount.times(price);
    collateralUsd = collateralUsd.plus(value);
    liquidationThresholdUsd = liquidationThresholdUsd.plus(value.times(lt));
  }
  for (const [asset, amount] of replay.account.debts) {
    if (amount.isZero()) continue;
    const price = prices.get(asset);
    if (price) debtUsd = debtUsd.plus(amount.times(price));
  }
  return { collateralUsd, liquidationThresholdUsd, debtUsd };
}

/** HF < k (false without debt: HF is infinite). */
export function healthBelow(sums: HealthSums, k: Decimal | number): boolean {
  if (sums.debtUsd.isZero()) return false;
  return sums.liquidationThresholdUsd.lessThan(sums.debtUsd.times(k));
}

/** HF > k (false without debt). */
export function healthAbove(sums: HealthSums, k: Decimal): boolean {
  if (sums.debtUsd.isZero()) return false;
  return sums.liquidationThresholdUsd.greaterThan(sums.debtUsd.times(k));
}

/** HF as a float for the series; null without debt. */
export function healthFactorFloat(sums: HealthSums): number | null {
  if (sums.debtUsd.isZero()) return null;
  return toFloat(sums.liquidationThresholdUsd) / toFloat(sums.debtUsd);
}

/** The same sums in floats, from the day's oracle floats: what the series shows. */
export interface FloatHealth {
  collateralUsd: number;
  liquidationThresholdUsd: number;
  debtUsd: number;
  /** null without debt. */
  healthFactor: number | null;
}

function liquidationThresholdFloat(replay: AccountReplay, asset: string): number {
  let lt = replay.liquidationThresholdsFloat.get(asset);
  if (lt === undefined) {
    lt = toFloat(liquidationThresholdOf(replay, asset));
    replay.liquidationThresholdsFloat.set(asset, lt);
  }
  return lt;
}

export function floatHealth(replay: AccountReplay, day: number): FloatHealth {
  let collateralUsd = 0;
  let liquidationThresholdUsd = 0;
  let debtUsd = 0;
  for (const supply of replay.account.supplies.values()) {
    if (!supply.collateral || supply.amount.isZero()) continue;
    const lt = liquidationThresholdFloat(replay, supply.asset);
    const prices = replay.oracle.get(supply.asset);
    if (lt === 0 || !prices) continue;
    const value = toFloat(supply.amount) * (prices.values[day] as number);
    collateralUsd += value;
    liquidationThresholdUsd += value * lt;
  }
  for (const [asset, amount] of replay.account.debts) {
    const prices = replay.oracle.get(asset);
    if (!amount.isZero() && prices) debtUsd += toFloat(amount) * (prices.values[day] as number);
  }
  return {
    collateralUsd,
    liquidationThresholdUsd,
    debtUsd,
    healthFactor: debtUsd === 0 ? null : liquidationThresholdUsd / debtUsd,
  };
}

/** Float HF this close to a threshold (relative) is re-decided in Decimal; float sums err by ~1e-15. */
const UNSURE = 1e-9;

/**
 * HF < k for the account on `day`, decided exactly: the float answer when it is clear by more than
 * 1e-9 (relative), otherwise the Decimal sums at the Decimal oracle prices.
 */
export function isHealthBelow(
  replay: AccountReplay,
  day: number,
  f: FloatHealth,
  k: Decimal,
): boolean {
  if (f.healthFactor === null) return false;
  const kf = toFloat(k);
  if (f.healthFactor < kf * (1 - UNSURE)) return true;
  if (f.healthFactor > kf * (1 + UNSURE)) return false;
  ensureOracleDay(replay, day);
  return healthBelow(healthSums(replay), k);
}

/** HF > k, decided the same way. */
export function isHealthAbove(
  replay: AccountReplay,
  day: number,
  f: FloatHealth,
  k: Decimal,
): boolean {
  if (f.healthFactor === null) return false;
  const kf = toFloat(k);
  if (f.healthFactor > kf * (1 + UNSURE)) return true;
  if (f.healthFactor < kf * (1 - UNSURE)) return false;
  ensureOracleDay(replay, day);
  return healthAbove(healthSums(replay), k);
}

/** Fills the account's Decimal oracle map for `day` (once per day). */
export function ensureOracleDay(replay: AccountReplay, day: number): void {
  if (replay.oracleDay === day) return;
  for (const [asset, prices] of replay.oracle) replay.oracleToday.set(asset, prices.at(day));
  replay.oracleDay = day;
}

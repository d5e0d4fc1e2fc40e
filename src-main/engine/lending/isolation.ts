import { Decimal, ZERO } from '../decimal';
import type { LendingMarket } from '../format/schema';
import type { LendingAccount } from '../position';
import { designOf } from './design';

/**
 * Aave v3 isolation mode (ValidationLogic.validateBorrow, UserConfiguration.getIsolationModeState):
 * an asset with a non-zero `debtCeiling` is isolated collateral. An account using one as collateral
 * is in isolation mode: that asset is its only collateral, it may borrow only assets flagged
 * `borrowableInIsolation` (ASSET_NOT_BORROWABLE_IN_ISOLATION), and the debt counted against the
 * ceiling — `isolationModeTotalDebt` of the market plus this account's borrows, in borrowed units
 * counted as dollars (DEBT_CEILING_DECIMALS = 2: Aave rounds to cents; kept exact here) — may not
 * exceed it (DEBT_CEILING_EXCEEDED).
 */
export function isIsolatedAsset(market: LendingMarket, asset: string): boolean {
  if (designOf(market).design !== 'aave-v3') return false;
  const ceiling = market.assets[asset]?.debtCeiling;
  return ceiling !== undefined && new Decimal(ceiling).greaterThan(0);
}

/** The isolated asset the account uses as collateral, or null (not in isolation mode). */
export function isolatedCollateralOf(account: LendingAccount): string | null {
  for (const s of account.supplies.values()) {
    if (s.collateral && s.amount.greaterThan(0) && isIsolatedAsset(account.market, s.asset)) {
      return s.asset;
    }
  }
  return null;
}

export interface IsolationRoom {
  collateral: string;
  ceiling: Decimal;
  /** Debt counted against the ceiling now: the market's plus this account's. */
  used: Decimal;
}

/** The ceiling of the account's isolated collateral and what is used of it; null outside isolation. */
export function isolationRoom(account: LendingAccount): IsolationRoom | null {
  const collateral = isolatedCollateralOf(account);
  if (!collateral) return null;
  const params = account.market.assets[collateral]!;
  let used = new Decimal(params.isolationModeTotalDebt ?? '0');
  for (const [asset, units] of account.debts) {
    if (account.market.assets[asset]?.borrowableInIsolation) used = used.plus(units);
  }
  return {
    collateral,
    ceiling: new Decimal(params.debtCeiling!),
    used: used.greaterThan(0) ? used : ZERO,
  };
}

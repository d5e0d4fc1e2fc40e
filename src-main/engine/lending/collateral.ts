import type { Decimal } from '../decimal';
import type { LendingAccount } from '../position';
import { effectiveCollateralParams } from './effective-params';

/** Collateral supplies that count (enabled, a balance, LT > 0), as [asset, units]. */
export function collateralOf(account: LendingAccount): [string, Decimal][] {
  return [...account.supplies.values()]
    .filter(
      (s) =>
        s.collateral &&
        s.amount.greaterThan(0) &&
        effectiveCollateralParams({
          market: account.market,
          asset: s.asset,
        }).liquidationThreshold.greaterThan(0),
    )
    .map((s) => [s.asset, s.amount]);
}

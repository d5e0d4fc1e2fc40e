import { Decimal, ZERO, maxDec } from '../decimal';
import type { LendingAccount, PriceMap } from '../position';
import { effectiveCollateralParams } from './effective-params';

export interface AccountHealth {
  /** Σ collateral-enabled supply × oracle price (USD). */
  collateralUsd: Decimal;
  /** Σ every supply × oracle price, collateral or not (USD). */
  suppliedUsd: Decimal;
  debtUsd: Decimal;
  /** Σ collateral × LTV: the most the account may owe (USD). */
  borrowPowerUsd: Decimal;
  /** Σ collateral × liquidation threshold (USD). */
  liquidationThresholdUsd: Decimal;
  /** liquidationThresholdUsd / debtUsd; Infinity when there is no debt. */
  healthFactor: Decimal;
  /** debtUsd / collateralUsd; 0 when there is no collateral. */
  ltv: Decimal;
  /** max(0, borrowPowerUsd − debtUsd). */
  availableBorrowUsd: Decimal;
  /** Assets held or owed that the price map cannot price (they count as 0). */
  unpricedAssets: string[];
}

/**
 * Aave v3 account data (`GenericLogic.calculateUserAccountData`): health factor
 * HF = Σ(collateral_i × price_i × LT_i) / Σ(debt_j × price_j), LTV-weighted borrow power, with e-mode
 * parameters for assets in the account's e-mode category. `prices` are ORACLE prices (USD).
 */
export function accountHealth({
  account,
  prices,
}: {
  account: LendingAccount;
  prices: PriceMap;
}): AccountHealth {
  let collateralUsd = ZERO;
  let suppliedUsd = ZERO;
  let borrowPowerUsd = ZERO;
  let liquidationThresholdUsd = ZERO;
  let debtUsd = ZERO;
  const unpricedAssets: string[] = [];

  for (const supply of account.supplies.values()) {
    if (supply.amount.isZero()) continue;
    const price = prices.get(supply.asset);
    if (!price) {
      unpricedAssets.push(supply.asset);
      continue;
    }
    const valueUsd = supply.amount.times(price);
    suppliedUsd = suppliedUsd.plus(valueUsd);
    if (!supply.collateral) continue;
    const params = effectiveCollateralParams({ market: account.market, asset: supply.asset });
    if (params.liquidationThreshold.isZero()) continue;
    collateralUsd = collateralUsd.plus(valueUsd);
    borrowPowerUsd = borrowPowerUsd.plus(valueUsd.times(params.ltv));
    liquidationThresholdUsd = liquidationThresholdUsd.plus(
      valueUsd.times(params.liquidationThreshold),
    );
  }
  for (const [asset, amount] of account.debts) {
    if (amount.isZero()) continue;
    const price = prices.get(asset);
    if (!price) {
      unpricedAssets.push(asset);
      continue;
    }
    debtUsd = debtUsd.plus(amount.times(price));
  }

  return {
    collateralUsd,
    suppliedUsd,
    debtUsd,
    borrowPowerUsd,
    liquidationThresholdUsd,
    healthFactor: debtUsd.isZero() ? new Decimal(Infinity) : liquidationThresholdUsd.div(debtUsd),
    ltv: collateralUsd.isZero() ? ZERO : debtUsd.div(collateralUsd),
    availableBorrowUsd: maxDec(ZERO, borrowPowerUsd.minus(debtUsd)),
    unpricedAssets,
  };
}

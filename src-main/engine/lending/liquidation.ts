import { Decimal, ONE, ZERO, minDec } from '../decimal';
import type { LendingAccount, PriceMap } from '../position';
import { accountHealth } from './account-health';
import { cloneAccount } from './clone-account';
import { effectiveCollateralParams } from './effective-params';

export type LiquidationRefusal =
  | 'HEALTHY' // HF ≥ 1: Aave reverts with HEALTH_FACTOR_NOT_BELOW_THRESHOLD
  | 'NO_DEBT_IN_ASSET'
  | 'NO_COLLATERAL_IN_ASSET'
  | 'COLLATERAL_NOT_ENABLED'
  | 'PRICE_MISSING';

export interface LiquidationResult {
  /** The account after the call (a new object; the input is not changed). */
  account: LendingAccount;
  liquidated: boolean;
  refusal: LiquidationRefusal | null;
  /** Debt asset units repaid by the liquidator. */
  debtRepaid: Decimal;
  /** Collateral asset units taken from the account (including the bonus). */
  collateralSeized: Decimal;
  /** USD value of the bonus the account lost: seized value − repaid value (oracle prices). */
  bonusUsd: Decimal;
  closeFactor: Decimal;
  healthFactorBefore: Decimal;
  healthFactorAfter: Decimal;
}

/**
 * One Aave v3 `liquidationCall` (LiquidationLogic.executeLiquidationCall), at ORACLE prices:
 * - allowed only when HF < 1;
 * - close factor: the market's `closeFactor` (50%), or 100% when HF < `fullLiquidationHealthFactor`
 *   (0.95, `CLOSE_FACTOR_HF_THRESHOLD`);
 * - debt repaid = min(debtToCover, debt × closeFactor);
 * - collateral seized = debtRepaid × priceDebt × (1 + bonus) / priceCollateral, capped by the
 *   collateral balance (then debtRepaid = balance × priceCollateral / (priceDebt × (1 + bonus)));
 * - bonus: the e-mode category's when the collateral is in the account's category.
 * The protocol's share of the bonus (liquidation protocol fee) goes to the treasury, not back to
 * the user, so it does not change the account and is not modelled.
 */
export function liquidationCall({
  account,
  prices,
  debtAsset,
  collateralAsset,
  debtToCover,
}: {
  account: LendingAccount;
  prices: PriceMap;
  debtAsset: string;
  collateralAsset: string;
  /** Units of debt the liquidator offers to repay; default: as much as allowed. */
  debtToCover?: Decimal;
}): LiquidationResult {
  const before = accountHealth({ account, prices });
  const next = cloneAccount(account);
  const refuse = (refusal: LiquidationRefusal): LiquidationResult => ({
    account: next,
    liquidated: false,
    refusal,
    debtRepaid: ZERO,
    collateralSeized: ZERO,
    bonusUsd: ZERO,
    closeFactor: ZERO,
    healthFactorBefore: before.healthFactor,
    healthFactorAfter: before.healthFactor,
  });

  if (before.healthFactor.greaterThanOrEqualTo(1)) return refuse('HEALTHY');
  const debt = account.debts.get(debtAsset) ?? ZERO;
  if (debt.lessThanOrEqualTo(0)) return refuse('NO_DEBT_IN_ASSET');
  const supply = account.supplies.get(collateralAsset);
  if (!supply || supply.amount.lessThanOrEqualTo(0)) return refuse('NO_COLLATERAL_IN_ASSET');
  const params = effectiveCollateralParams({ market: account.market, asset: collateralAsset });
  if (!supply.collateral || params.liquidationThreshold.isZero()) {
    return refuse('COLLATERAL_NOT_ENABLED');
  }
  const priceDebt = prices.get(debtAsset);
  const priceCollateral = prices.get(collateralAsset);
  if (!priceDebt || !priceCollateral || priceCollateral.isZero()) return refuse('PRICE_MISSING');

  const fullBelow = new Decimal(account.market.fullLiquidationHealthFactor ?? '0.95');
  const closeFactor = before.healthFactor.lessThan(fullBelow)
    ? ONE
    : new Decimal(account.market.closeFactor ?? '0.5');
  const maxDebt = debt.times(closeFactor);
  let debtRepaid = debtToCover ? minDec(debtToCover, maxDebt) : maxDebt;
  const bonusFactor = ONE.plus(params.liquidationBonus);
  let collateralSeized = debtRepaid.times(priceDebt).times(bonusFactor).div(priceCollateral);
  if (collateralSeized.greaterThan(supply.amount)) {
    collateralSeized = supply.amount;
    debtRepaid = collateralSeized.times(priceCollateral).div(priceDebt.times(bonusFactor));
  }

  next.debts.set(debtAsset, debt.minus(debtRepaid));
  next.supplies.set(collateralAsset, { ...supply, amount: supply.amount.minus(collateralSeized) });
  const after = accountHealth({ account: next, prices });
  return {
    account: next,
    liquidated: true,
    refusal: null,
    debtRepaid,
    collateralSeized,
    bonusUsd: collateralSeized.times(priceCollateral).minus(debtRepaid.times(priceDebt)),
    closeFactor,
    healthFactorBefore: before.healthFactor,
    healthFactorAfter: after.healthFactor,
  };
}

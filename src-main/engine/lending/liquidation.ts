import { ONE, ZERO, minDec, type Decimal } from '../decimal';
import type { LendingAccount, PriceMap } from '../position';
import { aaveLiquidationRules } from './aave-rules';
import { accountHealth } from './account-health';
import { cloneAccount } from './clone-account';
import { effectiveCollateralParams } from './effective-params';

export type LiquidationRefusal =
  | 'HEALTHY' // HF ≥ 1: Aave reverts with HEALTH_FACTOR_NOT_BELOW_THRESHOLD
  | 'NO_DEBT_IN_ASSET'
  | 'NO_COLLATERAL_IN_ASSET'
  | 'COLLATERAL_NOT_ENABLED'
  | 'PRICE_MISSING'
  // v3.3: every allowed amount would leave under minLeftoverUsd of debt or collateral, and the
  // close factor forbids clearing the reserve (the call reverts with MUST_NOT_LEAVE_DUST)
  | 'MUST_NOT_LEAVE_DUST';

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
  /** Share of the debt the rule allowed: 1 when the whole reserve debt was liquidatable. */
  closeFactor: Decimal;
  /** Why the whole reserve debt was liquidatable, or null under the close factor. */
  fullBecause: 'HEALTH_FACTOR' | 'SMALL_POSITION' | null;
  /** Liquidator's amount cut to leave minLeftoverUsd of debt and collateral (v3.3 dust rule). */
  cutForDust: boolean;
  /** Debt burned as the reserve's deficit because no collateral is left (v3.3 bad debt), per asset. */
  deficit: Map<string, Decimal>;
  healthFactorBefore: Decimal;
  healthFactorAfter: Decimal;
}

/**
 * One Aave v3.3 `liquidationCall` (aave-dao/aave-v3-origin LiquidationLogic.executeLiquidationCall),
 * at ORACLE prices (rules and constants: aave-rules.ts):
 * - allowed only when HF < 1;
 * - the whole reserve debt is liquidatable when HF ≤ 0.95, or when the collateral reserve or the
 *   debt reserve is worth less than $2,000; otherwise at most 50 % of the account's TOTAL debt
 *   (in USD), and all of the reserve when it is below that;
 * - collateral seized = repaid × priceDebt × (1 + bonus) / priceCollateral, capped by the balance
 *   (then repaid = balance × priceCollateral / (priceDebt × (1 + bonus)));
 * - a call that clears neither the reserve debt nor the collateral must leave ≥ $1,000 of both
 *   (MUST_NOT_LEAVE_DUST): with `debtToCover` given it is refused, as the contract reverts; without
 *   it the liquidator repays the most that passes, min(debt − 1000/priceDebt,
 *   (balance·priceCollateral − 1000)/(priceDebt·(1 + bonus)));
 * - when no collateral is left, every remaining debt is burned as the reserves' deficit (v3.3
 *   `_burnBadDebt`): the account owes nothing more;
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
  /** Units of debt the liquidator offers to repay; default: the most the rules allow. */
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
    fullBecause: null,
    cutForDust: false,
    deficit: new Map(),
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

  const rules = aaveLiquidationRules(account.market);
  const reserveDebtUsd = debt.times(priceDebt);
  const reserveCollateralUsd = supply.amount.times(priceCollateral);
  let maxDebt = debt;
  let closeFactor = ONE;
  let fullBecause: LiquidationResult['fullBecause'] = null;
  if (before.healthFactor.lessThanOrEqualTo(rules.fullLiquidationHealthFactor)) {
    fullBecause = 'HEALTH_FACTOR';
  } else if (
    reserveCollateralUsd.lessThan(rules.fullLiquidationBelowUsd) ||
    reserveDebtUsd.lessThan(rules.fullLiquidationBelowUsd)
  ) {
    fullBecause = 'SMALL_POSITION';
  } else {
    closeFactor = rules.closeFactor;
    const capUsd = before.debtUsd.times(rules.closeFactor);
    if (reserveDebtUsd.greaterThan(capUsd)) maxDebt = capUsd.div(priceDebt);
  }
  let debtRepaid = debtToCover ? minDec(debtToCover, maxDebt) : maxDebt;
  const bonusFactor = ONE.plus(params.liquidationBonus);
  let collateralSeized = debtRepaid.times(priceDebt).times(bonusFactor).div(priceCollateral);
  if (collateralSeized.greaterThan(supply.amount)) {
    collateralSeized = supply.amount;
    debtRepaid = collateralSeized.times(priceCollateral).div(priceDebt.times(bonusFactor));
  }

  let cutForDust = false;
  if (debtRepaid.lessThan(debt) && collateralSeized.lessThan(supply.amount)) {
    const leftDebtUsd = debt.minus(debtRepaid).times(priceDebt);
    const leftCollateralUsd = supply.amount.minus(collateralSeized).times(priceCollateral);
    if (
      leftDebtUsd.lessThan(rules.minLeftoverUsd) ||
      leftCollateralUsd.lessThan(rules.minLeftoverUsd)
    ) {
      if (debtToCover) return refuse('MUST_NOT_LEAVE_DUST');
      const most = minDec(
        debt.minus(rules.minLeftoverUsd.div(priceDebt)),
        reserveCollateralUsd.minus(rules.minLeftoverUsd).div(priceDebt.times(bonusFactor)),
      );
      if (most.lessThanOrEqualTo(0)) return refuse('MUST_NOT_LEAVE_DUST');
      debtRepaid = minDec(debtRepaid, most);
      collateralSeized = debtRepaid.times(priceDebt).times(bonusFactor).div(priceCollateral);
      cutForDust = true;
    }
  }

  next.debts.set(debtAsset, debt.minus(debtRepaid));
  next.supplies.set(collateralAsset, { ...supply, amount: supply.amount.minus(collateralSeized) });
  const deficit = new Map<string, Decimal>();
  if (accountHealth({ account: next, prices }).collateralUsd.isZero()) {
    for (const [asset, units] of next.debts) {
      if (units.lessThanOrEqualTo(0)) continue;
      deficit.set(asset, units);
      next.debts.set(asset, ZERO);
    }
  }
  const after = accountHealth({ account: next, prices });
  return {
    account: next,
    liquidated: true,
    refusal: null,
    debtRepaid,
    collateralSeized,
    bonusUsd: collateralSeized.times(priceCollateral).minus(debtRepaid.times(priceDebt)),
    closeFactor,
    fullBecause,
    cutForDust,
    deficit,
    healthFactorBefore: before.healthFactor,
    healthFactorAfter: after.healthFactor,
  };
}

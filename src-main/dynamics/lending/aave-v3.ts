import { MAX_LIQUIDATION_CALLS as MAX_LIQUIDATIONS_PER_DAY } from '../../engine/lending/liquidate-until-healthy';
import type { Recorder } from '../recorder';
import type { LendingLanes } from './lanes';

/**
 * Aave v3.3 liquidations on one lane (the engine's `liquidationCall`, engine/lending/liquidation.ts,
 * in Float64; test/dynamics checks one call against it): the largest debt against the largest
 * collateral at oracle prices; the whole reserve debt when HF ≤ 0.95 or either reserve is under
 * $2,000, else 50 % of the account's total debt; bonus; seizure capped by the balance; cut so a
 * partial call leaves $1,000 of debt and collateral (MUST_NOT_LEAVE_DUST); the remaining debt burned
 * when no collateral is left (v3.3 deficit) — repeated the same day while HF < 1 and a call still
 * repays something. Returns the health factor after.
 */
export function liquidateAaveV3(
  lending: LendingLanes,
  a: number,
  lane: number,
  hf: number,
  rec: Recorder | null,
): number {
  const c = lending.c;
  const fullBelowUsd = c.fullLiquidationBelowUsd[a]!;
  const minLeftoverUsd = c.minLeftoverUsd[a]!;
  for (let call = 0; call < MAX_LIQUIDATIONS_PER_DAY && hf < 1; call++) {
    const d = lending.largestDebtSlot(a, lane);
    const col = lending.largestCollateralSlot(a, lane);
    if (d < 0 || col < 0) break; // nothing left to seize
    const priceDebt = lending.oraclePrice(d, lane);
    const priceCol = lending.oraclePrice(col, lane);
    if (!(priceCol > 0)) break;
    const debt = lending.debtUnits(d, lane);
    const balance = lending.supplyUnits(col, lane);
    const reserveDebtUsd = debt * priceDebt;
    const reserveColUsd = balance * priceCol;
    let maxDebt = debt;
    let closeFactor = 1;
    if (
      hf > c.fullLiquidationHf[a]! &&
      reserveColUsd >= fullBelowUsd &&
      reserveDebtUsd >= fullBelowUsd
    ) {
      closeFactor = c.closeFactor[a]!;
      const capUsd = lending.totals(a, lane).debtUsd * closeFactor;
      if (reserveDebtUsd > capUsd) maxDebt = capUsd / priceDebt;
    }
    const bonus = 1 + c.slotBonus[col]!;
    let repaid = maxDebt;
    let seized = (repaid * priceDebt * bonus) / priceCol;
    if (seized > balance) {
      seized = balance;
      repaid = (seized * priceCol) / (priceDebt * bonus);
    }
    if (
      repaid < debt &&
      seized < balance &&
      ((debt - repaid) * priceDebt < minLeftoverUsd ||
        (balance - seized) * priceCol < minLeftoverUsd)
    ) {
      const most = Math.min(
        debt - minLeftoverUsd / priceDebt,
        (reserveColUsd - minLeftoverUsd) / (priceDebt * bonus),
      );
      if (!(most > 0)) break; // MUST_NOT_LEAVE_DUST: no amount passes today
      if (most < repaid) {
        repaid = most;
        seized = (repaid * priceDebt * bonus) / priceCol;
      }
    }
    if (!(repaid > 0)) break;
    lending.addDebt(d, lane, -repaid);
    lending.addSupply(col, lane, -seized);
    // v3.3 _burnBadDebt: no collateral left, every remaining debt is the reserves' deficit
    const deficitUsd = lending.largestCollateralSlot(a, lane) < 0 ? lending.burnDebts(a, lane) : 0;
    lending.outcomes.liquidated(lane);
    const before = hf;
    hf = lending.health(a, lane);
    rec?.liquidation(lending.outcomes.day, {
      account: a,
      debtSlot: d,
      collateralSlot: col,
      debtRepaid: repaid,
      collateralSeized: seized,
      collateralSeizedUsd: seized * lending.marketPrice(col, lane),
      bonusUsd: seized * priceCol - repaid * priceDebt,
      closeFactor,
      healthFactorBefore: before,
      healthFactorAfter: hf,
      ...(deficitUsd > 0 ? { deficitUsd } : {}),
    });
  }
  return hf;
}

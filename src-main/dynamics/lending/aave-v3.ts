import type { Recorder } from '../recorder';
import type { LendingLanes } from './lanes';

/** Liquidators call again while the account is under 1; a cap guards against a call that changes nothing. */
export const MAX_LIQUIDATIONS_PER_DAY = 64;

/**
 * Aave v3 liquidations on one lane (the engine's `liquidationCall`, engine/lending/liquidation.ts, in
 * Float64; test/dynamics checks one call against it): the largest debt against the largest
 * collateral at oracle prices, close factor (100 % under the full-liquidation health factor), bonus,
 * seizure capped by the balance — repeated the same day while HF < 1 and a call still repays
 * something. Returns the health factor after.
 */
export function liquidateAaveV3(
  lending: LendingLanes,
  a: number,
  lane: number,
  hf: number,
  rec: Recorder | null,
): number {
  const c = lending.c;
  for (let call = 0; call < MAX_LIQUIDATIONS_PER_DAY && hf < 1; call++) {
    const d = lending.largestDebtSlot(a, lane);
    const col = lending.largestCollateralSlot(a, lane);
    if (d < 0 || col < 0) break; // bad debt: nothing left to seize
    const priceDebt = lending.oraclePrice(d, lane);
    const priceCol = lending.oraclePrice(col, lane);
    if (!(priceCol > 0)) break;
    const closeFactor = hf < c.fullLiquidationHf[a]! ? 1 : c.closeFactor[a]!;
    const bonus = 1 + c.slotBonus[col]!;
    const balance = lending.supplyUnits(col, lane);
    let repaid = lending.debtUnits(d, lane) * closeFactor;
    let seized = (repaid * priceDebt * bonus) / priceCol;
    if (seized > balance) {
      seized = balance;
      repaid = (seized * priceCol) / (priceDebt * bonus);
    }
    if (!(repaid > 0)) break;
    lending.addDebt(d, lane, -repaid);
    lending.addSupply(col, lane, -seized);
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
    });
  }
  return hf;
}

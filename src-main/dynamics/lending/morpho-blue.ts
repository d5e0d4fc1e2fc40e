import type { Recorder } from '../recorder';
import type { LendingLanes } from './lanes';

/**
 * Morpho Blue `liquidate` on one lane (the engine's `liquidateByDesign` in Float64): any share of
 * the debt may be repaid; the liquidator repays all it can and seizes repaid × LIF / price (slot
 * bonus = LIF − 1), capped by the collateral. When the collateral is gone the rest of the debt is
 * realised as the market's bad debt, so the owner's debt is cleared either way.
 */
export function liquidateMorphoBlue(
  lending: LendingLanes,
  a: number,
  lane: number,
  hf: number,
  rec: Recorder | null,
): number {
  const c = lending.c;
  const d = lending.largestDebtSlot(a, lane);
  const col = lending.largestCollateralSlot(a, lane);
  if (d < 0 || col < 0) return hf;
  const priceCol = lending.oraclePrice(col, lane);
  const priceDebt = lending.oraclePrice(d, lane);
  if (!(priceCol > 0)) return hf;
  const lif = 1 + c.slotBonus[col]!;
  const debt = lending.debtUnits(d, lane);
  const units = lending.supplyUnits(col, lane);
  let repaid = debt;
  let seized = (repaid * priceDebt * lif) / priceCol;
  if (seized > units) {
    seized = units;
    repaid = (seized * priceCol) / (priceDebt * lif);
  }
  lending.addSupply(col, lane, -seized);
  lending.addDebt(d, lane, -debt);
  lending.outcomes.liquidated(lane);
  const after = lending.health(a, lane);
  rec?.liquidation(lending.outcomes.day, {
    account: a,
    debtSlot: d,
    collateralSlot: col,
    debtRepaid: repaid,
    collateralSeized: seized,
    collateralSeizedUsd: seized * lending.marketPrice(col, lane),
    bonusUsd: seized * priceCol - repaid * priceDebt,
    closeFactor: 1,
    healthFactorBefore: hf,
    healthFactorAfter: after,
  });
  return after;
}

import type { Recorder } from '../recorder';
import type { LendingLanes } from './lanes';

/**
 * A Maker / Sky vault liquidation on one lane (the engine's `liquidateByDesign` in Float64): Dog.bark
 * takes the whole vault, tab = debt × (1 + penalty) (chop); the Clipper sells collateral at the
 * oracle price × (1 − auctionDiscount) until the tab is raised and returns the rest to the vault.
 * The debt is cleared either way (a shortfall is the protocol's bad debt, Vow.fess).
 */
export function barkMakerVault(
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
  if (!(priceCol > 0)) return hf;
  const debt = lending.debtUnits(d, lane);
  const debtUsd = debt * lending.oraclePrice(d, lane);
  const tabUsd = debtUsd * (1 + c.slotBonus[col]!);
  const units = lending.supplyUnits(col, lane);
  const wanted = tabUsd / (priceCol * (1 - c.auctionDiscount[a]!));
  const sold = wanted < units ? wanted : units;
  lending.addSupply(col, lane, -sold);
  lending.addDebt(d, lane, -debt);
  lending.outcomes.liquidated(lane);
  const after = lending.health(a, lane);
  rec?.liquidation(lending.outcomes.day, {
    account: a,
    debtSlot: d,
    collateralSlot: col,
    debtRepaid: debt,
    collateralSeized: sold,
    collateralSeizedUsd: sold * lending.marketPrice(col, lane),
    bonusUsd: sold * priceCol - debtUsd,
    closeFactor: 1,
    healthFactorBefore: hf,
    healthFactorAfter: after,
  });
  return after;
}

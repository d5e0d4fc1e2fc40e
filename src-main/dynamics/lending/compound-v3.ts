import type { Recorder } from '../recorder';
import type { LendingLanes } from './lanes';

/**
 * Compound v3 (Comet) `absorb` on one lane (the engine's `liquidateByDesign`,
 * engine/lending/design-liquidation.ts, in Float64): every collateral slot is seized, every debt
 * cleared, and Σ collateral value × liquidationFactor − debt (oracle USD) credited back to the owner
 * as base supply when positive (Comet.absorbInternal; reserves cover a shortfall). The slot's bonus
 * is 1 − liquidationFactor. One record per seized collateral slot; the debt is on the first.
 */
export function absorbCompoundV3(
  lending: LendingLanes,
  a: number,
  lane: number,
  hf: number,
  rec: Recorder | null,
): number {
  const c = lending.c;
  const base = lending.largestDebtSlot(a, lane);
  if (base < 0) return hf;
  let debtUsd = 0;
  for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
    debtUsd += lending.debtUnits(s, lane) * lending.oraclePrice(s, lane);
  }
  const baseDebt = lending.debtUnits(base, lane);
  let credited = 0;
  let first = true;
  for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
    if (c.slotLt[s]! <= 0) continue;
    const units = lending.supplyUnits(s, lane);
    if (!(units > 0)) continue;
    const value = units * lending.oraclePrice(s, lane);
    credited += value * (1 - c.slotBonus[s]!);
    lending.addSupply(s, lane, -units);
    rec?.liquidation(lending.outcomes.day, {
      account: a,
      debtSlot: base,
      collateralSlot: s,
      debtRepaid: first ? baseDebt : 0,
      collateralSeized: units,
      collateralSeizedUsd: units * lending.marketPrice(s, lane),
      bonusUsd: value * c.slotBonus[s]!,
      closeFactor: 1,
      healthFactorBefore: hf,
      healthFactorAfter: Infinity,
    });
    first = false;
  }
  for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
    const debt = lending.debtUnits(s, lane);
    if (debt > 0) lending.addDebt(s, lane, -debt);
  }
  const price = lending.oraclePrice(base, lane);
  if (credited > debtUsd && price > 0) lending.addSupply(base, lane, (credited - debtUsd) / price);
  lending.outcomes.liquidated(lane);
  return Infinity;
}

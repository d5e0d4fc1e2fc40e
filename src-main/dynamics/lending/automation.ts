import type { AutomationOptions } from '../automation-options';
import type { Recorder } from '../recorder';
import type { LendingLanes } from './lanes';

/** The rules as numbers (NaN: the rule is off). */
export interface AutomationLayout {
  deleverageTrigger: number;
  deleverageTarget: number;
  releverageTrigger: number;
  releverageTarget: number;
  swapFeeRate: number;
  gasUsd: number;
}

export function compileAutomation(automation: AutomationOptions | undefined): AutomationLayout {
  return {
    deleverageTrigger: automation?.deleverage?.triggerHealthFactor ?? NaN,
    deleverageTarget: automation?.deleverage?.targetHealthFactor ?? NaN,
    releverageTrigger: automation?.releverage?.triggerHealthFactor ?? NaN,
    releverageTarget: automation?.releverage?.targetHealthFactor ?? NaN,
    swapFeeRate: automation?.swapFeeRate ?? 0,
    gasUsd: automation?.gasUsd ?? 0,
  };
}

/** A rule may need a few passes when one pair cannot reach the target alone (a capped withdrawal). */
export const MAX_AUTOMATION_PASSES = 4;
/**
 * The no-op rule, the same in the backtest and the Monte Carlo: a deleverage pass runs only while
 * HF < target·(1 − 1e-9) and only when it raises HF (its gas, paid from the proceeds, could
 * outweigh a withdrawal capped by a small balance). A pass that would move HF by rounding noise alone,
 * or not at all, is not run: it pays no gas and counts no action. Every pass that runs moves
 * balances, pays `gasUsd` once and counts one action; re-leverage is a single pass.
 */
export const PASS_TOLERANCE = 1e-9;

/**
 * Deleverage to `target` on one lane: withdraw collateral c, swap it to the debt asset d at market
 * prices paying the swap fee f and the gas (taken from the proceeds), repay. With L = Σ collateral·LT
 * and D = Σ debt at oracle prices, r = oracle/market price of d, withdrawing `a` units of c gives
 *   HF(a) = (L − a·Po_c·LT_c) / (D − r·(a·Pm_c·(1 − f) − gas)),
 * and HF(a) = target solves to
 *   a = (target·D − L + target·r·gas) / (target·r·Pm_c·(1 − f) − Po_c·LT_c),
 * capped by the collateral balance and by the debt (never repay more than owed).
 */
export function deleverage(
  lending: LendingLanes,
  rule: AutomationLayout,
  a: number,
  lane: number,
  hf: number,
  rec: Recorder | null,
): number {
  const c = lending.c;
  const target = rule.deleverageTarget;
  const gas = rule.gasUsd;
  for (let pass = 0; pass < MAX_AUTOMATION_PASSES && hf < target * (1 - PASS_TOLERANCE); pass++) {
    const d = lending.largestDebtSlot(a, lane);
    const col = lending.largestCollateralSlot(a, lane);
    if (d < 0 || col < 0) break;
    const { threshold, debtUsd } = lending.totals(a, lane);
    const pmC = lending.marketPrice(col, lane);
    const pmD = lending.marketPrice(d, lane);
    const fee = c.slotAsset[col] === c.slotAsset[d] ? 0 : rule.swapFeeRate;
    const keep = 1 - fee;
    const r = lending.oraclePrice(d, lane) / pmD;
    const denominator = target * r * pmC * keep - lending.oraclePrice(col, lane) * c.slotLt[col]!;
    if (!(denominator > 0)) break; // withdrawing c cannot raise HF
    const wanted = (target * debtUsd - threshold + target * r * gas) / denominator;
    const forWholeDebt = (lending.debtUnits(d, lane) * pmD + gas) / (pmC * keep);
    const withdrawn = Math.min(wanted, lending.supplyUnits(col, lane), forWholeDebt);
    if (!(withdrawn > 0)) break;
    const repaid = (withdrawn * pmC * keep - gas) / pmD;
    if (!(repaid > 0)) break;
    // a pass whose gas outweighs what it repays (capped by a small balance) would lower HF: not run
    const thresholdAfter = threshold - withdrawn * lending.oraclePrice(col, lane) * c.slotLt[col]!;
    const debtAfter = debtUsd - repaid * lending.oraclePrice(d, lane);
    if (debtAfter > 0 && !(thresholdAfter / debtAfter > hf)) break;
    lending.addSupply(col, lane, -withdrawn);
    lending.addDebt(d, lane, -repaid);
    lending.outcomes.automationActions[lane]!++;
    const before = hf;
    hf = lending.health(a, lane);
    if (rec) rec.totals.gasUsd += gas;
    rec?.automation(lending.outcomes.day, {
      kind: 'deleverage',
      account: a,
      collateralSlot: col,
      debtSlot: d,
      collateralAmount: withdrawn,
      debtAmount: repaid,
      swapFeeUsd: withdrawn * pmC * fee,
      gasUsd: gas,
      healthFactorBefore: before,
      healthFactorAfter: hf,
    });
  }
  return hf;
}

/**
 * Re-leverage to `target` on one lane: borrow b units of d, swap to c (fee f, gas from the
 * proceeds), supply. With q = LT_c·Po_c·Pm_d·(1 − f)/Pm_c and q' = LT_c·Po_c/Pm_c,
 *   HF(b) = (L + q·b − q'·gas) / (D + Po_d·b) = target  ⇒  b = (L − target·D − q'·gas) / (target·Po_d − q),
 * capped by borrow power (LTV): D + Po_d·b ≤ B + ltv_c·Po_c·(b·Pm_d·(1 − f) − gas)/Pm_c. One pass.
 */
export function releverage(
  lending: LendingLanes,
  rule: AutomationLayout,
  a: number,
  lane: number,
  hf: number,
  rec: Recorder | null,
): number {
  const c = lending.c;
  const target = rule.releverageTarget;
  const gas = rule.gasUsd;
  if (!(hf > target) || hf === Infinity) return hf;
  const d = lending.largestDebtSlot(a, lane);
  const col = lending.largestCollateralSlot(a, lane);
  if (d < 0 || col < 0 || !c.slotBorrowable[d]) return hf;
  const { threshold, debtUsd, borrowPowerUsd } = lending.totals(a, lane);
  const pmC = lending.marketPrice(col, lane);
  const pmD = lending.marketPrice(d, lane);
  const poC = lending.oraclePrice(col, lane);
  const poD = lending.oraclePrice(d, lane);
  const fee = c.slotAsset[col] === c.slotAsset[d] ? 0 : rule.swapFeeRate;
  const keep = 1 - fee;
  const perGasUnit = poC / pmC;
  const lt = c.slotLt[col]!;
  const denominator = target * poD - lt * perGasUnit * pmD * keep;
  if (!(denominator > 0)) return hf;
  let borrowed = (threshold - target * debtUsd - lt * perGasUnit * gas) / denominator;
  const ltv = c.slotLtv[col]!;
  const powerDenominator = poD - ltv * perGasUnit * pmD * keep;
  if (powerDenominator > 0) {
    borrowed = Math.min(
      borrowed,
      (borrowPowerUsd - debtUsd - ltv * perGasUnit * gas) / powerDenominator,
    );
  }
  // Aave v3 isolation mode: the borrows may not pass the isolated collateral's debt ceiling
  const room = c.isolationRoom[a]!;
  if (room !== Infinity) {
    let owed = 0;
    for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++)
      owed += lending.debtUnits(s, lane);
    borrowed = Math.min(borrowed, room - owed);
  }
  if (!(borrowed > 0)) return hf;
  const supplied = (borrowed * pmD * keep - gas) / pmC;
  if (!(supplied > 0)) return hf;
  lending.addDebt(d, lane, borrowed);
  lending.addSupply(col, lane, supplied);
  lending.outcomes.automationActions[lane]!++;
  const after = lending.health(a, lane);
  if (rec) rec.totals.gasUsd += gas;
  rec?.automation(lending.outcomes.day, {
    kind: 'releverage',
    account: a,
    collateralSlot: col,
    debtSlot: d,
    collateralAmount: supplied,
    debtAmount: borrowed,
    swapFeeUsd: borrowed * pmD * fee,
    gasUsd: gas,
    healthFactorBefore: hf,
    healthFactorAfter: after,
  });
  return after;
}

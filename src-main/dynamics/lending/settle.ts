import type { Recorder } from '../recorder';
import {
  DESIGN_AAVE_V3,
  DESIGN_COMPOUND_V3,
  DESIGN_MAKER_VAULT,
  DESIGN_MORPHO_BLUE,
} from './account';
import { liquidateAaveV3 } from './aave-v3';
import { absorbCompoundV3 } from './compound-v3';
import { barkMakerVault } from './maker-vault';
import { liquidateMorphoBlue } from './morpho-blue';
import { deleverage, releverage, type AutomationLayout } from './automation';
import type { LendingLanes } from './lanes';

/**
 * The daily check of every lending account at ORACLE prices: the running minimum of the health
 * factor (read before the day's actions), then on the lanes that need it: deleverage under its
 * trigger, the account's liquidation design while HF < 1, else re-leverage above its trigger.
 *
 * One fused pass over the lanes per account: collateral threshold and debt summed over the
 * account's live columns, so each lane is read once. Rare branches run per lane.
 */
export class LendingSettlement {
  /** One account's live columns: slot base, oracle price base, factor (index × LT × oracle ratio). */
  private readonly supplyBase: Int32Array;
  private readonly supplyPrice: Int32Array;
  private readonly supplyFactor: Float64Array;
  private readonly debtBase: Int32Array;
  private readonly debtPrice: Int32Array;
  private readonly debtFactor: Float64Array;
  /** Act under max(1, deleverage trigger) or above the re-leverage trigger. */
  private readonly below: number;
  private readonly above: number;

  constructor(
    private readonly lending: LendingLanes,
    private readonly rule: AutomationLayout,
  ) {
    const n = lending.slots + 1;
    this.supplyBase = new Int32Array(n);
    this.supplyPrice = new Int32Array(n);
    this.supplyFactor = new Float64Array(n);
    this.debtBase = new Int32Array(n);
    this.debtPrice = new Int32Array(n);
    this.debtFactor = new Float64Array(n);
    this.below = rule.deleverageTrigger > 1 ? rule.deleverageTrigger : 1;
    this.above = Number.isNaN(rule.releverageTrigger) ? Infinity : rule.releverageTrigger;
  }

  settle(lanes: number, rec: Recorder | null): void {
    const lending = this.lending;
    const c = lending.c;
    const { scaledSupply, scaledDebt } = lending;
    const px = lending.market.px;
    const minHf = lending.outcomes.minHealthFactor;
    const L = lending.stride;
    const { supplyBase, supplyPrice, supplyFactor, debtBase, debtPrice, debtFactor } = this;
    const { below, above } = this;
    for (let a = 0; a < c.accountIds.length; a++) {
      // columns zero on every lane (e.g. the debt of a collateral asset) are skipped;
      // per column, index × LT × oracle ratio is the same on every lane
      let nSupply = 0;
      let nDebt = 0;
      for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
        const ratio = lending.oracleRatioNow[s]!;
        if (lending.supplyLive[s]) {
          supplyBase[nSupply] = s * L;
          supplyPrice[nSupply] = lending.oracleBase[s]!;
          supplyFactor[nSupply++] = lending.supplyIndex[s]! * c.slotLt[s]! * ratio;
        }
        if (lending.debtLive[s]) {
          debtBase[nDebt] = s * L;
          debtPrice[nDebt] = lending.oracleBase[s]!;
          debtFactor[nDebt++] = lending.debtIndex[s]! * ratio;
        }
      }
      if (nSupply === 1 && nDebt === 1) {
        // the usual loop: one collateral, one debt
        this.settleSingle(a, lanes, rec);
        continue;
      }
      for (let lane = 0; lane < lanes; lane++) {
        let threshold = 0;
        let d = 0;
        for (let i = 0; i < nSupply; i++) {
          threshold +=
            scaledSupply[supplyBase[i]! + lane]! * px[supplyPrice[i]! + lane]! * supplyFactor[i]!;
        }
        for (let i = 0; i < nDebt; i++) {
          d += scaledDebt[debtBase[i]! + lane]! * px[debtPrice[i]! + lane]! * debtFactor[i]!;
        }
        const hf = d > 0 ? threshold / d : Infinity;
        if (hf < minHf[lane]!) minHf[lane] = hf;
        if (hf < below || (hf > above && hf < Infinity)) this.act(a, lane, hf, rec);
      }
    }
  }

  /** settle() for an account with one live collateral column and one live debt column. */
  private settleSingle(a: number, lanes: number, rec: Recorder | null): void {
    const lending = this.lending;
    single(
      this,
      a,
      lanes,
      rec,
      lending.scaledSupply,
      lending.scaledDebt,
      lending.market.px,
      lending.outcomes.minHealthFactor,
      this.supplyBase[0]!,
      this.supplyPrice[0]!,
      this.supplyFactor[0]!,
      this.debtBase[0]!,
      this.debtPrice[0]!,
      this.debtFactor[0]!,
      this.below,
      this.above,
    );
  }

  /** The rare per-lane actions, in the one order both the backtest and the Monte Carlo use. */
  act(a: number, lane: number, hf: number, rec: Recorder | null): number {
    const { lending, rule } = this;
    if (hf < rule.deleverageTrigger) hf = deleverage(lending, rule, a, lane, hf, rec);
    if (hf < 1) return this.liquidate(a, lane, hf, rec);
    if (hf > rule.releverageTrigger && hf < Infinity)
      return releverage(lending, rule, a, lane, hf, rec);
    return hf;
  }

  /** The account's liquidation design (lending/account.ts `design`). */
  private liquidate(a: number, lane: number, hf: number, rec: Recorder | null): number {
    switch (this.lending.c.design[a]) {
      case DESIGN_COMPOUND_V3:
        return absorbCompoundV3(this.lending, a, lane, hf, rec);
      case DESIGN_MAKER_VAULT:
        return barkMakerVault(this.lending, a, lane, hf, rec);
      case DESIGN_MORPHO_BLUE:
        return liquidateMorphoBlue(this.lending, a, lane, hf, rec);
      case DESIGN_AAVE_V3:
      default:
        return liquidateAaveV3(this.lending, a, lane, hf, rec);
    }
  }
}

function single(
  settlement: LendingSettlement,
  a: number,
  lanes: number,
  rec: Recorder | null,
  scaledSupply: Float64Array,
  scaledDebt: Float64Array,
  px: Float64Array,
  minHf: Float64Array,
  sb: number,
  sp: number,
  sf: number,
  db: number,
  dp: number,
  df: number,
  below: number,
  above: number,
): void {
  // hf = threshold / (d + 0), without health()'s `d > 0 ? … : Infinity`: threshold and d are never
  // negative (balances floored at 0, prices and indices positive) and `+ 0` turns a −0 into +0, so
  // the two differ only where d is 0 or NaN (NaN here, Infinity there), and both then fail every
  // test below — the lane is left alone either way. Gone is a branch whose outcome differs lane by
  // lane once debts are repaid.
  for (let lane = 0; lane < lanes; lane++) {
    const threshold = scaledSupply[sb + lane]! * px[sp + lane]! * sf;
    const d = scaledDebt[db + lane]! * px[dp + lane]! * df;
    const hf = threshold / (d + 0);
    if (hf < minHf[lane]!) minHf[lane] = hf;
    if (hf < below || (hf > above && hf < Infinity)) settlement.act(a, lane, hf, rec);
  }
}

import type { MarketLanes } from '../prices';
import type { LaneOutcomes } from '../outcomes';
import type { FlowTotals, Recorder } from '../recorder';
import type { LendingLayout } from './account';
import { dayGrowth, dayGrowthOfDailyRate } from './accrual';
import { CURVE_FIELDS, curveBorrowApr, curveSupplyApr, curveUtilization } from './rate-curve';
import { VALUE_TIE_TOLERANCE } from '../../engine/lending/value-tie';

/** Near-equal values are a tie won by the first slot, as in the engine's `largest`. */
const TIE = 1 + VALUE_TIE_TOLERANCE;

/**
 * Per-day rate input: rates[((day·slots) + slot)·2 + side] = apr/365 for the day `day` that passed
 * (side 0 supply, 1 borrow); NaN where the model applies (history does not cover the day). A
 * per-second slot grows by (1 + r/86,400)^86,400 on that day's r, a daily one by 1 + r.
 */
export type RateInput = Float64Array | null;

/**
 * The lending balances of a block of lanes (`state[slot * stride + lane]`) and the account-level
 * reads every action needs. Balances are stored scaled, as Aave does: units = scaled × index, where
 * the index grows by the day's growth (per second or daily, lending/accrual.ts) when that rate is the same on every lane (fixed or
 * history) — one multiplication per slot per day instead of one per lane. Utilization curves depend
 * on each lane's balances and accrue per lane.
 */
export class LendingLanes {
  readonly slots: number;
  readonly scaledSupply: Float64Array;
  readonly scaledDebt: Float64Array;
  readonly supplyIndex: Float64Array;
  readonly debtIndex: Float64Array;
  /** Collateral slots (LT > 0) whose supply is non-zero on some lane; debts likewise. */
  readonly supplyLive: Uint8Array;
  readonly debtLive: Uint8Array;
  /** Slots with a supply or a debt on some lane: equity skips the others. */
  readonly slotHeld: Uint8Array;
  /** Slot s's oracle price is px[oracleBase[s] + lane] × oracleRatioNow[s]. */
  readonly oracleBase: Int32Array;
  readonly oracleRatioNow: Float64Array;
  /** One lending account's value per lane (scratch for equity, floored at 0 per account). */
  private readonly accountLanes: Float64Array;

  constructor(
    readonly c: LendingLayout,
    readonly market: MarketLanes,
    readonly stride: number,
    readonly outcomes: LaneOutcomes,
  ) {
    this.slots = c.slotAsset.length;
    const n = this.slots * stride;
    this.scaledSupply = new Float64Array(n);
    this.scaledDebt = new Float64Array(n);
    this.supplyIndex = new Float64Array(this.slots);
    this.debtIndex = new Float64Array(this.slots);
    this.supplyLive = new Uint8Array(this.slots);
    this.debtLive = new Uint8Array(this.slots);
    this.slotHeld = new Uint8Array(this.slots);
    this.oracleBase = Int32Array.from(
      c.slotOracleRoot,
      (root, s) => (root < 0 ? c.slotAsset[s]! : root) * stride,
    );
    this.oracleRatioNow = new Float64Array(this.slots);
    this.accountLanes = new Float64Array(stride);
  }

  reset(lanes: number): void {
    const c = this.c;
    const L = this.stride;
    for (let s = 0; s < this.slots; s++) {
      this.scaledSupply.fill(c.slotSupply[s]!, s * L, s * L + lanes);
      this.scaledDebt.fill(c.slotDebt[s]!, s * L, s * L + lanes);
      this.supplyLive[s] = c.slotSupply[s]! !== 0 && c.slotLt[s]! > 0 ? 1 : 0;
      this.debtLive[s] = c.slotDebt[s]! !== 0 ? 1 : 0;
      this.slotHeld[s] = c.slotSupply[s]! !== 0 || c.slotDebt[s]! !== 0 ? 1 : 0;
      this.oracleRatioNow[s] = c.slotOracleRoot[s]! < 0 ? 1 : c.slotOracleRatio[s]!;
    }
    this.supplyIndex.fill(1);
    this.debtIndex.fill(1);
  }

  /**
   * Interest for the day that passed (`dayPassed`), at yesterday's balances: the day's rate input
   * where given, else the fixed rate or the utilization curve on the lane's own balances (both rates
   * read before either balance moves). With a recorder, lane 0's flows at yesterday's market prices.
   */
  accrue(
    lanes: number,
    dayPassed: number,
    rates: RateInput,
    rec: Recorder | null,
    totals: FlowTotals | null,
  ): void {
    const c = this.c;
    const px = this.market.px;
    for (let s = 0; s < this.slots; s++) {
      const at = (dayPassed * this.slots + s) * 2;
      const supplyRate = rates ? rates[at]! : NaN;
      const borrowRate = rates ? rates[at + 1]! : NaN;
      if (rec && totals) this.recordAccrual(s, supplyRate, borrowRate, rec, totals, px);
      const curve = c.slotCurve[s] !== 0;
      const perSecond = c.slotPerSecond[s] === 1;
      if (supplyRate === supplyRate)
        this.supplyIndex[s]! *= dayGrowthOfDailyRate(supplyRate, perSecond);
      else if (!curve) this.supplyIndex[s]! *= c.slotSupplyGrowth[s]!;
      if (borrowRate === borrowRate)
        this.debtIndex[s]! *= dayGrowthOfDailyRate(borrowRate, perSecond);
      else if (!curve) this.debtIndex[s]! *= c.slotDebtGrowth[s]!;
      if (curve && (supplyRate !== supplyRate || borrowRate !== borrowRate)) {
        for (let lane = 0; lane < lanes; lane++) {
          this.accrueCurve(s, lane, supplyRate !== supplyRate, borrowRate !== borrowRate);
        }
      }
    }
  }

  /** One day of a utilization-curve slot on one lane (the sides without a rate input). */
  private accrueCurve(s: number, lane: number, supply: boolean, borrow: boolean): void {
    const j = s * this.stride + lane;
    const q = this.c.slotCurveParams;
    const o = s * CURVE_FIELDS;
    const u = curveUtilization(
      q,
      o,
      this.scaledSupply[j]! * this.supplyIndex[s]!,
      this.scaledDebt[j]! * this.debtIndex[s]!,
    );
    const kind = this.c.slotCurve[s]!;
    const perSecond = this.c.slotPerSecond[s] === 1;
    const borrowApr = curveBorrowApr(q, o, u, kind);
    if (supply)
      this.scaledSupply[j]! *= dayGrowth(curveSupplyApr(q, o, u, borrowApr, kind), perSecond);
    if (borrow) this.scaledDebt[j]! *= dayGrowth(borrowApr, perSecond);
  }

  private recordAccrual(
    s: number,
    supplyRate: number,
    borrowRate: number,
    rec: Recorder,
    totals: FlowTotals,
    px: Float64Array,
  ): void {
    const c = this.c;
    const supply = this.supplyUnits(s, 0);
    const debt = this.debtUnits(s, 0);
    const perSecond = c.slotPerSecond[s] === 1;
    // each side's growth − 1 for the day, as accrue() applies it
    let supplyDaily =
      supplyRate === supplyRate ? dayGrowthOfDailyRate(supplyRate, perSecond) - 1 : NaN;
    let borrowDaily =
      borrowRate === borrowRate ? dayGrowthOfDailyRate(borrowRate, perSecond) - 1 : NaN;
    if (c.slotCurve[s]) {
      const o = s * CURVE_FIELDS;
      const u = curveUtilization(c.slotCurveParams, o, supply, debt);
      const kind = c.slotCurve[s]!;
      const borrowApr = curveBorrowApr(c.slotCurveParams, o, u, kind);
      if (supplyDaily !== supplyDaily)
        supplyDaily =
          dayGrowth(curveSupplyApr(c.slotCurveParams, o, u, borrowApr, kind), perSecond) - 1;
      if (borrowDaily !== borrowDaily) borrowDaily = dayGrowth(borrowApr, perSecond) - 1;
    } else {
      if (supplyDaily !== supplyDaily) supplyDaily = c.slotSupplyGrowth[s]! - 1;
      if (borrowDaily !== borrowDaily) borrowDaily = c.slotDebtGrowth[s]! - 1;
    }
    const price = px[c.slotAsset[s]! * this.stride]!;
    if (supply !== 0) {
      rec.rateDay(s, 'supply', supplyRate === supplyRate);
      totals.interestEarnedUsd += supply * supplyDaily * price;
    }
    if (debt !== 0) {
      rec.rateDay(s, 'borrow', borrowRate === borrowRate);
      totals.interestPaidUsd += debt * borrowDaily * price;
    }
  }

  /** Exchange-rate oracles move with their peg's growth, once a day. */
  moveOracles(): void {
    const c = this.c;
    for (let s = 0; s < this.slots; s++) {
      if (c.slotOracleRoot[s]! >= 0) this.oracleRatioNow[s]! *= c.slotOracleGrowth[s]!;
    }
  }

  supplyUnits(s: number, lane: number): number {
    return this.scaledSupply[s * this.stride + lane]! * this.supplyIndex[s]!;
  }

  debtUnits(s: number, lane: number): number {
    return this.scaledDebt[s * this.stride + lane]! * this.debtIndex[s]!;
  }

  addSupply(s: number, lane: number, units: number): void {
    const j = s * this.stride + lane;
    this.scaledSupply[j] = Math.max(0, this.scaledSupply[j]! + units / this.supplyIndex[s]!);
    if (this.c.slotLt[s]! > 0) this.supplyLive[s] = 1;
    this.slotHeld[s] = 1;
  }

  addDebt(s: number, lane: number, units: number): void {
    const j = s * this.stride + lane;
    this.scaledDebt[j] = Math.max(0, this.scaledDebt[j]! + units / this.debtIndex[s]!);
    this.debtLive[s] = 1;
    this.slotHeld[s] = 1;
  }

  /** Every debt of account `a` on one lane to 0 (bad debt realised by the market); its USD at market prices. */
  burnDebts(a: number, lane: number): number {
    const c = this.c;
    let usd = 0;
    for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
      usd += this.debtUnits(s, lane) * this.marketPrice(s, lane);
      this.scaledDebt[s * this.stride + lane] = 0;
    }
    return usd;
  }

  oraclePrice(s: number, lane: number): number {
    return this.market.px[this.oracleBase[s]! + lane]! * this.oracleRatioNow[s]!;
  }

  marketPrice(s: number, lane: number): number {
    return this.market.px[this.c.slotAsset[s]! * this.stride + lane]!;
  }

  /** The account's health factor on one lane at oracle prices (Infinity without debt). */
  health(a: number, lane: number): number {
    const c = this.c;
    let threshold = 0;
    let debtUsd = 0;
    for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
      const price = this.oraclePrice(s, lane);
      threshold += this.supplyUnits(s, lane) * price * c.slotLt[s]!;
      debtUsd += this.debtUnits(s, lane) * price;
    }
    return debtUsd > 0 ? threshold / debtUsd : Infinity;
  }

  /** The engine's `accountHealth` sums on one lane, at oracle prices. */
  totals(
    a: number,
    lane: number,
  ): { collateralUsd: number; threshold: number; debtUsd: number; borrowPowerUsd: number } {
    const c = this.c;
    let collateralUsd = 0;
    let threshold = 0;
    let debtUsd = 0;
    let borrowPowerUsd = 0;
    for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
      const price = this.oraclePrice(s, lane);
      const value = this.supplyUnits(s, lane) * price;
      if (c.slotLt[s]! > 0) collateralUsd += value;
      threshold += value * c.slotLt[s]!;
      borrowPowerUsd += value * c.slotLtv[s]!;
      debtUsd += this.debtUnits(s, lane) * price;
    }
    return { collateralUsd, threshold, debtUsd, borrowPowerUsd };
  }

  /** The slot with the largest debt (oracle USD); −1 when none. */
  largestDebtSlot(a: number, lane: number): number {
    const c = this.c;
    let best = -1;
    let bestUsd = 0;
    for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
      const usd = this.debtUnits(s, lane) * this.oraclePrice(s, lane);
      if (usd > bestUsd * TIE) {
        bestUsd = usd;
        best = s;
      }
    }
    return best;
  }

  /** The collateral slot (LT > 0) with the largest value (oracle USD); −1 when none. */
  largestCollateralSlot(a: number, lane: number): number {
    const c = this.c;
    let best = -1;
    let bestUsd = 0;
    for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
      if (c.slotLt[s]! <= 0) continue;
      const usd = this.supplyUnits(s, lane) * this.oraclePrice(s, lane);
      if (usd > bestUsd * TIE) {
        bestUsd = usd;
        best = s;
      }
    }
    return best;
  }

  /**
   * Mark-to-market value of the accounts (market prices) added into `e`. Lending is non-recourse:
   * an account whose debt exceeds its supplies is worth 0 to its owner, the rest is the market's bad
   * debt. Each account's held slots are summed into `accountLanes` and the last one's pass adds the
   * floored total, so an account costs one pass per held slot.
   */
  equity(e: Float64Array, lanes: number): void {
    const c = this.c;
    const L = this.stride;
    const px = this.market.px;
    const { scaledSupply, scaledDebt } = this;
    const account = this.accountLanes;
    for (let a = 0; a < c.accountIds.length; a++) {
      const end = c.accountStart[a + 1]!;
      let last = -1;
      for (let s = c.accountStart[a]!; s < end; s++) if (this.slotHeld[s]) last = s;
      let first = true;
      for (let s = c.accountStart[a]!; s <= last; s++) {
        if (!this.slotHeld[s]) continue;
        const base = s * L;
        const asset = c.slotAsset[s]! * L;
        const si = this.supplyIndex[s]!;
        const di = this.debtIndex[s]!;
        if (s === last && first) {
          for (let lane = 0; lane < lanes; lane++) {
            const value =
              (scaledSupply[base + lane]! * si - scaledDebt[base + lane]! * di) * px[asset + lane]!;
            if (value > 0) e[lane]! += value;
          }
        } else if (s === last) {
          for (let lane = 0; lane < lanes; lane++) {
            const value =
              account[lane]! +
              (scaledSupply[base + lane]! * si - scaledDebt[base + lane]! * di) * px[asset + lane]!;
            if (value > 0) e[lane]! += value;
          }
        } else if (first) {
          for (let lane = 0; lane < lanes; lane++) {
            account[lane] =
              (scaledSupply[base + lane]! * si - scaledDebt[base + lane]! * di) * px[asset + lane]!;
          }
        } else {
          for (let lane = 0; lane < lanes; lane++) {
            account[lane]! +=
              (scaledSupply[base + lane]! * si - scaledDebt[base + lane]! * di) * px[asset + lane]!;
          }
        }
        first = false;
      }
    }
  }

  /** Lane 0's collateral (LT > 0) and debt at MARKET prices, for the report. */
  marketExposure(): { collateralUsd: number; debtUsd: number } {
    let collateralUsd = 0;
    let debtUsd = 0;
    for (let s = 0; s < this.slots; s++) {
      const price = this.marketPrice(s, 0);
      if (this.c.slotLt[s]! > 0) collateralUsd += this.supplyUnits(s, 0) * price;
      debtUsd += this.debtUnits(s, 0) * price;
    }
    return { collateralUsd, debtUsd };
  }
}

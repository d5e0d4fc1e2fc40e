import {
  CURVE_FIELDS,
  LP_CONCENTRATED,
  PRICE_CONSTANT,
  PRICE_FACTOR,
  PRICE_PEGGED,
  TARGET_LP,
  TARGET_STAKE,
  TARGET_SUPPLY,
  lpPositionValue,
  type CompiledPosition,
} from './compiled';
import { DAYS_PER_YEAR } from './estimate';
import type { CrashApplier } from './models/crash-overlay';
import type { PathStepper } from './models/types';
import type { Rng } from './rng';

/**
 * The Float64 path kernel. One simulated day follows the backtest's loop (backtest/run-backtest.ts):
 *   1. the day that passed accrues at yesterday's prices: interest on supply and debt
 *      (× (1 + apr/365); utilization curves recomputed from the balances), LP fees while in range
 *      (compounding into the position), stake rewards, perp funding;
 *   2. today's prices: the model's factor moves (and crash overlay), pegged assets follow their
 *      anchor, LP tokens revalue by pool math, oracles update;
 *   3. harvests on their schedule (rewards sold net of swap fee, gas paid, proceeds reinvested);
 *   4. per lending account: deleverage under its trigger, then repeated Aave v3 liquidationCalls
 *      while HF < 1 (largest debt against largest collateral, close factor, bonus — the engine's
 *      `liquidationCall` in float), else re-leverage above its trigger; perps under maintenance
 *      margin are liquidated and their margin is lost;
 *   5. equity is recorded on the fan-chart days (each lending account floored at 0: non-recourse,
 *      as the backtest's valuation).
 *
 * Layout for speed: a block of up to LANES paths advances together, day by day, with every state
 * variable stored lane-minor (`state[item * LANES + lane]`), so each operation is a tight loop over
 * contiguous Float64Array elements — the numpy idea, without temporaries. The random price moves of
 * each path are drawn first, path by path from the path's own stream (so numbers never depend on
 * how paths are grouped or threaded). Rare branches (liquidation, automation, harvest) run per lane.
 * Nothing is allocated per day or per path.
 */

export interface BlockOutput {
  terminalEquity: Float64Array;
  /** Day of the first liquidation (lending or perp), −1 if none. */
  liquidationDay: Int32Array;
  /** Lowest health factor over the path and all accounts (Infinity without debt). */
  minHealthFactor: Float64Array;
  automationActions: Int32Array;
  /** Equity on `fanDays`, [fan day][path] (each day's paths contiguous); Float32 is plenty for bands. */
  fanEquity: Float32Array;
}

export function allocateBlockOutput(count: number, fanDayCount: number): BlockOutput {
  return {
    terminalEquity: new Float64Array(count),
    liquidationDay: new Int32Array(count),
    minHealthFactor: new Float64Array(count),
    automationActions: new Int32Array(count),
    fanEquity: new Float32Array(count * fanDayCount),
  };
}

/** Paths advanced together; 256 keeps a year of two factors' moves (1.5 MB) in cache. */
export const LANES = 256;
const MAX_LIQUIDATIONS_PER_DAY = 64; // as the backtest
const MAX_AUTOMATION_PASSES = 4;

export class PathKernel {
  private readonly n: number;
  private readonly slots: number;
  private readonly k: number;
  private readonly days: number;
  // lane-minor state
  private readonly px: Float64Array;
  /**
   * Lending balances are stored scaled, as Aave does: units = scaled × index, where the index of a
   * fixed-rate slot grows by (1 + apr/365) a day — one multiplication per slot per day instead of
   * one per path. Utilization-curve slots keep index 1 and accrue per path.
   */
  private readonly scaledSupply: Float64Array;
  private readonly scaledDebt: Float64Array;
  private readonly supplyIndex: Float64Array;
  private readonly debtIndex: Float64Array;
  /** Slots whose supply / debt is non-zero on some lane of this block (the others are skipped). */
  private readonly supplyLive: Uint8Array;
  private readonly debtLive: Uint8Array;
  /** Slots with a supply or a debt on some lane (collateral or not): equity skips the others. */
  private readonly slotHeld: Uint8Array;
  /** Where slot s's oracle price comes from: px[oracleBase[s] + lane] × oracleRatioNow[s]. */
  private readonly oracleBase: Int32Array;
  private readonly lpScale: Float64Array;
  private readonly lpInRange: Uint8Array;
  private readonly stakeUnits: Float64Array;
  private readonly pending: Float64Array;
  private readonly perpOpen: Uint8Array;
  private readonly perpMargin: Float64Array;
  private readonly wallet: Float64Array;
  /** Assets held in the wallet on some lane of this block (equity skips the others). */
  private readonly walletLive: Uint8Array;
  private readonly growth: Float64Array; // [day][factor][lane]
  private readonly minHf: Float64Array;
  /** One account's live columns (scratch for settleAccounts): slot base, oracle price base, factor. */
  private readonly liveSupplyBase: Int32Array;
  private readonly liveSupplyPrice: Int32Array;
  private readonly liveSupplyFactor: Float64Array;
  private readonly liveDebtBase: Int32Array;
  private readonly liveDebtPrice: Int32Array;
  private readonly liveDebtFactor: Float64Array;
  private readonly liquidationDay: Int32Array;
  private readonly actions: Int32Array;
  private readonly equityLanes: Float64Array;
  /** One lending account's value per lane (scratch for equity, floored at 0 per account). */
  private readonly accountLanes: Float64Array;
  // deterministic (same for every path): peg and oracle ratios of the current day
  private readonly pegRatioNow: Float64Array;
  private readonly oracleRatioNow: Float64Array;
  private readonly factorAssetIndex: Int32Array;
  private readonly peggedAssetIndex: Int32Array;
  private readonly perpOpenAtStart: Uint8Array;
  private day = 0;
  /** Equity at the start prices, before any day passes. */
  readonly startEquity: number;

  constructor(
    private readonly c: CompiledPosition,
    private readonly stepper: PathStepper,
    private readonly crash: CrashApplier | null,
    days: number,
  ) {
    this.n = c.assets.length;
    this.slots = c.slotAsset.length;
    this.k = c.factorAssets.length;
    this.days = days;
    const L = LANES;
    this.px = new Float64Array(this.n * L);
    this.scaledSupply = new Float64Array(this.slots * L);
    this.scaledDebt = new Float64Array(this.slots * L);
    this.supplyLive = new Uint8Array(this.slots);
    this.debtLive = new Uint8Array(this.slots);
    this.slotHeld = new Uint8Array(this.slots);
    this.supplyIndex = new Float64Array(this.slots);
    this.debtIndex = new Float64Array(this.slots);
    this.oracleBase = Int32Array.from(
      c.slotOracleRoot,
      (root, s) => (root < 0 ? c.slotAsset[s]! : root) * L,
    );
    this.lpScale = new Float64Array(c.lpToken.length * L);
    this.lpInRange = new Uint8Array(c.lpToken.length * L);
    this.stakeUnits = new Float64Array(c.stakeUnits.length * L);
    this.pending = new Float64Array(c.stakeUnits.length * L);
    this.perpOpen = new Uint8Array(c.perpSize.length * L);
    this.perpMargin = new Float64Array(c.perpSize.length * L);
    this.wallet = new Float64Array(this.n * L);
    this.walletLive = new Uint8Array(this.n);
    this.growth = new Float64Array(Math.max(1, days * this.k * L));
    this.minHf = new Float64Array(L);
    this.liveSupplyBase = new Int32Array(this.slots + 1);
    this.liveSupplyPrice = new Int32Array(this.slots + 1);
    this.liveSupplyFactor = new Float64Array(this.slots + 1);
    this.liveDebtBase = new Int32Array(this.slots + 1);
    this.liveDebtPrice = new Int32Array(this.slots + 1);
    this.liveDebtFactor = new Float64Array(this.slots + 1);
    this.liquidationDay = new Int32Array(L);
    this.actions = new Int32Array(L);
    this.equityLanes = new Float64Array(L);
    this.accountLanes = new Float64Array(L);
    this.pegRatioNow = new Float64Array(this.n);
    this.oracleRatioNow = new Float64Array(this.slots);
    const factors: number[] = [];
    const pegged: number[] = [];
    c.priceKind.forEach((kind, i) => {
      if (kind === PRICE_FACTOR) factors.push(i);
      else if (kind === PRICE_PEGGED) pegged.push(i);
    });
    this.factorAssetIndex = Int32Array.from(factors);
    this.peggedAssetIndex = Int32Array.from(pegged);
    this.perpOpenAtStart = Uint8Array.from(c.perpSize, (size) => (size > 0 ? 1 : 0));
    this.reset(1);
    this.equity(1);
    this.startEquity = this.equityLanes[0]!;
  }

  /** Runs paths [firstPath, firstPath+count) writing into `out` at 0..count−1. */
  runBlock({
    rng,
    seed,
    firstPath,
    count,
    fanDays,
    out,
  }: {
    rng: Rng;
    seed: number;
    firstPath: number;
    count: number;
    fanDays: Int32Array;
    out: BlockOutput;
  }): void {
    for (let offset = 0; offset < count; offset += LANES) {
      const lanes = Math.min(LANES, count - offset);
      this.drawPrices(rng, seed, firstPath + offset, lanes);
      this.simulate(lanes, fanDays, out, offset);
    }
  }

  /** Each lane's whole price path, from its own stream (seed, path index). */
  private drawPrices(rng: Rng, seed: number, firstPath: number, lanes: number): void {
    const { days, growth } = this;
    for (let lane = 0; lane < lanes; lane++) {
      rng.reseed(seed, firstPath + lane);
      this.stepper.fillPath(rng, days, growth, lane, LANES);
      if (this.crash) this.crash.applyToPath(rng, days, growth, lane, LANES);
    }
  }

  private simulate(lanes: number, fanDays: Int32Array, out: BlockOutput, offset: number): void {
    const c = this.c;
    this.reset(lanes);
    const fanCount = fanDays.length;
    let fan = 0;
    if (fan < fanCount && fanDays[fan] === 0) {
      this.equity(lanes);
      this.writeFan(out, offset, lanes, fan++);
    }
    for (let lane = 0; lane < lanes; lane++) {
      let hf = Infinity;
      for (let a = 0; a < c.accountIds.length; a++) hf = Math.min(hf, this.laneHealth(a, lane));
      this.minHf[lane] = hf;
    }
    for (let day = 1; day <= this.days; day++) {
      this.day = day;
      this.accrue(lanes);
      this.movePrices(lanes, day);
      for (let h = 0; h < c.harvestFrequencyDays.length; h++) {
        const f = c.harvestFrequencyDays[h]!;
        if (f > 0 && (f <= 1 || Math.floor(day / f) > Math.floor((day - 1) / f))) {
          for (let lane = 0; lane < lanes; lane++) this.harvest(h, lane);
        }
      }
      this.settleAccounts(lanes);
      this.markPerps(lanes);
      if (fan < fanCount && fanDays[fan] === day) {
        this.equity(lanes);
        this.writeFan(out, offset, lanes, fan++);
      }
    }
    this.equity(lanes);
    for (let lane = 0; lane < lanes; lane++) {
      out.terminalEquity[offset + lane] = this.equityLanes[lane]!;
      out.liquidationDay[offset + lane] = this.liquidationDay[lane]!;
      out.minHealthFactor[offset + lane] = this.minHf[lane]!;
      out.automationActions[offset + lane] = this.actions[lane]!;
    }
  }

  private writeFan(out: BlockOutput, offset: number, lanes: number, fan: number): void {
    for (let lane = 0; lane < lanes; lane++) {
      out.fanEquity[fan * out.terminalEquity.length + offset + lane] = this.equityLanes[lane]!;
    }
  }

  private reset(lanes: number): void {
    const c = this.c;
    const L = LANES;
    const fill = (target: Float64Array | Uint8Array, source: ArrayLike<number>): void => {
      for (let i = 0; i < source.length; i++) target.fill(source[i]!, i * L, i * L + lanes);
    };
    fill(this.px, c.startPrices);
    fill(this.wallet, c.wallet);
    for (let i = 0; i < this.n; i++) this.walletLive[i] = c.wallet[i]! !== 0 ? 1 : 0;
    fill(this.scaledSupply, c.slotSupply);
    fill(this.scaledDebt, c.slotDebt);
    this.supplyIndex.fill(1);
    this.debtIndex.fill(1);
    for (let q = 0; q < this.slots; q++) {
      this.supplyLive[q] = c.slotSupply[q]! !== 0 && c.slotLt[q]! > 0 ? 1 : 0;
      this.debtLive[q] = c.slotDebt[q]! !== 0 ? 1 : 0;
      this.slotHeld[q] = c.slotSupply[q]! !== 0 || c.slotDebt[q]! !== 0 ? 1 : 0;
    }
    this.lpScale.fill(1);
    fill(this.stakeUnits, c.stakeUnits);
    this.pending.fill(0);
    fill(this.perpMargin, c.perpMargin);
    fill(this.perpOpen, this.perpOpenAtStart);
    this.pegRatioNow.set(c.pegRatio);
    for (let q = 0; q < this.slots; q++)
      this.oracleRatioNow[q] = c.slotOracleRoot[q]! < 0 ? 1 : c.slotOracleRatio[q]!;
    this.liquidationDay.fill(-1);
    this.actions.fill(0);
    this.revalue(lanes);
  }

  /** Step 1: the day that passed, at yesterday's prices. */
  private accrue(lanes: number): void {
    const c = this.c;
    const px = this.px;
    const L = LANES;
    for (let s = 0; s < this.slots; s++) {
      if (c.slotCurve[s]) {
        for (let lane = 0; lane < lanes; lane++) this.accrueCurve(s, s * L + lane);
      } else {
        this.supplyIndex[s]! *= c.slotSupplyGrowth[s]!;
        this.debtIndex[s]! *= c.slotDebtGrowth[s]!;
      }
    }
    for (let i = 0; i < c.lpToken.length; i++) {
      const g = c.lpFeeGrowth[i]!;
      const base = i * L;
      for (let j = base; j < base + lanes; j++) if (this.lpInRange[j]) this.lpScale[j]! *= g;
    }
    for (let s = 0; s < c.stakeUnits.length; s++) {
      const asset = c.stakeAsset[s]! * L;
      const reward = c.stakeRewardAsset[s]! * L;
      const rate = c.stakeRewardPerDay[s]!;
      const base = s * L;
      for (let lane = 0; lane < lanes; lane++) {
        const rewardPrice = px[reward + lane]!;
        if (rewardPrice > 0) {
          this.pending[base + lane]! +=
            (this.stakeUnits[base + lane]! * px[asset + lane]! * rate) / rewardPrice;
        }
      }
    }
    for (let k = 0; k < c.perpSize.length; k++) {
      const asset = c.perpAsset[k]! * L;
      const margin = c.perpMarginAsset[k]! * L;
      const perDay = c.perpSide[k]! * c.perpFundingPerDay[k]! * c.perpSize[k]!;
      const base = k * L;
      for (let lane = 0; lane < lanes; lane++) {
        const marginPrice = px[margin + lane]!;
        if (this.perpOpen[base + lane] && marginPrice > 0) {
          this.perpMargin[base + lane]! -= (perDay * px[asset + lane]!) / marginPrice;
        }
      }
    }
  }

  /**
   * One day of interest on a utilization-curve slot (engine `lendingRates`, Aave v3 two slopes), with
   * the user's balances in the utilization; both rates from the balances before accrual.
   */
  private accrueCurve(s: number, j: number): void {
    const q = this.c.slotCurveParams;
    const o = s * CURVE_FIELDS;
    const base = q[o]!;
    const slope1 = q[o + 1]!;
    const slope2 = q[o + 2]!;
    const optimal = q[o + 3]!;
    const supplied = q[o + 5]! + this.scaledSupply[j]!; // index 1 on curve slots
    const borrowed = q[o + 6]! + this.scaledDebt[j]!;
    const raw = supplied > 0 ? borrowed / supplied : borrowed > 0 ? 1 : 0;
    const u = raw > 1 ? 1 : raw < 0 ? 0 : raw;
    const borrowApr =
      optimal > 0 && u <= optimal
        ? base + (slope1 * u) / optimal
        : base + slope1 + (optimal < 1 ? (slope2 * (u - optimal)) / (1 - optimal) : 0);
    const supplyApr = borrowApr * u * (1 - q[o + 4]!);
    this.scaledSupply[j]! *= 1 + supplyApr / DAYS_PER_YEAR;
    this.scaledDebt[j]! *= 1 + borrowApr / DAYS_PER_YEAR;
  }

  /** Step 2: today's market prices, then LP tokens and oracles. */
  private movePrices(lanes: number, day: number): void {
    const c = this.c;
    const { px, growth, k } = this;
    const L = LANES;
    const row = (day - 1) * k * L;
    const fa = this.factorAssetIndex;
    for (let q = 0; q < fa.length; q++) {
      const base = fa[q]! * L;
      const g = row + c.factorIndex[fa[q]!]! * L;
      for (let lane = 0; lane < lanes; lane++) px[base + lane]! *= growth[g + lane]!;
    }
    const pa = this.peggedAssetIndex;
    for (let q = 0; q < pa.length; q++) {
      const i = pa[q]!;
      const ratio = (this.pegRatioNow[i]! *= c.pegGrowth[i]!);
      const base = i * L;
      const root = c.pegRoot[i]! * L;
      // a stablecoin pegged to USD: the root never moves, so every lane gets the same price
      if (c.priceKind[c.pegRoot[i]!] === PRICE_CONSTANT)
        px.fill(px[root]! * ratio, base, base + lanes);
      else for (let lane = 0; lane < lanes; lane++) px[base + lane] = px[root + lane]! * ratio;
    }
    for (let s = 0; s < this.slots; s++) {
      if (c.slotOracleRoot[s]! >= 0) this.oracleRatioNow[s]! *= c.slotOracleGrowth[s]!;
    }
    this.revalue(lanes);
  }

  /** LP token prices and in-range flags from the current market prices (oracles read px directly). */
  private revalue(lanes: number): void {
    const c = this.c;
    const px = this.px;
    const L = LANES;
    for (let i = 0; i < c.lpToken.length; i++) {
      const a0 = c.lpAsset0[i]! * L;
      const a1 = c.lpAsset1[i]! * L;
      const token = c.lpToken[i]! * L;
      const concentrated = c.lpKind[i] === LP_CONCENTRATED;
      const sa = c.lpSqrtLower[i]!;
      const sb = c.lpSqrtUpper[i]!;
      const supply = c.lpTokenSupply[i]!;
      for (let lane = 0; lane < lanes; lane++) {
        const p0 = px[a0 + lane]!;
        const p1 = px[a1 + lane]!;
        if (concentrated) {
          // Uniswap v3 convention (engine `inRange`): earning while lower ≤ P < upper
          const sp = Math.sqrt(p0 / p1);
          this.lpInRange[i * L + lane] = sp >= sa && sp < sb ? 1 : 0;
        } else this.lpInRange[i * L + lane] = 1;
        px[token + lane] = (lpPositionValue(c, i, p0, p1) * this.lpScale[i * L + lane]!) / supply;
      }
    }
  }

  /**
   * Step 4 for lending: the backtest's order — deleverage, liquidate what is under 1, else
   * re-leverage. One fused pass over the lanes per account: collateral threshold and debt summed
   * over the account's live columns, the health factor and the path's running minimum, so each lane
   * is read once (a pass per column and per reduction cost more than the arithmetic).
   */
  private settleAccounts(lanes: number): void {
    const c = this.c;
    const { px, scaledSupply, scaledDebt, minHf } = this;
    const { liveSupplyBase, liveSupplyPrice, liveSupplyFactor } = this;
    const { liveDebtBase, liveDebtPrice, liveDebtFactor } = this;
    const deleverageBelow = c.deleverageTrigger;
    const releverageAbove = c.releverageTrigger;
    for (let a = 0; a < c.accountIds.length; a++) {
      // columns that are zero on every lane (e.g. the debt of a collateral asset) are skipped;
      // per column, index × LT × oracle ratio is the same on every lane
      let nSupply = 0;
      let nDebt = 0;
      for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
        const ratio = this.oracleRatioNow[s]!;
        if (this.supplyLive[s]) {
          liveSupplyBase[nSupply] = s * LANES;
          liveSupplyPrice[nSupply] = this.oracleBase[s]!;
          liveSupplyFactor[nSupply++] = this.supplyIndex[s]! * c.slotLt[s]! * ratio;
        }
        if (this.debtLive[s]) {
          liveDebtBase[nDebt] = s * LANES;
          liveDebtPrice[nDebt] = this.oracleBase[s]!;
          liveDebtFactor[nDebt++] = this.debtIndex[s]! * ratio;
        }
      }
      const single = nSupply === 1 && nDebt === 1; // the usual loop: one collateral, one debt
      const sb = liveSupplyBase[0]!;
      const sp = liveSupplyPrice[0]!;
      const sf = liveSupplyFactor[0]!;
      const db = liveDebtBase[0]!;
      const dp = liveDebtPrice[0]!;
      const df = liveDebtFactor[0]!;
      if (single) this.settleSingle(a, lanes, sb, sp, sf, db, dp, df);
      else {
        for (let lane = 0; lane < lanes; lane++) {
          let threshold = 0;
          let d = 0;
          for (let i = 0; i < nSupply; i++) {
            threshold +=
              scaledSupply[liveSupplyBase[i]! + lane]! *
              px[liveSupplyPrice[i]! + lane]! *
              liveSupplyFactor[i]!;
          }
          for (let i = 0; i < nDebt; i++) {
            d +=
              scaledDebt[liveDebtBase[i]! + lane]! *
              px[liveDebtPrice[i]! + lane]! *
              liveDebtFactor[i]!;
          }
          const hf = d > 0 ? threshold / d : Infinity;
          // the running minimum is taken before the day's actions, like the backtest's stats
          if (hf < minHf[lane]!) minHf[lane] = hf;
          if (hf < 1 || hf < deleverageBelow || (hf > releverageAbove && hf < Infinity)) {
            this.act(a, lane, hf);
          }
        }
      }
    }
  }

  /** settleAccounts for an account with one live collateral column and one live debt column. */
  private settleSingle(
    a: number,
    lanes: number,
    sb: number,
    sp: number,
    sf: number,
    db: number,
    dp: number,
    df: number,
  ): void {
    const { px, scaledSupply, scaledDebt, minHf } = this;
    // act below max(1, deleverage trigger) or above the re-leverage trigger (NaN when off)
    const below = this.c.deleverageTrigger > 1 ? this.c.deleverageTrigger : 1;
    const above = Number.isNaN(this.c.releverageTrigger) ? Infinity : this.c.releverageTrigger;
    for (let lane = 0; lane < lanes; lane++) {
      const threshold = scaledSupply[sb + lane]! * px[sp + lane]! * sf;
      const d = scaledDebt[db + lane]! * px[dp + lane]! * df;
      const hf = d > 0 ? threshold / d : Infinity;
      if (hf < minHf[lane]!) minHf[lane] = hf;
      if (hf < below || (hf > above && hf < Infinity)) this.act(a, lane, hf);
    }
  }

  /** The rare per-lane actions, kept out of the lane loop so it stays small. */
  private act(a: number, lane: number, hf: number): number {
    const c = this.c;
    if (hf < c.deleverageTrigger) hf = this.deleverage(a, lane, hf);
    if (hf < 1) return this.liquidate(a, lane, hf);
    if (hf > c.releverageTrigger && hf < Infinity) return this.releverage(a, lane, hf);
    return hf;
  }

  private markPerps(lanes: number): void {
    const c = this.c;
    const px = this.px;
    const L = LANES;
    for (let k = 0; k < c.perpSize.length; k++) {
      const asset = c.perpAsset[k]! * L;
      const margin = c.perpMarginAsset[k]! * L;
      const size = c.perpSize[k]!;
      const side = c.perpSide[k]!;
      const entry = c.perpEntry[k]!;
      const maintenance = c.perpMaintenance[k]!;
      const base = k * L;
      for (let lane = 0; lane < lanes; lane++) {
        if (!this.perpOpen[base + lane]) continue;
        const price = px[asset + lane]!;
        const equity =
          this.perpMargin[base + lane]! * px[margin + lane]! + side * size * (price - entry);
        // maintenance = maintenanceMarginRate + closeFeeRate (the engine's liquidation rule)
        if (equity < maintenance * size * price) {
          this.perpOpen[base + lane] = 0;
          this.perpMargin[base + lane] = 0;
          this.markLiquidated(lane);
        }
      }
    }
  }

  private markLiquidated(lane: number): void {
    if (this.liquidationDay[lane]! < 0) this.liquidationDay[lane] = this.day;
  }

  // ------------------------------------------------------------- per-lane (rare) actions

  private supplyUnits(s: number, lane: number): number {
    return this.scaledSupply[s * LANES + lane]! * this.supplyIndex[s]!;
  }

  private debtUnits(s: number, lane: number): number {
    return this.scaledDebt[s * LANES + lane]! * this.debtIndex[s]!;
  }

  private addSupply(s: number, lane: number, units: number): void {
    this.scaledSupply[s * LANES + lane]! += units / this.supplyIndex[s]!;
    if (this.c.slotLt[s]! > 0) this.supplyLive[s] = 1;
    this.slotHeld[s] = 1;
  }

  private addDebt(s: number, lane: number, units: number): void {
    const j = s * LANES + lane;
    this.scaledDebt[j] = Math.max(0, this.scaledDebt[j]! + units / this.debtIndex[s]!);
    this.debtLive[s] = 1;
    this.slotHeld[s] = 1;
  }

  private oraclePrice(s: number, lane: number): number {
    return this.px[this.oracleBase[s]! + lane]! * this.oracleRatioNow[s]!;
  }

  private marketPrice(s: number, lane: number): number {
    return this.px[this.c.slotAsset[s]! * LANES + lane]!;
  }

  private laneHealth(a: number, lane: number): number {
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

  /** The slot with the largest debt (oracle USD); −1 when none. */
  private largestDebtSlot(a: number, lane: number): number {
    const c = this.c;
    let best = -1;
    let bestUsd = 0;
    for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
      const usd = this.debtUnits(s, lane) * this.oraclePrice(s, lane);
      if (usd > bestUsd) {
        bestUsd = usd;
        best = s;
      }
    }
    return best;
  }

  /** The collateral slot (LT > 0) with the largest value (oracle USD); −1 when none. */
  private largestCollateralSlot(a: number, lane: number): number {
    const c = this.c;
    let best = -1;
    let bestUsd = 0;
    for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
      if (c.slotLt[s]! <= 0) continue;
      const usd = this.supplyUnits(s, lane) * this.oraclePrice(s, lane);
      if (usd > bestUsd) {
        bestUsd = usd;
        best = s;
      }
    }
    return best;
  }

  /** Repeated liquidationCall while HF < 1 (the engine's Aave v3 semantics, in float). */
  private liquidate(a: number, lane: number, hf: number): number {
    const c = this.c;
    for (let call = 0; call < MAX_LIQUIDATIONS_PER_DAY && hf < 1; call++) {
      const d = this.largestDebtSlot(a, lane);
      const col = this.largestCollateralSlot(a, lane);
      if (d < 0 || col < 0) break; // bad debt: nothing left to seize
      const priceDebt = this.oraclePrice(d, lane);
      const priceCol = this.oraclePrice(col, lane);
      const closeFactor = hf < c.fullLiquidationHf[a]! ? 1 : c.closeFactor[a]!;
      const bonus = 1 + c.slotBonus[col]!;
      const balance = this.supplyUnits(col, lane);
      let repaid = this.debtUnits(d, lane) * closeFactor;
      let seized = (repaid * priceDebt * bonus) / priceCol;
      if (seized > balance) {
        seized = balance;
        repaid = (seized * priceCol) / (priceDebt * bonus);
      }
      if (!(repaid > 0)) break;
      this.addDebt(d, lane, -repaid);
      this.addSupply(col, lane, -seized);
      this.markLiquidated(lane);
      hf = this.laneHealth(a, lane);
    }
    return hf;
  }

  /**
   * The backtest's deleverage (backtest/automation.ts) in float: withdraw collateral c, swap it to
   * the debt asset d at market prices (fee f, gas taken from the proceeds), repay. With
   * L = Σ collateral·LT and D = Σ debt at oracle prices and r = Po_d/Pm_d:
   *   a = (target·D − L + target·r·gas) / (target·r·Pm_c·(1 − f) − Po_c·LT_c),
   * capped by the collateral balance and the debt; a few passes when one pair cannot reach the target.
   */
  private deleverage(a: number, lane: number, hf: number): number {
    const c = this.c;
    const target = c.deleverageTarget;
    const gas = c.autoGasUsd;
    // (a pass that would only move HF by rounding noise is not worth its gas)
    for (let pass = 0; pass < MAX_AUTOMATION_PASSES && hf < target * (1 - 1e-9); pass++) {
      const d = this.largestDebtSlot(a, lane);
      const col = this.largestCollateralSlot(a, lane);
      if (d < 0 || col < 0) break;
      const { threshold, debtUsd } = this.laneTotals(a, lane);
      const pmC = this.marketPrice(col, lane);
      const pmD = this.marketPrice(d, lane);
      const keep = c.slotAsset[col] === c.slotAsset[d] ? 1 : 1 - c.autoSwapFee;
      const r = this.oraclePrice(d, lane) / pmD;
      const denominator = target * r * pmC * keep - this.oraclePrice(col, lane) * c.slotLt[col]!;
      if (!(denominator > 0)) break;
      const wanted = (target * debtUsd - threshold + target * r * gas) / denominator;
      const forWholeDebt = (this.debtUnits(d, lane) * pmD + gas) / (pmC * keep);
      const withdrawn = Math.min(wanted, this.supplyUnits(col, lane), forWholeDebt);
      if (!(withdrawn > 0)) break;
      const repaid = (withdrawn * pmC * keep - gas) / pmD;
      if (!(repaid > 0)) break;
      this.addSupply(col, lane, -withdrawn);
      this.addDebt(d, lane, -repaid);
      this.actions[lane]!++;
      hf = this.laneHealth(a, lane);
    }
    return hf;
  }

  /**
   * The backtest's re-leverage in float: borrow b of d, swap to c (fee f, gas from the proceeds),
   * supply. With q = LT_c·Po_c·Pm_d·(1 − f)/Pm_c and q' = LT_c·Po_c/Pm_c:
   *   b = (L − target·D − q'·gas) / (target·Po_d − q), capped by borrow power (LTV).
   */
  private releverage(a: number, lane: number, hf: number): number {
    const c = this.c;
    const target = c.releverageTarget;
    const gas = c.autoGasUsd;
    const d = this.largestDebtSlot(a, lane);
    const col = this.largestCollateralSlot(a, lane);
    if (d < 0 || col < 0 || !c.slotBorrowable[d]) return hf;
    const { threshold, debtUsd, borrowPowerUsd } = this.laneTotals(a, lane);
    const pmC = this.marketPrice(col, lane);
    const pmD = this.marketPrice(d, lane);
    const poC = this.oraclePrice(col, lane);
    const poD = this.oraclePrice(d, lane);
    const keep = c.slotAsset[col] === c.slotAsset[d] ? 1 : 1 - c.autoSwapFee;
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
    if (!(borrowed > 0)) return hf;
    const supplied = (borrowed * pmD * keep - gas) / pmC;
    if (!(supplied > 0)) return hf;
    this.addDebt(d, lane, borrowed);
    this.addSupply(col, lane, supplied);
    this.actions[lane]!++;
    return this.laneHealth(a, lane);
  }

  /** One lane's account totals at oracle prices (automation only; it runs rarely). */
  private laneTotals(
    a: number,
    lane: number,
  ): { threshold: number; debtUsd: number; borrowPowerUsd: number } {
    const c = this.c;
    let threshold = 0;
    let debtUsd = 0;
    let borrowPowerUsd = 0;
    for (let s = c.accountStart[a]!; s < c.accountStart[a + 1]!; s++) {
      const price = this.oraclePrice(s, lane);
      const collateralUsd = this.supplyUnits(s, lane) * price;
      threshold += collateralUsd * c.slotLt[s]!;
      borrowPowerUsd += collateralUsd * c.slotLtv[s]!;
      debtUsd += this.debtUnits(s, lane) * price;
    }
    return { threshold, debtUsd, borrowPowerUsd };
  }

  /**
   * The backtest's harvest in float: every pending reward is sold into `sellInto` (swap fee unless
   * it already is that asset), gas is paid from the proceeds, and the rest is reinvested. A harvest
   * that would not pay its gas is deferred (rewards keep accruing).
   */
  private harvest(h: number, lane: number): void {
    const c = this.c;
    const px = this.px;
    const L = LANES;
    const into = c.harvestSellInto[h]!;
    let grossUsd = 0;
    let netUsd = 0;
    for (let s = 0; s < c.stakeUnits.length; s++) {
      const reward = c.stakeRewardAsset[s]!;
      const usd = this.pending[s * L + lane]! * px[reward * L + lane]!;
      grossUsd += usd;
      netUsd += reward === into ? usd : usd * (1 - c.harvestSwapFee[h]!);
    }
    if (grossUsd === 0) return;
    netUsd -= c.harvestGasUsd[h]!;
    const intoPrice = px[into * L + lane]!;
    if (!(netUsd > 0) || !(intoPrice > 0)) return;
    for (let s = 0; s < c.stakeUnits.length; s++) this.pending[s * L + lane] = 0;
    const proceeds = netUsd / intoPrice;
    const index = c.harvestTargetIndex[h]!;
    const kind = c.harvestTargetKind[h];
    if (kind === TARGET_SUPPLY) this.addSupply(index, lane, proceeds);
    else if (kind === TARGET_STAKE) this.stakeUnits[index * L + lane]! += proceeds;
    else if (kind === TARGET_LP && px[c.lpToken[index]! * L + lane]! > 0) {
      // the position grows by proceeds / value, as if zapped in at the pool's ratio
      const token = c.lpToken[index]! * L + lane;
      const growth = 1 + netUsd / (px[token]! * c.lpTokenSupply[index]!);
      this.lpScale[index * L + lane]! *= growth;
      px[token]! *= growth;
    } else {
      this.wallet[into * L + lane]! += proceeds;
      this.walletLive[into] = 1;
    }
  }

  /** Mark-to-market equity (USD, market prices) of every lane into `equityLanes`. */
  private equity(lanes: number): void {
    const c = this.c;
    const { px, equityLanes: e, wallet, scaledSupply, scaledDebt } = this;
    const L = LANES;
    e.fill(0, 0, lanes);
    // (columns that are zero on every lane add nothing and are skipped)
    for (let i = 0; i < this.n; i++) {
      if (!this.walletLive[i]) continue;
      const base = i * L;
      for (let lane = 0; lane < lanes; lane++) e[lane]! += wallet[base + lane]! * px[base + lane]!;
    }
    // Lending is non-recourse (as the backtest values it): an account whose debt exceeds its supplies
    // is worth 0 to its owner, the rest is the market's bad debt. Each account's held slots are summed
    // into `accountLanes` (the first written, not added) and the last one's pass adds the floored
    // total, so an account costs one pass per held slot, as an unfloored sum would.
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
    for (let s = 0; s < c.stakeUnits.length; s++) {
      const base = s * L;
      const asset = c.stakeAsset[s]! * L;
      const reward = c.stakeRewardAsset[s]! * L;
      for (let lane = 0; lane < lanes; lane++) {
        e[lane]! +=
          this.stakeUnits[base + lane]! * px[asset + lane]! +
          this.pending[base + lane]! * px[reward + lane]!;
      }
    }
    for (let k = 0; k < c.perpSize.length; k++) {
      const base = k * L;
      const asset = c.perpAsset[k]! * L;
      const margin = c.perpMarginAsset[k]! * L;
      const signedSize = c.perpSide[k]! * c.perpSize[k]!;
      const entry = c.perpEntry[k]!;
      for (let lane = 0; lane < lanes; lane++) {
        if (!this.perpOpen[base + lane]) continue;
        e[lane]! +=
          this.perpMargin[base + lane]! * px[margin + lane]! +
          signedSize * (px[asset + lane]! - entry);
      }
    }
  }
}

/** Equity of a compiled position at its start prices, valued exactly as the kernel values every day. */
export function valueAtStart(c: CompiledPosition): number {
  return new PathKernel(c, { fillPath: () => undefined }, null, 0).startEquity;
}

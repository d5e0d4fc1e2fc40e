/**
 * The engine's position (Decimal, maps) flattened into Float64 arrays for the Monte Carlo kernel —
 * the data shape, its constants and the pool math on it. Kept free of engine imports so worker
 * threads load only what the kernel needs.
 *
 * Everything is indexed: assets by position in `assets`, lending balances by "slot" (one per
 * account × asset), LPs, stakes and perps by their order. Rates are turned into daily growth
 * multiples once, at compile time, so the kernel's inner loop only multiplies.
 */

export const PRICE_CONSTANT = 0;
export const PRICE_FACTOR = 1;
export const PRICE_PEGGED = 2; // root's price × ratio growing at the peg's exchange-rate growth
export const PRICE_LP = 3; // value of one LP token by pool math

export const LP_CONSTANT_PRODUCT = 0;
export const LP_CONCENTRATED = 1;
export const LP_TABLE = 2; // stableswap: value tabulated from the engine's exact math

export const CURVE_FIELDS = 7;

export const TARGET_NONE = 0;
export const TARGET_SUPPLY = 1;
export const TARGET_LP = 2;
export const TARGET_STAKE = 3;

/** Stableswap table: 2·STABLESWAP_HALF_POINTS+1 prices, log-spaced over ×/÷ STABLESWAP_SPAN. */
export const STABLESWAP_HALF_POINTS = 200;
export const STABLESWAP_SPAN = 2;

export interface CompiledPosition {
  assets: string[];
  startPrices: Float64Array;
  priceKind: Uint8Array;
  /** PRICE_FACTOR: index into the model's factors. */
  factorIndex: Int32Array;
  /** PRICE_PEGGED: root asset index and units of root per unit at day 0, and its daily growth. */
  pegRoot: Int32Array;
  pegRatio: Float64Array;
  pegGrowth: Float64Array;
  factorAssets: string[];
  wallet: Float64Array;

  // lending: accounts own slots [accountStart[a], accountStart[a+1])
  accountIds: string[];
  accountStart: Int32Array;
  closeFactor: Float64Array;
  fullLiquidationHf: Float64Array;
  slotAsset: Int32Array;
  /**
   * Oracle price source: -1 = the asset's market price; in exchange-rate mode the peg root's index,
   * times slotOracleRatio growing by slotOracleGrowth per day.
   */
  slotOracleRoot: Int32Array;
  slotOracleRatio: Float64Array;
  slotOracleGrowth: Float64Array;
  slotSupply: Float64Array;
  /** Liquidation threshold if the supply counts as collateral, else 0. */
  slotLt: Float64Array;
  /** Loan-to-value if the supply counts as collateral, else 0 (borrow power, for re-leverage). */
  slotLtv: Float64Array;
  /** 1 when the asset may be borrowed. */
  slotBorrowable: Uint8Array;
  slotBonus: Float64Array;
  /** Fixed rates: daily multiples 1 + apr/365. */
  slotSupplyGrowth: Float64Array;
  slotDebt: Float64Array;
  slotDebtGrowth: Float64Array;
  /**
   * Utilization-curve rates, recomputed daily from the current balances as the backtest does:
   * CURVE_FIELDS numbers per slot (base, slope1, slope2, optimal, reserveFactor, totalSupply,
   * totalBorrow); slotCurve[s] = 1 when slot s uses them.
   */
  slotCurve: Uint8Array;
  slotCurveParams: Float64Array;

  // LPs
  lpToken: Int32Array;
  lpKind: Uint8Array;
  lpAsset0: Int32Array;
  lpAsset1: Int32Array;
  /** Constant product and concentrated: liquidity L; table: 1 (the table holds the amounts). */
  lpLiquidity: Float64Array;
  lpSqrtLower: Float64Array;
  lpSqrtUpper: Float64Array;
  lpTokenSupply: Float64Array;
  lpFeeGrowth: Float64Array;
  /** Table pools: `lpTableStart[i]` into lpTable* (2·HALF+1 rows each). */
  lpTableStart: Int32Array;
  lpTableLogPrice: Float64Array;
  /** v = a0·P + a1, the position's value in asset1 units at pool price P = e^u. */
  lpTableValue: Float64Array;
  /** dv/du = P·a0 (for an LP at arbitrage dv/dP = a0, the amount of asset0 it holds). */
  lpTableSlope: Float64Array;

  // stakes
  stakeAsset: Int32Array;
  stakeUnits: Float64Array;
  stakeRewardAsset: Int32Array;
  stakeRewardPerDay: Float64Array;

  // perps
  perpAsset: Int32Array;
  perpMarginAsset: Int32Array;
  perpSide: Float64Array;
  perpSize: Float64Array;
  perpEntry: Float64Array;
  perpMargin: Float64Array;
  perpFundingPerDay: Float64Array;
  /** maintenanceMarginRate + closeFeeRate: liquidated when margin + PnL < this · size · price. */
  perpMaintenance: Float64Array;

  // harvests
  /** Days between harvests (fractional allowed; due as in the backtest's `harvestDue`). */
  harvestFrequencyDays: Float64Array;
  harvestGasUsd: Float64Array;
  harvestSellInto: Int32Array;
  harvestSwapFee: Float64Array;
  harvestTargetKind: Uint8Array;
  harvestTargetIndex: Int32Array;

  // automation (the backtest's rules, applied to every lending account): NaN when absent
  deleverageTrigger: number;
  deleverageTarget: number;
  releverageTrigger: number;
  releverageTarget: number;
  autoSwapFee: number;
  autoGasUsd: number;

  /** Notes on approximations taken for this position (shown with the results). */
  notes: string[];
}

/** USD value of LP `i`'s original liquidity at USD prices p0, p1 (pool price p0/p1 by arbitrage). */
export function lpPositionValue(c: CompiledPosition, i: number, p0: number, p1: number): number {
  const kind = c.lpKind[i]!;
  const L = c.lpLiquidity[i]!;
  if (kind === LP_CONSTANT_PRODUCT) return 2 * L * Math.sqrt(p0 * p1); // x·p0 + y·p1 with x = L/√P, y = L√P
  if (kind === LP_CONCENTRATED) {
    const sa = c.lpSqrtLower[i]!;
    const sb = c.lpSqrtUpper[i]!;
    const sp = Math.sqrt(p0 / p1);
    if (sp <= sa) return L * (1 / sa - 1 / sb) * p0;
    if (sp >= sb) return L * (sb - sa) * p1;
    return L * (1 / sp - 1 / sb) * p0 + L * (sp - sa) * p1;
  }
  // table: cubic Hermite in u = ln P with exact slopes (error O(h⁴)); beyond the table the pool is
  // almost all one coin, so the end amounts are held
  const start = c.lpTableStart[i]!;
  const rows = 2 * STABLESWAP_HALF_POINTS + 1;
  const first = c.lpTableLogPrice[start]!;
  const step = (c.lpTableLogPrice[start + rows - 1]! - first) / (rows - 1);
  const h = (Math.log(p0 / p1) - first) / step;
  if (h <= 0 || h >= rows - 1) {
    const end = start + (h <= 0 ? 0 : rows - 1);
    const amount0 = c.lpTableSlope[end]! / Math.exp(c.lpTableLogPrice[end]!);
    const amount1 = c.lpTableValue[end]! - c.lpTableSlope[end]!;
    return amount0 * p0 + amount1 * p1;
  }
  const k = Math.min(rows - 2, Math.floor(h));
  const t = h - k;
  const t2 = t * t;
  const t3 = t2 * t;
  const j = start + k;
  const v =
    (2 * t3 - 3 * t2 + 1) * c.lpTableValue[j]! +
    (t3 - 2 * t2 + t) * step * c.lpTableSlope[j]! +
    (-2 * t3 + 3 * t2) * c.lpTableValue[j + 1]! +
    (t3 - t2) * step * c.lpTableSlope[j + 1]!;
  return v * p1;
}

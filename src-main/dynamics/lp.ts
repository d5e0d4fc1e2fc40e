import { Decimal } from '../engine/decimal';
import { lpAmounts } from '../engine/amm/lp-value';
import { stableswapBalancesAtPriceFloat } from '../engine/amm/stableswap';
import type { LpPosition } from '../engine/position';
import { DAYS_PER_YEAR } from './peg-path';
import type { MarketLanes } from './prices';
import type { FlowTotals } from './recorder';

/**
 * Liquidity positions: the position's value by pool math at the market prices (arbitrage assumed),
 * fees compounding into the position while in range, harvest proceeds zapped in.
 * - constant product (x·y = L²): x = L/√P, y = L·√P;
 * - concentrated over [Pa, Pb] (Uniswap v3 §6.2): below Pa all asset0, above Pb all asset1;
 * - stableswap: the engine's Float64 solver (exact, for one lane), or a table of the engine's exact
 *   math interpolated by cubic Hermite (many lanes).
 */
export const LP_CONSTANT_PRODUCT = 0;
export const LP_CONCENTRATED = 1;
export const LP_TABLE = 2;
export const LP_STABLESWAP = 3;

/** Stableswap table: 2·STABLESWAP_HALF_POINTS+1 prices, log-spaced over ×/÷ STABLESWAP_SPAN. */
export const STABLESWAP_HALF_POINTS = 200;
export const STABLESWAP_SPAN = 2;

export interface LpLayout {
  token: Int32Array;
  kind: Uint8Array;
  asset0: Int32Array;
  asset1: Int32Array;
  /** Constant product and concentrated: liquidity L; stableswap: the invariant D; table: 1. */
  liquidity: Float64Array;
  sqrtLower: Float64Array;
  sqrtUpper: Float64Array;
  amplification: Float64Array;
  tokenSupply: Float64Array;
  feeGrowth: Float64Array;
  /** Units deposited (for impermanent loss). */
  entry0: Float64Array;
  entry1: Float64Array;
  /** Table pools: `tableStart[i]` into table* (2·HALF+1 rows each). */
  tableStart: Int32Array;
  tableLogPrice: Float64Array;
  /** v = a0·P + a1, the position's value in asset1 units at pool price P = e^u. */
  tableValue: Float64Array;
  /** dv/du = P·a0. */
  tableSlope: Float64Array;
}

export function compileLps(input: {
  lps: readonly LpPosition[];
  indexOf: ReadonlyMap<string, number>;
  startPrices: Float64Array;
  /** Stableswap by the exact solver (one lane can afford it) instead of the table. */
  exactStableswap: boolean;
  notes: string[];
}): LpLayout {
  const { lps, indexOf, startPrices } = input;
  const n = lps.length;
  const layout: LpLayout = {
    token: new Int32Array(n),
    kind: new Uint8Array(n),
    asset0: new Int32Array(n),
    asset1: new Int32Array(n),
    liquidity: new Float64Array(n),
    sqrtLower: new Float64Array(n),
    sqrtUpper: new Float64Array(n),
    amplification: new Float64Array(n),
    tokenSupply: new Float64Array(n),
    feeGrowth: new Float64Array(n),
    entry0: new Float64Array(n),
    entry1: new Float64Array(n),
    tableStart: new Int32Array(n).fill(-1),
    tableLogPrice: new Float64Array(0),
    tableValue: new Float64Array(0),
    tableSlope: new Float64Array(0),
  };
  const logPrice: number[] = [];
  const value: number[] = [];
  const slope: number[] = [];
  lps.forEach((lp, i) => {
    const i0 = indexOf.get(lp.pool.assets[0])!;
    const i1 = indexOf.get(lp.pool.assets[1])!;
    layout.token[i] = indexOf.get(lp.token)!;
    layout.asset0[i] = i0;
    layout.asset1[i] = i1;
    layout.tokenSupply[i] = lp.supply.toNumber();
    layout.feeGrowth[i] = 1 + lp.feeApr.toNumber() / DAYS_PER_YEAR;
    layout.entry0[i] = lp.entryAmounts[0].toNumber();
    layout.entry1[i] = lp.entryAmounts[1].toNumber();
    const price = startPrices[i0]! / startPrices[i1]!;
    const pool = lp.pool;
    const amountsAt = (p: number): [number, number] => {
      const [a0, a1] = lpAmounts({ lp, priceOfAsset0InAsset1: new Decimal(p) });
      return [a0.toNumber(), a1.toNumber()];
    };
    // L is recovered from the engine's own amounts at the start price, so the Float64 value agrees
    // with the engine's at every price
    if (pool.type === 'constant-product') {
      const [a0, a1] = amountsAt(price);
      layout.kind[i] = LP_CONSTANT_PRODUCT;
      layout.liquidity[i] = Math.sqrt(a0 * a1);
    } else if (pool.type === 'concentrated') {
      const sa = Math.sqrt(Number(pool.lower));
      const sb = Math.sqrt(Number(pool.upper));
      const sp = Math.sqrt(price);
      const [a0, a1] = amountsAt(price);
      layout.kind[i] = LP_CONCENTRATED;
      layout.sqrtLower[i] = sa;
      layout.sqrtUpper[i] = sb;
      if (sp <= sa) layout.liquidity[i] = a0 / (1 / sa - 1 / sb);
      else if (sp >= sb) layout.liquidity[i] = a1 / (sb - sa);
      else layout.liquidity[i] = a0 > 0 ? a0 / (1 / sp - 1 / sb) : a1 / (sp - sa);
    } else if (input.exactStableswap) {
      layout.kind[i] = LP_STABLESWAP;
      layout.liquidity[i] = lp.liquidity.toNumber();
      layout.amplification[i] = Number(pool.amplification);
    } else {
      layout.kind[i] = LP_TABLE;
      layout.liquidity[i] = 1;
      layout.tableStart[i] = logPrice.length;
      const step = Math.log(STABLESWAP_SPAN) / STABLESWAP_HALF_POINTS;
      for (let k = -STABLESWAP_HALF_POINTS; k <= STABLESWAP_HALF_POINTS; k++) {
        const lnP = Math.log(price) + k * step;
        const p = Math.exp(lnP);
        const [a0, a1] = amountsAt(p);
        logPrice.push(lnP);
        value.push(a0 * p + a1);
        slope.push(a0 * p);
      }
      input.notes.push(
        `Stableswap LP ${lp.token}: value interpolated (cubic Hermite) from the exact invariant at ${2 * STABLESWAP_HALF_POINTS + 1} prices within ×/÷${STABLESWAP_SPAN} of the entry price; amounts held beyond.`,
      );
    }
  });
  layout.tableLogPrice = Float64Array.from(logPrice);
  layout.tableValue = Float64Array.from(value);
  layout.tableSlope = Float64Array.from(slope);
  for (let i = 0; i < n; i++) {
    const p0 = startPrices[layout.asset0[i]!]!;
    const p1 = startPrices[layout.asset1[i]!]!;
    startPrices[layout.token[i]!] = lpPositionValue(layout, i, p0, p1) / layout.tokenSupply[i]!;
  }
  return layout;
}

/** USD value of LP `i`'s original liquidity at USD prices p0, p1 (pool price p0/p1 by arbitrage). */
export function lpPositionValue(c: LpLayout, i: number, p0: number, p1: number): number {
  const kind = c.kind[i]!;
  const L = c.liquidity[i]!;
  if (kind === LP_CONSTANT_PRODUCT) return 2 * L * Math.sqrt(p0 * p1); // x·p0 + y·p1 with x = L/√P, y = L√P
  if (kind === LP_CONCENTRATED) {
    const sa = c.sqrtLower[i]!;
    const sb = c.sqrtUpper[i]!;
    const sp = Math.sqrt(p0 / p1);
    if (sp <= sa) return L * (1 / sa - 1 / sb) * p0;
    if (sp >= sb) return L * (sb - sa) * p1;
    return L * (1 / sp - 1 / sb) * p0 + L * (sp - sa) * p1;
  }
  if (kind === LP_STABLESWAP) {
    const price = p1 > 0 ? p0 / p1 : 0;
    if (!(price > 0) || !Number.isFinite(price)) return 0;
    const [x, y] = stableswapBalancesAtPriceFloat({ d: L, amp: c.amplification[i]!, price });
    return x * p0 + y * p1;
  }
  // table: cubic Hermite in u = ln P with exact slopes (error O(h⁴)); beyond the table the pool is
  // almost all one coin, so the end amounts are held
  const start = c.tableStart[i]!;
  const rows = 2 * STABLESWAP_HALF_POINTS + 1;
  const first = c.tableLogPrice[start]!;
  const step = (c.tableLogPrice[start + rows - 1]! - first) / (rows - 1);
  const h = (Math.log(p0 / p1) - first) / step;
  if (h <= 0 || h >= rows - 1) {
    const end = start + (h <= 0 ? 0 : rows - 1);
    const amount0 = c.tableSlope[end]! / Math.exp(c.tableLogPrice[end]!);
    const amount1 = c.tableValue[end]! - c.tableSlope[end]!;
    return amount0 * p0 + amount1 * p1;
  }
  const k = Math.min(rows - 2, Math.floor(h));
  const t = h - k;
  const t2 = t * t;
  const t3 = t2 * t;
  const j = start + k;
  const v =
    (2 * t3 - 3 * t2 + 1) * c.tableValue[j]! +
    (t3 - 2 * t2 + t) * step * c.tableSlope[j]! +
    (-2 * t3 + 3 * t2) * c.tableValue[j + 1]! +
    (t3 - t2) * step * c.tableSlope[j + 1]!;
  return v * p1;
}

/** LP state of a block of lanes: growth from fees and reinvestment (1 at entry), in-range flags. */
export class LpLanes {
  readonly scale: Float64Array;
  readonly inRange: Uint8Array;

  constructor(
    readonly c: LpLayout,
    private readonly market: MarketLanes,
    private readonly stride: number,
  ) {
    this.scale = new Float64Array(c.token.length * stride);
    this.inRange = new Uint8Array(c.token.length * stride);
  }

  reset(): void {
    this.scale.fill(1);
  }

  /** One day of fees while in range (a concentrated position out of range earns nothing). */
  accrue(lanes: number, totals: FlowTotals | null): void {
    const c = this.c;
    const L = this.stride;
    for (let i = 0; i < c.token.length; i++) {
      const g = c.feeGrowth[i]!;
      const base = i * L;
      if (totals && this.inRange[base])
        totals.feesUsd += this.market.px[c.token[i]! * L]! * c.tokenSupply[i]! * (g - 1);
      for (let j = base; j < base + lanes; j++) if (this.inRange[j]) this.scale[j]! *= g;
    }
  }

  /** LP token prices and in-range flags from today's market prices. */
  revalue(lanes: number): void {
    const c = this.c;
    const px = this.market.px;
    const L = this.stride;
    for (let i = 0; i < c.token.length; i++) {
      const a0 = c.asset0[i]! * L;
      const a1 = c.asset1[i]! * L;
      const token = c.token[i]! * L;
      const concentrated = c.kind[i] === LP_CONCENTRATED;
      const sa = c.sqrtLower[i]!;
      const sb = c.sqrtUpper[i]!;
      const supply = c.tokenSupply[i]!;
      for (let lane = 0; lane < lanes; lane++) {
        const p0 = px[a0 + lane]!;
        const p1 = px[a1 + lane]!;
        if (concentrated) {
          // Uniswap v3 convention (engine `inRange`): earning while lower ≤ P < upper
          const sp = Math.sqrt(p0 / p1);
          this.inRange[i * L + lane] = sp >= sa && sp < sb ? 1 : 0;
        } else this.inRange[i * L + lane] = 1;
        px[token + lane] = (lpPositionValue(c, i, p0, p1) * this.scale[i * L + lane]!) / supply;
      }
    }
  }

  /** Harvest proceeds (USD) zapped into LP `i` at the pool's ratio: the position grows by usd / value. */
  reinvest(i: number, lane: number, usd: number): boolean {
    const px = this.market.px;
    const token = this.c.token[i]! * this.stride + lane;
    if (!(px[token]! > 0)) return false;
    const growth = 1 + usd / (px[token]! * this.c.tokenSupply[i]!);
    this.scale[i * this.stride + lane]! *= growth;
    px[token]! *= growth;
    return true;
  }

  /** Lane 0: value of the liquidity as deposited minus holding the deposited tokens (fees excluded). */
  impermanentLossUsd(): number {
    const c = this.c;
    const px = this.market.px;
    const L = this.stride;
    let il = 0;
    for (let i = 0; i < c.token.length; i++) {
      const p0 = px[c.asset0[i]! * L]!;
      const p1 = px[c.asset1[i]! * L]!;
      il += lpPositionValue(c, i, p0, p1) - (c.entry0[i]! * p0 + c.entry1[i]! * p1);
    }
    return il;
  }
}

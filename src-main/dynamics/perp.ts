import type { PerpPosition } from '../engine/position';
import { DAYS_PER_YEAR } from './peg-path';
import type { LaneOutcomes } from './outcomes';
import type { MarketLanes } from './prices';
import type { FlowTotals, Recorder } from './recorder';

/**
 * Perpetuals: margin in a margin asset, PnL against the entry price, funding each day on the
 * notional at yesterday's price (longs pay shorts when positive), and the engine's liquidation rule
 * (engine/risk/liquidation-price.ts `perpLiquidationPoint`): liquidated when margin + PnL is under
 * (maintenanceMarginRate + closeFeeRate)·size·price; the margin is then lost.
 */
export interface PerpLayout {
  stepIds: string[];
  asset: Int32Array;
  marginAsset: Int32Array;
  side: Float64Array;
  size: Float64Array;
  entry: Float64Array;
  margin: Float64Array;
  fundingPerDay: Float64Array;
  /** maintenanceMarginRate + closeFeeRate. */
  maintenance: Float64Array;
  closeFee: Float64Array;
}

export function compilePerps(
  perps: readonly PerpPosition[],
  indexOf: ReadonlyMap<string, number>,
): PerpLayout {
  return {
    stepIds: perps.map((p) => p.stepId),
    asset: Int32Array.from(perps, (p) => indexOf.get(p.asset)!),
    marginAsset: Int32Array.from(perps, (p) => indexOf.get(p.marginAsset)!),
    side: Float64Array.from(perps, (p) => (p.side === 'long' ? 1 : -1)),
    size: Float64Array.from(perps, (p) => p.size.toNumber()),
    entry: Float64Array.from(perps, (p) => p.entryPrice.toNumber()),
    margin: Float64Array.from(perps, (p) => p.margin.toNumber()),
    fundingPerDay: Float64Array.from(perps, (p) => p.fundingApr.toNumber() / DAYS_PER_YEAR),
    maintenance: Float64Array.from(perps, (p) =>
      p.maintenanceMarginRate.plus(p.closeFeeRate).toNumber(),
    ),
    closeFee: Float64Array.from(perps, (p) => p.closeFeeRate.toNumber()),
  };
}

export class PerpLanes {
  readonly open: Uint8Array;
  readonly margin: Float64Array;

  constructor(
    readonly c: PerpLayout,
    private readonly market: MarketLanes,
    private readonly stride: number,
    private readonly outcomes: LaneOutcomes,
  ) {
    this.open = new Uint8Array(c.size.length * stride);
    this.margin = new Float64Array(c.size.length * stride);
  }

  reset(lanes: number): void {
    const L = this.stride;
    for (let k = 0; k < this.c.size.length; k++) {
      this.margin.fill(this.c.margin[k]!, k * L, k * L + lanes);
      this.open.fill(this.c.size[k]! > 0 ? 1 : 0, k * L, k * L + lanes);
    }
  }

  /** One day of funding at yesterday's prices, settled in margin units. */
  accrue(lanes: number, totals: FlowTotals | null): void {
    const c = this.c;
    const px = this.market.px;
    const L = this.stride;
    for (let k = 0; k < c.size.length; k++) {
      const asset = c.asset[k]! * L;
      const margin = c.marginAsset[k]! * L;
      const perDay = c.side[k]! * c.fundingPerDay[k]! * c.size[k]!;
      if (perDay === 0) continue;
      const base = k * L;
      for (let lane = 0; lane < lanes; lane++) {
        const marginPrice = px[margin + lane]!;
        if (this.open[base + lane] && marginPrice > 0) {
          this.margin[base + lane]! -= (perDay * px[asset + lane]!) / marginPrice;
          if (totals && lane === 0) totals.fundingUsd -= perDay * px[asset]!;
        }
      }
    }
  }

  /** Mark to market against maintenance margin; a liquidated perp loses its margin. */
  mark(lanes: number, rec: Recorder | null): void {
    const c = this.c;
    const px = this.market.px;
    const L = this.stride;
    for (let k = 0; k < c.size.length; k++) {
      const asset = c.asset[k]! * L;
      const margin = c.marginAsset[k]! * L;
      const size = c.size[k]!;
      const side = c.side[k]!;
      const entry = c.entry[k]!;
      const maintenance = c.maintenance[k]!;
      const base = k * L;
      for (let lane = 0; lane < lanes; lane++) {
        if (!this.open[base + lane]) continue;
        const price = px[asset + lane]!;
        const marginUsd = this.margin[base + lane]! * px[margin + lane]!;
        if (marginUsd + side * size * (price - entry) >= maintenance * size * price) continue;
        this.open[base + lane] = 0;
        this.margin[base + lane] = 0;
        this.outcomes.liquidated(lane);
        rec?.perpLiquidation(this.outcomes.day, { perp: k, price, marginLostUsd: marginUsd });
      }
    }
  }

  /** Margin + PnL of open perps at market prices, added into `e`. */
  equity(e: Float64Array, lanes: number): void {
    const c = this.c;
    const px = this.market.px;
    const L = this.stride;
    for (let k = 0; k < c.size.length; k++) {
      const base = k * L;
      const asset = c.asset[k]! * L;
      const margin = c.marginAsset[k]! * L;
      const signedSize = c.side[k]! * c.size[k]!;
      const entry = c.entry[k]!;
      for (let lane = 0; lane < lanes; lane++) {
        if (!this.open[base + lane]) continue;
        e[lane]! +=
          this.margin[base + lane]! * px[margin + lane]! + signedSize * (px[asset + lane]! - entry);
      }
    }
  }

  /** Lane 0: what closing the open perps would cost (close fee on the notional). */
  exitCostUsd(): number {
    const c = this.c;
    const L = this.stride;
    let cost = 0;
    for (let k = 0; k < c.size.length; k++) {
      if (this.open[k * L]) cost += c.size[k]! * this.market.px[c.asset[k]! * L]! * c.closeFee[k]!;
    }
    return cost;
  }
}

import type { StakePosition } from '../engine/position';
import { DAYS_PER_YEAR } from './peg-path';
import type { MarketLanes } from './prices';
import type { FlowTotals } from './recorder';

/**
 * Stakes: units of an asset (an LP token too) earning `rewardApr/365` of yesterday's staked value a
 * day, in reward tokens at yesterday's price, pending until a harvest sells them.
 */
export interface StakeLayout {
  stepIds: string[];
  asset: Int32Array;
  units: Float64Array;
  rewardAsset: Int32Array;
  rewardPerDay: Float64Array;
}

export function compileStakes(
  stakes: readonly StakePosition[],
  indexOf: ReadonlyMap<string, number>,
): StakeLayout {
  return {
    stepIds: stakes.map((s) => s.stepId),
    asset: Int32Array.from(stakes, (s) => indexOf.get(s.asset)!),
    units: Float64Array.from(stakes, (s) => s.amount.toNumber()),
    rewardAsset: Int32Array.from(stakes, (s) => indexOf.get(s.rewardAsset)!),
    rewardPerDay: Float64Array.from(stakes, (s) => s.rewardApr.toNumber() / DAYS_PER_YEAR),
  };
}

export class StakeLanes {
  readonly units: Float64Array;
  readonly pending: Float64Array;

  constructor(
    readonly c: StakeLayout,
    private readonly market: MarketLanes,
    private readonly stride: number,
  ) {
    this.units = new Float64Array(c.units.length * stride);
    this.pending = new Float64Array(c.units.length * stride);
  }

  reset(lanes: number): void {
    const L = this.stride;
    for (let s = 0; s < this.c.units.length; s++)
      this.units.fill(this.c.units[s]!, s * L, s * L + lanes);
    this.pending.fill(0);
  }

  /** One day of rewards at yesterday's prices (the kernel runs it before prices move). */
  accrue(lanes: number, totals: FlowTotals | null): void {
    const c = this.c;
    const px = this.market.px;
    const L = this.stride;
    for (let s = 0; s < c.units.length; s++) {
      const asset = c.asset[s]! * L;
      const reward = c.rewardAsset[s]! * L;
      const rate = c.rewardPerDay[s]!;
      const base = s * L;
      if (rate === 0) continue;
      for (let lane = 0; lane < lanes; lane++) {
        const rewardPrice = px[reward + lane]!;
        if (rewardPrice > 0) {
          const usd = this.units[base + lane]! * px[asset + lane]! * rate;
          this.pending[base + lane]! += usd / rewardPrice;
          if (totals && lane === 0) totals.rewardsUsd += usd;
        }
      }
    }
  }

  /** Staked value and pending rewards at market prices, added into `e`. */
  equity(e: Float64Array, lanes: number): void {
    const c = this.c;
    const px = this.market.px;
    const L = this.stride;
    for (let s = 0; s < c.units.length; s++) {
      const base = s * L;
      const asset = c.asset[s]! * L;
      const reward = c.rewardAsset[s]! * L;
      for (let lane = 0; lane < lanes; lane++) {
        e[lane]! +=
          this.units[base + lane]! * px[asset + lane]! +
          this.pending[base + lane]! * px[reward + lane]!;
      }
    }
  }
}

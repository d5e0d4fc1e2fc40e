import type { MarketLanes } from './prices';

/** Tokens held outside any position, per asset per lane. */
export class WalletLanes {
  readonly units: Float64Array;
  /** Assets held on some lane (equity skips the others). */
  readonly live: Uint8Array;

  constructor(
    private readonly start: Float64Array,
    private readonly market: MarketLanes,
    private readonly stride: number,
  ) {
    this.units = new Float64Array(start.length * stride);
    this.live = new Uint8Array(start.length);
  }

  reset(lanes: number): void {
    const L = this.stride;
    for (let i = 0; i < this.start.length; i++) {
      this.units.fill(this.start[i]!, i * L, i * L + lanes);
      this.live[i] = this.start[i]! !== 0 ? 1 : 0;
    }
  }

  add(asset: number, lane: number, units: number): void {
    this.units[asset * this.stride + lane]! += units;
    this.live[asset] = 1;
  }

  equity(e: Float64Array, lanes: number): void {
    const px = this.market.px;
    const L = this.stride;
    for (let i = 0; i < this.start.length; i++) {
      if (!this.live[i]) continue;
      const base = i * L;
      for (let lane = 0; lane < lanes; lane++)
        e[lane]! += this.units[base + lane]! * px[base + lane]!;
    }
  }
}

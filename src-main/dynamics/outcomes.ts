/** Per-lane outcomes every kind may mark (the Monte Carlo's per-path results). */
export class LaneOutcomes {
  /** Day of the first liquidation (lending or perp), −1 if none. */
  readonly liquidationDay: Int32Array;
  readonly automationActions: Int32Array;
  /** Lowest health factor over accounts at daily closes, before the day's actions. */
  readonly minHealthFactor: Float64Array;
  day = 0;

  constructor(stride: number) {
    this.liquidationDay = new Int32Array(stride);
    this.automationActions = new Int32Array(stride);
    this.minHealthFactor = new Float64Array(stride);
  }

  reset(): void {
    this.liquidationDay.fill(-1);
    this.automationActions.fill(0);
    this.minHealthFactor.fill(Infinity);
    this.day = 0;
  }

  liquidated(lane: number): void {
    if (this.liquidationDay[lane]! < 0) this.liquidationDay[lane] = this.day;
  }
}

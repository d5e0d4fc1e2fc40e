import { DAYS_PER_YEAR } from '../estimate';
import type { Rng } from '../rng';

/**
 * Crash overlay: on top of any price model, crashes arrive as a Poisson process with
 * `crashesPerYear` expected events (daily count ~ Poisson(crashesPerYear/365)); each multiplies the
 * affected factors' prices by (1 + size), e.g. size −0.3 for a 30% crash. Several crashes on one
 * day compound. The drift is not compensated: the overlay adds downside to what the model implies.
 */
export interface CrashOverlay {
  crashesPerYear: number;
  /** Jump as a fraction of price, in (−1, 0) for a crash (positive values model a squeeze). */
  size: number;
  /** 1 for factors the crash hits (by default every non-stable factor), 0 otherwise. */
  hits: Uint8Array;
}

export class CrashApplier {
  private readonly dailyMean: number;
  private readonly multiple: number;

  /** 1 for factors whose growth rows the crashes multiply. */
  get hits(): Uint8Array {
    return this.overlay.hits;
  }

  constructor(private readonly overlay: CrashOverlay) {
    this.dailyMean = overlay.crashesPerYear / DAYS_PER_YEAR;
    this.multiple = 1 + overlay.size;
  }

  /**
   * Draws the crashes (after the model's draws) as the arrival times of the Poisson process, one
   * exponential gap of mean 1/rate per crash: each day's count is then Poisson(rate) and independent
   * across days, as one count drawn per day would be, for one draw per crash instead of per day.
   */
  applyToPath(rng: Rng, days: number, growth: Float64Array, lane: number, stride: number): void {
    const rate = this.dailyMean;
    if (!(rate > 0)) return;
    const hits = this.overlay.hits;
    const k = hits.length;
    let next = -Math.log(rng.uniform()) / rate; // days from the start to the next crash
    while (next < days) {
      const d = Math.floor(next);
      let count = 0;
      while (next < d + 1) {
        count++;
        next -= Math.log(rng.uniform()) / rate;
      }
      const m = this.multiple ** count;
      for (let f = 0; f < k; f++) if (hits[f]) growth[(d * k + f) * stride + lane]! *= m;
    }
  }
}

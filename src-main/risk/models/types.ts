import type { QuietMoves } from '../../dynamics/prices';
import type { Rng } from '../rng';

/**
 * A price model moves `factors` risk factors (assets with their own price process) one day at a
 * time. Models are plain data (typed arrays) so they cross to worker threads by structured clone;
 * `PathStepper`s are the per-thread objects that draw from a path's random stream.
 */
export interface PathStepper {
  /**
   * Draws one path's daily price multiples (P_t / P_{t−1}) for `days` days: factor f of day d goes
   * to growth[(d·rowFactors + f)·stride + lane], `rowFactors` the width of a day's row (the model's
   * own factor count unless it fills the first factors of a wider layout, as under the depeg
   * model). All of a path's draws come from its own `rng`.
   */
  fillPath(
    rng: Rng,
    days: number,
    growth: Float64Array,
    lane: number,
    stride: number,
    rowFactors?: number,
    /** The depeg model's quiet factors (`DepegStepper.quietMoves`); other models take none. */
    quiet?: QuietMoves | null,
  ): void;
}

/**
 * e^x for the price models' daily log-moves, about twice as fast as Math.exp in V8 (which calls out
 * to fdlibm): x = k/256 + r with k the nearest integer to 256x, e^(k/256) from a table of
 * Math.exp values and e^r, |r| ≤ 1/512, from its Taylor polynomial to r⁵ (the r⁶/720 term is below
 * 1e-19), in Estrin form: a shorter chain of dependent multiply-adds than Horner's, so
 * consecutive days overlap in the CPU; the small terms are summed before the 1 (that order keeps
 * 2 ulp). Within 2 ulp of Math.exp (test/risk/fast-paths.test.ts); |x| > 8 — a daily move beyond
 * e^±8, far outside any market — goes to Math.exp itself.
 */
const STEPS = 256;
const RANGE = 8 * STEPS;
const TABLE = Float64Array.from({ length: 2 * RANGE + 1 }, (_, i) => Math.exp((i - RANGE) / STEPS));
/** 1.5·2^52: adding and subtracting it rounds a double below 2^51 to the nearest integer. */
const ROUND = 6755399441055744;

export function expDaily(x: number): number {
  const k = x * STEPS + ROUND - ROUND;
  if (!(k >= -RANGE && k <= RANGE)) return Math.exp(x); // out of the table, or NaN
  return expNear(x);
}

/** The largest |x| `expNear` takes: the table's range (its index test is left to the caller). */
export const NEAR_RANGE = 8;

/**
 * `expDaily(x)` for |x| ≤ NEAR_RANGE without the range test — for loops whose caller has bounded
 * every x beforehand (Rng.fillExpNormal), so no never-taken `Math.exp` branch sits in the loop.
 */
export function expNear(x: number): number {
  const k = x * STEPS + ROUND - ROUND;
  const r = x - k * (1 / STEPS);
  const r2 = r * r;
  const poly =
    1 +
    (r +
      (r2 * (0.5 + r * 0.16666666666666666) +
        r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333)));
  return TABLE[k + RANGE]! * poly;
}

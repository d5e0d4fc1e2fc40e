/**
 * Sample statistics over simulated outcomes (Float64, sorted copies; inputs are never mutated).
 * Definitions are documented in docs/risk.md and tested on distributions with known answers.
 */

/** Ascending sorted copy (typed-array sort is numeric). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

/**
 * Percentile `p` (0..100) of an ascending sorted sample by linear interpolation between order
 * statistics — Hyndman & Fan type 7, the default of numpy.percentile and R's quantile.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  return a + (h - lo) * (sorted[hi]! - a);
}

export function percentiles(
  sorted: ArrayLike<number>,
  levels: readonly number[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of levels) out[`p${p}`] = percentileSorted(sorted, p);
  return out;
}

export interface TailRisk {
  /** Value at risk: the empirical α-quantile of the loss, L_(⌈nα⌉) of the ascending losses. */
  valueAtRisk: number;
  /**
   * Expected shortfall (CVaR): (1/(1−α))·∫_α^1 VaR_u du on the empirical distribution
   * (Acerbi & Tasche 2002) — the mean of the worst (1−α) share of outcomes, with the boundary
   * observation weighted by the fraction of it inside the tail.
   */
  expectedShortfall: number;
}

/** VaR and CVaR at confidence `alpha` (e.g. 0.95) of an ascending sorted sample of LOSSES. */
export function tailRiskSorted(sortedLosses: ArrayLike<number>, alpha: number): TailRisk {
  const n = sortedLosses.length;
  if (n === 0) return { valueAtRisk: NaN, expectedShortfall: NaN };
  const k = Math.min(n, Math.max(1, Math.ceil(n * alpha - 1e-9))); // 1-based index of VaR
  const valueAtRisk = sortedLosses[k - 1]!;
  let tail = (k - n * alpha) * valueAtRisk;
  for (let i = k; i < n; i++) tail += sortedLosses[i]!;
  const weight = n * (1 - alpha);
  const expectedShortfall = weight > 0 ? tail / weight : valueAtRisk;
  return { valueAtRisk, expectedShortfall };
}

export interface Histogram {
  /** Bin edges, length bins+1, equally spaced from `edges[0]` to `edges[bins]`. */
  edges: number[];
  counts: number[];
  /** Samples below the first edge / above the last (the range is [p0.5, p99.5] by default). */
  underflow: number;
  overflow: number;
}

/**
 * Equal-width histogram over [lower, upper]; values outside go to underflow/overflow so one extreme
 * path cannot squash the chart. The last bin is closed on the right.
 */
export function histogram(
  values: ArrayLike<number>,
  bins: number,
  lower: number,
  upper: number,
): Histogram {
  const counts = new Array<number>(bins).fill(0);
  let underflow = 0;
  let overflow = 0;
  const width = upper > lower ? (upper - lower) / bins : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lower) underflow++;
    else if (v > upper) overflow++;
    else {
      const b = width > 0 ? Math.min(bins - 1, Math.floor((v - lower) / width)) : 0;
      counts[b]!++;
    }
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => lower + i * width);
  return { edges, counts, underflow, overflow };
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** Sample variance (n−1 denominator). */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i]! - m) ** 2;
  return s / (values.length - 1);
}

/** Reused between calls (one fan-chart column after another): the gathered buckets. */
let gathered = new Float64Array(0);

/**
 * The same type-7 percentiles as `percentileSorted` (bit for bit), without sorting everything: one
 * pass finds the range, one counts the values into equal-width buckets (a monotone map, so every
 * bucket holds a contiguous stretch of the sorted order and ties share a bucket), and only the few
 * buckets holding a needed order statistic are gathered and sorted. Three predictable passes
 * instead of a sort or a quickselect's unpredictable branches — it runs for every fan-chart day.
 * Non-finite values fall back to a full sort. `scratch` may be reordered.
 */
export function percentilesBySelection(scratch: Float64Array, levels: readonly number[]): number[] {
  const n = scratch.length;
  if (n === 0) return levels.map(() => NaN);
  // branch-free range (Math.min/max propagate NaN, and ±Infinity shows in min or max)
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = scratch[i]!;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (!(max - min < Infinity)) {
    scratch.sort();
    return levels.map((p) => percentileSorted(scratch, p));
  }
  if (!(max > min)) return levels.map(() => min + 0); // all equal (+0 as the sorted formula gives)
  const buckets = Math.max(1, Math.min(4096, n >> 2));
  const scale = buckets / (max - min);
  if (!Number.isFinite(scale)) {
    scratch.sort();
    return levels.map((p) => percentileSorted(scratch, p));
  }
  const last = buckets - 1;
  // start[b]: sorted position of bucket b's first value
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const b = ((scratch[i]! - min) * scale) | 0;
    start[(b > last ? last : b) + 1]!++;
  }
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const bucketOf = (rank: number): number => {
    let lo = 0;
    let hi = last; // start[lo] ≤ rank < start[hi + 1]
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (start[mid]! <= rank) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const ranks: number[] = [];
  for (const p of levels) {
    const lo = Math.floor((n - 1) * (p / 100));
    ranks.push(lo, Math.min(lo + 1, n - 1));
  }
  const fill = new Int32Array(buckets).fill(-1); // next free position of each needed bucket
  for (const r of ranks) {
    const b = bucketOf(r);
    fill[b] = start[b]!;
  }
  if (gathered.length < n) gathered = new Float64Array(n);
  const g = gathered;
  for (let i = 0; i < n; i++) {
    const v = scratch[i]!;
    const raw = ((v - min) * scale) | 0;
    const b = raw > last ? last : raw;
    const at = fill[b]!;
    if (at >= 0) {
      g[at] = v;
      fill[b] = at + 1;
    }
  }
  const sorted = new Uint8Array(buckets);
  for (const r of ranks) {
    const b = bucketOf(r);
    if (!sorted[b]) {
      g.subarray(start[b]!, start[b + 1]!).sort();
      sorted[b] = 1;
    }
  }
  // g now holds the sorted order at every needed position: percentileSorted's formula on it
  return levels.map((p) => {
    const h = (n - 1) * (p / 100);
    const lo = Math.floor(h);
    const a = g[lo]!;
    return a + (h - lo) * (g[Math.min(lo + 1, n - 1)]! - a);
  });
}

/**
 * `percentilesBySelection` of the rows `from`..`to`−1 of a [row][n] matrix (the fan chart's
 * [fan day][path] equities): one array of `levels` values per row. Runs on the calling thread or a
 * worker with the same result.
 */
export function rowPercentiles(
  matrix: Float32Array | Float64Array,
  n: number,
  from: number,
  to: number,
  levels: readonly number[],
): number[][] {
  const scratch = new Float64Array(n);
  const out: number[][] = [];
  for (let row = from; row < to; row++) {
    scratch.set(matrix.subarray(row * n, (row + 1) * n));
    out.push(percentilesBySelection(scratch, levels));
  }
  return out;
}

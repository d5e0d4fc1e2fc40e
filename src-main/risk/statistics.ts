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

/**
 * The same type-7 percentiles as `percentileSorted`, without sorting: each needed order statistic
 * is placed by quickselect (Hoare's FIND, expected O(n)), levels in ascending order so each search
 * starts where the last one ended. `scratch` is reordered.
 */
export function percentilesBySelection(scratch: Float64Array, levels: readonly number[]): number[] {
  const n = scratch.length;
  const out: number[] = [];
  let from = 0;
  for (const p of levels) {
    const h = (n - 1) * (p / 100);
    const lo = Math.floor(h);
    select(scratch, lo, from, n - 1);
    const a = scratch[lo]!;
    let b = a;
    if (lo + 1 < n && h > lo) {
      b = Infinity;
      for (let i = lo + 1; i < n; i++) if (scratch[i]! < b) b = scratch[i]!;
    }
    out.push(a + (h - lo) * (b - a));
    from = lo;
  }
  return out;
}

/** Reorders a[left..right] so that a[k] is the value it would have if sorted (smaller before it). */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const pivot = a[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

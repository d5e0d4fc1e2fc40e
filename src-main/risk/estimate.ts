/**
 * Parameter estimation from daily closes: log returns, drift, volatility, correlation, Cholesky.
 * Crypto trades every calendar day, so a year is 365 daily steps (Δt = 1/365).
 */

import type { PriceHistory } from '../market-data/history';
import { dayFromIso, dayStart, isoFromDay } from '../market-data/calendar';

export const DAYS_PER_YEAR = 365;

/** Several assets' closes on their common days (intersection of dates), oldest first. */
export interface AlignedHistory {
  assets: string[];
  /** ISO days (YYYY-MM-DD). */
  dates: string[];
  /** closes[a][t]: close of assets[a] on dates[t]. */
  closes: Float64Array[];
}

export class EstimateError extends Error {
  constructor(
    readonly code: 'HISTORY_TOO_SHORT' | 'NOT_POSITIVE_DEFINITE' | 'NON_POSITIVE_PRICE',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * Restricts the history of `assets` to the UTC days all of them have, within [from, to] (ISO days,
 * inclusive). Joint days keep cross-asset moves together (the bootstrap resamples whole days).
 */
export function alignHistory({
  history,
  assets,
  from,
  to,
}: {
  history: PriceHistory;
  assets: readonly string[];
  from?: string;
  to?: string;
}): AlignedHistory {
  const fromDay = from ? dayFromIso(from) : null;
  const toDay = to ? dayFromIso(to) : null;
  const maps = assets.map((a) => {
    const s = history[a];
    const m = new Map<number, number>();
    if (s) for (let i = 0; i < s.ts.length; i++) m.set(dayStart(s.ts[i]!), s.close[i]!);
    return m;
  });
  const first = maps[0];
  const days = first
    ? [...first.keys()]
        .filter(
          (d) =>
            (fromDay === null || d >= fromDay) &&
            (toDay === null || d <= toDay) &&
            maps.every((m) => m.has(d)),
        )
        .sort((a, b) => a - b)
    : [];
  return {
    assets: [...assets],
    dates: days.map(isoFromDay),
    closes: maps.map((m) => Float64Array.from(days, (d) => m.get(d)!)),
  };
}

/** Daily log returns ln(P_t / P_{t-1}); length n−1. */
export function logReturns(closes: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, closes.length - 1));
  for (let i = 1; i < closes.length; i++) {
    const a = closes[i - 1]!;
    const b = closes[i]!;
    if (!(a > 0 && b > 0)) throw new EstimateError('NON_POSITIVE_PRICE', `close ${i} is not > 0`);
    out[i - 1] = Math.log(b / a);
  }
  return out;
}

export interface GbmParams {
  assets: string[];
  /** μ: annual arithmetic drift, E[S_T] = S_0·e^{μT}. */
  driftAnnual: number[];
  /** σ: annual volatility of log returns. */
  volAnnual: number[];
  /** Correlation of daily log returns, row-major n×n. */
  correlation: number[][];
}

/**
 * GBM parameters from aligned daily closes. With daily log returns r (mean m, sample standard
 * deviation s): σ = s·√365 and μ = 365·m + σ²/2, because a GBM's log return has mean (μ − σ²/2)Δt.
 */
export function estimateGbm(history: AlignedHistory): GbmParams {
  const returns = history.closes.map((c) => logReturns(c));
  const n = returns[0]?.length ?? 0;
  if (n < 2) throw new EstimateError('HISTORY_TOO_SHORT', `${n} daily returns; need at least 2`);
  const means = returns.map((r) => r.reduce((s, x) => s + x, 0) / n);
  const k = returns.length;
  const cov: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const ri = returns[i]!;
      const rj = returns[j]!;
      let s = 0;
      for (let t = 0; t < n; t++) s += (ri[t]! - means[i]!) * (rj[t]! - means[j]!);
      cov[i]![j] = cov[j]![i] = s / (n - 1);
    }
  }
  const sd = cov.map((row, i) => Math.sqrt(row[i]!));
  const correlation = cov.map((row, i) =>
    row.map((c, j) => (i === j ? 1 : sd[i]! > 0 && sd[j]! > 0 ? c / (sd[i]! * sd[j]!) : 0)),
  );
  const volAnnual = sd.map((s) => s * Math.sqrt(DAYS_PER_YEAR));
  const driftAnnual = means.map((m, i) => m * DAYS_PER_YEAR + volAnnual[i]! ** 2 / 2);
  return { assets: [...history.assets], driftAnnual, volAnnual, correlation };
}

/**
 * Lower-triangular L with L·Lᵀ = A (row-major n×n). A correlation matrix estimated from a window
 * can be singular (two assets moving identically, e.g. a stablecoin pair at 1.00); a diagonal
 * jitter of up to 1e-10 is added before giving up with NOT_POSITIVE_DEFINITE.
 */
export function cholesky(matrix: readonly (readonly number[])[]): Float64Array {
  const n = matrix.length;
  for (const jitter of [0, 1e-12, 1e-10]) {
    const l = tryCholesky(matrix, n, jitter);
    if (l) return l;
  }
  throw new EstimateError(
    'NOT_POSITIVE_DEFINITE',
    'the correlation matrix is not positive definite',
  );
}

function tryCholesky(
  a: readonly (readonly number[])[],
  n: number,
  jitter: number,
): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]! + (i === j ? jitter : 0);
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  return l;
}

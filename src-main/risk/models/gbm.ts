import { DAYS_PER_YEAR, cholesky, type GbmParams } from '../estimate';
import { Rng } from '../rng';
import { expDaily } from './fast-exp';
import type { PathStepper } from './types';

/**
 * Correlated geometric Brownian motion, stepped exactly in log space:
 *   ln S_{t+Δt} = ln S_t + (μ − σ²/2)Δt + σ√Δt·(L·ε)_i,  ε ~ N(0, I),  L·Lᵀ = correlation.
 * Exact for any Δt (no Euler bias), so daily steps carry no discretization error in the prices.
 */
export interface GbmModel {
  kind: 'gbm';
  factors: number;
  /** (μ − σ²/2)·Δt per factor. */
  logDriftPerDay: Float64Array;
  /** Cholesky factor of the DAILY covariance σ_i σ_j ρ_ij Δt, row-major lower triangle. */
  dailyCholesky: Float64Array;
}

export function gbmModel(params: GbmParams): GbmModel {
  const k = params.assets.length;
  const dt = 1 / DAYS_PER_YEAR;
  const logDriftPerDay = Float64Array.from(
    params.driftAnnual,
    (mu, i) => (mu - params.volAnnual[i]! ** 2 / 2) * dt,
  );
  const corrChol = cholesky(params.correlation);
  const dailyCholesky = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      dailyCholesky[i * k + j] = corrChol[i * k + j]! * params.volAnnual[i]! * Math.sqrt(dt);
    }
  }
  return { kind: 'gbm', factors: k, logDriftPerDay, dailyCholesky };
}

export class GbmStepper implements PathStepper {
  /** One path's normals, drawn in one tight loop before any exp (grown on demand, never per path). */
  private z = new Float64Array(0);

  constructor(private readonly model: GbmModel) {}

  fillPath(
    rng: Rng,
    days: number,
    growth: Float64Array,
    lane: number,
    stride: number,
    rowFactors = this.model.factors,
  ): void {
    const k = this.model.factors;
    const row = rowFactors * stride;
    const chol = this.model.dailyCholesky;
    const drift = this.model.logDriftPerDay;
    if (k === 1 && Rng.expNormalFits(drift[0]!, chol[0]!)) {
      // the common one-factor case: draws and moves in one loop (no normals buffer)
      rng.fillExpNormal(growth, lane, row, days, drift[0]!, chol[0]!);
      return;
    }
    if (
      k === 2 &&
      Rng.expNormalFits(drift[0]!, chol[0]!) &&
      Rng.expNormalFits(drift[1]!, Math.abs(chol[2]!) + Math.abs(chol[3]!))
    ) {
      // two factors (an asset and its debt or peg asset): the Cholesky product written out, draws
      // and moves in one loop as for one factor
      rng.fillExpNormal2(
        growth,
        lane,
        row,
        stride,
        days,
        drift[0]!,
        chol[0]!,
        drift[1]!,
        chol[2]!,
        chol[3]!,
      );
      return;
    }
    // the same draw order as one normal() per factor per day: day-major, factor-minor
    if (this.z.length < days * k) this.z = new Float64Array(days * k);
    const z = this.z;
    rng.fillNormal(z, 0, days * k);
    if (k === 1) {
      // one factor with a daily σ too large for fillExpNormal's table (no market has one)
      const mu = drift[0]!;
      const sigma = chol[0]!;
      for (let d = 0, j = lane; d < days; d++, j += row) growth[j] = expDaily(mu + sigma * z[d]!);
      return;
    }
    if (k === 2) {
      // two factors (an asset and its debt or peg asset): the Cholesky product written out
      const mu0 = drift[0]!;
      const mu1 = drift[1]!;
      const c00 = chol[0]!;
      const c10 = chol[2]!;
      const c11 = chol[3]!;
      for (let d = 0, j = lane; d < days; d++, j += row) {
        const z0 = z[2 * d]!;
        const z1 = z[2 * d + 1]!;
        growth[j] = expDaily(mu0 + c00 * z0);
        growth[j + stride] = expDaily(mu1 + c10 * z0 + c11 * z1);
      }
      return;
    }
    for (let d = 0; d < days; d++) {
      const zRow = d * k;
      for (let i = 0; i < k; i++) {
        let x = drift[i]!;
        const c = i * k;
        for (let f = 0; f <= i; f++) x += chol[c + f]! * z[zRow + f]!;
        growth[d * row + i * stride + lane] = expDaily(x);
      }
    }
  }
}

import { DAYS_PER_YEAR, cholesky, type GbmParams } from '../estimate';
import type { Rng } from '../rng';
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
  private readonly z: Float64Array;

  constructor(private readonly model: GbmModel) {
    this.z = new Float64Array(model.factors);
  }

  fillPath(rng: Rng, days: number, growth: Float64Array, lane: number, stride: number): void {
    const k = this.model.factors;
    const chol = this.model.dailyCholesky;
    const drift = this.model.logDriftPerDay;
    if (k === 1) {
      // the common one-factor case without the matrix loop
      const mu = drift[0]!;
      const sigma = chol[0]!;
      for (let d = 0, j = lane; d < days; d++, j += stride)
        growth[j] = Math.exp(mu + sigma * rng.normal());
      return;
    }
    if (k === 2) {
      // two factors (an asset and its debt or peg asset): the Cholesky product written out
      const mu0 = drift[0]!;
      const mu1 = drift[1]!;
      const c00 = chol[0]!;
      const c10 = chol[2]!;
      const c11 = chol[3]!;
      for (let d = 0, j = lane; d < days; d++, j += 2 * stride) {
        const z0 = rng.normal();
        const z1 = rng.normal();
        growth[j] = Math.exp(mu0 + c00 * z0);
        growth[j + stride] = Math.exp(mu1 + c10 * z0 + c11 * z1);
      }
      return;
    }
    const z = this.z;
    for (let d = 0; d < days; d++) {
      for (let f = 0; f < k; f++) z[f] = rng.normal();
      const row = d * k;
      for (let i = 0; i < k; i++) {
        let x = drift[i]!;
        const c = i * k;
        for (let f = 0; f <= i; f++) x += chol[c + f]! * z[f]!;
        growth[(row + i) * stride + lane] = Math.exp(x);
      }
    }
  }
}

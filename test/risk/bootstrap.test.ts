import { describe, expect, it } from 'vitest';
import { alignHistory, logReturns } from '../../src-main/risk/estimate';
import { BootstrapStepper, bootstrapModel } from '../../src-main/risk/models/bootstrap';
import { Rng } from '../../src-main/risk/rng';
import { bundledHistory } from './helpers';

describe('stationary block bootstrap on the bundled ETH and BTC history', () => {
  const history = alignHistory({
    history: bundledHistory(['ETH', 'BTC']),
    assets: ['ETH', 'BTC'],
    from: '2020-01-01',
  });
  const meanBlockLength = 10;
  const model = bootstrapModel({ history, meanBlockLength });
  const eth = logReturns(history.closes[0]!);
  const T = eth.length;
  const histMean = eth.reduce((s, x) => s + x, 0) / T;
  const histVar = eth.reduce((s, x) => s + (x - histMean) ** 2, 0) / T;

  // resample 2,000 independent one-year paths
  const paths = 2000;
  const days = 365;
  const growth = new Float64Array(days * 2);
  const stepper = new BootstrapStepper(model);
  const rng = new Rng(11, 0);
  const pathMeans: number[] = [];
  const pathSecond: number[] = [];
  let pairsFound = true;
  let continued = 0;
  let transitions = 0;
  // the stepper copies historical multiples exactly, so each resampled day can be looked up
  const dayOf = new Map<number, number>();
  for (let t = 0; t < T; t++) dayOf.set(model.growth[2 * t]!, t);
  for (let p = 0; p < paths; p++) {
    rng.reseed(11, p);
    stepper.fillPath(rng, days, growth, 0, 1);
    let s = 0;
    let s2 = 0;
    let previous = -1;
    for (let d = 0; d < days; d++) {
      const t = dayOf.get(growth[2 * d]!);
      if (t === undefined || growth[2 * d + 1] !== model.growth[2 * t + 1]) pairsFound = false;
      const day = t ?? -1;
      if (previous >= 0) {
        transitions++;
        if (day === (previous + 1) % T) continued++;
      }
      previous = day;
      const r = eth[day] ?? NaN;
      s += r;
      s2 += (r - histMean) ** 2;
    }
    pathMeans.push(s / days);
    pathSecond.push(s2 / days);
  }

  const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const standardError = (xs: number[]) => {
    const m = meanOf(xs);
    return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
  };

  it('keeps the historical mean daily return within sampling error', () => {
    // Paths are independent, so the standard error of the pooled mean is the spread of the path
    // means over √paths (this includes the within-block dependence); 4 standard errors.
    const se = standardError(pathMeans);
    expect(se).toBeLessThan(0.1 * Math.sqrt(histVar)); // a meaningful tolerance, not a free pass
    expect(Math.abs(meanOf(pathMeans) - histMean)).toBeLessThan(4 * se);
  });

  it('keeps the historical volatility within sampling error', () => {
    const se = standardError(pathSecond);
    expect(Math.abs(meanOf(pathSecond) - histVar)).toBeLessThan(4 * se);
    expect(Math.abs(Math.sqrt(meanOf(pathSecond)) / Math.sqrt(histVar) - 1)).toBeLessThan(0.05);
  });

  it('resamples whole days jointly across assets, in blocks of mean length b', () => {
    expect(pairsFound).toBe(true);
    // each day continues its block with probability 1 − 1/b (or a new block starts on the next day
    // by chance, 1/b · 1/T); days are independent draws, so the binomial standard error applies
    const pContinue = 1 - 1 / meanBlockLength + 1 / meanBlockLength / T;
    const se = Math.sqrt((pContinue * (1 - pContinue)) / transitions);
    expect(Math.abs(continued / transitions - pContinue)).toBeLessThan(4 * se);
  });
});

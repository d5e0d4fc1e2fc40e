import { describe, expect, it } from 'vitest';
import { Rng } from '../../src-main/risk/rng';
import { normalCdf } from './helpers';

describe('Rng', () => {
  it('gives the same numbers for the same seed and stream, different ones otherwise', () => {
    const draw = (seed: number, stream: number) => {
      const r = new Rng(seed, stream);
      return Array.from({ length: 8 }, () => r.normal());
    };
    expect(draw(42, 7)).toEqual(draw(42, 7));
    expect(draw(42, 7)).not.toEqual(draw(42, 8));
    expect(draw(42, 7)).not.toEqual(draw(43, 7));
    // seeds above 2^32 use their high bits too
    expect(draw(2 ** 40 + 5, 0)).not.toEqual(draw(5, 0));
  });

  it('reseeding in place restarts the stream', () => {
    const r = new Rng(1, 0);
    const first = [r.nextInt32(), r.nextInt32()];
    r.reseed(1, 0);
    expect([r.nextInt32(), r.nextInt32()]).toEqual(first);
  });

  it('ziggurat normals have the standard normal distribution (moments and tail frequencies)', () => {
    const n = 2_000_000;
    const r = new Rng(2024, 3);
    let sum = 0;
    let sumSq = 0;
    let sumQuad = 0;
    const thresholds = [-3.5, -2, -1, 0, 0.5, 1.5, 3];
    const below = new Array<number>(thresholds.length).fill(0);
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      sum += z;
      sumSq += z * z;
      sumQuad += z ** 4;
      for (let k = 0; k < thresholds.length; k++) if (z < thresholds[k]!) below[k]!++;
    }
    // standard errors: mean 1/√n, variance √(2/n), fourth moment √(96/n) (E z^8 − 9 = 96)
    expect(Math.abs(sum / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(sumQuad / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
    thresholds.forEach((x, k) => {
      const p = normalCdf(x);
      // binomial standard error of a frequency: √(p(1−p)/n); the tails check the base strip's slow path
      expect(Math.abs(below[k]! / n - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
    });
  });

  it('uniforms are in (0, 1) with mean 1/2', () => {
    const r = new Rng(9, 9);
    const n = 200_000;
    let s = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      s += u;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });
});

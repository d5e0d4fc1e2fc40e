import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANES } from '../../src-main/risk/run-block';
import { pathBlocks } from '../../src-main/risk/monte-carlo';
import { CrashApplier } from '../../src-main/risk/models/crash-overlay';
import { GbmStepper } from '../../src-main/risk/models/gbm';
import { NEAR_RANGE, expDaily, expNear } from '../../src-main/risk/models/fast-exp';
import { Rng } from '../../src-main/risk/rng';
import { percentileSorted, percentilesBySelection } from '../../src-main/risk/statistics';

// The speed-ups of issue 5's "Speed" bullet must not change a number: each fast path is checked
// here against the plain definition it replaces.

describe('Rng.fillNormal (the price models draw through it)', () => {
  it('gives exactly the numbers of repeated normal() calls, slow ziggurat branches included', () => {
    // 200 streams × 2,000 draws: about 11,000 draws take the wedge / tail branches (~2.8 %)
    for (let stream = 0; stream < 200; stream++) {
      const fast = new Rng(7, stream);
      const plain = new Rng(7, stream);
      const out = new Float64Array(2003);
      fast.fillNormal(out, 3, 2000);
      const expected = Array.from({ length: 2000 }, () => plain.normal());
      expect(Array.from(out.subarray(3))).toEqual(expected);
      expect(Array.from(out.subarray(0, 3))).toEqual([0, 0, 0]); // outside the range: untouched
      // and leaves the generator where normal() would have
      expect(fast.nextInt32()).toBe(plain.nextInt32());
    }
  });
});

describe('Rng.fillExpNormal (the one-factor GBM draws its moves through it)', () => {
  it('gives exactly expDaily(mu + sigma·z) of the normals fillNormal draws, at a stride', () => {
    // 100 streams × 1,000 draws (~2,800 through the slow ziggurat branches), written every 3rd slot
    for (let stream = 0; stream < 100; stream++) {
      const fused = new Rng(11, stream);
      const plain = new Rng(11, stream);
      const out = new Float64Array(3 * 1000 + 2);
      fused.fillExpNormal(out, 2, 3, 1000, -0.0007, 0.037);
      const z = new Float64Array(1000);
      plain.fillNormal(z);
      for (let i = 0; i < 1000; i++) expect(out[2 + 3 * i]).toBe(expDaily(-0.0007 + 0.037 * z[i]!));
      // the slots between are untouched
      expect(out.filter((_, j) => j < 2 || (j - 2) % 3 !== 0).every((v) => v === 0)).toBe(true);
      expect(fused.nextInt32()).toBe(plain.nextInt32());
    }
  });

  it('fillExpNormal2: two factors’ moves from the normals fillNormal draws, day-major', () => {
    // 100 streams × 1,000 days (2,000 draws each, ~5,600 rare ones in all, either of a day's two)
    const [mu0, c00, mu1, c10, c11] = [-0.0007, 0.037, 0.00001, 0.0004, 0.0009];
    for (let stream = 0; stream < 100; stream++) {
      const fused = new Rng(13, stream);
      const plain = new Rng(13, stream);
      const days = 1000;
      // a row of 5 slots a day, the second factor 2 slots after the first, from slot 1
      const out = new Float64Array(5 * days + 1);
      fused.fillExpNormal2(out, 1, 5, 2, days, mu0, c00, mu1, c10, c11);
      const z = new Float64Array(2 * days);
      plain.fillNormal(z);
      for (let d = 0; d < days; d++) {
        const z0 = z[2 * d]!;
        const z1 = z[2 * d + 1]!;
        expect(out[1 + 5 * d]).toBe(expDaily(mu0 + c00 * z0));
        expect(out[3 + 5 * d]).toBe(expDaily(mu1 + c10 * z0 + c11 * z1));
      }
      const written = (j: number) => j > 0 && ((j - 1) % 5 === 0 || (j - 1) % 5 === 2);
      expect(out.filter((_, j) => !written(j)).every((v) => v === 0)).toBe(true);
      expect(fused.nextInt32()).toBe(plain.nextInt32());
    }
    expect(() =>
      new Rng(1, 0).fillExpNormal2(new Float64Array(8), 0, 2, 1, 4, 0, 0.01, 0, 2, 1),
    ).toThrow(RangeError);
  });

  it('refuses moves that could leave expNear’s table; the GBM then takes the buffered loop', () => {
    expect(Rng.expNormalFits(-0.0007, 0.037)).toBe(true);
    expect(Rng.expNormalFits(0, 2.5)).toBe(false);
    expect(() => new Rng(1, 0).fillExpNormal(new Float64Array(4), 0, 1, 4, 0, 2.5)).toThrow(
      RangeError,
    );
    // a (market-impossible) daily σ of 400 %: the one-factor GBM still gives expDaily's moves
    const days = 400;
    const growth = new Float64Array(days);
    const stepper = new GbmStepper({
      kind: 'gbm',
      factors: 1,
      logDriftPerDay: Float64Array.of(0.1),
      dailyCholesky: Float64Array.of(4),
    });
    stepper.fillPath(new Rng(3, 9), days, growth, 0, 1);
    const z = new Float64Array(days);
    new Rng(3, 9).fillNormal(z);
    expect(Array.from(growth)).toEqual(Array.from(z, (v) => expDaily(0.1 + 4 * v)));
    expect(growth.some((g) => g > Math.exp(NEAR_RANGE))).toBe(true); // beyond the table: Math.exp
  });
});

describe('expDaily (the GBM’s daily growth multiples)', () => {
  // ulps of Math.exp(x): the spacing of doubles at that magnitude
  const ulps = (a: number, b: number) => Math.abs(a - b) / (Math.abs(b) * Number.EPSILON);

  it('is within 2 ulp of Math.exp over daily moves and beyond the table', () => {
    fc.assert(
      fc.property(fc.double({ min: -12, max: 12, noNaN: true }), (x) => {
        expect(ulps(expDaily(x), Math.exp(x))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 20_000 },
    );
    // the table's own points and the boundary of its range
    for (const x of [0, -0, 1 / 256, -1 / 512, 8, -8, 8 + 1 / 1024, -8.001, 0.25, -0.25])
      expect(ulps(expDaily(x), Math.exp(x))).toBeLessThanOrEqual(2);
  });

  it('expNear (no range test) is expDaily bit for bit within its range', () => {
    fc.assert(
      fc.property(fc.double({ min: -NEAR_RANGE, max: NEAR_RANGE, noNaN: true }), (x) => {
        expect(expNear(x)).toBe(expDaily(x));
      }),
      { numRuns: 20_000 },
    );
    for (const x of [0, -0, NEAR_RANGE, -NEAR_RANGE, 1 / 512, -1 / 512])
      expect(expNear(x)).toBe(expDaily(x));
  });

  it('passes the edge values through Math.exp', () => {
    expect(expDaily(Number.NaN)).toBeNaN();
    expect(expDaily(Infinity)).toBe(Infinity);
    expect(expDaily(-Infinity)).toBe(0);
    expect(expDaily(800)).toBe(Infinity);
    expect(expDaily(0)).toBe(1);
  });
});

describe('arrival-time draws of the Poisson overlays', () => {
  it('crash counts per day are Poisson(rate) and independent of the day (P(0), mean, P(2+))', () => {
    // 36.5 crashes a year: 0.1 a day; a crash halves the factor, so −log2(growth) is the day's count
    const crash = new CrashApplier({ crashesPerYear: 36.5, size: -0.5, hits: Uint8Array.of(1) });
    const days = 20;
    const n = 20_000;
    const rng = new Rng(11, 0);
    const growth = new Float64Array(days);
    const zeroByDay = new Array<number>(days).fill(0);
    let total = 0;
    let twoOrMore = 0;
    for (let i = 0; i < n; i++) {
      growth.fill(1);
      crash.applyToPath(rng, days, growth, 0, 1);
      for (let d = 0; d < days; d++) {
        const count = Math.round(-Math.log2(growth[d]!));
        total += count;
        if (count === 0) zeroByDay[d]!++;
        if (count >= 2) twoOrMore++;
      }
    }
    const lambda = 0.1;
    const cells = n * days;
    expect(Math.abs(total / cells - lambda)).toBeLessThan(4 * Math.sqrt(lambda / cells));
    const p2 = 1 - Math.exp(-lambda) * (1 + lambda);
    expect(Math.abs(twoOrMore / cells - p2)).toBeLessThan(4 * Math.sqrt((p2 * (1 - p2)) / cells));
    const p0 = Math.exp(-lambda);
    for (const zeros of zeroByDay)
      expect(Math.abs(zeros / n - p0)).toBeLessThan(4.5 * Math.sqrt((p0 * (1 - p0)) / n));
  });
});

describe('percentilesBySelection (fan chart columns, bucketed)', () => {
  const sortedPercentiles = (values: number[], levels: number[]) => {
    const sorted = Float64Array.from(values).sort();
    return levels.map((p) => percentileSorted(sorted, p));
  };
  const levelsArb = fc
    .array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 9 })
    .map((ls) => [...ls].sort((a, b) => a - b));

  it('equals percentileSorted on a sorted copy, bit for bit (ties, −0, wide ranges)', () => {
    const valueArb = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -3, max: 3 }), // ties
      fc.constantFrom(0, -0),
    );
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 300 }), levelsArb, (v, levels) => {
        expect(percentilesBySelection(Float64Array.from(v), levels)).toEqual(
          sortedPercentiles(v, levels),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('falls back to a sort with infinities and NaN, with the same answers', () => {
    const values = [3, Infinity, -1, NaN, -Infinity, 2, 2, 0];
    const levels = [0, 10, 50, 80, 100];
    expect(percentilesBySelection(Float64Array.from(values), levels)).toEqual(
      sortedPercentiles(values, levels),
    );
  });

  it('handles a column of equal values (every path on day 0) and an empty one', () => {
    expect(percentilesBySelection(new Float64Array(1000).fill(29_992.2), [5, 50, 95])).toEqual([
      29_992.2, 29_992.2, 29_992.2,
    ]);
    expect(percentilesBySelection(new Float64Array(0), [5, 95])).toEqual([NaN, NaN]);
  });
});

describe('pathBlocks (work split)', () => {
  it('covers every path once, in order, in lane-group multiples shrinking towards the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 250_000 }), fc.integer({ min: 1, max: 8 }), (p, t) => {
        const blocks = pathBlocks(p, t);
        let next = 0;
        for (const [i, b] of blocks.entries()) {
          expect(b.firstPath).toBe(next);
          expect(b.count).toBeGreaterThan(0);
          if (i < blocks.length - 1) {
            expect(b.count % LANES).toBe(0);
            expect(blocks[i + 1]!.count).toBeLessThanOrEqual(b.count);
          }
          next += b.count;
        }
        expect(next).toBe(p);
      }),
      { numRuns: 300 },
    );
  });

  it('10,000 paths on 2 threads: about 8 blocks per thread, the last lane groups alone', () => {
    // largest block ⌈10,000 / 16 / 256⌉ × 256 = 768; a quarter of what is left once below 4 × 768
    expect(pathBlocks(10_000, 2).map((b) => b.count)).toEqual([
      768, 768, 768, 768, 768, 768, 768, 768, 768, 768, 768, 512, 512, 256, 256, 16,
    ]);
  });
});

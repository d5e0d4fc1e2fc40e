import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src-main/risk/rng';
import {
  histogram,
  percentileSorted,
  percentileSortedMapped,
  percentilesBySelection,
  sortedCopy,
  tailRiskSorted,
} from '../../src-main/risk/statistics';

describe('percentiles (type 7, numpy default)', () => {
  const oneToHundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  it('interpolate between order statistics', () => {
    // numpy.percentile(np.arange(1, 101), [1, 5, 50, 95, 99]) = [1.99, 5.95, 50.5, 95.05, 99.01]
    expect(percentileSorted(oneToHundred, 1)).toBeCloseTo(1.99, 12);
    expect(percentileSorted(oneToHundred, 5)).toBeCloseTo(5.95, 12);
    expect(percentileSorted(oneToHundred, 50)).toBeCloseTo(50.5, 12);
    expect(percentileSorted(oneToHundred, 95)).toBeCloseTo(95.05, 12);
    expect(percentileSorted(oneToHundred, 99)).toBeCloseTo(99.01, 12);
    expect(percentileSorted(oneToHundred, 0)).toBe(1);
    expect(percentileSorted(oneToHundred, 100)).toBe(100);
  });
});

describe('percentiles by selection (fan chart columns)', () => {
  it('equal the sorted type-7 percentiles, ties included', () => {
    const rng = new Rng(5, 5);
    for (const n of [1, 2, 7, 1000, 4097]) {
      // rounded normals: many ties
      const values = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 4));
      const sorted = Float64Array.from(values).sort();
      const levels = [5, 25, 50, 75, 95];
      expect(percentilesBySelection(Float64Array.from(values), levels)).toEqual(
        levels.map((p) => percentileSorted(sorted, p)),
      );
    }
  });
});

describe('percentiles by selection on Float32 rows (the fan chart reads the shared output)', () => {
  it('equal the sorted percentiles of the same Float32 values and leave the input as it was', () => {
    const rng = new Rng(9, 1);
    const levels = [0, 5, 25, 50, 75, 95, 100];
    for (const n of [1, 3, 999, 10_000]) {
      // lognormal equities with a few wiped-out paths (ties at 0) and one far outlier
      const values = Float32Array.from({ length: n }, (_, i) =>
        i % 97 === 3 ? 0 : i === 5 ? 1e7 : 30_000 * Math.exp(0.7 * rng.normal()),
      );
      const before = Float32Array.from(values);
      const sorted = Float64Array.from(values).sort();
      expect(percentilesBySelection(values, levels)).toEqual(
        levels.map((p) => percentileSorted(sorted, p)),
      );
      expect(values).toEqual(before);
    }
  });

  it('equal the sorted percentiles with NaN, ±Infinity, −0 and outliers beyond the sampled range', () => {
    const valueArb = fc.oneof(
      { arbitrary: fc.double({ min: 100, max: 200, noNaN: true }), weight: 20 },
      { arbitrary: fc.integer({ min: 150, max: 152 }), weight: 5 }, // ties
      { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e30, -1e30), weight: 1 },
    );
    const levelsArb = fc
      .array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 7 })
      .map((ls) => [...ls, 0, 100].sort((a, b) => a - b));
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 17, maxLength: 3000 }),
        levelsArb,
        (v, levels) => {
          const sorted = Float64Array.from(v).sort();
          const want = levels.map((p) => percentileSorted(sorted, p));
          expect(percentilesBySelection(Float64Array.from(v), levels)).toEqual(want);
          const f32 = Float32Array.from(v);
          const sorted32 = Float64Array.from(f32).sort();
          expect(percentilesBySelection(f32, levels)).toEqual(
            levels.map((p) => percentileSorted(sorted32, p)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('give the sorted answers on all-equal and all-infinite columns (no debt: min HF = ∞)', () => {
    const levels = [5, 50, 95];
    for (const fill of [Infinity, -Infinity, 7.25, -0]) {
      const values = new Float64Array(50).fill(fill);
      const sorted = Float64Array.from(values).sort();
      expect(percentilesBySelection(values, levels)).toEqual(
        levels.map((p) => percentileSorted(sorted, p)),
      );
    }
  });
});

describe('percentiles of a monotone map of a sorted sample', () => {
  it('equal the percentiles of the mapped sample, computed from two order statistics', () => {
    const sorted = Float64Array.from({ length: 101 }, (_, i) => i * 0.37);
    const f = (x: number) => (x > 3 ? Math.sqrt(x) : -1);
    const mapped = sorted.map(f);
    for (const p of [0, 1, 5, 33.3, 50, 99, 100])
      expect(percentileSortedMapped(sorted, p, f)).toBe(percentileSorted(mapped, p));
    expect(percentileSortedMapped(new Float64Array(0), 50, f)).toBeNaN();
  });
});

describe('sortedCopy (bucket sort of large samples)', () => {
  const nativeSorted = (values: number[]) => Float64Array.from(values).sort();

  const sameAsNative = (v: number[]) => {
    const mine = sortedCopy(v);
    const native = nativeSorted(v);
    expect(mine.length).toBe(native.length);
    for (let i = 0; i < v.length; i++) expect(Object.is(mine[i], native[i])).toBe(true);
  };
  const finiteArb = fc.oneof(
    { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }), weight: 4 },
    { arbitrary: fc.double({ min: 1000, max: 1001, noNaN: true }), weight: 4 }, // a dense cluster
    { arbitrary: fc.integer({ min: -3, max: 3 }), weight: 4 }, // ties
    { arbitrary: fc.constantFrom(1e200, -1e200, 5e-324), weight: 1 }, // outliers
  );

  it('equals the typed-array sort element for element on finite samples (ties, outliers)', () => {
    const noNegativeZero = finiteArb.filter((x) => !Object.is(x, -0));
    fc.assert(
      fc.property(fc.array(noNegativeZero, { minLength: 250, maxLength: 1200 }), sameAsNative),
      { numRuns: 200 },
    );
  });

  it('and with −0, NaN and ±Infinity among them', () => {
    const valueArb = fc.oneof(
      { arbitrary: finiteArb, weight: 30 },
      { arbitrary: fc.constantFrom(0, -0, NaN, Infinity, -Infinity), weight: 1 },
    );
    fc.assert(fc.property(fc.array(valueArb, { minLength: 250, maxLength: 1200 }), sameAsNative), {
      numRuns: 100,
    });
  });

  it('sorts finite samples through the buckets and leaves the input alone', () => {
    const rng = new Rng(3, 4);
    const values = Float64Array.from({ length: 5000 }, (_, i) =>
      i % 50 === 0 ? 0 : 30_000 * Math.exp(0.7 * rng.normal()),
    );
    const before = Float64Array.from(values);
    expect(Array.from(sortedCopy(values))).toEqual(Array.from(nativeSorted(Array.from(values))));
    expect(values).toEqual(before);
  });
});

describe('VaR and CVaR on losses', () => {
  it('uniform 1..100 at 95%: VaR is the 95th loss, CVaR the mean of the worst five', () => {
    const losses = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    const t = tailRiskSorted(losses, 0.95);
    expect(t.valueAtRisk).toBe(95);
    expect(t.expectedShortfall).toBeCloseTo((96 + 97 + 98 + 99 + 100) / 5, 12);
  });

  it('weights the boundary loss when n(1−α) is not whole (Acerbi–Tasche)', () => {
    // 1..10 at 85%: ES = (1/0.15)·(0.05·9 + 0.10·10) = 9.6667 (quantile 9 on (0.8, 0.9], 10 above)
    const losses = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const t = tailRiskSorted(losses, 0.85);
    expect(t.valueAtRisk).toBe(9);
    expect(t.expectedShortfall).toBeCloseTo((0.05 * 9 + 0.1 * 10) / 0.15, 12);
  });

  it('exponential losses: VaR = −ln(1−α), CVaR = VaR + 1 (memoryless)', () => {
    const n = 200_000;
    const losses = Float64Array.from({ length: n }, (_, i) => -Math.log(1 - (i + 0.5) / n));
    for (const alpha of [0.95, 0.99]) {
      const t = tailRiskSorted(losses, alpha);
      expect(t.valueAtRisk).toBeCloseTo(-Math.log(1 - alpha), 3);
      expect(t.expectedShortfall).toBeCloseTo(-Math.log(1 - alpha) + 1, 2);
    }
  });
});

describe('histogram', () => {
  it('counts equal-width bins with the last bin closed, outliers apart', () => {
    const h = histogram([0, 0.5, 1, 1.5, 2, -1, 3], 2, 0, 2);
    expect(h.edges).toEqual([0, 1, 2]);
    expect(h.counts).toEqual([2, 3]);
    expect(h.underflow).toBe(1);
    expect(h.overflow).toBe(1);
  });
});

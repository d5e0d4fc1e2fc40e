import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANES } from '../../src-main/risk/run-block';
import { pathBlocks } from '../../src-main/risk/monte-carlo';
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

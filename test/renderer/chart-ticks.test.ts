import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logTicks } from '../../src-renderer/src/lib/chart';

/** The impermanent-loss chart's price axis (0.3× to 3× the current price, logarithmic). */
describe('logTicks', () => {
  it('puts round prices on an ETH axis from 0.3× to 3× of $3,030', () => {
    // 909 … 9,090: chart.js's own log ticks were 909, 1,000, 2,000, …, 9,000, 9,090 — the first
    // two labels ("$909", "$1K") ran into each other.
    expect(logTicks(909, 9090)).toEqual([1000, 2000, 3000, 5000]);
  });

  it('thins a wide axis to the most asked for, spread over it', () => {
    const ticks = logTicks(500, 2_000_000, 5);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks[0]).toBeLessThan(5000);
    expect(ticks.at(-1)).toBeGreaterThan(200_000);
  });

  it('gives nothing for an empty or non-positive range', () => {
    expect(logTicks(0, 10)).toEqual([]);
    expect(logTicks(10, 10)).toEqual([]);
  });

  it('ticks are round (1, 2, 3 or 5 × 10ⁿ), inside the axis, increasing and at most `most`', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e7, noNaN: true }),
        fc.double({ min: 1.01, max: 1000, noNaN: true }),
        fc.integer({ min: 2, max: 8 }),
        (min, ratio, most) => {
          const max = min * ratio;
          const ticks = logTicks(min, max, most);
          expect(ticks.length).toBeLessThanOrEqual(most);
          for (let i = 0; i < ticks.length; i++) {
            const t = ticks[i]!;
            expect(t).toBeGreaterThanOrEqual(min);
            expect(t).toBeLessThanOrEqual(max);
            if (i > 0) expect(t).toBeGreaterThan(ticks[i - 1]!);
            const mantissa = Number((t / 10 ** Math.floor(Math.log10(t) + 1e-9)).toPrecision(6));
            expect([1, 2, 3, 5]).toContain(mantissa);
          }
          // a range of a factor 10 or more always holds a round price
          if (ratio >= 10) expect(ticks.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

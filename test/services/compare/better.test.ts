import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bestIndices,
  describeDifferences,
  formatGap,
  formatValue,
  type Cell,
} from '../../../src-main/services/compare/better';

describe('bestIndices', () => {
  it('marks the highest or the lowest value by the row direction', () => {
    expect(bestIndices([0.05, 0.031], 'higher')).toEqual([0]);
    expect(bestIndices([0.05, 0.031], 'lower')).toEqual([1]);
    expect(bestIndices([2.5, 1.3, 1.8, 3], 'lower')).toEqual([1]);
  });

  it('marks every value tied for best, and none when all are the same', () => {
    expect(bestIndices([3, 1, 3], 'higher')).toEqual([0, 2]);
    expect(bestIndices([1.2, 1.2], 'higher')).toEqual([]);
    // Float64 noise of a sum is not a difference.
    expect(bestIndices([0.1 + 0.2, 0.3], 'higher')).toEqual([]);
  });

  it('marks nothing for a context row or with fewer than two comparable values', () => {
    expect(bestIndices([100, 200], null)).toEqual([]);
    expect(bestIndices([0.04, null], 'higher')).toEqual([]);
    expect(bestIndices([null, null, 0.1], 'lower')).toEqual([]);
  });

  it('ranks an unbounded value (a health factor without debt) beyond every number', () => {
    expect(bestIndices([1.38, 'unbounded'], 'higher')).toEqual([1]);
    expect(bestIndices(['unbounded', 'unbounded'], 'higher')).toEqual([]);
    expect(bestIndices(['unbounded', 2, null], 'higher')).toEqual([0]);
  });

  it('property: the marked values are the extreme of the comparable ones, whatever the order', () => {
    const cell = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constant(null),
      fc.constant<Cell>('unbounded'),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 2, maxLength: 4 }), fc.boolean(), (cells, higher) => {
        const direction = higher ? 'higher' : 'lower';
        const best = bestIndices(cells, direction);
        const rank = (c: Cell) =>
          c === 'unbounded' ? (higher ? Infinity : -Infinity) : (c as number);
        const comparable = cells.filter((c) => c !== null).map(rank);
        for (const i of best) {
          expect(cells[i]).not.toBeNull();
          for (const v of comparable) {
            if (higher) expect(rank(cells[i]!)).toBeGreaterThanOrEqual(v - 1e-3);
            else expect(rank(cells[i]!)).toBeLessThanOrEqual(v + 1e-3);
          }
        }
        // Something is marked exactly when two comparable values differ beyond the noise.
        const spread =
          comparable.length < 2 ? 0 : Math.max(...comparable) - Math.min(...comparable);
        if (comparable.length >= 2 && spread > 1e-3 * Math.max(1, ...comparable.map(Math.abs))) {
          expect(best.length).toBeGreaterThan(0);
          expect(best.length).toBeLessThan(comparable.length);
        }
        // Reversing the order marks the same values.
        const reversed = bestIndices([...cells].reverse(), direction).map(
          (i) => cells.length - 1 - i,
        );
        expect(reversed.sort()).toEqual([...best].sort());
      }),
    );
  });
});

describe('describeDifferences', () => {
  const labels = ['Loop', 'Farm', 'Hedge'];

  it('states each gap from the better value, in percentage points for fractions', () => {
    expect(
      describeDifferences({ unit: 'percent', direction: 'higher' }, [0.0512, 0.034], labels),
    ).toBe('Loop is better: Farm is 1.72 pp lower.');
    expect(describeDifferences({ unit: 'usd', direction: 'lower' }, [45, 0, 12.4], labels)).toBe(
      'Farm is better: Loop is $45 higher, Hedge is $12 higher.',
    );
  });

  it('names ties for best together and says when all are the same', () => {
    expect(describeDifferences({ unit: 'count', direction: 'lower' }, [0, 0, 3], labels)).toBe(
      'Loop and Farm are better: Hedge is 3 higher.',
    );
    expect(describeDifferences({ unit: 'ratio', direction: 'higher' }, [2, 2], labels)).toBe(
      'Same for all',
    );
  });

  it('says an unbounded best value in words and leaves missing values out', () => {
    expect(
      describeDifferences(
        { unit: 'ratio', direction: 'higher', unboundedText: 'no debt' },
        [1.38, 'unbounded', null],
        labels,
      ),
    ).toBe('Farm is better: Loop has 1.38 against no debt.');
    expect(describeDifferences({ unit: 'ratio', direction: 'higher' }, [1.1, null], labels)).toBe(
      null,
    );
    expect(describeDifferences({ unit: 'usd', direction: null }, [1, 2], labels)).toBe(null);
  });
});

describe('formatting', () => {
  it('writes fractions as percentages and gaps as percentage points', () => {
    expect(formatValue(0.05123, 'percent')).toBe('5.12%');
    // a real minus sign (U+2212), as everywhere else in the app
    expect(formatValue(-1234.5, 'usd')).toBe('\u2212$1,235');
    expect(formatValue(-0.2829, 'percent')).toBe('\u221228.29%');
    expect(formatValue(null, 'ratio')).toBe('—');
    expect(formatGap(-0.0172, 'percent')).toBe('1.72 pp');
    expect(formatGap(3, 'count')).toBe('3');
  });
});

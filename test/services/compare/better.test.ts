import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestIndices, differenceOf, type Cell } from '../../../src-main/services/compare/better';

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

describe('differenceOf', () => {
  it('gives each other value its distance from the better one, as a number', () => {
    const d = differenceOf([0.0512, 0.034], 'higher');
    expect(d?.kind).toBe('gaps');
    if (d?.kind !== 'gaps') return;
    expect(d.gaps.map((g) => g.index)).toEqual([1]);
    expect(d.gaps[0]!.gap).toBeCloseTo(0.0172, 15);
    expect(differenceOf([45, 0, 12.4], 'lower')).toEqual({
      kind: 'gaps',
      gaps: [
        { index: 0, gap: 45 },
        { index: 2, gap: 12.4 },
      ],
    });
  });

  it('leaves ties for best out of the gaps and says when all are the same', () => {
    expect(differenceOf([0, 0, 3], 'lower')).toEqual({
      kind: 'gaps',
      gaps: [{ index: 2, gap: 3 }],
    });
    expect(differenceOf([2, 2], 'higher')).toEqual({ kind: 'same' });
  });

  it('has no gap against an unbounded better value and leaves missing values out', () => {
    expect(differenceOf([1.38, 'unbounded', null], 'higher')).toEqual({
      kind: 'gaps',
      gaps: [{ index: 0, gap: null }],
    });
    expect(differenceOf([1.1, null], 'higher')).toBe(null);
    expect(differenceOf([1, 2], null)).toBe(null);
  });

  it('property: gaps are non-negative and exactly the comparable values not marked best', () => {
    const cell = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 2, maxLength: 4 }), fc.boolean(), (cells, higher) => {
        const direction = higher ? 'higher' : 'lower';
        const d = differenceOf(cells, direction);
        const comparable = cells.flatMap((c, i) => (c === null ? [] : [i]));
        if (comparable.length < 2) {
          expect(d).toBe(null);
          return;
        }
        const best = bestIndices(cells, direction);
        if (best.length === 0) {
          expect(d).toEqual({ kind: 'same' });
          return;
        }
        if (d?.kind !== 'gaps') throw new Error('expected gaps');
        expect(d.gaps.map((g) => g.index)).toEqual(comparable.filter((i) => !best.includes(i)));
        for (const g of d.gaps) {
          expect(g.gap).not.toBeNull();
          expect(g.gap!).toBeGreaterThanOrEqual(0);
          expect(g.gap!).toBeCloseTo(
            Math.abs((cells[g.index] as number) - (cells[best[0]!] as number)),
            6,
          );
        }
      }),
    );
  });
});

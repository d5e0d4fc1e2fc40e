/**
 * Which value of a comparison row is the better one, and how far each other value is from it.
 * Pure, and numbers only: the compare view and `yieldplan compare` write what this says in their
 * own formats, so both agree on what is better and by how much.
 */

import type { CompareDifference, Direction } from '../../contract/compare';

export type { Direction };

/**
 * One value of a row: a number, `unbounded` (beyond every number in the better direction: a health
 * factor without debt is infinite) or null (nothing to compare: a skipped scenario, a failed run).
 */
export type Cell = number | 'unbounded' | null;

/** Relative tolerance below which two values are the same (rounding noise of Float64 sums). */
const SAME = 1e-9;

function same(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The value used for ranking: unbounded ranks beyond every number; missing drops out. */
function rankValue(cell: Cell, direction: 'higher' | 'lower'): number | null {
  if (cell === 'unbounded') return direction === 'higher' ? Infinity : -Infinity;
  return cell;
}

/**
 * Indices of the best values (all of them when tied for best). Empty when the row has no direction,
 * when fewer than two values can be compared, or when every comparable value is the same.
 */
export function bestIndices(cells: readonly Cell[], direction: Direction): number[] {
  if (direction === null) return [];
  const ranked = cells.map((c) => rankValue(c, direction));
  const comparable = ranked.filter((v): v is number => v !== null);
  if (comparable.length < 2) return [];
  const best = direction === 'higher' ? Math.max(...comparable) : Math.min(...comparable);
  if (comparable.every((v) => same(v, best))) return [];
  return ranked.flatMap((v, i) => (v !== null && same(v, best) ? [i] : []));
}

/**
 * How far each other comparable value is from the better one ("Farm is 1.72 pp lower"): `same`
 * when every comparable value is the same; null when there is nothing to say (no direction, fewer
 * than two comparable values). Against an unbounded better value the gap is null.
 */
export function differenceOf(
  cells: readonly Cell[],
  direction: Direction,
): CompareDifference | null {
  if (direction === null) return null;
  const ranked = cells.map((c) => rankValue(c, direction));
  if (ranked.filter((v) => v !== null).length < 2) return null;
  const best = bestIndices(cells, direction);
  if (best.length === 0) return { kind: 'same' };
  const bestValue = ranked[best[0]!]!;
  const gaps = ranked.flatMap((v, index) => {
    if (v === null || best.includes(index)) return [];
    return [{ index, gap: Number.isFinite(bestValue) ? Math.abs(v - bestValue) : null }];
  });
  return { kind: 'gaps', gaps };
}

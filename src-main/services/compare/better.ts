/**
 * Which value of a comparison row is the better one, and the differences in words. Pure; the
 * compare view and `yieldplan compare` show what this says, so both agree.
 */

import type { Direction, Unit } from '../../contract/compare';

export type { Direction, Unit };

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

/** en-US digits with a real minus sign (U+2212), as the app writes every negative number. */
const plain = (v: number, digits: number) =>
  v
    .toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .replace('-', '\u2212');

/** A value as shown in a comparison cell. */
export function formatValue(value: number | null, unit: Unit, nullText = '—'): string {
  if (value === null) return nullText;
  switch (unit) {
    case 'percent':
      return `${plain(value * 100, 2)}%`;
    case 'usd':
      return `${value < 0 ? '\u2212' : ''}$${plain(Math.abs(value), 0)}`;
    case 'ratio':
      return plain(value, 2);
    case 'count':
      return plain(value, 0);
  }
}

/** The size of a difference: percentage points for fractions, dollars, plain numbers. */
export function formatGap(gap: number, unit: Unit): string {
  const size = Math.abs(gap);
  switch (unit) {
    case 'percent':
      return `${plain(size * 100, 2)} pp`;
    case 'usd':
      return `$${plain(size, 0)}`;
    case 'ratio':
      return plain(size, 2);
    case 'count':
      return plain(size, 0);
  }
}

export interface RowSpec {
  unit: Unit;
  direction: Direction;
  /** Words for an unbounded value ("no debt"). */
  unboundedText?: string;
}

/**
 * The differences of a row in one sentence, from the best value's side: "Loop is better: Farm is
 * 3.10 pp lower." Ties for best are named together; values that cannot be compared are left out.
 * Null when there is nothing to say (no direction, fewer than two comparable values); "Same for
 * all" when every comparable value is the same.
 */
export function describeDifferences(
  spec: RowSpec,
  cells: readonly Cell[],
  labels: readonly string[],
): string | null {
  const direction = spec.direction;
  if (direction === null) return null;
  const ranked = cells.map((c) => rankValue(c, direction));
  if (ranked.filter((v) => v !== null).length < 2) return null;
  const best = bestIndices(cells, direction);
  if (best.length === 0) return 'Same for all';
  const bestValue = ranked[best[0]!]!;
  const bestNames = best.map((i) => labels[i]!).join(' and ');
  const word = direction === 'higher' ? 'lower' : 'higher';
  const unbounded = spec.unboundedText ?? 'unbounded';
  const others = ranked.flatMap((v, i) => {
    if (v === null || best.includes(i)) return [];
    if (!Number.isFinite(bestValue)) {
      return [`${labels[i]} has ${formatValue(v, spec.unit)} against ${unbounded}`];
    }
    return [`${labels[i]} is ${formatGap(v - bestValue, spec.unit)} ${word}`];
  });
  return `${bestNames} ${best.length > 1 ? 'are' : 'is'} better: ${others.join(', ')}.`;
}

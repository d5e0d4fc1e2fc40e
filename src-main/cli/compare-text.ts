import type { CompareRow, Unit } from '../contract/compare';

/**
 * `yieldplan compare`'s words for a comparison row, in the plain en-US text of the other CLI
 * commands (the app's compare view writes the same row with the renderer's formats).
 */

/** en-US digits with a real minus sign (U+2212), as the app writes every negative number. */
const plain = (v: number, digits: number) =>
  v
    .toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .replace('-', '\u2212');

/** A value in its row's unit. */
export function valueText(value: number, unit: Unit): string {
  switch (unit) {
    case 'percent':
      return `${plain(value * 100, 2)}%`;
    case 'usd':
      return `${value < 0 ? '\u2212' : ''}$${plain(Math.abs(value), 0)}`;
    case 'leverage':
      return `${plain(value, 2)}×`;
    case 'healthFactor':
      return plain(value, 3);
    case 'ratio':
      return plain(value, 2);
    case 'count':
      return plain(value, 0);
  }
}

/** The size of a difference: percentage points for fractions, dollars, plain numbers. */
export function gapText(gap: number, unit: Unit): string {
  const size = Math.abs(gap);
  return unit === 'percent' ? `${plain(size * 100, 2)} pp` : valueText(size, unit);
}

/** The cell of strategy `i`: its value, or why there is none. */
export function cellText(row: CompareRow, i: number): string {
  const value = row.values[i] ?? null;
  const note = row.notes[i] ?? null;
  if (value !== null)
    return `${valueText(value, row.unit)}${note === 'liquidated' ? ' (liquidated)' : ''}`;
  if (note === 'unbounded') return row.unboundedText ?? 'unbounded';
  if (note === 'skipped') return 'skipped';
  return '—';
}

/**
 * The differences in one sentence, from the better value's side: "Loop is better: Farm is 3.10 pp
 * lower." Ties for best are named together; null when there is nothing to say.
 */
export function differenceText(row: CompareRow, labels: readonly string[]): string | null {
  const d = row.difference;
  if (d === null) return null;
  if (d.kind === 'same') return 'Same for all';
  const names = row.best.map((i) => labels[i]!).join(' and ');
  const word = row.direction === 'higher' ? 'lower' : 'higher';
  const others = d.gaps.map(({ index, gap }) =>
    gap === null
      ? `${labels[index]} has ${cellText(row, index)} against ${row.unboundedText ?? 'unbounded'}`
      : `${labels[index]} is ${gapText(gap, row.unit)} ${word}`,
  );
  return `${names} ${row.best.length > 1 ? 'are' : 'is'} better: ${others.join(', ')}.`;
}

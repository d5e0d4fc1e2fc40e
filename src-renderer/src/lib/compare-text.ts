/**
 * The compare view's words for a comparison row. Main sends numbers with their kind
 * (`CompareRow`); they are written here with the formats of the rest of the app (lib/format.ts:
 * the user's locale, "2.50×", a health factor to 3 decimals, a percentage capped from 10,000 %
 * with its exact value kept).
 */
import type { CompareRow, Unit } from '../../../src-main/contract/index';
import { DASH, formatLocale, formatsFor, joinShown, type Formats, type Shown } from './format';

const plain = (text: string): Shown => ({ text, exact: text });

/** A value in its row's kind, as the other views write that kind. */
export function valueShown(value: number, unit: Unit, f: Formats = active()): Shown {
  switch (unit) {
    case 'percent':
      return f.percentShown(value);
    case 'usd':
      return plain(f.usd(value));
    case 'leverage':
      return plain(f.leverage(value));
    case 'healthFactor':
      return plain(f.healthFactor(value));
    case 'ratio':
      return plain(f.ratio(value));
    case 'count':
      return plain(f.integer(value));
  }
}

/** The size of a difference: percentage points for fractions ("1.72 pp"), else the row's kind. */
export function gapShown(gap: number, unit: Unit, f: Formats = active()): Shown {
  const size = Math.abs(gap);
  return unit === 'percent' ? plain(`${f.ratio(size * 100, 2)} pp`) : valueShown(size, unit, f);
}

/** The cell of strategy `i`: its value, or why there is none ("no debt", "skipped", "—"). */
export function cellShown(row: CompareRow, i: number, f: Formats = active()): Shown {
  const value = row.values[i] ?? null;
  const note = row.notes[i] ?? null;
  if (value !== null) {
    const shown = valueShown(value, row.unit, f);
    return note === 'liquidated' ? joinShown(shown, ' (liquidated)') : shown;
  }
  if (note === 'unbounded') return plain(row.unboundedText ?? '∞');
  if (note === 'skipped') return plain('skipped');
  return plain(DASH);
}

/**
 * The differences of a row in one sentence, from the better value's side: "Loop is better: Farm
 * is 1.72 pp lower." Ties for best are named together; "Same for all"; null when there is nothing
 * to say.
 */
export function differenceShown(
  row: CompareRow,
  labels: readonly string[],
  f: Formats = active(),
): Shown | null {
  const d = row.difference;
  if (d === null) return null;
  if (d.kind === 'same') return plain('Same for all');
  const names = row.best.map((i) => labels[i] ?? '').join(' and ');
  const word = row.direction === 'higher' ? 'lower' : 'higher';
  const parts: (string | Shown)[] = [`${names} ${row.best.length > 1 ? 'are' : 'is'} better: `];
  d.gaps.forEach(({ index, gap }, n) => {
    if (n > 0) parts.push(', ');
    if (gap === null) {
      parts.push(
        `${labels[index]} has `,
        cellShown(row, index, f),
        ` against ${row.unboundedText}`,
      );
    } else {
      parts.push(`${labels[index]} is `, gapShown(gap, row.unit, f), ` ${word}`);
    }
  });
  parts.push('.');
  return joinShown(...parts);
}

function active(): Formats {
  return formatsFor(formatLocale());
}

import { describe, expect, it } from 'vitest';
import { cellText, differenceText, gapText, valueText } from '../../src-main/cli/compare-text';
import type { CompareRow } from '../../src-main/contract/compare';

/** `yieldplan compare` writes the rows' numbers in the CLI's plain en-US text. */
const row = (over: Partial<CompareRow>): CompareRow => ({
  id: 'x',
  label: 'X',
  unit: 'ratio',
  direction: 'higher',
  values: [],
  notes: [],
  unboundedText: null,
  best: [],
  difference: null,
  ...over,
});

describe('compare text (CLI)', () => {
  it('writes fractions as percentages and gaps as percentage points', () => {
    expect(valueText(0.05123, 'percent')).toBe('5.12%');
    // a real minus sign (U+2212), as everywhere else in the app
    expect(valueText(-1234.5, 'usd')).toBe('\u2212$1,235');
    expect(valueText(-0.2829, 'percent')).toBe('\u221228.29%');
    expect(valueText(2.5, 'leverage')).toBe('2.50×');
    expect(valueText(1.38333, 'healthFactor')).toBe('1.383');
    expect(gapText(-0.0172, 'percent')).toBe('1.72 pp');
    expect(gapText(3, 'count')).toBe('3');
  });

  it('says why a cell is empty and states the differences', () => {
    const r = row({
      unit: 'healthFactor',
      values: [1.38, null, null],
      notes: [null, 'unbounded', 'skipped'],
      unboundedText: 'no debt',
      best: [1],
      difference: { kind: 'gaps', gaps: [{ index: 0, gap: null }] },
    });
    expect([0, 1, 2].map((i) => cellText(r, i))).toEqual(['1.380', 'no debt', 'skipped']);
    expect(differenceText(r, ['Loop', 'Farm', 'Hedge'])).toBe(
      'Farm is better: Loop has 1.380 against no debt.',
    );
    const lev = row({
      unit: 'leverage',
      direction: 'lower',
      values: [2.5, 1.3],
      best: [1],
      difference: { kind: 'gaps', gaps: [{ index: 0, gap: 1.2 }] },
    });
    expect(differenceText(lev, ['Loop', 'Farm'])).toBe('Farm is better: Loop is 1.20× higher.');
  });
});

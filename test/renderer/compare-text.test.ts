import { describe, expect, it } from 'vitest';
import type { CompareRow } from '../../src-main/contract/index';
import { cellShown, differenceShown } from '../../src-renderer/src/lib/compare-text';
import { formatsFor } from '../../src-renderer/src/lib/format';

/** The compare view writes main's numbers with the app's own formats, in the user's locale. */
const en = formatsFor('en-US');
const de = formatsFor('de-DE');
const NBSP = '\u00a0';
const labels = ['Loop', 'Farm', 'Hedge'];

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
const text = (r: CompareRow, f = en) => r.values.map((_, i) => cellShown(r, i, f).text);

describe('compare cells', () => {
  it('writes each kind as the rest of the app does', () => {
    expect(text(row({ unit: 'leverage', values: [2.5, 1.3] }))).toEqual(['2.50×', '1.30×']);
    expect(text(row({ unit: 'healthFactor', values: [1.3833333, 1.8666] }))).toEqual([
      '1.383',
      '1.867',
    ]);
    expect(text(row({ unit: 'usd', values: [29955.078, -1234.5] }))).toEqual([
      '$29,955.08',
      '−$1,234.50',
    ]);
    expect(text(row({ unit: 'percent', values: [0.05123, -0.2829] }))).toEqual([
      '5.12%',
      '−28.29%',
    ]);
    expect(text(row({ unit: 'count', values: [1234] }))).toEqual(['1,234']);
  });

  it("uses the user's locale: separators and where the unit goes", () => {
    expect(text(row({ unit: 'usd', values: [29955.078] }), de)).toEqual([`29.955,08${NBSP}$`]);
    expect(text(row({ unit: 'percent', values: [0.05123] }), de)).toEqual([`5,12${NBSP}%`]);
    expect(text(row({ unit: 'leverage', values: [2.5] }), de)).toEqual(['2,50×']);
  });

  it('says why a cell has no number, and that a scenario liquidated', () => {
    const r = row({
      unit: 'percent',
      values: [null, null, null, -1],
      notes: ['unbounded', 'skipped', 'unavailable', 'liquidated'],
      unboundedText: 'no debt',
    });
    expect(text(r)).toEqual(['no debt', 'skipped', '—', '−100.0% (liquidated)']);
  });

  it('keeps the exact value of a capped percentage for the hover and screen readers', () => {
    const shown = cellShown(row({ unit: 'percent', values: [2148.01] }), 0, en);
    expect(shown).toEqual({ text: '>9,999%', exact: '214,801%' });
  });
});

describe('compare differences', () => {
  it('states each gap from the better value, in percentage points for fractions', () => {
    const r = row({
      unit: 'percent',
      values: [0.0512, 0.034],
      best: [0],
      difference: { kind: 'gaps', gaps: [{ index: 1, gap: 0.0172 }] },
    });
    expect(differenceShown(r, labels, en)?.text).toBe('Loop is better: Farm is 1.72 pp lower.');
    expect(differenceShown(r, labels, de)?.text).toBe('Loop is better: Farm is 1,72 pp lower.');
    const usd = row({
      unit: 'usd',
      direction: 'lower',
      values: [45, 0, 12.4],
      best: [1],
      difference: {
        kind: 'gaps',
        gaps: [
          { index: 0, gap: 45 },
          { index: 2, gap: 12.4 },
        ],
      },
    });
    expect(differenceShown(usd, labels, en)?.text).toBe(
      'Farm is better: Loop is $45.00 higher, Hedge is $12.40 higher.',
    );
    const leverage = row({
      unit: 'leverage',
      direction: 'lower',
      values: [2.5, 1.3],
      best: [1],
      difference: { kind: 'gaps', gaps: [{ index: 0, gap: 1.2 }] },
    });
    expect(differenceShown(leverage, labels, en)?.text).toBe(
      'Farm is better: Loop is 1.20× higher.',
    );
  });

  it('names ties together, says "Same for all", and states a value against an unbounded one', () => {
    const tie = row({
      unit: 'count',
      direction: 'lower',
      values: [0, 0, 3],
      best: [0, 1],
      difference: { kind: 'gaps', gaps: [{ index: 2, gap: 3 }] },
    });
    expect(differenceShown(tie, labels, en)?.text).toBe(
      'Loop and Farm are better: Hedge is 3 higher.',
    );
    expect(differenceShown(row({ difference: { kind: 'same' } }), labels, en)?.text).toBe(
      'Same for all',
    );
    const hf = row({
      unit: 'healthFactor',
      values: [1.38, null, null],
      notes: [null, 'unbounded', 'unavailable'],
      unboundedText: 'no debt',
      best: [1],
      difference: { kind: 'gaps', gaps: [{ index: 0, gap: null }] },
    });
    expect(differenceShown(hf, labels, en)?.text).toBe(
      'Farm is better: Loop has 1.380 against no debt.',
    );
    expect(differenceShown(row({}), labels, en)).toBe(null);
  });
});

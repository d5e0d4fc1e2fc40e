import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonWindow, CoverageBuilder, coverageOf } from '../../src-main/market-data/coverage';

/** unix seconds at a UTC time, computed with Date (independently of the code under test). */
const at = (iso: string, time = '00:00:00') => Date.parse(`${iso}T${time}Z`) / 1000;

describe('coverage of a series', () => {
  it('is empty for no readings', () => {
    expect(coverageOf([])).toEqual({
      firstDay: null,
      lastDay: null,
      coveredDays: 0,
      readings: 0,
      gaps: [],
      gapCount: 0,
      missingDays: 0,
    });
  });

  it('has no gap for consecutive days, including over a month and a leap day', () => {
    const days = ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02'];
    const c = coverageOf(days.map((d) => at(d)));
    expect(c).toMatchObject({ firstDay: '2024-02-27', lastDay: '2024-03-02', coveredDays: 5 });
    expect(c.gaps).toEqual([]);
    expect(c.missingDays).toBe(0);
  });

  it('lists each hole with its first and last missing day and its length', () => {
    // Jan 1, 2 | Jan 3 missing | Jan 4 | Jan 5–9 missing (5 days) | Jan 10 | Jan 11–Feb 1 missing (22 days) | Feb 2
    const days = ['2023-01-01', '2023-01-02', '2023-01-04', '2023-01-10', '2023-02-02'];
    const c = coverageOf(days.map((d) => at(d)));
    expect(c.gaps).toEqual([
      { from: '2023-01-03', to: '2023-01-03', days: 1 },
      { from: '2023-01-05', to: '2023-01-09', days: 5 },
      { from: '2023-01-11', to: '2023-02-01', days: 22 },
    ]);
    expect(c.gapCount).toBe(3);
    expect(c.missingDays).toBe(28);
    // Jan 1 .. Feb 2 is 33 days: 5 covered + 28 missing.
    expect(c.coveredDays + c.missingDays).toBe(33);
  });

  it('counts several intraday readings as one covered day', () => {
    const ts = [
      at('2024-05-01', '00:00:00'),
      at('2024-05-01', '00:01:00'),
      at('2024-05-01', '23:59:59'),
      at('2024-05-03', '12:00:00'),
    ];
    const c = coverageOf(ts);
    expect(c).toMatchObject({ coveredDays: 2, readings: 4, firstDay: '2024-05-01' });
    expect(c.gaps).toEqual([{ from: '2024-05-02', to: '2024-05-02', days: 1 }]);
  });

  it('lists at most the cap of gaps and still counts them all', () => {
    // Every other day for 11 days: 10 one-day gaps.
    const ts = Array.from({ length: 11 }, (_, i) => at('2022-01-01') + i * 2 * 86_400);
    const c = coverageOf(ts, 3);
    expect(c.gaps).toHaveLength(3);
    expect(c.gaps[0]).toEqual({ from: '2022-01-02', to: '2022-01-02', days: 1 });
    expect(c.gapCount).toBe(10);
    expect(c.missingDays).toBe(10);
  });

  it('refuses timestamps out of order (the stores read in key order)', () => {
    const b = new CoverageBuilder();
    b.add(at('2024-01-02'));
    expect(() => b.add(at('2024-01-01'))).toThrow(/out of order/);
  });

  it('property: covered plus missing days fill the span; gaps sit between covered days', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 80 }),
        (offsets) => {
          const sorted = [...offsets].sort((a, b) => a - b);
          const base = at('2021-06-01');
          const c = coverageOf(sorted.map((d) => base + d * 86_400 + 3600));
          const span = sorted.at(-1)! - sorted[0]! + 1;
          expect(c.coveredDays).toBe(sorted.length);
          expect(c.coveredDays + c.missingDays).toBe(span);
          expect(c.gaps.reduce((s, g) => s + g.days, 0)).toBe(c.missingDays);
          const covered = new Set(sorted);
          for (const g of c.gaps) {
            const from = (at(g.from) - base) / 86_400;
            const to = (at(g.to) - base) / 86_400;
            expect(to - from + 1).toBe(g.days);
            expect(covered.has(from - 1) && covered.has(to + 1)).toBe(true);
            for (let d = from; d <= to; d++) expect(covered.has(d)).toBe(false);
          }
        },
      ),
    );
  });
});

describe('common window of several series', () => {
  it('is the latest start to the earliest end', () => {
    expect(
      commonWindow([
        { from: '2015-08-07', to: '2025-11-19' },
        { from: '2021-10-07', to: '2025-11-19' },
        { from: '2021-01-01', to: '2023-08-29' },
      ]),
    ).toEqual({ from: '2021-10-07', to: '2023-08-29' });
  });

  it('is one day when the series touch on one day', () => {
    expect(
      commonWindow([
        { from: '2020-01-01', to: '2020-06-30' },
        { from: '2020-06-30', to: '2021-01-01' },
      ]),
    ).toEqual({ from: '2020-06-30', to: '2020-06-30' });
  });

  it('is null when they share no day, or when there is no series', () => {
    expect(
      commonWindow([
        { from: '2020-01-01', to: '2020-06-29' },
        { from: '2020-06-30', to: '2021-01-01' },
      ]),
    ).toBeNull();
    expect(commonWindow([])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatHealthFactor,
  formatLeverage,
  formatPercent,
  formatUnits,
  formatUsd,
  formatUsdCompact,
  humanize,
  isoDayFromUnix,
  shiftIsoDay,
} from '../../src-renderer/src/lib/format';

// Inputs are the engine's decimal strings for resources/examples/eth-leveraged-long.json
// (`yieldplan evaluate … --json`): equity, HF = 0.83 / 0.6, net APR, leverage.
describe('display formatting of engine figures', () => {
  it('formats USD with cents, a real minus sign, and a dash for null', () => {
    expect(formatUsd('29955.07861523163326196951896012941592465')).toBe('$29,955.08');
    expect(formatUsd('-2396.451154555272896332729984076070117474')).toBe('−$2,396.45');
    expect(formatUsd('0.9715')).toBe('$0.9715');
    expect(formatUsd(null)).toBe('—');
    expect(formatUsdCompact(61441.50901671285, 1)).toBe('$61.4K');
  });

  it('formats fractions as percents and never shows a signed zero', () => {
    expect(formatPercent('-0.04913661413035160976821856710167360479694')).toBe('−4.91%');
    expect(formatPercent('0.0308648836', { signed: true })).toBe('+3.09%');
    expect(formatPercent(-0.00001, { digits: 1 })).toBe('0.0%');
    expect(formatPercent(7.4056406763573746)).toBe('740.56%');
    expect(formatPercent(12.3456)).toBe('1235%');
  });

  it('shows "no debt" health factors as ∞ and ratios with fixed decimals', () => {
    expect(formatHealthFactor('1.383333333333333333333333333333333333333')).toBe('1.383');
    expect(formatHealthFactor(null)).toBe('∞');
    expect(formatLeverage('7.999999999999999999999999999999999999975')).toBe('8.00×');
    expect(formatUnits('24.96932108876930587068212668311960154798')).toBe('24.9693');
    expect(humanize('harvestSwapFees')).toBe('Harvest swap fees');
  });

  it('shifts UTC days across a leap day', () => {
    // 2024 is a leap year: 365 days before 2025-11-19 is 2024-11-19.
    expect(shiftIsoDay('2025-11-19', -365)).toBe('2024-11-19');
    expect(shiftIsoDay('2024-03-01', -1)).toBe('2024-02-29');
    // 1763510400 = the last bundled ETH close (resources/data/prices/ETH-USD.csv).
    expect(isoDayFromUnix(1763510400)).toBe('2025-11-19');
  });
});

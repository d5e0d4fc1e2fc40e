import { describe, expect, it } from 'vitest';
import {
  formatHealthFactor,
  formatIsoDay,
  formatLeverage,
  formatPercent,
  formatPercentPrint,
  formatsFor,
  formatUnits,
  formatUsd,
  formatUsdCompact,
  formatWhen,
  humanize,
  isIsoDay,
  isoDayFromUnix,
  joinShown,
  percentShown,
  printShown,
  setFormatLocale,
  shiftIsoDay,
} from '../../src-renderer/src/lib/format';
import {
  breakdownLabel,
  exposedPositionLabel,
  issueLabel,
  liquidationKeyLabel,
} from '../../src-renderer/src/lib/labels';

// Intl's own spacing: fr-FR groups with U+202F (narrow no-break space) and puts U+00A0 before
// the currency and the percent sign; de-DE puts U+00A0 before "$" and "%".
const NNBSP = '\u202f';
const NBSP = '\u00a0';
const MINUS = '\u2212';

/**
 * The precision rules of src-renderer/src/lib/format.ts, locale by locale. Inputs are the engine's
 * decimal strings for resources/examples/eth-leveraged-long.json (`yieldplan evaluate … --json`:
 * equity 29,955.08, HF 0.83 / 0.6 = 1.38333…, leverage 2.5) and round numbers around each
 * magnitude threshold of a rule.
 */
const CASES = {
  'en-US': {
    usd: ['$29,955.08', `${MINUS}$2,396.45`, '$0.50', '$1,234,568'],
    compact: ['$37.0K', '$15.4K', '$288K', `${MINUS}$1.23M`],
    price: ['$0.5000', '$0.9715', '$2,168.67'],
    units: ['44,932.61', '24.9693', '0.001235', '3'],
    percent: ['4.91%', `${MINUS}4.91%`, '+438.4%', '+1,409%', '0.0%', '60.00%'],
    huge: ['+9,999%', '>+9,999%', '+176,931%', '>9,999%', `<${MINUS}9,999%`],
    ticks: ['$910', '$2K', '$2.5K', '$91K', '$1.23M', `${MINUS}$1.5K`, '$0'],
    ratios: ['2.50×', '5.13×', '1.383', '∞'],
  },
  'de-DE': {
    usd: [`29.955,08${NBSP}$`, `${MINUS}2.396,45${NBSP}$`, `0,50${NBSP}$`, `1.234.568${NBSP}$`],
    // German has no short form for thousands: the compact notation starts at "Mio."
    compact: [
      `37.000${NBSP}$`,
      `15.400${NBSP}$`,
      `288.000${NBSP}$`,
      `${MINUS}1,23${NBSP}Mio.${NBSP}$`,
    ],
    price: [`0,5000${NBSP}$`, `0,9715${NBSP}$`, `2.168,67${NBSP}$`],
    units: ['44.932,61', '24,9693', '0,001235', '3'],
    percent: [
      `4,91${NBSP}%`,
      `${MINUS}4,91${NBSP}%`,
      `+438,4${NBSP}%`,
      `+1.409${NBSP}%`,
      `0,0${NBSP}%`,
      `60,00${NBSP}%`,
    ],
    huge: [
      `+9.999${NBSP}%`,
      `>+9.999${NBSP}%`,
      `+176.931${NBSP}%`,
      `>9.999${NBSP}%`,
      `<${MINUS}9.999${NBSP}%`,
    ],
    // German compact notation has no thousands, and leaves 4-digit numbers ungrouped
    ticks: [
      `910${NBSP}$`,
      `2000${NBSP}$`,
      `2500${NBSP}$`,
      `91.000${NBSP}$`,
      `1,23${NBSP}Mio.${NBSP}$`,
      `${MINUS}1500${NBSP}$`,
      `0${NBSP}$`,
    ],
    ratios: ['2,50×', '5,13×', '1,383', '∞'],
  },
  'fr-FR': {
    usd: [
      `29${NNBSP}955,08${NBSP}$US`,
      `${MINUS}2${NNBSP}396,45${NBSP}$US`,
      `0,50${NBSP}$US`,
      `1${NNBSP}234${NNBSP}568${NBSP}$US`,
    ],
    compact: [
      `37,0${NBSP}k${NBSP}$US`,
      `15,4${NBSP}k${NBSP}$US`,
      `288${NBSP}k${NBSP}$US`,
      `${MINUS}1,23${NBSP}M${NBSP}$US`,
    ],
    price: [`0,5000${NBSP}$US`, `0,9715${NBSP}$US`, `2${NNBSP}168,67${NBSP}$US`],
    units: [`44${NNBSP}932,61`, '24,9693', '0,001235', '3'],
    percent: [
      `4,91${NBSP}%`,
      `${MINUS}4,91${NBSP}%`,
      `+438,4${NBSP}%`,
      `+1${NNBSP}409${NBSP}%`,
      `0,0${NBSP}%`,
      `60,00${NBSP}%`,
    ],
    huge: [
      `+9${NNBSP}999${NBSP}%`,
      `>+9${NNBSP}999${NBSP}%`,
      `+176${NNBSP}931${NBSP}%`,
      `>9${NNBSP}999${NBSP}%`,
      `<${MINUS}9${NNBSP}999${NBSP}%`,
    ],
    ticks: [
      `910${NBSP}$US`,
      `2${NBSP}k${NBSP}$US`,
      `2,5${NBSP}k${NBSP}$US`,
      `91${NBSP}k${NBSP}$US`,
      `1,23${NBSP}M${NBSP}$US`,
      `${MINUS}1,5${NBSP}k${NBSP}$US`,
      `0${NBSP}$US`,
    ],
    ratios: ['2,50×', '5,13×', '1,383', '∞'],
  },
} as const;

describe.each(Object.entries(CASES))('precision rules in %s', (locale, expected) => {
  const f = formatsFor(locale);

  it('USD amounts: cents, whole dollars from $1M, a real minus sign', () => {
    expect([
      f.usd('29955.07861523163326196951896012941592465'),
      f.usd('-2396.451154555272896332729984076070117474'),
      f.usd(0.5),
      f.usd(1234567.89),
    ]).toEqual(expected.usd);
  });

  it('compact USD: three significant digits', () => {
    expect([
      f.usdCompact(37000),
      f.usdCompact(15350),
      f.usdCompact(288182.4),
      f.usdCompact(-1234567),
    ]).toEqual(expected.compact);
  });

  it('unit prices: four significant digits under $1, cents above', () => {
    expect([f.price(0.5), f.price('0.97154'), f.price(2168.6746)]).toEqual(expected.price);
  });

  it('token amounts by magnitude', () => {
    expect([
      f.units(44932.6123),
      f.units('24.96932108876930587068212668311960154798'),
      f.units(0.00123456),
      f.units(3),
    ]).toEqual(expected.units);
  });

  it('percentages: 2 decimals under 100 %, 1 under 1,000 %, whole above; no signed zero', () => {
    expect([
      f.percent('0.04913661413035160976821856710167360479694'),
      f.percent(-0.0491),
      f.percent(4.384, { signed: true }),
      f.percent(14.09, { signed: true }),
      f.percent(-0.00001, { digits: 1 }),
      f.percent(0.6),
    ]).toEqual(expected.percent);
  });

  it('percentages from 10,000 % read as off the scale; the exact value stays available', () => {
    expect([
      f.percent(99.994, { signed: true }), // 9,999.4 % rounds to 9,999 %: still shown
      f.percent(1769.3124, { signed: true }), // a 12-day backtest's annualized return
      f.percentExact(1769.3124, { signed: true }),
      f.percent(100),
      f.percent(-250),
    ]).toEqual(expected.huge);
  });

  it('a capped percent is shown capped and kept exact; an uncapped one is the same twice', () => {
    expect(f.percentShown(1769.3124, { signed: true })).toEqual({
      text: expected.huge[1],
      exact: expected.huge[2],
    });
    expect(f.percentShown(0.0491)).toEqual({
      text: expected.percent[0],
      exact: expected.percent[0],
    });
  });

  it('chart ticks: compact, at most 3 significant digits, no padding zeros', () => {
    expect([910, 2000, 2500, 91_000, 1_234_567, -1500, 0].map((v) => f.usdTick(v))).toEqual(
      expected.ticks,
    );
  });

  it('leverage to 2 decimals with ×, health factor to 3, no debt as ∞', () => {
    expect([
      f.leverage('2.5'),
      f.leverage('5.128205128205128'),
      f.healthFactor('1.383333333333333333333333333333333333333'),
      f.healthFactor(null),
    ]).toEqual(expected.ratios);
  });

  it('null is an em dash in every format', () => {
    for (const text of [f.usd(null), f.price(undefined), f.units(''), f.percent(null)])
      expect(text).toBe('—');
  });
});

describe('the active locale', () => {
  it('formats with the locale set, en-US by default in Node', () => {
    setFormatLocale('en-US');
    expect(formatUsd('29955.078')).toBe('$29,955.08');
    expect(formatUsdCompact(61441.5)).toBe('$61.4K');
    expect(formatPercent('0.0308648836', { signed: true })).toBe('+3.09%');
    expect(formatLeverage('7.999999999999999999999999999999999999975')).toBe('8.00×');
    expect(formatHealthFactor('1.383333')).toBe('1.383');
    expect(formatUnits('24.96932108876930587068212668311960154798')).toBe('24.9693');
    setFormatLocale('de-DE');
    expect(formatUsd('29955.078')).toBe(`29.955,08${NBSP}$`);
    setFormatLocale('en-US');
  });
});

describe('chart ticks on a grid', () => {
  it('say as many digits as tell a tick from its neighbour', () => {
    const f = formatsFor('en-US');
    // an equity fan between $100K and $102K on a $500 grid: never "$101K" twice
    expect([100_000, 100_500, 101_000, 101_500].map((v) => f.usdTick(v, 500))).toEqual([
      '$100K',
      '$100.5K',
      '$101K',
      '$101.5K',
    ]);
    expect([1000, 2000, 3000].map((v) => f.usdTick(v, 1000))).toEqual(['$1K', '$2K', '$3K']);
    expect(f.usdTick(0, 1000)).toBe('$0');
    // a peg ratio on a 0.05 grid, a health factor on a 0.5 grid
    expect([0.9, 0.95, 1].map((v) => f.ratioTick(v, 0.05))).toEqual(['0.90', '0.95', '1.00']);
    expect([1, 1.5, 2].map((v) => f.ratioTick(v, 0.5))).toEqual(['1.0', '1.5', '2.0']);
  });
});

describe('shown figures', () => {
  it('joins text around capped figures, keeping the exact text of each part', () => {
    setFormatLocale('en-US');
    const hold = joinShown('hold ', percentShown(250, { signed: true }), ' a year');
    expect(hold).toEqual({ text: 'hold >+9,999% a year', exact: 'hold +25,000% a year' });
    expect(joinShown('hold ', percentShown(0.1))).toEqual({
      text: 'hold 10.00%',
      exact: 'hold 10.00%',
    });
  });
});

describe('figures in print', () => {
  it('a capped percent prints its exact value beside the cap, on one line; others print as shown', () => {
    setFormatLocale('en-US');
    expect(formatPercentPrint(214_801.23, { signed: true })).toBe(`>+9,999%${NBSP}(+21,480,123%)`);
    expect(formatPercentPrint(-250)).toBe(`<−9,999%${NBSP}(−25,000%)`);
    expect(formatPercentPrint(0.0491)).toBe('4.91%');
    expect(formatPercentPrint(null)).toBe('—');
    expect(printShown(percentShown(250))).toBe(`>9,999%${NBSP}(25,000%)`);
    setFormatLocale('de-DE');
    expect(formatPercentPrint(250)).toBe(`>9.999${NBSP}%${NBSP}(25.000${NBSP}%)`);
    setFormatLocale('en-US');
  });
});

describe('days', () => {
  it('writes days as ISO 8601 in every locale and checks typed days', () => {
    expect(formatIsoDay(Date.UTC(2021, 4, 19, 23, 59))).toBe('2021-05-19');
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('19/05/2021')).toBe(false);
    // older than a week: the ISO day, not a locale date
    expect(formatWhen('2021-05-19T10:00:00Z', Date.parse('2021-06-19T10:00:00Z'))).toBe(
      '2021-05-19',
    );
    expect(formatWhen('2021-05-19T10:00:00Z', Date.parse('2021-05-19T10:05:00Z'))).toBe(
      '5 minutes ago',
    );
  });

  it('shifts UTC days across a leap day', () => {
    // 2024 is a leap year: 365 days before 2025-11-19 is 2024-11-19.
    expect(shiftIsoDay('2025-11-19', -365)).toBe('2024-11-19');
    expect(shiftIsoDay('2024-03-01', -1)).toBe('2024-02-29');
    // 1763510400 = the last bundled ETH close (resources/data/prices/ETH-USD.csv).
    expect(isoDayFromUnix(1763510400)).toBe('2025-11-19');
  });
});

describe('labels', () => {
  it('never shows a raw key: components, codes, perp keys and protocol positions', () => {
    expect(breakdownLabel('lpFees')).toBe('LP fees');
    expect(breakdownLabel('someNewKey')).toBe('Some new key');
    expect(issueLabel('NEGATIVE_CARRY')).toBe('Negative carry');
    expect(issueLabel('A_NEW_CODE')).toBe('A new code');
    expect(
      liquidationKeyLabel('perp:hedge', [{ stepId: 'hedge', asset: 'BTC', side: 'short' }]),
    ).toBe('Short BTC perp');
    expect(liquidationKeyLabel('perp:hedge')).toBe('Perp (step hedge)');
    expect(liquidationKeyLabel('ETH')).toBe('ETH');
    expect(
      exposedPositionLabel('lending:aave-v3-ethereum', 'supplied in aave-v3-ethereum', {
        'aave-v3-ethereum': 'Aave v3 (Ethereum)',
      }),
    ).toBe('Supplied in Aave v3 (Ethereum)');
    // a perp's or a stake's step by its label, when the document has it
    expect(
      exposedPositionLabel('perp:short-btc', 'perp', {}, { 'short-btc': 'Perp short BTC' }),
    ).toBe('Margin of “Perp short BTC”');
    expect(exposedPositionLabel('stake:st', 'stake', {}, {})).toBe('Staked (step st)');
    expect(humanize('harvestSwapFees')).toBe('Harvest swap fees');
  });
});

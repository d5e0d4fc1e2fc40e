import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src-main/engine/decimal';
import { evaluate } from '../../src-main/engine/evaluate';
import { FIXED_PLACES, fixedToString } from '../../src-main/engine/returns/fixed-point';
import { borrowUsdc, D, expectClose, lendingMarket, strategy, supplyAll } from './helpers';

/** USDC staked for USDC rewards at 10 %, harvested weekly at 0.3 % swap fee and restaked. */
function weeklyFarm(capitalUsd: string, gasUsd: string) {
  const input = strategy({
    capital: [{ asset: 'USDC', amount: capitalUsd }],
    horizonDays: 365,
    steps: [
      {
        id: 'stake',
        type: 'stake',
        market: 'farm',
        asset: 'USDC',
        amount: 'all',
        rewardAsset: 'USDC',
        rewardApr: '0.1',
      },
      {
        id: 'harvest',
        type: 'harvest',
        frequencyDays: '7',
        gasUsd,
        sellInto: 'USDC',
        swapFeeRate: '0.003',
        reinvestInto: 'stake',
      },
    ],
  });
  input.markets = [
    lendingMarket({ USDC: { ltv: '0.75', lt: '0.78' } }),
    { id: 'farm', kind: 'farm', protocol: 'convex', chain: 'ethereum' },
  ];
  return input;
}

/**
 * Independent day-by-day simulation of weeklyFarm: every 7th day the pending rewards on
 * (stake + reinvested) are sold at 0.3 % and restaked minus gas — only when that nets more than
 * 0 (the backtest's rule; otherwise they stay pending); between harvests rewards accrue simply.
 */
function simulateWeeklyFarm(capitalUsd: number, gasUsd: number) {
  const S = D(capitalUsd);
  const rate = D('0.1').div(365);
  let R = D(0);
  let lastHarvest = 0;
  const harvestDays: number[] = [];
  const equity: Decimal[] = [S];
  for (let day = 1; day <= 365; day++) {
    if (day % 7 === 0) {
      const net = S.plus(R)
        .times(rate)
        .times(day - lastHarvest)
        .times('0.997')
        .minus(gasUsd);
      if (net.greaterThan(0)) {
        R = R.plus(net);
        lastHarvest = day;
        harvestDays.push(day);
      }
    }
    equity.push(
      S.plus(R).plus(
        S.plus(R)
          .times(rate)
          .times(day - lastHarvest),
      ),
    );
  }
  return { equity, harvestDays };
}

describe('projection and APY', () => {
  it('lending accrues per second by default: (1 + apr/31,536,000)^(86,400·d), as Aave v3 does', () => {
    const r = evaluate(strategy({ horizonDays: 400, steps: [supplyAll()] }));
    // 10 WETH · 2000 supplied at 2 %; Aave's MathUtils.calculateCompoundedInterest compounds per second
    const perSecond = D(1).plus(D('0.02').div(31_536_000));
    for (const day of [1, 30, 365, 400]) {
      expectClose(
        r.projection[day]?.equityUsd,
        D(20000).times(perSecond.pow(86_400 * day)),
        '1e-9',
      ); // strings carry 6 decimals
    }
    expectClose(r.netApy, perSecond.pow(31_536_000).minus(1), '1e-20');
    expect(r.netApr).toBe('0.02');
  });

  it('a market set to daily accrual grows as (1 + apr/365)^d', () => {
    const input = strategy({ horizonDays: 400, steps: [supplyAll()] });
    (input.markets[0] as { compounding?: string }).compounding = 'daily';
    const r = evaluate(input);
    const growth = D(1).plus(D('0.02').div(365));
    for (const day of [1, 30, 365, 400]) {
      expectClose(r.projection[day]?.equityUsd, D(20000).times(growth.pow(day)), '1e-9');
    }
    expectClose(r.netApy, growth.pow(365).minus(1), '1e-20');
  });

  it('daily vs per-second: the gap stays under 1e-7 a day only up to about 16.3 % APR', () => {
    // relative gap after one day: ((1 + r/S)^86400 − (1 + r/365)) / (1 + r/365) ≈ (r/365)²/2
    const gap = (r: string) => {
      const perSecond = D(1).plus(D(r).div(31_536_000)).pow(86_400);
      const daily = D(1).plus(D(r).div(365));
      return perSecond.minus(daily).div(daily);
    };
    expect(gap('0.163').lessThan('1e-7')).toBe(true);
    expect(gap('0.164').greaterThan('1e-7')).toBe(true);
    expect(gap('0.2').greaterThan('1.5e-7')).toBe(true); // the old docs' "under 1e-7 up to 20 %" was wrong
  });

  it('borrow interest compounds against equity; APR is the simple sum of components', () => {
    const r = evaluate(
      strategy({
        steps: [supplyAll(), borrowUsdc('10000')],
      }),
    );
    // supply 20000·2% = 400, borrow 10000·5% = −500 on equity 20000 (the borrowed USDC stays in the wallet, earning nothing)
    expect(r.breakdown?.supplyInterest.usdPerYear).toBe('400');
    expect(r.breakdown?.borrowInterest.usdPerYear).toBe('-500');
    expect(r.netApr).toBe('-0.005');
    const year = (apr: string) => D(1).plus(D(apr).div(31_536_000)).pow(31_536_000);
    const equity = D(20000)
      .times(year('0.02'))
      .minus(D(10000).times(year('0.05')))
      .plus(10000);
    expectClose(r.netApy, equity.div(20000).minus(1), '1e-20');
    expect(r.warnings.map((w) => w.code)).toContain('NEGATIVE_CARRY');
  });

  it('harvest compounding matches an independent day-by-day simulation', () => {
    const r = evaluate(weeklyFarm('100000', '5'));
    expect(r.errors).toEqual([]);
    const { equity, harvestDays } = simulateWeeklyFarm(100000, 5);
    expect(harvestDays).toHaveLength(52); // every week's rewards pay the 5 USD gas
    for (let day = 1; day <= 365; day++) {
      expectClose(r.projection[day]?.equityUsd, equity[day]!, '1e-10');
    }
    // One harvest convention: netApr counts the 52 whole harvests the projection makes, each paying
    // 5 USD of gas and selling 7 days of rewards at 0.3 % (day 365's last day stays pending).
    // Weekly compounding beats that simple APR net of gas and fees.
    const simple = D('0.1')
      .minus(
        D('0.1')
          .times('0.003')
          .times(D(52 * 7).div(365)),
      )
      .minus(D(5 * 52).div(100000));
    expectClose(r.netApr, simple, '1e-30');
    expect(new Decimal(r.netApy ?? '0').greaterThan(simple)).toBe(true);
  });

  it('defers a harvest whose rewards would not pay its gas, as the backtest and the Monte Carlo do', () => {
    // 10,000 USDC staked at 10 %, weekly harvest, 0.3 % swap fee, 30 USD gas. A week's rewards sell
    // for 10,000·0.1·7/365·0.997 = 19.12 USD < 30: the day-7 harvest is skipped (rewards stay
    // pending); on day 14 two weeks' worth sell for 38.24 − 30 = 8.24 > 0 and are restaked.
    const r = evaluate(weeklyFarm('10000', '30'));
    expect(r.errors).toEqual([]);
    const { equity, harvestDays } = simulateWeeklyFarm(10000, 30);
    for (let day = 1; day <= 365; day++) {
      expectClose(r.projection[day]?.equityUsd, equity[day]!, '1e-10');
    }
    expect(harvestDays.slice(0, 3)).toEqual([14, 28, 42]);
    // day 13 (before the first harvest): 13 days of pending rewards, nothing lost to gas (6-decimal strings)
    expectClose(
      r.projection[13]?.equityUsd,
      D(10000).plus(D(10000).times(D('0.1').div(365)).times(13)),
      '1e-10',
    );
  });
});

describe('fixed-point daily figures', () => {
  it('property: fixedToString is the value truncated toward zero to its places, no "-0"', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }),
        fc.constantFrom(0, 1, 6, 27),
        (value, places) => {
          // The constructor keeps every digit (no rounding to the 40-digit precision).
          const truncated = new Decimal(`${value}e-${FIXED_PLACES}`).toDecimalPlaces(
            places,
            Decimal.ROUND_DOWN,
          );
          const expected = truncated.isZero()
            ? truncated.abs().toFixed(places)
            : truncated.toFixed(places);
          expect(fixedToString(value, places)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
    expect(fixedToString(-1n, 6)).toBe('0.000000');
    expect(fixedToString(-(10n ** 21n), 6)).toBe('-0.000001');
    expect(fixedToString(123n * 10n ** 27n, 0)).toBe('123');
  });
});

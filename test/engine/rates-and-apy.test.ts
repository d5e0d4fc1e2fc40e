import { describe, expect, it } from 'vitest';
import { lendingRates } from '../../src-main/engine/lending/rates';
import { aprToApy, aprToApyContinuous, apyToApr } from '../../src-main/engine/returns/apy';
import { D, expectClose } from './helpers';

const curve = {
  type: 'curve' as const,
  baseRate: '0',
  slope1: '0.04',
  slope2: '0.6',
  optimalUtilization: '0.9',
  reserveFactor: '0.1',
  totalSupply: '1000',
  totalBorrow: '450',
};

describe('lendingRates (Aave v3 DefaultReserveInterestRateStrategy, two slopes)', () => {
  it('returns fixed rates as given', () => {
    const r = lendingRates({
      rates: { type: 'fixed', supplyApr: '0.02', borrowApr: '0.03' },
      userSupply: D(5),
      userBorrow: D(5),
    });
    expect([r.supplyApr.toFixed(), r.borrowApr.toFixed(), r.utilization]).toEqual([
      '0.02',
      '0.03',
      null,
    ]);
  });

  it('below the kink: borrow = base + slope1·U/U*, supply = borrow·U·(1−RF)', () => {
    // U = 450/1000 = 0.45 ⇒ borrow = 0.04·0.45/0.9 = 0.02; supply = 0.02·0.45·0.9 = 0.0081
    const r = lendingRates({ rates: curve, userSupply: D(0), userBorrow: D(0) });
    expect(r.utilization?.toFixed()).toBe('0.45');
    expect(r.borrowApr.toFixed()).toBe('0.02');
    expect(r.supplyApr.toFixed()).toBe('0.0081');
  });

  it("moves utilization with the user's own supply and borrow", () => {
    // User borrows 500 more: U = 950/1000 = 0.95 > 0.9 ⇒ borrow = 0.04 + 0.6·(0.05/0.1) = 0.34
    const above = lendingRates({ rates: curve, userSupply: D(0), userBorrow: D(500) });
    expect(above.utilization?.toFixed()).toBe('0.95');
    expect(above.borrowApr.toFixed()).toBe('0.34');
    // User supplies 500: U = 450/1500 = 0.3 ⇒ borrow = 0.04·0.3/0.9
    const diluted = lendingRates({ rates: curve, userSupply: D(500), userBorrow: D(0) });
    expectClose(diluted.borrowApr, D('0.04').times('0.3').div('0.9'));
  });

  it('caps utilization at 1 and flags borrowing beyond the liquidity', () => {
    const r = lendingRates({ rates: curve, userSupply: D(0), userBorrow: D(600) });
    expect(r.exceedsLiquidity).toBe(true);
    expect(r.utilization?.toFixed()).toBe('1');
    expect(r.borrowApr.toFixed()).toBe('0.64'); // base + slope1 + slope2
  });
});

describe('APR ↔ APY', () => {
  it('compounds n times a year: (1 + apr/n)^n − 1', () => {
    // 10% monthly: (1 + 0.1/12)^12 − 1, computed independently with Python's decimal module at 50 digits
    expectClose(
      aprToApy({ apr: D('0.1'), periodsPerYear: D(12) }),
      '0.1047130674412972415905726352975261372205',
      '1e-35',
    );
    // Daily 5%: (1 + 0.05/365)^365 − 1 (same independent computation)
    expectClose(
      aprToApy({ apr: D('0.05'), periodsPerYear: D(365) }),
      '0.05126749646746255045496814977379546102',
      '1e-35',
    );
    expect(aprToApy({ apr: D('0.1'), periodsPerYear: D(1) }).toFixed()).toBe('0.1');
  });

  it('continuous compounding is the limit e^apr − 1 and the inverse round-trips', () => {
    expectClose(aprToApyContinuous({ apr: D('0.1') }), D('0.1').exp().minus(1));
    const weekly = D(365).div(7);
    const apy = aprToApy({ apr: D('0.08'), periodsPerYear: weekly });
    expectClose(apyToApr({ apy, periodsPerYear: weekly }), '0.08', '1e-30');
    expect(apy.greaterThan('0.08')).toBe(true);
    expect(apy.lessThan(aprToApyContinuous({ apr: D('0.08') }))).toBe(true);
  });
});

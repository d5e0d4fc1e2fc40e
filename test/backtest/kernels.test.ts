import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFloat } from '../../src-main/backtest/fast-number';
import { floatHealth, healthSums } from '../../src-main/backtest/health-kernel';
import { lpAmountsFloat, lpFloatParams } from '../../src-main/backtest/lp-float';
import { LazyDecimals } from '../../src-main/backtest/pricing';
import type { AccountReplay } from '../../src-main/backtest/replay-state';
import { lpAmounts } from '../../src-main/engine/amm/lp-value';
import { Decimal } from '../../src-main/engine/decimal';
import type { LendingMarket, Pool } from '../../src-main/engine/format/schema';
import { accountHealth } from '../../src-main/engine/lending/account-health';
import type { LpPosition } from '../../src-main/engine/position';

/** The replay's fast paths must agree with the engine functions they stand in for. */

const positive = fc.double({ min: 1e-6, max: 1e9, noNaN: true, noDefaultInfinity: true });

describe('toFloat', () => {
  it('matches toNumber() within 2 ulps on 40-digit Decimals', () => {
    fc.assert(
      fc.property(positive, positive, fc.boolean(), (a, b, negative) => {
        const x = new Decimal(a).div(b).times(negative ? -1 : 1); // a full 40-digit quotient
        const exact = x.toNumber();
        expect(Math.abs(toFloat(x) - exact)).toBeLessThanOrEqual(Math.abs(exact) * 4.5e-16);
      }),
    );
    expect(toFloat(new Decimal(0))).toBe(0);
    expect(toFloat(new Decimal('1234.5'))).toBe(1234.5);
  });
});

describe('LP pool math in floats', () => {
  const position = (pool: Pool, liquidity: string): LpPosition => ({
    token: 'LP:x',
    stepId: 'x',
    marketId: 'dex',
    pool,
    entryAmounts: [new Decimal(0), new Decimal(0)],
    entryPrice: new Decimal(-1), // never equal to a test price: always the pool-math branch
    liquidity: new Decimal(liquidity),
    feeApr: new Decimal(0),
    supply: new Decimal(liquidity),
  });
  const cases: [string, LpPosition, number][] = [
    [
      'constant product',
      position({ type: 'constant-product', assets: ['ETH', 'USDC'] }, '31.6227766'),
      1e-12,
    ],
    [
      'concentrated',
      position(
        { type: 'concentrated', assets: ['ETH', 'USDC'], lower: '1500', upper: '4000' },
        '1234.5',
      ),
      1e-12,
    ],
    [
      'stableswap',
      position({ type: 'stableswap', assets: ['USDC', 'USDT'], amplification: '200' }, '2000000'),
      1e-9,
    ],
  ];
  for (const [name, lp, tolerance] of cases) {
    it(`${name}: agrees with the engine's lpAmounts`, () => {
      const range = name === 'stableswap' ? { min: 0.8, max: 1.25 } : { min: 100, max: 10_000 };
      fc.assert(
        fc.property(fc.double({ ...range, noNaN: true }), (price) => {
          const [x, y] = lpAmounts({ lp, priceOfAsset0InAsset1: new Decimal(price) });
          const [xf, yf] = lpAmountsFloat(lpFloatParams(lp), price);
          const value = x.toNumber() * price + y.toNumber();
          expect(Math.abs(xf * price + yf - value)).toBeLessThanOrEqual(value * tolerance);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('health kernel', () => {
  const market = {
    id: 'm',
    kind: 'lending',
    protocol: 'aave-v3',
    chain: 'ethereum',
    closeFactor: '0.5',
    fullLiquidationHealthFactor: '0.95',
    assets: {
      ETH: {
        ltv: '0.8',
        liquidationThreshold: '0.825',
        liquidationBonus: '0.05',
        collateralEnabled: true,
        borrowEnabled: true,
        oracle: 'market',
        rates: { type: 'fixed', supplyApr: '0', borrowApr: '0' },
      },
      WSTETH: {
        ltv: '0.7',
        liquidationThreshold: '0.8',
        liquidationBonus: '0.06',
        collateralEnabled: true,
        borrowEnabled: true,
        oracle: 'market',
        rates: { type: 'fixed', supplyApr: '0', borrowApr: '0' },
      },
      USDC: {
        ltv: '0.77',
        liquidationThreshold: '0.8',
        liquidationBonus: '0.045',
        collateralEnabled: true,
        borrowEnabled: true,
        oracle: 'market',
        rates: { type: 'fixed', supplyApr: '0', borrowApr: '0' },
      },
    },
    eMode: {
      label: 'eth',
      assets: ['ETH', 'WSTETH'],
      ltv: '0.9',
      liquidationThreshold: '0.93',
      liquidationBonus: '0.01',
    },
  } as LendingMarket;

  it('gives the engine accountHealth sums, e-mode applied, in Decimal and in floats', () => {
    fc.assert(
      fc.property(
        positive,
        positive,
        positive,
        positive,
        positive,
        fc.boolean(),
        (eth, wst, usdc, debtEth, debtUsdc, usdcCollateral) => {
          const prices = new Map([
            ['ETH', new Decimal(3000)],
            ['WSTETH', new Decimal(3300.5)],
            ['USDC', new Decimal(0.9995)],
          ]);
          const replay: AccountReplay = {
            account: {
              marketId: 'm',
              market,
              supplies: new Map([
                ['ETH', { asset: 'ETH', amount: new Decimal(eth), collateral: true }],
                ['WSTETH', { asset: 'WSTETH', amount: new Decimal(wst), collateral: true }],
                ['USDC', { asset: 'USDC', amount: new Decimal(usdc), collateral: usdcCollateral }],
              ]),
              debts: new Map([
                ['ETH', new Decimal(debtEth)],
                ['USDC', new Decimal(debtUsdc)],
              ]),
            },
            oracle: new Map(
              [...prices].map(([a, p]) => [a, new LazyDecimals(new Float64Array([p.toNumber()]))]),
            ),
            oracleToday: prices,
            oracleDay: 0,
            supplyTracks: new Map(),
            borrowTracks: new Map(),
            liquidationThresholds: new Map(),
            liquidationThresholdsFloat: new Map(),
          };
          const engine = accountHealth({ account: replay.account, prices });
          const sums = healthSums(replay);
          expect(sums.liquidationThresholdUsd.equals(engine.liquidationThresholdUsd)).toBe(true);
          expect(sums.debtUsd.equals(engine.debtUsd)).toBe(true);
          expect(sums.collateralUsd.equals(engine.collateralUsd)).toBe(true);
          const f = floatHealth(replay, 0);
          expect(
            Math.abs((f.healthFactor as number) / engine.healthFactor.toNumber() - 1),
          ).toBeLessThan(1e-14);
        },
      ),
      { numRuns: 60 },
    );
  });
});

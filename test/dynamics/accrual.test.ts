import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src-main/engine/decimal';
import { buildPosition } from '../../src-main/engine/build-position';
import { evaluate } from '../../src-main/engine/evaluate';
import { parseStrategy } from '../../src-main/engine/format/parse';
import type { StrategyInput } from '../../src-main/engine/format/schema';
import { dayGrowthAt } from '../../src-main/engine/returns/projection';
import { dayGrowth, dayGrowthOfDailyRate } from '../../src-main/dynamics/lending/accrual';
import { compilePosition } from '../../src-main/dynamics/position';
import type { PathStepper } from '../../src-main/risk/models/types';
import { PathRunner, allocateBlockOutput } from '../../src-main/risk/run-block';

/**
 * Lending legs accrue per second inside the daily kernel, as on-chain (Aave v3
 * MathUtils.calculateCompoundedInterest, Comet, Maker jug) and as the decimal engine's projection does
 * by default: one day multiplies a balance by (1 + apr/31,536,000)^86,400; a market with
 * `"compounding": "daily"` by 1 + apr/365. The engine (Decimal) is the oracle.
 */

const flatPath: PathStepper = {
  fillPath(_rng, days, growth, lane, stride) {
    for (let d = 0; d < days; d++) growth[d * stride + lane] = 1;
  },
};

function loan(supplyApr: string, borrowApr: string, days: number, compounding?: 'daily') {
  const input: StrategyInput = {
    format: 'yieldplan.strategy',
    version: 2,
    name: 'accrual',
    horizonDays: days,
    capital: [{ asset: 'ETH', amount: '10' }],
    prices: { ETH: '3000', USDC: '1' },
    markets: [
      {
        id: 'aave',
        kind: 'lending',
        protocol: 'aave-v3',
        chain: 'ethereum',
        ...(compounding ? { compounding } : {}),
        assets: {
          ETH: {
            ltv: '0.8',
            liquidationThreshold: '0.825',
            liquidationBonus: '0.05',
            rates: { type: 'fixed', supplyApr, borrowApr: '0' },
          },
          USDC: {
            ltv: '0.75',
            liquidationThreshold: '0.78',
            liquidationBonus: '0.05',
            rates: { type: 'fixed', supplyApr: '0', borrowApr },
          },
        },
      },
    ],
    steps: [
      { id: 's', type: 'supply', market: 'aave', asset: 'ETH', amount: 'all' },
      {
        id: 'b',
        type: 'borrow',
        market: 'aave',
        asset: 'USDC',
        amount: { mode: 'amount', value: '12000' },
      },
    ],
  };
  const parsed = parseStrategy(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.strategy;
}

function kernelEquity(strategy: ReturnType<typeof loan>, days: number): number {
  const built = buildPosition({ strategy });
  const compiled = compilePosition({ built, factorAssets: ['ETH'] });
  const fanDays = Int32Array.from({ length: days + 1 }, (_, d) => d);
  const runner = new PathRunner({ compiled, rates: null, seed: 0, days, fanDays }, flatPath, null);
  const out = allocateBlockOutput(1, fanDays.length);
  runner.runBlock(0, 1, out);
  return out.terminalEquity[0]!;
}

describe('per-second accrual in the daily kernel', () => {
  it('one day: (1 + apr/31,536,000)^86,400, against the engine’s Decimal growth', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2, noNaN: true }), (apr) => {
        const engine = dayGrowthAt(new Decimal(apr), 'per-second').toNumber();
        expect(Math.abs(dayGrowth(apr, true) - engine)).toBeLessThanOrEqual(4e-16);
        // a rate input's daily figure r = apr/365 gives the same day
        expect(Math.abs(dayGrowthOfDailyRate(apr / 365, true) - engine)).toBeLessThanOrEqual(4e-16);
        expect(dayGrowth(apr, false)).toBe(1 + apr / 365);
      }),
      { numRuns: 300 },
    );
  });

  it('worked value: 20 % APR for a day is 1.00054809535313838 per second, 1.00054794520547945 daily', () => {
    // (1 + 0.2/31,536,000)^86,400 to 50 digits: 1.000548095353138376…; 1 + 0.2/365 = 1.000547945205479452…
    expect(dayGrowth(0.2, true)).toBeCloseTo(Number('1.000548095353138376'), 15);
    expect(dayGrowth(0.2, false)).toBeCloseTo(Number('1.000547945205479452'), 15);
  });

  it('the kernel’s equity equals the engine’s projection on every horizon, per second and daily', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 730 }),
        fc.boolean(),
        (supplyBp, borrowBp, days, daily) => {
          const strategy = loan(
            String(supplyBp / 10_000),
            String(borrowBp / 10_000),
            days,
            daily ? 'daily' : undefined,
          );
          const engine = Number(evaluate(strategy).projection.at(-1)!.equityUsd);
          const kernel = kernelEquity(strategy, days);
          // Float64 against 27-digit fixed point: 1e-10 relative. The daily/per-second gap at 20 % over
          // two years is ~1e-4, so a kernel that compounded the other way would fail here
          expect(Math.abs(kernel - engine)).toBeLessThanOrEqual(Math.abs(engine) * 1e-10);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a year at 20 %: per second e^0.2 = 1.221403 vs daily 1.221336 (docs/formulas.md)', () => {
    const perSecond = dayGrowth(0.2, true) ** 365;
    const daily = dayGrowth(0.2, false) ** 365;
    expect(perSecond).toBeCloseTo(Math.exp(0.2), 6);
    expect(daily).toBeCloseTo(1.2213358, 6);
  });
});

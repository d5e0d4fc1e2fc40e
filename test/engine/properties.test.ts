import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountsForLiquidity } from '../../src-main/engine/amm/concentrated';
import { cpDeposit } from '../../src-main/engine/amm/constant-product';
import { impermanentLoss } from '../../src-main/engine/amm/impermanent-loss';
import { Decimal } from '../../src-main/engine/decimal';
import { evaluate } from '../../src-main/engine/evaluate';
import { accountHealth } from '../../src-main/engine/lending/account-health';
import type { LendingAccount, LpPosition } from '../../src-main/engine/position';
import { quoteSwap } from '../../src-main/engine/steps/swap';
import { D, strategy } from './helpers';

/** Positive decimals from 1e-6 to 1e9 written as strings, the engine's wire format. */
const positive = fc
  .tuple(fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 0, max: 15 }))
  .map(([digits, scale]) => new Decimal(digits).div(new Decimal(10).pow(scale - 6)));
const rate = fc.integer({ min: 0, max: 9999 }).map((bp) => new Decimal(bp).div(10000));

describe('properties', () => {
  it('a swap conserves value: value out + fee + price impact = value in', () => {
    fc.assert(
      fc.property(
        positive,
        positive,
        positive,
        rate,
        rate,
        (amountIn, priceIn, priceOut, feeRate, priceImpact) => {
          const q = quoteSwap({
            amountIn,
            priceInUsd: priceIn,
            priceOutUsd: priceOut,
            feeRate,
            priceImpact,
          });
          const valueOut = q.amountOut.times(priceOut);
          const lhs = valueOut.plus(q.feeUsd).plus(q.priceImpactUsd);
          expect(lhs.minus(q.valueInUsd).abs().lessThanOrEqualTo(q.valueInUsd.times('1e-35'))).toBe(
            true,
          );
        },
      ),
    );
  });

  it('the health factor falls monotonically as the collateral price falls', () => {
    const market = {
      id: 'm',
      kind: 'lending' as const,
      protocol: 'aave-v3',
      chain: 'ethereum',
      closeFactor: '0.5',
      fullLiquidationHealthFactor: '0.95',
      assets: {
        WETH: {
          ltv: '0.8',
          liquidationThreshold: '0.825',
          liquidationBonus: '0.05',
          collateralEnabled: true,
          borrowEnabled: true,
          oracle: 'market' as const,
          rates: { type: 'fixed' as const, supplyApr: '0', borrowApr: '0' },
        },
        USDC: {
          ltv: '0.75',
          liquidationThreshold: '0.78',
          liquidationBonus: '0.045',
          collateralEnabled: true,
          borrowEnabled: true,
          oracle: 'market' as const,
          rates: { type: 'fixed' as const, supplyApr: '0', borrowApr: '0' },
        },
      },
    };
    fc.assert(
      fc.property(positive, positive, positive, positive, positive, (weth, usdc, debt, p1, p2) => {
        const account: LendingAccount = {
          marketId: 'm',
          market,
          supplies: new Map([
            ['WETH', { asset: 'WETH', amount: weth, collateral: true }],
            ['USDC', { asset: 'USDC', amount: usdc, collateral: true }],
          ]),
          debts: new Map([['USDC', debt]]),
        };
        const [low, high] = p1.lessThan(p2) ? [p1, p2] : [p2, p1];
        const hf = (p: Decimal) =>
          accountHealth({
            account,
            prices: new Map([
              ['WETH', p],
              ['USDC', D(1)],
            ]),
          }).healthFactor;
        expect(hf(low).lessThanOrEqualTo(hf(high))).toBe(true);
      }),
    );
  });

  it('impermanent loss is never positive (constant product, any range, stableswap)', () => {
    const multiple = fc
      .integer({ min: -2000, max: 2000 })
      .map((k) => new Decimal(10).pow(new Decimal(k).div(1000)));
    const pool = fc.oneof(
      fc.constant({ type: 'constant-product' as const }),
      fc
        .tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 101, max: 1000 }))
        .map(([lo, hi]) => ({
          type: 'concentrated' as const,
          lower: String(lo * 20),
          upper: String(hi * 20),
        })),
      fc
        .integer({ min: 1, max: 5000 })
        .map((a) => ({ type: 'stableswap' as const, amplification: String(a) })),
    );
    fc.assert(
      fc.property(pool, multiple, (spec, m) => {
        const entryPrice = spec.type === 'stableswap' ? D(1) : D(2000);
        let lp: LpPosition;
        if (spec.type === 'concentrated') {
          const L = D(100);
          const amounts = amountsForLiquidity({
            liquidity: L,
            price: entryPrice,
            lower: D(spec.lower),
            upper: D(spec.upper),
          });
          lp = {
            token: 'LP:p',
            stepId: 'p',
            marketId: 'dex',
            pool: { ...spec, assets: ['WETH', 'USDC'] },
            entryAmounts: amounts,
            entryPrice,
            liquidity: L,
            feeApr: D(0),
            supply: L,
          };
        } else if (spec.type === 'constant-product') {
          const dep = cpDeposit({ amount0: D(1), amount1: D(2000), price: entryPrice });
          lp = {
            token: 'LP:p',
            stepId: 'p',
            marketId: 'dex',
            pool: { ...spec, assets: ['WETH', 'USDC'] },
            entryAmounts: [dep.used0, dep.used1],
            entryPrice,
            liquidity: dep.liquidity,
            feeApr: D(0),
            supply: dep.liquidity,
          };
        } else {
          lp = {
            token: 'LP:p',
            stepId: 'p',
            marketId: 'dex',
            pool: { ...spec, assets: ['USDC', 'USDT'] },
            entryAmounts: [D(500), D(500)],
            entryPrice,
            liquidity: D(1000),
            feeApr: D(0),
            supply: D(1000),
          };
        }
        expect(impermanentLoss({ lp, priceMultiple: m }).lessThanOrEqualTo('1e-25')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('evaluate of any generated chain returns a result or errors, never an exception', () => {
    const symbol = fc.constantFrom(
      'WETH',
      'USDC',
      'USDT',
      'WSTETH',
      'BTC',
      'NOPE',
      'LP:lp',
      'LP:x',
      '',
      'weth',
    );
    const text = fc.oneof(
      fc.constantFrom('0', '1', '-1', '1e30', '0.5', 'all', 'abc', '1e-40', '999999999'),
      fc.string(),
    );
    const amount = fc.oneof(text, fc.constant('all'), fc.record({ share: text }));
    const id = fc.constantFrom('a', 'b', 'c', 'lp', 'x', 'loop');
    const market = fc.constantFrom('lend', 'dex', 'farm', 'perps', 'nowhere');
    const borrowAmount = fc.record({
      mode: fc.constantFrom('amount', 'capacityShare', 'targetLtv', 'targetHealthFactor', 'bogus'),
      value: text,
    });
    const simpleStep = fc.oneof(
      fc.record({ id, type: fc.constant('supply'), market, asset: symbol, amount }),
      fc.record({ id, type: fc.constant('withdraw'), market, asset: symbol, amount }),
      fc.record({ id, type: fc.constant('borrow'), market, asset: symbol, amount: borrowAmount }),
      fc.record({ id, type: fc.constant('repay'), market, asset: symbol, amount }),
      fc.record({
        id,
        type: fc.constant('swap'),
        from: symbol,
        to: symbol,
        amount,
        feeRate: text,
        priceImpact: text,
      }),
    );
    const step = fc.oneof(
      simpleStep,
      fc.record({
        id,
        type: fc.constant('lp'),
        market,
        pool: fc.oneof(
          fc.record({ type: fc.constant('constant-product'), assets: fc.tuple(symbol, symbol) }),
          fc.record({
            type: fc.constant('concentrated'),
            assets: fc.tuple(symbol, symbol),
            lower: text,
            upper: text,
          }),
          fc.record({
            type: fc.constant('stableswap'),
            assets: fc.tuple(symbol, symbol),
            amplification: text,
          }),
        ),
        amounts: fc.tuple(amount, amount),
        feeApr: text,
      }),
      fc.record({
        id,
        type: fc.constant('stake'),
        market,
        asset: symbol,
        amount,
        rewardAsset: symbol,
        rewardApr: text,
      }),
      fc.record({
        id,
        type: fc.constant('perp'),
        market,
        asset: symbol,
        side: fc.constantFrom('long', 'short'),
        notionalUsd: text,
        marginAsset: symbol,
        marginAmount: amount,
        fundingApr: text,
        maintenanceMarginRate: text,
      }),
      fc.record({
        id,
        type: fc.constant('harvest'),
        frequencyDays: text,
        gasUsd: text,
        sellInto: symbol,
      }),
      fc.record({
        id,
        type: fc.constant('loop'),
        body: fc.array(simpleStep, { minLength: 1, maxLength: 4 }),
        repeat: fc.oneof(
          fc.record({ mode: fc.constant('times'), times: fc.integer({ min: 1, max: 8 }) }),
          fc.record({ mode: fc.constant('untilLeverage'), targetLeverage: text }),
        ),
        flashLoan: fc.option(fc.record({ feeRate: text }), { nil: undefined }),
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.boolean(), (steps, jsonNoise) => {
        const input = jsonNoise
          ? { ...strategy({ steps: [] }), steps }
          : JSON.parse(JSON.stringify({ ...strategy({ steps: [] }), steps }));
        const result = evaluate(input);
        expect(Array.isArray(result.errors)).toBe(true);
        expect(result.errors.filter((e) => e.code === 'INTERNAL_ERROR')).toEqual([]);
        // The header is valid, so schema problems can only be in steps: those are skipped and
        // the figures of the rest are still reported.
        expect(result.equityUsd).not.toBeNull();
        if (result.warnings.some((w) => w.code === 'STEPS_SKIPPED')) expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(() => evaluate(undefined)).not.toThrow();
    expect(() => evaluate('not json')).not.toThrow();
  });

  it('a step that fails the schema counts as if it were removed', () => {
    const chain = [
      { id: 'supply', type: 'supply', market: 'lend', asset: 'WETH', amount: '6' },
      {
        id: 'borrow',
        type: 'borrow',
        market: 'lend',
        asset: 'USDC',
        amount: { mode: 'capacityShare', value: '0.5' },
      },
      {
        id: 'swap',
        type: 'swap',
        from: 'USDC',
        to: 'WETH',
        amount: { share: '0.5' },
        feeRate: '0.003',
      },
      { id: 'resupply', type: 'supply', market: 'lend', asset: 'WETH', amount: 'all' },
      { id: 'repay', type: 'repay', market: 'lend', asset: 'USDC', amount: 'all' },
      {
        id: 'loop',
        type: 'loop',
        repeat: { mode: 'times', times: 2 },
        body: [
          {
            id: 'lb',
            type: 'borrow',
            market: 'lend',
            asset: 'USDC',
            amount: { mode: 'amount', value: '100' },
          },
          { id: 'ls', type: 'swap', from: 'USDC', to: 'WETH', amount: 'all' },
        ],
      },
    ];
    // Ways a half-typed step fails the schema.
    const breakers: Array<(step: Record<string, unknown>) => unknown> = [
      (step) => ({ ...step, amount: 'lots' }),
      (step) => ({ ...step, type: 'suply' }),
      (step) => ({ ...step, id: '' }),
      (step) => ({ ...step, extra: true }),
      () => null,
    ];
    const figures = (steps: unknown[]) => {
      const r = evaluate({ ...strategy({ steps: [] }), steps });
      const { equityUsd, debtUsd, collateralUsd, leverage, healthFactor, netApr, balances } = r;
      return { equityUsd, debtUsd, collateralUsd, leverage, healthFactor, netApr, balances };
    };
    fc.assert(
      fc.property(
        fc.subarray(chain, { minLength: 1 }),
        fc.nat(),
        fc.integer({ min: 0, max: breakers.length - 1 }),
        (steps, at, how) => {
          const index = at % steps.length;
          const broken: unknown[] = [...steps];
          broken[index] = (breakers[how] as (typeof breakers)[number])(
            steps[index] as Record<string, unknown>,
          );
          const removed = steps.filter((_, i) => i !== index);
          expect(figures(broken)).toEqual(figures(removed));
        },
      ),
      { numRuns: 120 },
    );
  });
});

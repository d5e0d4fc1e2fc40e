import { describe, expect, it } from 'vitest';
import {
  amountsForLiquidity,
  inRange,
  liquidityForAmounts,
} from '../../src-main/engine/amm/concentrated';
import {
  cpDeposit,
  cpImpermanentLoss,
  cpSwapOut,
} from '../../src-main/engine/amm/constant-product';
import { impermanentLoss, impermanentLossCurve } from '../../src-main/engine/amm/impermanent-loss';
import { lpAmounts, lpValueUsd } from '../../src-main/engine/amm/lp-value';
import {
  stableswapBalancesAtPrice,
  stableswapD,
  stableswapPrice,
  stableswapY,
} from '../../src-main/engine/amm/stableswap';
import type { LpPosition } from '../../src-main/engine/position';
import type { Pool } from '../../src-main/engine/format/schema';
import { evaluate } from '../../src-main/engine/evaluate';
import { D, expectClose, strategy } from './helpers';

function position(
  pool: Pool,
  entryAmounts: [string, string],
  entryPrice: string,
  liquidity: string,
): LpPosition {
  return {
    token: 'LP:x',
    stepId: 'x',
    marketId: 'dex',
    pool,
    entryAmounts: [D(entryAmounts[0]), D(entryAmounts[1])],
    entryPrice: D(entryPrice),
    liquidity: D(liquidity),
    feeApr: D(0),
    supply: D(liquidity),
  };
}

describe('constant product (Uniswap v2 whitepaper)', () => {
  it('getAmountOut with a 0.3% fee', () => {
    // 1 ETH into 100 ETH / 200000 USDC: 200000·0.997/(100+0.997) = 1974.3160687…
    expectClose(
      cpSwapOut({ reserveIn: D(100), reserveOut: D(200000), amountIn: D(1), feeRate: D('0.003') }),
      D(199400).div('100.997'),
    );
  });

  it('impermanent loss equals 2√r/(1+r) − 1 and the pool math agrees with it', () => {
    // Classic table values: r = 2 ⇒ −5.719%, r = 4 ⇒ −20%, r = 0.25 ⇒ −20%
    expectClose(cpImpermanentLoss({ priceRatio: D(4) }), '-0.2');
    expectClose(cpImpermanentLoss({ priceRatio: D('0.25') }), '-0.2');
    expectClose(cpImpermanentLoss({ priceRatio: D(2) }), D(2).sqrt().times(2).div(3).minus(1));
    const deposit = cpDeposit({ amount0: D(10), amount1: D(20000), price: D(2000) });
    const lp = position(
      { type: 'constant-product', assets: ['WETH', 'USDC'] },
      ['10', '20000'],
      '2000',
      deposit.liquidity.toFixed(),
    );
    for (const r of ['0.1', '0.5', '2', '3', '10']) {
      expectClose(
        impermanentLoss({ lp, priceMultiple: D(r) }),
        cpImpermanentLoss({ priceRatio: D(r) }),
        '1e-30',
      );
    }
  });

  it('a deposit takes the 1:P ratio and keeps the rest', () => {
    const deposit = cpDeposit({ amount0: D(10), amount1: D(5000), price: D(2000) });
    expect(deposit.used0.toFixed()).toBe('2.5');
    expect(deposit.used1.toFixed()).toBe('5000');
    expectClose(deposit.liquidity, D(2.5).times(D(2000).sqrt())); // √(x·y)
  });
});

describe('concentrated liquidity (Uniswap v3 whitepaper §6.2–6.3)', () => {
  const range = { lower: D(1600), upper: D(2500) };
  const L = D(1000);

  it('in range: x = L(1/√P − 1/√Pb), y = L(√P − √Pa)', () => {
    // √2000 = 44.72135955, √1600 = 40, √2500 = 50
    const [x, y] = amountsForLiquidity({ liquidity: L, price: D(2000), ...range });
    expectClose(x, L.times(D(1).div(D(2000).sqrt()).minus(D('0.02'))));
    expectClose(y, L.times(D(2000).sqrt().minus(40)));
  });

  it('below the range only asset0, above it only asset1', () => {
    const [x0, y0] = amountsForLiquidity({ liquidity: L, price: D(1000), ...range });
    expectClose(x0, L.times(D('0.025').minus('0.02'))); // L(1/40 − 1/50) = 5
    expect(y0.toFixed()).toBe('0');
    const [x1, y1] = amountsForLiquidity({ liquidity: L, price: D(3000), ...range });
    expect(x1.toFixed()).toBe('0');
    expect(y1.toFixed()).toBe('10000'); // L(50 − 40)
  });

  it('liquidityForAmounts inverts amountsForLiquidity', () => {
    const [x, y] = amountsForLiquidity({ liquidity: L, price: D(2100), ...range });
    expectClose(liquidityForAmounts({ amount0: x, amount1: y, price: D(2100), ...range }), L);
  });

  it('impermanent loss follows the closed form in range and on both sides out of range', () => {
    const P0 = D(2000);
    const [x0, y0] = amountsForLiquidity({ liquidity: L, price: P0, ...range });
    const lp = position(
      { type: 'concentrated', assets: ['WETH', 'USDC'], lower: '1600', upper: '2500' },
      [x0.toFixed(), y0.toFixed()],
      '2000',
      '1000',
    );
    const closedForm = (P: Decimal): Decimal => {
      const sp = P.sqrt();
      let value: Decimal;
      if (P.lessThanOrEqualTo(1600)) value = L.times(D('0.025').minus('0.02')).times(P);
      else if (P.greaterThanOrEqualTo(2500)) value = L.times(10);
      else value = L.times(D(2).times(sp).minus(40).minus(P.div(50)));
      return value.div(x0.times(P).plus(y0)).minus(1);
    };
    for (const m of ['0.5', '0.8', '0.9', '1.1', '1.2', '1.25', '2']) {
      expectClose(impermanentLoss({ lp, priceMultiple: D(m) }), closedForm(P0.times(m)), '1e-30');
    }
    // Concentrated positions lose more than full range for the same move (leveraged liquidity).
    expect(
      impermanentLoss({ lp, priceMultiple: D('1.2') }).lessThan(
        cpImpermanentLoss({ priceRatio: D('1.2') }),
      ),
    ).toBe(true);
  });
});

type Decimal = ReturnType<typeof D>;

describe('stableswap (Curve whitepaper, contract form Ann = A·n)', () => {
  const amp = D(100);

  it('get_D satisfies the invariant Ann·S + D = Ann·D + D³/(4xy)', () => {
    const x = D(500);
    const y = D(1500);
    const d = stableswapD({ balances: [x, y], amp });
    const ann = amp.times(2);
    const lhs = ann.times(x.plus(y)).plus(d);
    const rhs = ann.times(d).plus(d.pow(3).div(x.times(y).times(4)));
    expectClose(lhs, rhs, '1e-34');
    // Balanced pool: D is exactly the sum.
    expect(stableswapD({ balances: [D(1000), D(1000)], amp }).toFixed()).toBe('2000');
    // get_y recovers the other balance.
    expectClose(stableswapY({ x, d, amp }), y, '1e-34');
  });

  it('the balanced pool prices 1:1 and the solver hits a target price', () => {
    expect(stableswapPrice({ x: D(1000), y: D(1000), d: D(2000), amp }).toFixed()).toBe('1');
    const [x, y] = stableswapBalancesAtPrice({ d: D(2000), amp, price: D('1.01') });
    expectClose(stableswapPrice({ x, y, d: D(2000), amp }), '1.01', '1e-30');
    expectClose(stableswapD({ balances: [x, y], amp }), 2000, '1e-30');
  });

  it('near the peg its impermanent loss exceeds constant product (the flat curve rebalances hard), and tends to it as A → 0', () => {
    const lp = position(
      { type: 'stableswap', assets: ['USDC', 'USDT'], amplification: '100' },
      ['1000', '1000'],
      '1',
      '2000',
    );
    const ilStable = impermanentLoss({ lp, priceMultiple: D('1.01') });
    const ilCp = cpImpermanentLoss({ priceRatio: D('1.01') }); // ≈ −1.24e-5
    expect(ilStable.lessThan(ilCp)).toBe(true);
    expect(ilStable.greaterThan('-0.01')).toBe(true);
    expect(ilStable.lessThanOrEqualTo(0)).toBe(true);
    const nearCp = position(
      { type: 'stableswap', assets: ['USDC', 'USDT'], amplification: '0.000001' },
      ['1000', '1000'],
      '1',
      '2000',
    );
    expectClose(
      impermanentLoss({ lp: nearCp, priceMultiple: D('1.5') }),
      cpImpermanentLoss({ priceRatio: D('1.5') }),
      '1e-5',
    );
  });

  it('lpValueUsd values the position at market prices; the float curve agrees with Decimal', () => {
    const lp = position(
      { type: 'stableswap', assets: ['USDC', 'USDT'], amplification: '100' },
      ['1000', '1000'],
      '1',
      '2000',
    );
    const value = lpValueUsd({
      lp,
      prices: new Map([
        ['USDC', D('1.002')],
        ['USDT', D(1)],
      ]),
    });
    const [x, y] = lpAmounts({ lp, priceOfAsset0InAsset1: D('1.002') });
    expectClose(value, x.times('1.002').plus(y));
    for (const point of impermanentLossCurve({ lp })) {
      const exact = impermanentLoss({ lp, priceMultiple: D(point.priceMultiple) });
      expect(Math.abs(point.impermanentLoss - exact.toNumber())).toBeLessThan(1e-9);
    }
  });
});

describe('concentrated range edges: Uniswap v3 earns while lower ≤ P < upper (tickLower ≤ tick < tickUpper)', () => {
  it('inRange is closed below and open above', () => {
    const range = { lower: D(1500), upper: D(2500) };
    expect(inRange({ ...range, price: D(1500) })).toBe(true);
    expect(inRange({ ...range, price: D('1499.999999') })).toBe(false);
    expect(inRange({ ...range, price: D('2499.999999') })).toBe(true);
    expect(inRange({ ...range, price: D(2500) })).toBe(false);
  });

  const lpAt = (lower: string, upper: string) =>
    evaluate(
      strategy({
        capital: [
          { asset: 'WETH', amount: '1' },
          { asset: 'USDC', amount: '2000' },
        ],
        steps: [
          {
            id: 'lp',
            type: 'lp',
            market: 'dex',
            pool: { type: 'concentrated', assets: ['WETH', 'USDC'], lower, upper },
            amounts: ['all', 'all'],
            feeApr: '0.2',
          },
        ],
      }),
    );

  it('an LP entered at exactly its lower price (WETH 2,000) is in range and earns its fee APR', () => {
    // at P = lower the position is all WETH (x = L·(1/√Pa − 1/√Pb), y = 0): 1 WETH = $2,000 in the
    // pool, 2,000 USDC left in the wallet; fees 20 % of 2,000 = 400 a year
    const r = lpAt('2000', '3000');
    expect(r.impermanentLoss[0]?.current.inRange).toBe(true);
    expect(r.warnings.map((w) => w.code)).not.toContain('LP_OUT_OF_RANGE');
    expectClose(r.breakdown?.lpFees.usdPerYear, 400, '1e-20');
  });

  it('an LP entered at exactly its upper price is out of range and earns nothing', () => {
    // at P = upper the position is all USDC: 2,000 USDC pooled, the WETH left in the wallet
    const r = lpAt('1000', '2000');
    expect(r.impermanentLoss[0]?.current.inRange).toBe(false);
    expect(r.warnings.map((w) => w.code)).toContain('LP_OUT_OF_RANGE');
    expect(r.breakdown?.lpFees.usdPerYear).toBe('0');
  });
});

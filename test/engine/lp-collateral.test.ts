import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';
import type { StrategyInput } from '../../src-main/engine/format/schema';
import { borrowUsdc, lendingMarket, strategy } from './helpers';

/** An LP token as the only collateral: evaluate reports the liquidation price of its volatile asset. */
function lpCollateral(pool: StrategyInput['steps'][number] & { type: 'lp' }, debt: string) {
  const input = strategy({
    capital: [
      { asset: 'WETH', amount: '10' },
      { asset: 'USDC', amount: '20000' },
    ],
    steps: [
      pool,
      { id: 'post', type: 'supply', market: 'lend', asset: 'LP:pool', amount: 'all' },
      borrowUsdc(debt),
    ],
  });
  input.markets[0] = lendingMarket({
    'LP:pool': { ltv: '0.6', lt: '0.7' },
    USDC: { ltv: '0.75', lt: '0.78' },
  });
  return evaluate(input);
}

describe('LP tokens as collateral: the liquidation price of the underlying volatile asset', () => {
  it('constant product: value 2L√P, so P* = P₀·(D / (LT·V₀))²', () => {
    // 10 WETH + 20,000 USDC at $2,000: V₀ = 40,000, LT 0.7, debt 20,000 → HF 1.4,
    // P* = 2000 · (20,000 / 28,000)² = 2000 / 1.96 = 1020.408163…
    const r = lpCollateral(
      {
        id: 'pool',
        type: 'lp',
        market: 'dex',
        pool: { type: 'constant-product', assets: ['WETH', 'USDC'] },
        amounts: ['all', 'all'],
        feeApr: '0.1',
      },
      '20000',
    );
    expect(r.errors).toEqual([]);
    expect(Number(r.healthFactor.overall)).toBeCloseTo(1.4, 12);
    expect(Number(r.liquidationPrice.ETH)).toBeCloseTo(2000 / 1.96, 9);
    expect(Number(r.liquidationDrop.ETH)).toBeCloseTo(1 - 1 / 1.96, 12);
    const point = r.liquidations.find((l) => l.key === 'ETH')!;
    expect(point).toMatchObject({ direction: 'down', method: 'root-finder', marketId: 'lend' });
    // USDC, the pool's pegged asset, gets its depeg price too (a USDC fall lowers the LP's value)
    expect(r.liquidationPrice).toHaveProperty('USDC');
  });

  it('concentrated range [1000, 4000]: solved independently in float64 from the range formulas', () => {
    const r = lpCollateral(
      {
        id: 'pool',
        type: 'lp',
        market: 'dex',
        pool: { type: 'concentrated', assets: ['WETH', 'USDC'], lower: '1000', upper: '4000' },
        amounts: ['all', 'all'],
        feeApr: '0.1',
      },
      '20000',
    );
    expect(r.errors).toEqual([]);
    // Uniswap v3 whitepaper §6.2: x = L(1/√P − 1/√b), y = L(√P − √a) inside the range.
    const [a, b, p0] = [Math.sqrt(1000), Math.sqrt(4000), Math.sqrt(2000)];
    const L = Math.min((10 * p0 * b) / (b - p0), 20_000 / (p0 - a)); // the binding side sets L
    const value = (price: number) => {
      const s = Math.min(Math.max(Math.sqrt(price), a), b);
      return L * (1 / s - 1 / b) * price + L * (s - a);
    };
    let lo = 1;
    let hi = 2000;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (0.7 * value(mid) < 20_000) lo = mid;
      else hi = mid;
    }
    expect(Number(r.liquidationPrice.ETH)).toBeCloseTo(lo, 6);
    expect(lo).toBeLessThan(2000);
    // inside the range (0.7 · V(1000) = 16,900 < 20,000): the LP still holds both assets there
    expect(lo).toBeGreaterThan(1000);
  });
});

import { stableswapBalancesAtPriceFloat } from '../engine/amm/stableswap';
import type { LpPosition } from '../engine/position';

/**
 * The engine's pool math (`lpAmounts`) in float64, for the daily revaluation of LP positions: the
 * Decimal square roots and the stableswap solver cost ~50 µs a day each, which a 3,700-day replay
 * cannot afford. Same formulas as engine/amm (test/backtest checks them against `lpAmounts` to 1e-12):
 * - constant product (x·y = L²): x = L/√P, y = L·√P;
 * - concentrated over [Pa, Pb] (Uniswap v3 §6.2): below Pa all asset0, above Pb all asset1;
 * - stableswap: the balances of invariant D = L at marginal price P (engine's float solver).
 * These values price the position; balances (lending, stakes, margin) stay Decimal.
 */
export interface LpFloat {
  type: LpPosition['pool']['type'];
  liquidity: number;
  lower: number;
  upper: number;
  amp: number;
}

export function lpFloatParams(lp: LpPosition): LpFloat {
  const pool = lp.pool;
  return {
    type: pool.type,
    liquidity: lp.liquidity.toNumber(),
    lower: pool.type === 'concentrated' ? Number(pool.lower) : 0,
    upper: pool.type === 'concentrated' ? Number(pool.upper) : 0,
    amp: pool.type === 'stableswap' ? Number(pool.amplification) : 0,
  };
}

/** Token amounts held at price P of asset0 in asset1. */
export function lpAmountsFloat(p: LpFloat, price: number): [number, number] {
  if (!(price > 0) || !Number.isFinite(price)) return [0, 0];
  const L = p.liquidity;
  switch (p.type) {
    case 'constant-product': {
      const root = Math.sqrt(price);
      return [L / root, L * root];
    }
    case 'concentrated': {
      const sa = Math.sqrt(p.lower);
      const sb = Math.sqrt(p.upper);
      if (price <= p.lower) return [L * (1 / sa - 1 / sb), 0];
      if (price >= p.upper) return [0, L * (sb - sa)];
      const sp = Math.sqrt(price);
      return [L * (1 / sp - 1 / sb), L * (sp - sa)];
    }
    case 'stableswap':
      return stableswapBalancesAtPriceFloat({ d: L, amp: p.amp, price });
  }
}

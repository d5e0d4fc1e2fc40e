import { Decimal, ONE, ZERO } from '../decimal';
import type { LpPosition, PriceMap } from '../position';
import { lpIsEarning } from '../returns/yield-components';
import { impermanentLoss, impermanentLossFloatOf } from './impermanent-loss';
import { lpValueUsd } from './lp-value';
import { stableswapNetSign } from './stableswap-net-sign';

/** Moves of the pool price from the current one at which impermanent loss is reported. */
export const IL_MOVES: readonly number[] = [-0.5, -0.25, -0.1, 0.1, 0.25, 0.5];

export interface LpMove {
  /** Move of the pool price (asset0 in asset1) from the current price, a fraction. */
  move: Decimal;
  /** The moved price ÷ the entry price. */
  priceMultiple: Decimal;
  /** The moved pool price, asset0 in asset1. */
  price: Decimal;
  /** LP value ÷ value of holding the deposit − 1, at the moved price (≤ 0). */
  impermanentLoss: Decimal;
  /** The same in USD (asset1 held at its USD price): LP value − hold value. */
  impermanentLossUsd: Decimal;
  /** feesUsd + impermanentLossUsd: positive when the fees of the horizon cover the loss. */
  netOfFeesUsd: Decimal;
  inRange: boolean;
}

export interface LpOutlook {
  /** The current pool price, asset0 in asset1, and its ratio to the entry price. */
  price: Decimal;
  priceMultiple: Decimal;
  /** Bounds of a concentrated range (asset0 in asset1), null for full-range pools. */
  range: { lower: Decimal; upper: Decimal } | null;
  horizonDays: number;
  /**
   * Fees over the horizon at today's value and fee APR, simple (not compounded), and 0 when the
   * price is outside a concentrated range (no fees are earned there).
   */
  feesUsd: Decimal;
  moves: LpMove[];
  /**
   * The price moves (fractions of the current price) at which impermanent loss grows to the fees of
   * the horizon, below and above; null when no move within −99 % … +9,900 % gets there (or the
   * loss already exceeds the fees at the current price).
   */
  breakEven: { down: number | null; up: number | null };
}

/**
 * Impermanent loss of one LP position at moves of the pool price around the current one, and the
 * fees it earns over the horizon against that loss (docs/formulas.md "Fees versus impermanent loss").
 * USD values hold asset1's USD price fixed: the move is asset0's price in asset1.
 */
export function lpOutlook({
  lp,
  prices,
  horizonDays,
  moves = IL_MOVES,
}: {
  lp: LpPosition;
  prices: PriceMap;
  horizonDays: number;
  moves?: readonly number[];
}): LpOutlook | null {
  const p0 = prices.get(lp.pool.assets[0]);
  const p1 = prices.get(lp.pool.assets[1]);
  if (!p0 || !p1 || p1.isZero() || lp.entryPrice.isZero()) return null;
  const price = p0.div(p1);
  const currentMultiple = price.div(lp.entryPrice);
  const range =
    lp.pool.type === 'concentrated'
      ? { lower: new Decimal(lp.pool.lower), upper: new Decimal(lp.pool.upper) }
      : null;
  const earning = lpIsEarning(lp, prices);
  const feesUsd = earning
    ? lpValueUsd({ lp, prices }).times(lp.feeApr).times(horizonDays).div(365)
    : ZERO;
  /** Hold value of the deposit at pool price `at`, in USD with asset1 at its price. */
  const holdUsd = (at: Decimal) => lp.entryAmounts[0].times(at).plus(lp.entryAmounts[1]).times(p1);

  const out: LpMove[] = moves.map((m) => {
    const move = new Decimal(m);
    const priceMultiple = currentMultiple.times(ONE.plus(move));
    const moved = lp.entryPrice.times(priceMultiple);
    const il = impermanentLoss({ lp, priceMultiple });
    const ilUsd = il.times(holdUsd(moved));
    return {
      move,
      priceMultiple,
      price: moved,
      impermanentLoss: il,
      impermanentLossUsd: ilUsd,
      netOfFeesUsd: feesUsd.plus(ilUsd),
      inRange: !range || (moved.greaterThanOrEqualTo(range.lower) && moved.lessThan(range.upper)),
    };
  });

  // Root finding in float64 on the move (a few hundred evaluations of closed forms).
  const fees = feesUsd.toNumber();
  const entry = lp.entryPrice.toNumber();
  const x0 = lp.entryAmounts[0].toNumber();
  const y0 = lp.entryAmounts[1].toNumber();
  const usd1 = p1.toNumber();
  const current = currentMultiple.toNumber();
  const lossAt = impermanentLossFloatOf(lp);
  const net = (m: number): number => {
    const multiple = current * (1 + m);
    const hold = (x0 * entry * multiple + y0) * usd1;
    return fees + lossAt(multiple) * hold;
  };
  // A stableswap pool's exact net function runs a bisection per move: a cheap sure sign spares it
  // where it would not change a step of the search (stableswap-net-sign.ts).
  const sure =
    lp.pool.type === 'stableswap'
      ? stableswapNetSign({
          d: lp.liquidity.toNumber(),
          amp: Number(lp.pool.amplification),
          entryPrice: entry,
          entryAmounts: [x0, y0],
          usd1,
          current,
          fees,
        })
      : undefined;
  return {
    price,
    priceMultiple: currentMultiple,
    range,
    horizonDays,
    feesUsd,
    moves: out,
    breakEven: { down: crossing(net, 0, -0.99, sure), up: crossing(net, 0, 99, sure) },
  };
}

/**
 * The move between `from` and `to` where f changes sign from ≥ 0 to < 0 (bisection), or null.
 * `sure(m)`, when given and not null, is the sign f(m) has (1 for ≥ 0), told without f.
 */
function crossing(
  f: (m: number) => number,
  from: number,
  to: number,
  sure?: (m: number) => 1 | -1 | null,
): number | null {
  if (!(f(from) >= 0) || !(f(to) < 0)) return null;
  let good = from;
  let bad = to;
  for (let i = 0; i < 200 && Math.abs(bad - good) > 1e-13 * Math.max(1, Math.abs(good)); i++) {
    const mid = (good + bad) / 2;
    const sign = sure?.(mid) ?? null;
    if (sign === null ? f(mid) >= 0 : sign > 0) good = mid;
    else bad = mid;
  }
  return (good + bad) / 2;
}

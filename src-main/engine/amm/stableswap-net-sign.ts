import { stableswapLogBalanceFloat, stableswapYFloat } from './stableswap';

/** Float rounding in the outlook's net function, relative to the values summed (generous). */
const ROUNDING = 1e-12;
/** Bisection steps after which the bracket is checked, every few steps, until it is given up. */
const FIRST_CHECK = 8;
const CHECK_EVERY = 3;
const LAST_CHECK = 35;

/**
 * The sign of the LP outlook's net function `fees + IL(m)·hold(m)` for a stableswap pool when a
 * part of its balance bisection already settles it, else null (then the caller evaluates it).
 * The break-even search asks for the sign at ~50 moves, all but the last few far from the root,
 * and the exact function runs the full ~55-step bisection (stableswapBalancesAtPriceFloat) each
 * time. The same bisection, stopped early, brackets the exact log x; the LP value x·P + y is
 * convex in x with slope P − p(x), so it can differ from its value at the bracket's middle by at
 * most max(|P − p|) at the ends × the bracket's width. Once the estimate is further from 0 than
 * that and the rounding, the exact function has its sign: the search takes the same steps and
 * finds the same bits (test/engine/stableswap-solve.test.ts).
 */
export function stableswapNetSign({
  d,
  amp,
  entryPrice,
  entryAmounts: [x0, y0],
  usd1,
  current,
  fees,
}: {
  d: number;
  amp: number;
  entryPrice: number;
  entryAmounts: [number, number];
  usd1: number;
  current: number;
  fees: number;
}): (move: number) => 1 | -1 | null {
  return (move) => {
    const multiple = current * (1 + move);
    // As impermanentLossFloatOf: the price it solves at, the entry and balanced cases exact.
    const price = entryPrice * multiple;
    if (!(price > 0) || price === entryPrice || price === 1) return null;
    const holdAsset1 = x0 * price + y0;
    if (!(holdAsset1 > 0)) return null;
    const hold = (x0 * entryPrice * multiple + y0) * usd1;
    let sign: 1 | -1 | null = null;
    stableswapLogBalanceFloat(d, amp, price, (step, lo, hi, priceLo, priceHi) => {
      if (step < FIRST_CHECK || step % CHECK_EVERY !== 0) return false;
      if (step > LAST_CHECK) return true;
      const x = Math.exp((lo + hi) / 2);
      const value = x * price + stableswapYFloat({ x, d, amp });
      const estimate = fees + (value / holdAsset1 - 1) * hold;
      const slope = Math.max(Math.abs(price - priceLo), Math.abs(price - priceHi));
      const bound =
        ((slope * (Math.exp(hi) - Math.exp(lo))) / holdAsset1) * hold +
        ROUNDING * (Math.abs(fees) + hold + (value / holdAsset1) * hold);
      if (!Number.isFinite(estimate) || !Number.isFinite(bound)) return false;
      if (estimate - bound > 0) sign = 1;
      else if (estimate + bound < 0) sign = -1;
      return sign !== null;
    });
    return sign;
  };
}

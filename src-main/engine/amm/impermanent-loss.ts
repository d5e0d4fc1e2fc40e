import { Decimal, ONE } from '../decimal';
import type { LpPosition } from '../position';
import { lpAmounts } from './lp-value';
import { stableswapBalancesAtPriceFloat } from './stableswap';

/**
 * Impermanent loss of an LP position when the price of asset0 in asset1 moves from the entry price
 * by `priceMultiple` r: value of the position ÷ value of simply holding the deposited amounts − 1,
 * both valued in asset1 at the new price. Never positive for these pool types (the pool always
 * sells the asset that appreciates).
 */
export function impermanentLoss({
  lp,
  priceMultiple,
}: {
  lp: LpPosition;
  priceMultiple: Decimal;
}): Decimal {
  const price = lp.entryPrice.times(priceMultiple);
  const [x, y] = lpAmounts({ lp, priceOfAsset0InAsset1: price });
  const hold = lp.entryAmounts[0].times(price).plus(lp.entryAmounts[1]);
  if (hold.isZero()) return new Decimal(0);
  return x.times(price).plus(y).div(hold).minus(ONE);
}

/** Price multiples of the curve: 10^(k/20) for k = −20..20, i.e. 0.1× to 10× in 41 log steps. */
export const IL_CURVE_MULTIPLES: readonly number[] = Array.from(
  { length: 41 },
  (_, k) => 10 ** ((k - 20) / 20),
);

/**
 * The impermanent-loss curve for charting, in float64 (a chart needs ~1e-12 relative, not 40
 * digits; this keeps a whole curve well under a millisecond). Same definitions as above.
 */
export function impermanentLossCurve({
  lp,
}: {
  lp: LpPosition;
}): Array<{ priceMultiple: number; impermanentLoss: number }> {
  const lossAt = impermanentLossFloatOf(lp);
  return IL_CURVE_MULTIPLES.map((multiple) => ({
    priceMultiple: multiple,
    impermanentLoss: lossAt(multiple),
  }));
}

/** `impermanentLoss` in float64 at one price multiple (charts and root finding). */
export function impermanentLossFloat(lp: LpPosition, priceMultiple: number): number {
  return impermanentLossFloatOf(lp)(priceMultiple);
}

/**
 * `impermanentLossFloat` of one position as a function of the price multiple, with the position's
 * Decimal fields converted once: root finding calls it hundreds of times per evaluation, and the
 * conversions cost more than the closed forms. Same float operations, so the same bits.
 */
export function impermanentLossFloatOf(lp: LpPosition): (priceMultiple: number) => number {
  const entryPrice = lp.entryPrice.toNumber();
  const x0 = lp.entryAmounts[0].toNumber();
  const y0 = lp.entryAmounts[1].toNumber();
  const amountsAt = amountsFloatOf(lp, lp.liquidity.toNumber());
  return (priceMultiple) => {
    const price = entryPrice * priceMultiple;
    const [x, y] = price === entryPrice ? [x0, y0] : amountsAt(price);
    const hold = x0 * price + y0;
    return hold > 0 ? (x * price + y) / hold - 1 : 0;
  };
}

/** Pool balances at a pool price other than the entry price, in float64. */
function amountsFloatOf(lp: LpPosition, liquidity: number): (price: number) => [number, number] {
  switch (lp.pool.type) {
    case 'constant-product':
      return (price) => [liquidity / Math.sqrt(price), liquidity * Math.sqrt(price)];
    case 'concentrated': {
      const sa = Math.sqrt(Number(lp.pool.lower));
      const sb = Math.sqrt(Number(lp.pool.upper));
      return (price) => {
        if (price <= sa * sa) return [liquidity * (1 / sa - 1 / sb), 0];
        if (price >= sb * sb) return [0, liquidity * (sb - sa)];
        const sp = Math.sqrt(price);
        return [liquidity * (1 / sp - 1 / sb), liquidity * (sp - sa)];
      };
    }
    case 'stableswap': {
      const amp = Number(lp.pool.amplification);
      return (price) => stableswapBalancesAtPriceFloat({ d: liquidity, amp, price });
    }
  }
}

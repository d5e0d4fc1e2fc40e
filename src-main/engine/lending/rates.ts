import { Decimal, ONE, ZERO } from '../decimal';
import type { RateModel } from '../format/schema';

export interface LendingRates {
  supplyApr: Decimal;
  borrowApr: Decimal;
  /** Borrowed / supplied after the user's position; null for fixed rates. Capped at 1. */
  utilization: Decimal | null;
  /** True when the user's borrow would exceed the market's liquidity (utilization above 100%). */
  exceedsLiquidity: boolean;
}

/**
 * Annual rates of one asset in a lending market.
 * Fixed: as given. Curve: Aave v3 `DefaultReserveInterestRateStrategy` (two slopes around the
 * optimal utilization U*), with the user's own supply and borrow added to the market totals:
 *   U = (totalBorrow + userBorrow) / (totalSupply + userSupply)
 *   borrowApr = base + slope1·U/U*                       (U ≤ U*)
 *             = base + slope1 + slope2·(U−U*)/(1−U*)      (U > U*)
 *   supplyApr = borrowApr · U · (1 − reserveFactor)
 * Comet: Compound v3 `getSupplyRate` / `getBorrowRate`, two curves with their own kinks, no reserve
 * factor (see `CometRates` in format/schema.ts).
 * Amounts are token units of the asset.
 */
export function lendingRates({
  rates,
  userSupply,
  userBorrow,
}: {
  rates: RateModel;
  userSupply: Decimal;
  userBorrow: Decimal;
}): LendingRates {
  if (rates.type === 'fixed') {
    return {
      supplyApr: new Decimal(rates.supplyApr),
      borrowApr: new Decimal(rates.borrowApr),
      utilization: null,
      exceedsLiquidity: false,
    };
  }
  const supplied = new Decimal(rates.totalSupply).plus(userSupply);
  const borrowed = new Decimal(rates.totalBorrow).plus(userBorrow);
  const raw = supplied.greaterThan(0)
    ? borrowed.div(supplied)
    : borrowed.greaterThan(0)
      ? ONE
      : ZERO;
  const exceedsLiquidity = raw.greaterThan(1);
  const utilization = exceedsLiquidity ? ONE : Decimal.max(raw, ZERO);
  if (rates.type === 'comet') {
    return {
      supplyApr: cometRate(
        rates.supplyBase,
        rates.supplySlopeLow,
        rates.supplySlopeHigh,
        rates.supplyKink,
        utilization,
      ),
      borrowApr: cometRate(
        rates.borrowBase,
        rates.borrowSlopeLow,
        rates.borrowSlopeHigh,
        rates.borrowKink,
        utilization,
      ),
      utilization,
      exceedsLiquidity,
    };
  }

  const base = new Decimal(rates.baseRate);
  const slope1 = new Decimal(rates.slope1);
  const slope2 = new Decimal(rates.slope2);
  const optimal = new Decimal(rates.optimalUtilization);
  let borrowApr: Decimal;
  if (optimal.greaterThan(0) && utilization.lessThanOrEqualTo(optimal)) {
    borrowApr = base.plus(slope1.times(utilization).div(optimal));
  } else {
    const excessRange = ONE.minus(optimal);
    const excess = excessRange.greaterThan(0) ? utilization.minus(optimal).div(excessRange) : ZERO;
    borrowApr = base.plus(slope1).plus(slope2.times(excess));
  }
  const supplyApr = borrowApr.times(utilization).times(ONE.minus(new Decimal(rates.reserveFactor)));
  return { supplyApr, borrowApr, utilization, exceedsLiquidity };
}

/** Comet's kinked rate: base + slopeLow·U up to the kink, + slopeHigh·(U − kink) above it. */
export function cometRate(
  base: string,
  slopeLow: string,
  slopeHigh: string,
  kink: string,
  utilization: Decimal,
): Decimal {
  const k = new Decimal(kink);
  const low = new Decimal(slopeLow);
  if (utilization.lessThanOrEqualTo(k)) return new Decimal(base).plus(low.times(utilization));
  return new Decimal(base)
    .plus(low.times(k))
    .plus(new Decimal(slopeHigh).times(utilization.minus(k)));
}

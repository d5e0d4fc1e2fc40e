import type { Decimal } from '../decimal';
import { ONE } from '../decimal';

/**
 * APR (simple annual rate) ↔ APY (effective annual yield).
 * Compounded n times a year: APY = (1 + APR/n)^n − 1; continuously: APY = e^APR − 1.
 * Non-integer n (e.g. 365/7 weekly harvests) is allowed: the formula is the same.
 */
export function aprToApy({
  apr,
  periodsPerYear,
}: {
  apr: Decimal;
  periodsPerYear: Decimal;
}): Decimal {
  if (periodsPerYear.lessThanOrEqualTo(0)) return apr;
  return ONE.plus(apr.div(periodsPerYear)).pow(periodsPerYear).minus(ONE);
}

/** Inverse of `aprToApy`: APR = n·((1 + APY)^(1/n) − 1). */
export function apyToApr({
  apy,
  periodsPerYear,
}: {
  apy: Decimal;
  periodsPerYear: Decimal;
}): Decimal {
  if (periodsPerYear.lessThanOrEqualTo(0)) return apy;
  return ONE.plus(apy).pow(ONE.div(periodsPerYear)).minus(ONE).times(periodsPerYear);
}

/** Continuous compounding: APY = e^APR − 1 (the limit of per-second compounding on-chain). */
export function aprToApyContinuous({ apr }: { apr: Decimal }): Decimal {
  return apr.exp().minus(ONE);
}

/** Daily factor used by the engine and the backtest: one day of `apr` is × (1 + apr/365). */
export function dailyFactor({ apr }: { apr: Decimal }): Decimal {
  return ONE.plus(apr.div(365));
}

import type { RateModel } from '../../engine/format/schema';

/**
 * Utilization curves in Float64 (the engine's `lendingRates`, Decimal, is their oracle in
 * test/dynamics). U = (totalBorrow + userBorrow) / (totalSupply + userSupply), capped to [0, 1].
 * - CURVE_AAVE: Aave v3 `DefaultReserveInterestRateStrategy`: borrowApr = base + slope1·U/U* under the
 *   kink, base + slope1 + slope2·(U−U*)/(1−U*) above; supplyApr = borrowApr · U · (1 − reserveFactor).
 * - CURVE_COMET: Compound v3 `getBorrowRate` / `getSupplyRate`: each side base + slopeLow·U up to its
 *   own kink, + slopeHigh·(U − kink) above; no reserve factor.
 * Parameters are CURVE_FIELDS numbers per slot: [0..4] the borrow side (Aave: base, slope1, slope2,
 * optimal, reserveFactor; Comet: base, slopeLow, slopeHigh, kink, unused), [5] totalSupply,
 * [6] totalBorrow, [7..10] Comet's supply side (base, slopeLow, slopeHigh, kink).
 */
export const CURVE_FIELDS = 11;
export const CURVE_NONE = 0;
export const CURVE_AAVE = 1;
export const CURVE_COMET = 2;

/** The slot's curve kind and its CURVE_FIELDS numbers (zeros for fixed rates). */
export function curveParamsOf(rates: RateModel | undefined): { kind: number; fields: number[] } {
  if (rates?.type === 'curve') {
    const fields = [
      rates.baseRate,
      rates.slope1,
      rates.slope2,
      rates.optimalUtilization,
      rates.reserveFactor,
      rates.totalSupply,
      rates.totalBorrow,
    ].map(Number);
    return { kind: CURVE_AAVE, fields: [...fields, 0, 0, 0, 0] };
  }
  if (rates?.type === 'comet') {
    const fields = [
      rates.borrowBase,
      rates.borrowSlopeLow,
      rates.borrowSlopeHigh,
      rates.borrowKink,
      0,
      rates.totalSupply,
      rates.totalBorrow,
      rates.supplyBase,
      rates.supplySlopeLow,
      rates.supplySlopeHigh,
      rates.supplyKink,
    ].map(Number);
    return { kind: CURVE_COMET, fields };
  }
  return { kind: CURVE_NONE, fields: new Array<number>(CURVE_FIELDS).fill(0) };
}

function kinked(q: ArrayLike<number>, o: number, u: number): number {
  const kink = q[o + 3]!;
  return u <= kink ? q[o]! + q[o + 1]! * u : q[o]! + q[o + 1]! * kink + q[o + 2]! * (u - kink);
}

export function curveBorrowApr(
  q: ArrayLike<number>,
  o: number,
  utilization: number,
  kind: number = CURVE_AAVE,
): number {
  if (kind === CURVE_COMET) return kinked(q, o, utilization);
  const base = q[o]!;
  const slope1 = q[o + 1]!;
  const slope2 = q[o + 2]!;
  const optimal = q[o + 3]!;
  return optimal > 0 && utilization <= optimal
    ? base + (slope1 * utilization) / optimal
    : base + slope1 + (optimal < 1 ? (slope2 * (utilization - optimal)) / (1 - optimal) : 0);
}

/** Supply APR given the borrow APR at the same utilization (Aave derives it; Comet has its own curve). */
export function curveSupplyApr(
  q: ArrayLike<number>,
  o: number,
  utilization: number,
  borrowApr: number,
  kind: number = CURVE_AAVE,
): number {
  if (kind === CURVE_COMET) return kinked(q, o + 7, utilization);
  return borrowApr * utilization * (1 - q[o + 4]!);
}

export function curveUtilization(
  q: ArrayLike<number>,
  o: number,
  userSupply: number,
  userBorrow: number,
): number {
  const supplied = q[o + 5]! + userSupply;
  const borrowed = q[o + 6]! + userBorrow;
  const raw = supplied > 0 ? borrowed / supplied : borrowed > 0 ? 1 : 0;
  return raw > 1 ? 1 : raw < 0 ? 0 : raw;
}

/** [supplyApr, borrowApr] for the user's balances (a fresh pair: tests and compile time only). */
export function curveRates(
  q: ArrayLike<number>,
  o: number,
  userSupply: number,
  userBorrow: number,
  kind: number = CURVE_AAVE,
): [number, number] {
  const u = curveUtilization(q, o, userSupply, userBorrow);
  const borrowApr = curveBorrowApr(q, o, u, kind);
  return [curveSupplyApr(q, o, u, borrowApr, kind), borrowApr];
}

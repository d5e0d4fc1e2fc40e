/**
 * Aave v3 `DefaultReserveInterestRateStrategy` in Float64 (the engine's `lendingRates`, Decimal, is
 * its oracle in test/dynamics): U = (totalBorrow + userBorrow) / (totalSupply + userSupply), capped
 * to [0, 1]; borrowApr = base + slope1·U/U* under the kink, base + slope1 + slope2·(U−U*)/(1−U*)
 * above; supplyApr = borrowApr · U · (1 − reserveFactor).
 * Parameters are CURVE_FIELDS numbers: base, slope1, slope2, optimal, reserveFactor, totalSupply,
 * totalBorrow.
 */
export const CURVE_FIELDS = 7;

export function curveBorrowApr(q: ArrayLike<number>, o: number, utilization: number): number {
  const base = q[o]!;
  const slope1 = q[o + 1]!;
  const slope2 = q[o + 2]!;
  const optimal = q[o + 3]!;
  return optimal > 0 && utilization <= optimal
    ? base + (slope1 * utilization) / optimal
    : base + slope1 + (optimal < 1 ? (slope2 * (utilization - optimal)) / (1 - optimal) : 0);
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
): [number, number] {
  const u = curveUtilization(q, o, userSupply, userBorrow);
  const borrowApr = curveBorrowApr(q, o, u);
  return [borrowApr * u * (1 - q[o + 4]!), borrowApr];
}

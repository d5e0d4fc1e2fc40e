import { Decimal, ONE, ZERO } from '../decimal';

/**
 * The smallest changes that clear a breach, from the figures alone (docs/formulas.md "Risk limits").
 * All at the evaluation's prices, fees left out. Results are in USD; the caller converts to units.
 */

/**
 * Health factor HF = W / D with W = Σ collateral × liquidation threshold (USD). Supplying Δ units of
 * an asset with price p and threshold LT adds Δ·p·LT to W, so reaching `min` takes
 * collateral worth (min·D − W) / LT = D·(min − HF) / LT.
 */
export function collateralToReachHealth(a: {
  healthFactor: Decimal;
  debtUsd: Decimal;
  min: Decimal;
  liquidationThreshold: Decimal;
}): Decimal | null {
  if (a.liquidationThreshold.lessThanOrEqualTo(0) || a.debtUsd.lessThanOrEqualTo(0)) return null;
  return positive(a.debtUsd.times(a.min.minus(a.healthFactor)).div(a.liquidationThreshold));
}

/** Repaying x of the debt gives HF' = W / (D − x) ≥ min when x ≥ D − W/min = D·(1 − HF/min). */
export function repayToReachHealth(a: {
  healthFactor: Decimal;
  debtUsd: Decimal;
  min: Decimal;
}): Decimal | null {
  if (a.min.lessThanOrEqualTo(0)) return null;
  return positive(a.debtUsd.times(ONE.minus(a.healthFactor.div(a.min))));
}

/**
 * Leverage L = G / E (gross long over equity). Repaying x of debt with new money keeps G and adds x
 * to E: G / (E + x) ≤ max when x ≥ G/max − E. Selling collateral to repay (deleverage) lowers G by x
 * and keeps E: (G − x) / E ≤ max when x ≥ G − max·E. Either is possible only up to the debt.
 */
export function repayToReachLeverage(a: {
  grossLongUsd: Decimal;
  equityUsd: Decimal;
  debtUsd: Decimal;
  max: Decimal;
}): { repay: Decimal | null; deleverage: Decimal | null } {
  if (a.equityUsd.lessThanOrEqualTo(0) || a.max.lessThanOrEqualTo(0)) {
    return { repay: null, deleverage: null };
  }
  const repay = a.grossLongUsd.div(a.max).minus(a.equityUsd);
  const deleverage = a.grossLongUsd.minus(a.max.times(a.equityUsd));
  return { repay: withinDebt(repay, a.debtUsd), deleverage: withinDebt(deleverage, a.debtUsd) };
}

/**
 * LTV = D / C. Repaying x with new money: (D − x) / C ≤ max when x ≥ D − max·C. Selling collateral
 * to repay: (D − x) / (C − x) ≤ max when x ≥ (D − max·C) / (1 − max) (max < 1).
 */
export function repayToReachLtv(a: { collateralUsd: Decimal; debtUsd: Decimal; max: Decimal }): {
  repay: Decimal | null;
  deleverage: Decimal | null;
} {
  const excess = a.debtUsd.minus(a.max.times(a.collateralUsd));
  const repay = withinDebt(excess, a.debtUsd);
  const deleverage = a.max.lessThan(1) ? withinDebt(excess.div(ONE.minus(a.max)), a.debtUsd) : null;
  return { repay, deleverage };
}

/** Share S = V / E of equity in one protocol: moving x out (equity unchanged) gives (V − x)/E ≤ max when x ≥ V − max·E. */
export function moveOutToReachShare(a: {
  valueUsd: Decimal;
  equityUsd: Decimal;
  max: Decimal;
}): Decimal | null {
  if (a.equityUsd.lessThanOrEqualTo(0)) return null;
  return positive(a.valueUsd.minus(a.max.times(a.equityUsd)));
}

/** Rounded up to 6 significant digits: a fix that is a hair short would not clear the breach. */
export function roundUp(value: Decimal): Decimal {
  return value.toSignificantDigits(6, Decimal.ROUND_UP);
}

function positive(x: Decimal): Decimal | null {
  return x.greaterThan(ZERO) ? x : null;
}

function withinDebt(x: Decimal, debt: Decimal): Decimal | null {
  return x.greaterThan(ZERO) && x.lessThanOrEqualTo(debt) ? x : null;
}

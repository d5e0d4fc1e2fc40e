import { Decimal } from '../decimal';

/**
 * Illinois (modified regula falsi) root finding in Decimal on a bracket [lo, hi] with
 * f(lo)·f(hi) ≤ 0. Converges superlinearly like the secant method but keeps the bracket, so it
 * cannot wander off for monotone but curved functions (LP collateral). Stops when the bracket is
 * narrower than `relativeTolerance` × |x| or f is exactly zero.
 */
export function findRootInBracket({
  f,
  lo,
  hi,
  relativeTolerance = new Decimal('1e-32'),
  maxIterations = 200,
}: {
  f: (x: Decimal) => Decimal;
  lo: Decimal;
  hi: Decimal;
  relativeTolerance?: Decimal;
  maxIterations?: number;
}): Decimal | null {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa.isZero()) return a;
  if (fb.isZero()) return b;
  if (fa.isPositive() === fb.isPositive()) return null;
  let side = 0;
  for (let i = 0; i < maxIterations; i++) {
    let c = a.times(fb).minus(b.times(fa)).div(fb.minus(fa));
    // Guard against a stalled update: fall back to bisection.
    if (
      !c.isFinite() ||
      c.lessThanOrEqualTo(Decimal.min(a, b)) ||
      c.greaterThanOrEqualTo(Decimal.max(a, b))
    ) {
      c = a.plus(b).div(2);
    }
    const fc = f(c);
    if (fc.isZero()) return c;
    if (fc.isPositive() === fb.isPositive()) {
      b = c;
      fb = fc;
      if (side === -1) fa = fa.div(2);
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb = fb.div(2);
      side = 1;
    }
    if (b.minus(a).abs().lessThanOrEqualTo(c.abs().times(relativeTolerance))) return c;
  }
  return a.plus(b).div(2);
}

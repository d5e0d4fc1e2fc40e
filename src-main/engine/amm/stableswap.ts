import * as B from '../big-decimal';
import type { BigDecimal } from '../big-decimal';
import { Decimal, ZERO } from '../decimal';

/**
 * Curve StableSwap, two coins (Egorov 2019, "StableSwap – efficient mechanism for Stablecoin
 * liquidity"), in the form the Curve contracts implement with the pool's `A` (amp) and Ann = A·n:
 *   Ann·(x + y) + D = Ann·D + D³ / (4·x·y)
 * (the whitepaper's A·nⁿ equals the contract's A·n, i.e. contract A = A_whitepaper·n^(n−1)).
 * D is the invariant (total value when balanced); all balances are in the same price unit
 * (coins at their peg). The marginal price of coin0 in coin1 is ∂G/∂x ÷ ∂G/∂y:
 *   p = (Ann + D³/(4x²y)) / (Ann + D³/(4xy²)).
 */

const N = 2;
const TOLERANCE = new Decimal('1e-36');
const MAX_NEWTON = 255; // the contracts' loop bound
// Parsed once: the secant below used to parse these strings on every call and step.
const SECANT_STEP = new Decimal('1.00000000000001');
const SECANT_TOLERANCE = new Decimal('1e-34');
const B_N = B.fromDecimal(new Decimal(N));
const B_2 = B.fromDecimal(new Decimal(2));
const B_4 = B.fromDecimal(new Decimal(4));
const B_TOLERANCE = B.fromDecimal(TOLERANCE);
const B_SECANT_STEP = B.fromDecimal(SECANT_STEP);
const B_SECANT_TOLERANCE = B.fromDecimal(SECANT_TOLERANCE);

/** The invariant D by Newton's method, exactly as Curve's `get_D`. */
export function stableswapD({
  balances,
  amp,
}: {
  balances: [Decimal, Decimal];
  amp: Decimal;
}): Decimal {
  const [x, y] = balances;
  const s = x.plus(y);
  if (s.isZero() || x.lessThanOrEqualTo(0) || y.lessThanOrEqualTo(0)) return s;
  const ann = amp.times(N);
  let d = s;
  for (let i = 0; i < MAX_NEWTON; i++) {
    const dP = d.times(d).div(x.times(N)).times(d).div(y.times(N));
    const previous = d;
    d = ann
      .times(s)
      .plus(dP.times(N))
      .times(d)
      .div(
        ann
          .minus(1)
          .times(d)
          .plus(dP.times(N + 1)),
      );
    if (d.minus(previous).abs().lessThanOrEqualTo(d.times(TOLERANCE))) break;
  }
  return d;
}

/** Balance of coin1 given coin0's balance x and the invariant D: Curve's `get_y` Newton iteration. */
export function stableswapY({
  x,
  d,
  amp,
  seed,
}: {
  x: Decimal;
  d: Decimal;
  amp: Decimal;
  seed?: Decimal;
}): Decimal {
  const ann = amp.times(N);
  const c = d.times(d).times(d).div(x.times(4).times(ann));
  const b = x.plus(d.div(ann));
  let y = seed ?? d;
  for (let i = 0; i < MAX_NEWTON; i++) {
    const previous = y;
    y = y.times(y).plus(c).div(y.times(2).plus(b).minus(d));
    if (y.minus(previous).abs().lessThanOrEqualTo(y.times(TOLERANCE))) break;
  }
  return y;
}

/** Marginal price of coin0 in coin1 at balances (x, y). */
export function stableswapPrice({
  x,
  y,
  d,
  amp,
}: {
  x: Decimal;
  y: Decimal;
  d: Decimal;
  amp: Decimal;
}): Decimal {
  const ann = amp.times(N);
  const d3 = d.times(d).times(d);
  return ann
    .plus(d3.div(x.times(x).times(y).times(4)))
    .div(ann.plus(d3.div(x.times(y).times(y).times(4))));
}

/**
 * Balances of a pool with invariant D once arbitrage has moved its marginal price to `price`
 * (coin0 in coin1). A float64 bisection finds the neighbourhood; secant steps on the exact
 * invariant then refine it to ~1e-34 relative. The balanced pool (price 1) is returned exactly.
 * The refinement is `stableswapY` and `stableswapPrice` operation for operation, run on BigInt
 * (big-decimal.ts: the same digits as Decimal, ~3× faster; the LP outlook solves it at each move).
 */
export function stableswapBalancesAtPrice({
  d,
  amp,
  price,
}: {
  d: Decimal;
  amp: Decimal;
  price: Decimal;
}): [Decimal, Decimal] {
  if (d.lessThanOrEqualTo(0) || price.lessThanOrEqualTo(0)) return [ZERO, ZERO];
  if (price.equals(1)) return [d.div(2), d.div(2)];
  const seed = stableswapBalancesAtPriceFloat({
    d: 1,
    amp: amp.toNumber(),
    price: price.toNumber(),
  });
  const D = B.fromDecimal(d);
  const target = B.fromDecimal(price);
  const ann = B.times(B.fromDecimal(amp), B_N);
  const d3 = B.times(B.times(D, D), D);
  const dOverAnn = B.dividedBy(D, ann);
  // Decimal × number converts the number as `new Decimal(number)` does.
  const seedY = B.times(D, B.fromDecimal(new Decimal(seed[1])));
  const priceError = (x: BigDecimal): { error: BigDecimal; y: BigDecimal } => {
    // stableswapY from seedY:
    const c = B.dividedBy(d3, B.times(B.times(x, B_4), ann));
    const b = B.plus(x, dOverAnn);
    let y = seedY;
    for (let i = 0; i < MAX_NEWTON; i++) {
      const previous = y;
      y = B.dividedBy(B.plus(B.times(y, y), c), B.minus(B.plus(B.times(y, B_2), b), D));
      if (B.compare(B.abs(B.minus(y, previous)), B.times(y, B_TOLERANCE)) <= 0) break;
    }
    // stableswapPrice:
    const p = B.dividedBy(
      B.plus(ann, B.dividedBy(d3, B.times(B.times(B.times(x, x), y), B_4))),
      B.plus(ann, B.dividedBy(d3, B.times(B.times(B.times(x, y), y), B_4))),
    );
    return { error: B.minus(p, target), y };
  };
  let x0 = B.times(D, B.fromDecimal(new Decimal(seed[0])));
  // The float seed is good to ~1e-15 relative: a nearby second point makes secant converge in 2–3 steps.
  let x1 = B.times(x0, B_SECANT_STEP);
  let f0 = priceError(x0);
  let f1 = priceError(x1);
  for (let i = 0; i < 20; i++) {
    const slope = B.minus(f1.error, f0.error);
    if (slope.m === 0n) break;
    const x2 = B.minus(x1, B.dividedBy(B.times(f1.error, B.minus(x1, x0)), slope));
    if (x2.m <= 0n) break;
    x0 = x1;
    f0 = f1;
    x1 = x2;
    f1 = priceError(x1);
    if (B.compare(B.abs(B.minus(x1, x0)), B.times(x1, B_SECANT_TOLERANCE)) <= 0) break;
  }
  return [B.toDecimal(x1), B.toDecimal(f1.y)];
}

// ---------------------------------------------------------------- float64 versions (curves, seeds)

export function stableswapYFloat({ x, d, amp }: { x: number; d: number; amp: number }): number {
  // Closed form of the quadratic Ann·x·y² + x(Ann·x + D − Ann·D)·y − D³/4 = 0 (positive root).
  const ann = amp * N;
  const a = ann * x;
  const b = x * (ann * x + d - ann * d);
  const c = (d * d * d) / 4;
  const disc = Math.sqrt(b * b + 4 * a * c);
  // Numerically stable root: for b > 0 use 2c / (b + √disc).
  return b >= 0 ? (2 * c) / (b + disc) : (disc - b) / (2 * a);
}

export function stableswapPriceFloat({
  x,
  y,
  d,
  amp,
}: {
  x: number;
  y: number;
  d: number;
  amp: number;
}): number {
  const ann = amp * N;
  const d3 = d * d * d;
  return (ann + d3 / (4 * x * x * y)) / (ann + d3 / (4 * x * y * y));
}

/**
 * Bisection on log x: the marginal price of coin0 falls monotonically as its balance grows. Once
 * lo and hi are neighbouring doubles the midpoint is one of them, and for log x beyond ~2 that
 * happens before they are 1e-15 apart: a step that leaves (lo, hi) as it was would repeat forever
 * (each step depends only on them), so it ends the loop — the same result, ~55 steps instead of 200.
 */
export function stableswapBalancesAtPriceFloat({
  d,
  amp,
  price,
}: {
  d: number;
  amp: number;
  price: number;
}): [number, number] {
  if (price === 1) return [d / 2, d / 2];
  const x = Math.exp(stableswapLogBalanceFloat(d, amp, price) as number);
  return [x, stableswapYFloat({ x, d, amp })];
}

/**
 * The bisection of `stableswapBalancesAtPriceFloat` (whose x is exp of the result). `stop`, when
 * given, sees the bracket after each step — log x at lo and hi, and the prices there (NaN while an
 * end is the initial one) — and returning true ends the search early, with null. The brackets
 * nest, so the full search's answer lies in every one of them.
 */
export function stableswapLogBalanceFloat(
  d: number,
  amp: number,
  price: number,
  stop?: (step: number, lo: number, hi: number, priceLo: number, priceHi: number) => boolean,
): number | null {
  let lo = Math.log(d * 1e-18);
  let hi = Math.log(d * 1e3);
  let priceLo = NaN;
  let priceHi = NaN;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const x = Math.exp(mid);
    const y = stableswapYFloat({ x, d, amp });
    const p = stableswapPriceFloat({ x, y, d, amp });
    if (p > price) {
      if (lo === mid) break;
      lo = mid;
      priceLo = p;
    } else {
      if (hi === mid) break;
      hi = mid;
      priceHi = p;
    }
    if (hi - lo < 1e-15) break;
    if (stop?.(i, lo, hi, priceLo, priceHi)) return null;
  }
  return (lo + hi) / 2;
}

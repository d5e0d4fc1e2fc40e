import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  stableswapBalancesAtPrice,
  stableswapBalancesAtPriceFloat,
  stableswapPrice,
  stableswapPriceFloat,
  stableswapY,
  stableswapYFloat,
} from '../../src-main/engine/amm/stableswap';
import { Decimal } from '../../src-main/engine/decimal';

/**
 * The stableswap solves were made faster without changing a digit: each is checked here against
 * the plain version it replaced.
 */

/** The float bisection as it was: always to 1e-15 or 200 steps. */
function balancesAtPriceFloatPlain(d: number, amp: number, price: number): [number, number] {
  if (price === 1) return [d / 2, d / 2];
  let lo = Math.log(d * 1e-18);
  let hi = Math.log(d * 1e3);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const x = Math.exp(mid);
    const y = stableswapYFloat({ x, d, amp });
    const p = stableswapPriceFloat({ x, y, d, amp });
    if (p > price) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-15) break;
  }
  const x = Math.exp((lo + hi) / 2);
  return [x, stableswapYFloat({ x, d, amp })];
}

describe('stableswapBalancesAtPriceFloat', () => {
  it('property: the same bits as the bisection run to its 200 steps', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -8, max: 16, noNaN: true }),
        fc.double({ min: -2, max: 3.7, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (logD, logAmp, logPrice) => {
          const [d, amp, price] = [10 ** logD, 10 ** logAmp, 10 ** logPrice];
          expect(stableswapBalancesAtPriceFloat({ d, amp, price })).toEqual(
            balancesAtPriceFloatPlain(d, amp, price),
          );
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

/** The Decimal refinement stableswapBalancesAtPrice ran before it moved to BigInt. */
function balancesAtPriceInDecimal(d: Decimal, amp: Decimal, price: Decimal): [Decimal, Decimal] {
  const seed = stableswapBalancesAtPriceFloat({
    d: 1,
    amp: amp.toNumber(),
    price: price.toNumber(),
  });
  const priceError = (x: Decimal) => {
    const y = stableswapY({ x, d, amp, seed: d.times(seed[1]) });
    return { error: stableswapPrice({ x, y, d, amp }).minus(price), y };
  };
  let x0 = d.times(seed[0]);
  let x1 = x0.times(new Decimal('1.00000000000001'));
  let f0 = priceError(x0);
  let f1 = priceError(x1);
  for (let i = 0; i < 20; i++) {
    const slope = f1.error.minus(f0.error);
    if (slope.isZero()) break;
    const x2 = x1.minus(f1.error.times(x1.minus(x0)).div(slope));
    if (!x2.isFinite() || x2.lessThanOrEqualTo(0)) break;
    x0 = x1;
    f0 = f1;
    x1 = x2;
    f1 = priceError(x1);
    if (
      x1
        .minus(x0)
        .abs()
        .lessThanOrEqualTo(x1.times(new Decimal('1e-34')))
    )
      break;
  }
  return [x1, f1.y];
}

describe('stableswapBalancesAtPrice (refined on BigInt)', () => {
  it('property: the same digits as the Decimal refinement', () => {
    const scaled = (lo: number, hi: number) =>
      fc
        .tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: lo, max: hi }))
        .map(([m, e]) => new Decimal(m).times(new Decimal(10).pow(e)));
    fc.assert(
      fc.property(
        scaled(-6, 12),
        fc.integer({ min: 1, max: 99_999 }).map((bp) => new Decimal(bp).div(10_000)),
        fc.oneof(
          scaled(-6, -5),
          fc.integer({ min: 1, max: 5000 }).map((a) => new Decimal(a)),
        ),
        (d, priceOffset, amp) => {
          // A price above 1 (up to 11) and one below (down to 0.09).
          const below = new Decimal(1).div(new Decimal(1).plus(priceOffset));
          for (const price of [new Decimal(1).plus(priceOffset), below]) {
            const [x, y] = stableswapBalancesAtPrice({ d, amp, price });
            const [rx, ry] = balancesAtPriceInDecimal(d, amp, price);
            expect([x.toString(), y.toString()]).toEqual([rx.toString(), ry.toString()]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

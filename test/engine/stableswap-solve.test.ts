import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { impermanentLossFloatOf } from '../../src-main/engine/amm/impermanent-loss';
import { lpOutlook } from '../../src-main/engine/amm/lp-outlook';
import {
  stableswapBalancesAtPrice,
  stableswapBalancesAtPriceFloat,
  stableswapPrice,
  stableswapPriceFloat,
  stableswapY,
  stableswapYFloat,
} from '../../src-main/engine/amm/stableswap';
import { Decimal } from '../../src-main/engine/decimal';
import type { LpPosition } from '../../src-main/engine/position';

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

/** The break-even search as it was: the exact net function at every step. */
function plainCrossing(f: (m: number) => number, from: number, to: number): number | null {
  if (!(f(from) >= 0) || !(f(to) < 0)) return null;
  let good = from;
  let bad = to;
  for (let i = 0; i < 200 && Math.abs(bad - good) > 1e-13 * Math.max(1, Math.abs(good)); i++) {
    const mid = (good + bad) / 2;
    if (f(mid) >= 0) good = mid;
    else bad = mid;
  }
  return (good + bad) / 2;
}

describe('LP outlook break-even of a stableswap pool (the bisection spared where its sign is sure)', () => {
  it('property: the same bits as the search on the exact net function', () => {
    const positive = (lo: number, hi: number) =>
      fc.double({ min: lo, max: hi, noNaN: true }).map((v) => new Decimal(v.toPrecision(8)));
    fc.assert(
      fc.property(
        positive(1, 9),
        fc.integer({ min: 1, max: 9 }),
        fc.oneof(
          positive(0.5, 5000),
          fc.integer({ min: 1, max: 5000 }).map((a) => new Decimal(a)),
        ),
        positive(0.95, 1.05),
        fc.oneof(fc.constant(new Decimal(1)), positive(0.8, 1.25)),
        positive(0.0001, 0.5),
        fc.integer({ min: 1, max: 730 }),
        positive(0.5, 2),
        (mantissa, exponent, amp, entryPrice, currentMultiple, feeApr, horizonDays, usd1) => {
          const d = mantissa.times(new Decimal(10).pow(exponent));
          const entryAmounts = stableswapBalancesAtPrice({ d, amp, price: entryPrice });
          const lp: LpPosition = {
            token: 'LP:x',
            stepId: 'x',
            marketId: 'dex',
            pool: { type: 'stableswap', assets: ['USDC', 'USDT'], amplification: amp.toFixed() },
            entryAmounts,
            entryPrice,
            liquidity: d,
            feeApr,
            supply: d,
          };
          const prices = new Map([
            ['USDC', entryPrice.times(currentMultiple).times(usd1)],
            ['USDT', usd1],
          ]);
          const outlook = lpOutlook({ lp, prices, horizonDays });
          if (!outlook) throw new Error('no outlook');
          // lpOutlook's net function, from the same numbers.
          const fees = outlook.feesUsd.toNumber();
          const entry = entryPrice.toNumber();
          const [x0, y0] = entryAmounts.map((a) => a.toNumber()) as [number, number];
          const current = outlook.priceMultiple.toNumber();
          const lossAt = impermanentLossFloatOf(lp);
          const net = (m: number) => {
            const multiple = current * (1 + m);
            const hold = (x0 * entry * multiple + y0) * usd1.toNumber();
            return fees + lossAt(multiple) * hold;
          };
          expect(outlook.breakEven).toEqual({
            down: plainCrossing(net, 0, -0.99),
            up: plainCrossing(net, 0, 99),
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as B from '../../src-main/engine/big-decimal';
import {
  stableswapBalancesAtPrice,
  stableswapBalancesAtPriceFloat,
  stableswapPrice,
  stableswapY,
} from '../../src-main/engine/amm/stableswap';
import { Decimal } from '../../src-main/engine/decimal';

/** A decimal with up to 60 significant digits, either sign, exponents −30 … 30. */
const decimal = fc
  .tuple(
    fc.bigInt({ min: 1n, max: 10n ** 60n }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: -30, max: 30 }),
    fc.boolean(),
  )
  .map(([m, cut, e, negative]) => {
    const digits = m.toString().slice(0, Math.max(1, 60 - cut));
    return new Decimal(`${negative ? '-' : ''}${digits}e${e}`);
  });

const same = (mine: B.BigDecimal, theirs: Decimal) =>
  expect(B.toDecimal(mine).toString()).toBe(theirs.toString());

describe('big-decimal: the engine Decimal digits on BigInt', () => {
  it('property: ×, ÷, +, − and comparison give decimal.js results exactly', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const x = B.fromDecimal(a);
        const y = B.fromDecimal(b);
        same(B.times(x, y), a.times(b));
        same(B.dividedBy(x, y), a.div(b));
        same(B.plus(x, y), a.plus(b));
        same(B.minus(x, y), a.minus(b));
        expect(B.compare(x, y)).toBe(a.comparedTo(b));
        expect(B.toDecimal(x).equals(a)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds ties to even, and a remainder beyond a tie up', () => {
    const forty = '1234567890123456789012345678901234567890'; // 40 digits, even last digit
    const odd = '1234567890123456789012345678901234567891';
    for (const [a, b] of [
      [forty, '0.5'],
      [odd, '0.5'],
      [forty, '-0.5'],
      [odd, '-0.5'],
      [forty, '0.5000000000000000000000000000001'],
      ['9999999999999999999999999999999999999999', '0.5'],
    ] as const) {
      same(
        B.plus(B.fromDecimal(new Decimal(a)), B.fromDecimal(new Decimal(b))),
        new Decimal(a).plus(b),
      );
    }
    same(
      B.dividedBy(B.fromDecimal(new Decimal(1)), B.fromDecimal(new Decimal(3))),
      new Decimal(1).div(3),
    );
    same(
      B.dividedBy(B.fromDecimal(new Decimal(2)), B.fromDecimal(new Decimal(3))),
      new Decimal(2).div(3),
    );
    expect(
      B.toDecimal(
        B.plus(B.fromDecimal(new Decimal(odd)), B.fromDecimal(new Decimal('0.5'))),
      ).toFixed(),
    ).toBe('1234567890123456789012345678901234567892');
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

describe('stableswapBalancesAtPrice on BigInt', () => {
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

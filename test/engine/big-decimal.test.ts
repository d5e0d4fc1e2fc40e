import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as B from '../../src-main/engine/big-decimal';
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

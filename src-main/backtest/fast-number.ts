import type { Decimal } from '../engine/decimal';

/**
 * Decimal → float for reporting, from decimal.js's documented instance properties (`d`: base-1e7
 * digit words, `e`: decimal exponent of the first digit, `s`: sign) instead of `toNumber()`, which
 * formats a string and parses it back (a third of the replay's time). Within a couple of ulps of
 * `toNumber()`; used only for USD sums and series, never fed back into balances.
 */
export function toFloat(x: Decimal): number {
  const { d, e, s } = x as unknown as { d: number[] | null; e: number; s: number };
  if (!d) return x.toNumber(); // NaN or ±Infinity
  const first = d[0] as number;
  if (first === 0) return 0;
  const lead =
    first >= 1e6
      ? 7
      : first >= 1e5
        ? 6
        : first >= 1e4
          ? 5
          : first >= 1e3
            ? 4
            : first >= 100
              ? 3
              : first >= 10
                ? 2
                : 1;
  if (e > 300 || e < -300) return x.toNumber();
  // Horner over the words (at most three words matter for 53 bits), then one scaling.
  const words = Math.min(d.length, 4);
  let mantissa = 0;
  for (let i = 0; i < words; i++) mantissa = mantissa * 1e7 + (d[i] as number);
  const exponent = e - lead + 1 - 7 * (words - 1);
  const value = exponent >= 0 ? mantissa * 10 ** exponent : mantissa / 10 ** -exponent;
  return s < 0 ? -value : value;
}

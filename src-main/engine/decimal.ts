import DecimalBase from 'decimal.js';

/**
 * The one home for decimal configuration in the engine.
 * 40 significant digits: far beyond any token's 18 decimals times realistic magnitudes, so rounding
 * only ever happens where we round on purpose (formatting, on-chain style floors).
 */
export const Decimal = DecimalBase.clone({
  precision: 40,
  rounding: DecimalBase.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

/** What the engine accepts as a number-like input. Strings are the canonical wire format. */
export type DecimalInput = string | number | Decimal;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

/** Convert any accepted input; throws on non-finite input (callers validate user input first). */
export function dec(value: DecimalInput): Decimal {
  const d = new Decimal(value);
  if (!d.isFinite()) throw new Error(`NOT_FINITE: ${String(value)}`);
  return d;
}

/** Outputs leave the engine as plain decimal strings (IPC, SQLite, JSON files). */
export function str(value: Decimal): string {
  return value.toFixed();
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function minDec(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

export function maxDec(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}

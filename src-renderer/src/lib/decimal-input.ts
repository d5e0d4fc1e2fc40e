import Decimal from 'decimal.js';

/** The decimal and grouping separators of a locale, read from Intl (e.g. de-DE: "," and "."). */
export interface Separators {
  decimal: string;
  group: string;
}

export function separatorsFor(locale?: string): Separators {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

const CANONICAL = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** Spaces a locale may group with: ordinary, no-break and narrow no-break. */
const SPACES = /[\s\u00a0\u202f]/g;

/**
 * Reads what the user typed, in their locale's separators, as a canonical decimal string ("1234.5"),
 * by rewriting characters only (the value never passes through a float). Returns null when the
 * text is not a number; the caller keeps the text as typed so the engine can say what is wrong.
 */
export function parseDecimal(text: string, separators: Separators): string | null {
  let t = text.trim().replace(SPACES, '');
  if (t === '') return null;
  const { decimal, group } = separators;
  if (group !== decimal && group.trim() !== '') t = t.split(group).join('');
  if (decimal !== '.') {
    // Accept a "." typed as the decimal point too when it cannot be a group separator.
    if (t.includes(decimal)) t = t.split(decimal).join('.');
  }
  t = t.replace(/^\+/, '').replace(/^(-?)0+(?=\d)/, '$1');
  return CANONICAL.test(t) ? t : null;
}

/** A canonical decimal string shown in the locale's decimal separator (no grouping while editing). */
export function formatDecimal(value: string, separators: Separators): string {
  return separators.decimal === '.' ? value : value.replace('.', separators.decimal);
}

/** The user's locale (the browser's language). */
export const userLocale = (): string =>
  typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';

/**
 * A canonical decimal times 10^places, exactly (decimal.js, no float): percent fields show
 * "4.5" for a stored "0.045" and store "0.045" for a typed "4.5".
 */
export function shiftDecimal(value: string, places: number): string {
  return new Decimal(value).times(new Decimal(10).pow(places)).toFixed();
}

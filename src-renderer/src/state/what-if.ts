/**
 * Helpers of the what-if price control: slider ranges (as multiples of the entry price) and the
 * price a slider position stands for, written as the plain decimal string `engine.evaluate { at }`
 * takes (no exponent, at most 6 significant digits: a slider is not a precision instrument).
 */

/** A volatile price from a 90 % fall to 3×; a peg from 0.5 to 1.1 of its entry price. */
export function sliderRange(control: 'price' | 'peg'): { min: number; max: number; step: number } {
  return control === 'price'
    ? { min: 0.1, max: 3, step: 0.005 }
    : { min: 0.5, max: 1.1, step: 0.001 };
}

const plain = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 6 });

/** entry × ratio as a positive plain decimal string ("2500", "0.98"), or null when not positive. */
export function priceAtRatio(entryPriceUsd: string, ratio: number): string | null {
  const value = Number(entryPriceUsd) * ratio;
  if (!Number.isFinite(value) || value <= 0) return null;
  return plain.format(value);
}

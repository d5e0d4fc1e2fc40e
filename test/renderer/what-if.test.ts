import { describe, expect, it } from 'vitest';
import { priceAtRatio, sliderRange } from '../../src-renderer/src/state/what-if';

describe('what-if price control', () => {
  it('turns a slider position into the price engine.evaluate takes', () => {
    // 3,000 × 0.8333… = 2,500 (6 significant digits)
    expect(priceAtRatio('3000', 2500 / 3000)).toBe('2500');
    expect(priceAtRatio('1', 0.98)).toBe('0.98');
    expect(priceAtRatio('100000', 0.555)).toBe('55500');
    // no exponent, ever: the contract takes plain decimals only
    expect(priceAtRatio('0.00000012', 1)).toBe('0.00000012');
    expect(priceAtRatio('5e21', 1)).toBe('5000000000000000000000');
    expect(priceAtRatio('3000', 0)).toBeNull();
    expect(priceAtRatio('x', 1)).toBeNull();
  });

  it('a price moves from a 90 % fall to 3×, a peg between 0.5 and 1.1', () => {
    expect(sliderRange('price')).toMatchObject({ min: 0.1, max: 3 });
    expect(sliderRange('peg')).toMatchObject({ min: 0.5, max: 1.1 });
  });
});

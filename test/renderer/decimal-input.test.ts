import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDecimal,
  parseDecimal,
  separatorsFor,
} from '../../src-renderer/src/lib/decimal-input';

describe('locale-aware decimal input', () => {
  it('reads the separators from Intl.NumberFormat', () => {
    expect(separatorsFor('en-US')).toEqual({ decimal: '.', group: ',' });
    expect(separatorsFor('de-DE')).toEqual({ decimal: ',', group: '.' });
    expect(separatorsFor('fr-FR').decimal).toBe(',');
  });

  it('turns typed text into canonical decimal strings', () => {
    const en = separatorsFor('en-US');
    const de = separatorsFor('de-DE');
    const fr = separatorsFor('fr-FR');
    expect(parseDecimal('44,933.5', en)).toBe('44933.5');
    expect(parseDecimal('44.933,5', de)).toBe('44933.5');
    expect(parseDecimal('44\u202f933,5', fr)).toBe('44933.5');
    expect(parseDecimal('0,0005', de)).toBe('0.0005');
    expect(parseDecimal('007', en)).toBe('7');
    expect(parseDecimal('1e-6', en)).toBe('1e-6');
    expect(parseDecimal('7O000', en)).toBeNull();
    expect(parseDecimal('', en)).toBeNull();
    expect(parseDecimal('1.2.3', de)).toBe('123'); // "." groups in German
  });

  it('keeps every digit: no float on the way (0.1 + 0.2 style values, 30 digits)', () => {
    const en = separatorsFor('en-US');
    expect(parseDecimal('0.123456789012345678901234567890', en)).toBe(
      '0.123456789012345678901234567890',
    );
    expect(parseDecimal('90071992547409930001', en)).toBe('90071992547409930001');
  });

  it('format then parse gives the value back, in any locale', () => {
    const locales = ['en-US', 'de-DE', 'fr-FR', 'hi-IN', 'ar-EG', 'ja-JP'];
    fc.assert(
      fc.property(
        fc.constantFrom(...locales),
        fc.stringMatching(/^[1-9]\d{0,12}(\.\d{1,12})?$/),
        (locale, value) => {
          const s = separatorsFor(locale);
          expect(parseDecimal(formatDecimal(value, s), s)).toBe(value);
        },
      ),
    );
  });
});

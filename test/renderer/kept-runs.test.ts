import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson as mainCanonical } from '../../src-main/services/runs';
import { canonicalJson } from '../../src-renderer/src/lib/canonical-json';
import { isStale, originOf } from '../../src-renderer/src/state/kept-runs';

describe('kept runs in the renderer', () => {
  it('property: the renderer canonical JSON is exactly main’s (stale in the UI = stale in main)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(mainCanonical(value));
      }),
      { numRuns: 300 },
    );
  });

  it('property: reordering keys never makes a run stale; changing a value does', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer(), { minKeys: 2 }),
        (doc) => {
          const reversed = Object.fromEntries(Object.entries(doc).reverse());
          const origin = originOf(doc);
          expect(isStale(origin, reversed)).toBe(false);
          const [firstKey] = Object.keys(doc);
          expect(isStale(origin, { ...doc, [firstKey!]: doc[firstKey!]! + 1 })).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('no result or no document is never stale', () => {
    expect(isStale(null, { a: 1 })).toBe(false);
    expect(isStale(originOf({ a: 1 }), null)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  sameJson,
  summarizeChange,
  type DraftState,
} from '../../../src-main/services/revisions/summarize-change';

const doc = (over: Record<string, unknown> = {}) => ({
  format: 'yieldplan.strategy',
  version: 1,
  name: 'Loop',
  horizonDays: 365,
  capital: [{ asset: 'WETH', amount: '10' }],
  prices: { WETH: '3000', USDC: '1' },
  markets: [{ id: 'aave', kind: 'lending', closeFactor: '0.5' }],
  steps: [
    { id: 'supply-1', type: 'supply', asset: 'WETH', amount: { type: 'all' } },
    { id: 'borrow-1', type: 'borrow', asset: 'USDC', amount: { type: 'ltv', value: '0.5' } },
  ],
  ...over,
});
const state = (over: Partial<DraftState> = {}): DraftState => ({
  name: 'Loop',
  notes: '',
  document: doc(),
  ...over,
});

describe('summarizeChange', () => {
  it('says "Created" for the first state and "No change" for an identical one', () => {
    expect(summarizeChange(null, state())).toBe('Created');
    expect(summarizeChange(state(), state())).toBe('No change');
  });

  it('names a rename once (the draft name and the strategy name are one value)', () => {
    const after = state({ name: 'Loop 2', document: doc({ name: 'Loop 2' }) });
    expect(summarizeChange(state(), after)).toBe('Renamed to “Loop 2”');
  });

  it('names added, removed and edited steps by id, with the edited fields', () => {
    const steps = doc().steps as Record<string, unknown>[];
    const added = state({
      document: doc({ steps: [...steps, { id: 'swap-1', type: 'swap' }] }),
    });
    expect(summarizeChange(state(), added)).toBe('Added step swap-1');
    const removed = state({ document: doc({ steps: [steps[0]] }) });
    expect(summarizeChange(state(), removed)).toBe('Removed step borrow-1');
    const edited = state({
      document: doc({
        steps: [steps[0], { ...steps[1], amount: { type: 'ltv', value: '0.6' } }],
      }),
    });
    expect(summarizeChange(state(), edited)).toBe('Step borrow-1: amount');
    const reordered = state({ document: doc({ steps: [steps[1], steps[0]] }) });
    expect(summarizeChange(state(), reordered)).toBe('Reordered steps');
  });

  it('says a single price change with both values, and a horizon change', () => {
    const after = state({
      document: doc({ prices: { WETH: '2500', USDC: '1' }, horizonDays: 90 }),
    });
    expect(summarizeChange(state(), after)).toBe(
      'Horizon 365 → 90 days; price of WETH 3000 → 2500',
    );
  });

  it('names sections it does not know (a future limits section) and notes edits', () => {
    const after = state({ notes: 'why', document: doc({ limits: { maxLtv: '0.7' } }) });
    expect(summarizeChange(state(), after)).toBe('Added limits; edited notes');
  });

  it('keeps to three changes and counts the rest', () => {
    const after = state({
      name: 'X',
      notes: 'n',
      document: doc({ name: 'X', horizonDays: 30, prices: { WETH: '1', USDC: '1' }, markets: [] }),
    });
    expect(summarizeChange(state(), after)).toBe(
      'Renamed to “X”; horizon 365 → 30 days; price of WETH 3000 → 1; and 2 more',
    );
  });
});

describe('sameJson', () => {
  it('ignores key order but not array order', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
  });
});

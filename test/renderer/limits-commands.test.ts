import { describe, expect, it } from 'vitest';
import { parseStrategy } from '../../src-main/engine/format/parse';
import { applyEdit } from '../../src-renderer/src/state/document/commands';
import { History } from '../../src-renderer/src/state/document/history';
import { setLimit } from '../../src-renderer/src/state/document/limits-commands';
import { blankStrategy } from '../../src-renderer/src/state/document/blank';
import type { StrategyInput } from '../../src-renderer/src/state/document/types';
import { breachLine, cleanLimits } from '../../src-renderer/src/lib/limits';

const limitsOf = (d: StrategyInput) => (d as { limits?: Record<string, string> }).limits;

describe('setLimit', () => {
  it('sets and clears a draft limit as one undoable entry per field; an empty section goes', () => {
    const history = new History();
    let doc = blankStrategy();
    for (const v of ['1', '1.', '1.5']) {
      const change = applyEdit(doc, setLimit('minHealthFactor', v));
      history.record(change);
      doc = change.document;
    }
    const other = applyEdit(doc, setLimit('maxLtv', '0.7'));
    history.record(other);
    doc = other.document;
    expect(limitsOf(doc)).toEqual({ minHealthFactor: '1.5', maxLtv: '0.7' });
    expect(history.size).toBe(2);
    expect(parseStrategy(doc).ok).toBe(true);

    doc = history.undo(doc)!;
    expect(limitsOf(doc)).toEqual({ minHealthFactor: '1.5' });
    doc = applyEdit(doc, setLimit('minHealthFactor', undefined)).document;
    expect('limits' in doc).toBe(false);
  });

  it('brings a version-1 draft to version 2 when it gains a limit', () => {
    const v1 = { ...blankStrategy(), version: 1 } as unknown as StrategyInput;
    const next = applyEdit(v1, setLimit('maxLeverage', '3')).document;
    expect(next.version).toBe(2);
    expect(parseStrategy(next)).toMatchObject({
      ok: true,
      strategy: { limits: { maxLeverage: '3' } },
    });
  });
});

describe('limit labels', () => {
  it('says the figure against the limit in the limit’s unit', () => {
    const b = {
      limit: 'maxLtv' as const,
      analysis: 'evaluation' as const,
      figure: '0.8',
      threshold: '0.7',
      source: 'strategy' as const,
      marketId: 'm',
      protocol: null,
      stepIds: [],
      where: null,
      message: '',
      fixes: [],
    };
    expect(breachLine(b)).toBe('LTV 80.00% > 70.00%');
    expect(cleanLimits({ maxLtv: '0.7', maxLeverage: undefined, minHealthFactor: '' })).toEqual({
      maxLtv: '0.7',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { decimalProblem, INPUT_LIMITS } from '../../src-main/engine/format/schema';
import { evaluate } from '../../src-main/engine/evaluate';
import { seededHarness } from '../contract/harness';
import { example, loopChain, maximalAcceptedChain } from './strategies';

/** Issue 19, items 2, 3 and 6 and the number items of 9: bounds where inputs enter. */

type Issue = { code: string; field?: string; stepId?: string };
const codes = (result: unknown) =>
  ((result as { errors?: Issue[] }).errors ?? []).map((e) => `${e.code}@${e.field}`);

function withAmount(amount: string): Record<string, unknown> {
  const doc = example('eth-leveraged-long');
  (doc['capital'] as { amount: string }[])[0]!.amount = amount;
  return doc;
}

describe('decimal strings', () => {
  it('refuses a 1,000,000-digit amount by its length, at once, naming the field', () => {
    const doc = withAmount('9'.repeat(1_000_000)); // ~1 MB, under the 2 MiB document limit
    const result = evaluate(doc);
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['DECIMAL_TOO_LONG@capital.0.amount']);
  });

  it('refuses 1e400 (and 1e-31) as out of range and 41 significant digits as too precise', () => {
    expect(codes(evaluate(withAmount('1e400')))).toEqual(['DECIMAL_OUT_OF_RANGE@capital.0.amount']);
    expect(codes(evaluate(withAmount('1e-31')))).toEqual(['DECIMAL_OUT_OF_RANGE@capital.0.amount']);
    expect(codes(evaluate(withAmount('1'.repeat(41))))).toEqual([
      'DECIMAL_TOO_PRECISE@capital.0.amount',
    ]);
  });

  it('accepts the edges: 40 digits, exponent ±30, zeros however written', () => {
    for (const ok of [
      '1'.repeat(30),
      '0.' + '1'.repeat(40),
      '9.99e30',
      '1e-30',
      '0',
      '-0',
      '0e999',
      '000.000',
      '10.000000000000000000000000000000000000000000000',
    ]) {
      expect(decimalProblem(ok), ok).toBeNull();
    }
    expect(decimalProblem('1'.repeat(32))?.code).toBe('DECIMAL_OUT_OF_RANGE');
    expect(decimalProblem('1.' + '1'.repeat(40))?.code).toBe('DECIMAL_TOO_PRECISE');
    expect(INPUT_LIMITS.maxExponent).toBe(30);
  });

  it('refuses a backtest with 1e400 instead of returning NaN and Infinity', async () => {
    const h = await seededHarness();
    try {
      const result = await h.ok('backtest.run', {
        strategy: withAmount('1e400'),
        from: '2024-01-01',
        to: '2024-03-01',
      });
      expect(result.ok).toBe(false);
      expect(codes(result)).toEqual(['DECIMAL_OUT_OF_RANGE@capital.0.amount']);
    } finally {
      await h.close();
    }
  });

  it('reports a negative price as PRICE_NEGATIVE and an overflowing one as out of range, not "no price"', () => {
    const negative = example('eth-leveraged-long');
    negative['prices'] = { ...(negative['prices'] as object), ETH: '-3000' };
    expect(codes(evaluate(negative))).toEqual(['PRICE_NEGATIVE@prices.ETH']);
    const huge = example('eth-leveraged-long');
    huge['prices'] = { ...(huge['prices'] as object), ETH: '1e400' };
    expect(codes(evaluate(huge))).toEqual(['DECIMAL_OUT_OF_RANGE@prices.ETH']);
  });

  it('calls -0 zero, not negative', () => {
    const result = evaluate(withAmount('-0'));
    expect(codes(result).some((c) => c.startsWith('NEGATIVE_AMOUNT'))).toBe(false);
  });
});

describe('executed steps', () => {
  it("refuses the issue's 99 loops × 100 times × 20 body steps in every engine op", async () => {
    const doc = loopChain(99, 100, 20);
    expect(JSON.stringify(doc).length).toBeGreaterThan(190_000); // the schema accepted it before
    const h = await seededHarness();
    try {
      for (const op of ['engine.evaluate', 'scenarios.run', 'risk.protocol'] as const) {
        const result = await h.ok(op, { strategy: doc });
        expect(codes(result), op).toEqual(['TOO_MANY_STEPS@steps']);
      }
    } finally {
      await h.close();
    }
  });

  it('accepts a chain of exactly the ceiling and refuses one step more', () => {
    const max = maximalAcceptedChain(INPUT_LIMITS.executedSteps);
    expect(codes(evaluate(max)).filter((c) => c.startsWith('TOO_MANY'))).toEqual([]);
    const over = maximalAcceptedChain(INPUT_LIMITS.executedSteps + 1);
    expect(codes(evaluate(over))).toEqual(['TOO_MANY_STEPS@steps']);
  });
});

describe('text', () => {
  it('refuses a draft name beginning with NUL (it broke every later save) and a lone surrogate', async () => {
    const h = await seededHarness();
    try {
      const nul = await h.raw('drafts.create', { name: '\u0000evil' });
      expect(nul).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(JSON.stringify(nul)).toContain('TEXT_HAS_NUL');
      const draft = await h.ok('drafts.create', { name: 'fine' });
      const surrogate = await h.raw('drafts.save', { id: draft.id, name: 'half \uD800 a pair' });
      expect(JSON.stringify(surrogate)).toContain('TEXT_NOT_UNICODE');
      const notes = await h.raw('drafts.save', { id: draft.id, notes: 'a\u0000b' });
      expect(JSON.stringify(notes)).toContain('TEXT_HAS_NUL');
      // the draft still saves normally afterwards
      expect((await h.ok('drafts.save', { id: draft.id, name: 'still fine' })).name).toBe(
        'still fine',
      );
    } finally {
      await h.close();
    }
  });

  it('refuses NUL and lone surrogates inside a strategy, naming the field', () => {
    const doc = example('eth-leveraged-long');
    doc['name'] = 'x\u0000';
    expect(codes(evaluate(doc))).toEqual(['TEXT_HAS_NUL@name']);
    doc['name'] = 'x\uDC00';
    expect(codes(evaluate(doc))).toEqual(['TEXT_NOT_UNICODE@name']);
  });
});

describe('dates from the renderer', () => {
  it('refuses backtest windows outside 1990-2100', async () => {
    const h = await seededHarness();
    try {
      for (const from of ['0000-01-01', '1969-12-31', '9999-01-01']) {
        const result = await h.raw('backtest.run', {
          strategy: example('eth-leveraged-long'),
          from,
          to: from.startsWith('9') ? '9999-02-01' : '2024-01-01',
        });
        expect(result, from).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
        expect(JSON.stringify(result)).toContain('DATE_OUT_OF_RANGE');
      }
    } finally {
      await h.close();
    }
  });
});

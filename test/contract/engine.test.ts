import { afterEach, describe, expect, it } from 'vitest';
import { contractHarness } from './harness';

describe('engine through the contract', () => {
  let h: ReturnType<typeof contractHarness> | undefined;
  afterEach(() => h?.close());

  it('ships the six worked examples and each evaluates cleanly', async () => {
    h = contractHarness();
    const examples = await h.ok('engine.examples', {});
    expect(examples).toHaveLength(6);
    for (const example of examples) {
      const result = await h.ok('engine.evaluate', { strategy: example.strategy });
      expect(result.errors, example.id).toEqual([]);
      expect(result.ok, example.id).toBe(true);
      expect(Number(result.equityUsd), example.id).toBeGreaterThan(0);
    }
  });

  it('answers a broken draft with step-level errors, not a crash', async () => {
    h = contractHarness();
    const [first] = await h.ok('engine.examples', {});
    const strategy = structuredClone(first!.strategy) as { steps: Array<Record<string, unknown>> };
    strategy.steps[0] = { ...strategy.steps[0], amount: 'lots' };
    const result = await h.ok('engine.evaluate', { strategy });
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ stepId: strategy.steps[0]!['id'] });
  });

  it('refuses a non-object strategy at the boundary', async () => {
    h = contractHarness();
    expect(await h.raw('engine.evaluate', { strategy: [1, 2] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});

describe('exotic input that survives structured clone', () => {
  it('answers a cyclic or BigInt strategy with VALIDATION, not a throw', async () => {
    const h = contractHarness();
    try {
      const cyclic: Record<string, unknown> = { name: 'loop' };
      cyclic['self'] = cyclic;
      expect(await h.raw('engine.evaluate', { strategy: cyclic })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(
        await h.raw('risk.stress', {
          strategy: { n: 1n },
          axes: [{ kind: 'price', asset: 'ETH' }],
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    } finally {
      await h.close();
    }
  });
});

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

  it('leads with a strategy that works and says what each example teaches', async () => {
    h = contractHarness();
    const examples = await h.ok('engine.examples', {});
    // resources/example-catalog.json: the stablecoin farm first (positive carry, no warnings)
    expect(examples[0]?.id).toBe('stablecoin-farm');
    const first = await h.ok('engine.evaluate', { strategy: examples[0]!.strategy });
    expect(Number(first.netApy)).toBeGreaterThan(0);
    expect(first.warnings).toEqual([]);
    for (const example of examples) {
      expect(example.teaches, example.id).toMatch(/^\S.{20,140}$/);
      expect(example.teaches, example.id).not.toContain('\n');
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

  it('revalues at what-if prices through `at`, and validates them', async () => {
    h = contractHarness();
    const examples = await h.ok('engine.examples', {});
    const looped = examples.find((e) => {
      const steps = (e.strategy as { steps: Array<{ type: string }> }).steps;
      return steps.some((s) => s.type === 'borrow');
    })!;
    const entry = await h.ok('engine.evaluate', { strategy: looped.strategy });
    const root = Object.keys(entry.liquidationPrice).find((k) => !k.startsWith('perp:'))!;
    const price = entry.liquidations.find((l) => l.key === root)!.currentPriceUsd;
    const lower = String(Number(price) * 0.9);
    const shocked = await h.ok('engine.evaluate', {
      strategy: looped.strategy,
      at: { [root]: lower },
    });
    expect(shocked.whatIf?.at).toEqual({ [root]: lower });
    // the same built position as the engine gives directly, valued lower
    expect(Number(shocked.healthFactor.overall)).toBeLessThan(Number(entry.healthFactor.overall));
    expect(shocked.balances).toEqual(entry.balances);

    for (const at of [{ eth: '1' }, { ETH: '-1' }, { ETH: '0' }, { ETH: 2500 }, { ETH: '1e3' }]) {
      expect(
        await h.raw('engine.evaluate', { strategy: looped.strategy, at }),
        JSON.stringify(at),
      ).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    // shape is right but the strategy does not price it: the engine's own error, in the result
    const unknown = await h.ok('engine.evaluate', { strategy: looped.strategy, at: { DOGE: '1' } });
    expect(unknown.errors[0]).toMatchObject({ code: 'AT_PRICE_UNKNOWN_ASSET', field: 'at.DOGE' });
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

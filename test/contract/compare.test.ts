import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult, JobStatus } from '../../src-main/contract/index';
import { seededHarness } from './harness';

/** `compare.start` as a job through the contract, and the ops of the history and trash browsers. */
let h: Awaited<ReturnType<typeof seededHarness>>;
const example = (name: string) =>
  JSON.parse(
    fs.readFileSync(new URL(`../../resources/examples/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

beforeAll(async () => {
  h = await seededHarness();
});
afterAll(async () => {
  await h?.close();
});

async function finished(jobId: string): Promise<JobStatus> {
  for (;;) {
    const status = await h.ok('jobs.status', { jobId });
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('compare.start', () => {
  it('runs 2 strategies as one job and answers sections with the better value marked', async () => {
    const { jobId } = await h.ok('compare.start', {
      items: [
        { label: 'Loop', strategy: example('eth-leveraged-long') },
        { label: 'Farm', strategy: example('stablecoin-farm') },
      ],
      from: '2024-01-01',
      to: '2024-02-29',
      simulation: { model: 'gbm', paths: 200, seed: 3, days: 30 },
    });
    const status = await finished(jobId);
    expect(status.state).toBe('done');
    const result = (status as { result: CompareResult }).result;
    expect(result.labels).toEqual(['Loop', 'Farm']);
    expect(result.sections.map((s) => s.id)).toEqual([
      'figures',
      'backtest',
      'scenarios',
      'monte-carlo',
    ]);
    const leverage = result.sections[0]!.rows.find((r) => r.id === 'leverage')!;
    expect(leverage.best).toEqual([1]); // 1.3× against 2.5×: lower is better
    // Numbers with their kind, no display text: the renderer writes them for people.
    expect(leverage.unit).toBe('leverage');
    expect(leverage.values[0]).toBeCloseTo(2.5, 12);
    expect(leverage.values[1]).toBeCloseTo(1.3, 2);
    expect(leverage.notes).toEqual([null, null]);
    expect(leverage).not.toHaveProperty('display');
    expect(leverage.difference?.kind).toBe('gaps');
    if (leverage.difference?.kind === 'gaps') {
      expect(leverage.difference.gaps.map((g) => g.index)).toEqual([0]);
      expect(leverage.difference.gaps[0]!.gap).toBeCloseTo(
        leverage.values[0]! - leverage.values[1]!,
        12,
      );
    }
    const hf = result.sections[0]!.rows.find((r) => r.id === 'healthFactor')!;
    expect(hf.unit).toBe('healthFactor');
    expect(hf.unboundedText).toBe('no debt');
  }, 120_000);

  it("reports each strategy's limit breaches: its own limits over the global ones", async () => {
    // ETH leveraged long: HF 1.383, leverage 2.5×; stablecoin farm: HF 1.867, leverage 1.3×.
    await h.ok('settings.set', { patch: { limits: { maxLeverage: '2' } } });
    try {
      const { jobId } = await h.ok('compare.start', {
        items: [
          {
            label: 'Loop',
            strategy: {
              ...example('eth-leveraged-long'),
              version: 2,
              limits: { minHealthFactor: '1.5' },
            },
          },
          { label: 'Farm', strategy: example('stablecoin-farm') },
        ],
        from: '2024-01-01',
        to: '2024-01-31',
        simulation: { model: 'gbm', paths: 100, seed: 1, days: 10 },
      });
      const status = await finished(jobId);
      expect(status.state).toBe('done');
      const result = (status as { result: CompareResult }).result;
      const loop = result.breaches[0]!.filter((b) => b.analysis === 'evaluation');
      expect(loop.map((b) => [b.limit, b.source]).sort()).toEqual([
        ['maxLeverage', 'settings'],
        ['minHealthFactor', 'strategy'],
      ]);
      expect(loop.find((b) => b.limit === 'minHealthFactor')!.fixes.length).toBeGreaterThan(0);
      expect(result.breaches[1]).toEqual([]);
    } finally {
      await h.ok('settings.set', { patch: { limits: {} } });
    }
  }, 120_000);

  it('keeps a strategy that does not evaluate as empty columns with its reason', async () => {
    const { jobId } = await h.ok('compare.start', {
      items: [
        { label: 'Loop', strategy: example('eth-leveraged-long') },
        { label: 'Broken', strategy: { ...example('stablecoin-farm'), steps: 'broken' } },
      ],
      from: '2024-01-01',
      to: '2024-01-31',
      simulation: { model: 'gbm', paths: 100, seed: 1, days: 10 },
    });
    const status = await finished(jobId);
    expect(status.state).toBe('done');
    const result = (status as { result: CompareResult }).result;
    expect(result.issues[1]!.length).toBeGreaterThan(0);
    for (const section of result.sections) {
      expect(section.problems[0]).toBeNull();
      expect(section.problems[1]).toMatch(/\S/);
      for (const row of section.rows) {
        expect(row.values[1]).toBeNull();
        expect(row.notes[1]).toBe('unavailable'); // the section's problem says why
        expect(row.best).toEqual([]); // one comparable value: nothing to mark
      }
    }
  }, 120_000);

  it('refuses one strategy, five, or a window that ends before it starts', async () => {
    const strategy = example('eth-leveraged-long');
    const item = { label: 'A', strategy };
    for (const input of [
      { items: [item], from: '2024-01-01', to: '2024-02-01' },
      { items: [item, item, item, item, item], from: '2024-01-01', to: '2024-02-01' },
      { items: [item, item], from: '2024-03-01', to: '2024-02-01' },
    ]) {
      const envelope = await h.raw('compare.start', input);
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('VALIDATION');
    }
  });
});

describe('history and trash ops', () => {
  it('restores through the contract and refuses to purge a live draft', async () => {
    const draft = await h.ok('drafts.create', { name: 'Ops' });
    await h.ok('drafts.save', { id: draft.id, notes: 'changed' });
    const entries = await h.ok('drafts.history', { id: draft.id });
    expect(entries.map((e) => e.summary)).toEqual(['Edited notes', 'Created']);
    const saved = await h.ok('drafts.restoreRevision', {
      id: draft.id,
      revision: 1,
      baseRevision: 2,
    });
    expect(saved.revision).toBe(3);
    expect((await h.ok('drafts.open', { id: draft.id })).notes).toBe('');
    const purge = await h.raw('drafts.purge', { id: draft.id });
    expect(purge.ok).toBe(false);
    if (!purge.ok) expect(purge.error.code).toBe('CONFLICT');
    const bad = await h.raw('drafts.revision', { id: draft.id, revision: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
  });
});

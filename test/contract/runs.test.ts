import { afterEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src-main/contract/index';
import { seededHarness } from './harness';

type Harness = Awaited<ReturnType<typeof seededHarness>>;

async function draftOf(h: Harness, id: string) {
  const examples = await h.ok('engine.examples', {});
  const strategy = examples.find((e) => e.id === id)!.strategy;
  return h.ok('drafts.create', { name: id, document: strategy });
}

async function waitForJob(h: Harness, jobId: string): Promise<JobStatus> {
  for (let i = 0; i < 1200; i++) {
    const s = await h.ok('jobs.status', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('job did not finish');
}

describe('kept runs through the contract', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('a backtest asked to be kept is stored with its inputs and reopens as it was', async () => {
    h = await seededHarness();
    const draft = await draftOf(h, 'eth-leveraged-long');
    const input = { strategy: draft.document, from: '2021-05-11', to: '2021-05-23' };
    const result = await h.ok('backtest.run', {
      ...input,
      keep: { draftId: draft.id, revision: draft.revision },
    });
    // without `keep` nothing is stored
    await h.ok('backtest.run', input);
    const list = await h.ok('runs.list', { draftId: draft.id });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      kind: 'backtest',
      draftRevision: draft.revision,
      options: { from: '2021-05-11', to: '2021-05-23' },
      stale: false,
    });
    const kept = await h.ok('runs.get', { id: list[0]!.id });
    expect(kept.result).toEqual(result);
    expect(kept.strategy).toEqual(draft.document);

    // an edit marks it stale, and it is still there
    const edited = { ...draft.document, horizonDays: 30 };
    await h.ok('drafts.save', { id: draft.id, document: edited });
    expect((await h.ok('runs.list', { draftId: draft.id }))[0]!.stale).toBe(true);
  });

  it('scenarios are kept too; a failed run (strategy errors) is not', async () => {
    h = await seededHarness();
    const draft = await draftOf(h, 'eth-leveraged-long');
    const keep = { draftId: draft.id, revision: draft.revision };
    await h.ok('scenarios.run', { strategy: draft.document, keep });
    const broken = await h.ok('scenarios.run', { strategy: { steps: 'x' }, keep });
    expect(broken.ok).toBe(false);
    const list = await h.ok('runs.list', { draftId: draft.id, kind: 'scenarios' });
    expect(list).toHaveLength(1);
    const kept = await h.ok('runs.get', { id: list[0]!.id });
    if (kept.kind !== 'scenarios') throw new Error(kept.kind);
    expect(kept.result.rows.length).toBeGreaterThan(3);
  });

  it('a Monte Carlo is kept when its job completes; a cancelled re-run keeps the previous one', async () => {
    h = await seededHarness();
    const draft = await draftOf(h, 'eth-leveraged-long');
    const keep = { draftId: draft.id, revision: draft.revision };
    const small = { model: 'gbm' as const, paths: 200, days: 30, seed: 7 };
    const first = await h.ok('risk.simulate', { strategy: draft.document, options: small, keep });
    const done = await waitForJob(h, first.jobId);
    expect(done.state).toBe('done');

    const big = { model: 'bootstrap' as const, paths: 250_000, days: 3650, seed: 1 };
    const second = await h.ok('risk.simulate', { strategy: draft.document, options: big, keep });
    expect((await h.ok('jobs.cancel', { jobId: second.jobId })).state).toBe('cancelled');
    // simulations queue one at a time, so once a third has finished the cancelled one has ended
    const third = await h.ok('risk.simulate', {
      strategy: draft.document,
      options: { ...small, seed: 8 },
      keep,
    });
    expect((await waitForJob(h, third.jobId)).state).toBe('done');

    const list = await h.ok('runs.list', { draftId: draft.id, kind: 'monte-carlo' });
    expect(list.map((r) => (r.options['options'] as { seed: number }).seed)).toEqual([8, 7]);
    const kept = await h.ok('runs.get', { id: list[1]!.id });
    expect(kept.result).toEqual((done as { result: unknown }).result);
  });

  it('refuses an unknown or trashed draft before running, and bad input at the boundary', async () => {
    h = await seededHarness();
    const draft = await draftOf(h, 'eth-leveraged-long');
    const run = (draftId: string) =>
      h!.raw('backtest.run', {
        strategy: draft.document,
        from: '2021-05-11',
        to: '2021-05-23',
        keep: { draftId, revision: 1 },
      });
    expect(await run('00000000-0000-4000-8000-000000000000')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await h.ok('drafts.delete', { id: draft.id });
    expect(await run(draft.id)).toMatchObject({ ok: false, error: { code: 'DRAFT_DELETED' } });
    expect(
      await h.raw('risk.simulate', {
        strategy: draft.document,
        options: { model: 'gbm', paths: 100, days: 10, seed: 1 },
        keep: { draftId: draft.id, revision: 1 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'DRAFT_DELETED' } });
    for (const input of [
      { draftId: 'nope' },
      { draftId: draft.id, kind: 'other' },
      { draftId: draft.id, extra: 1 },
    ]) {
      expect(await h.raw('runs.list', input)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expect(await h.raw('runs.get', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open-database';
import { DraftsService } from '../../src-main/services/drafts';
import { canonicalJson, RunStore, strategyHash } from '../../src-main/services/runs';
import { steppingClock, tempDir } from '../db/temp-db';

const doc = (name: string, price = '2000') => ({ name, prices: { WETH: price }, steps: [] });
const report = (n: number) => ({ ok: true, n });

describe('RunStore (migration 005)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let drafts: DraftsService;
  let runs: RunStore;
  const clock = steppingClock();

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase({ path: path.join(tmp.dir, 'runs.sqlite') });
    drafts = new DraftsService(db, { now: clock });
    runs = new RunStore(db, { now: clock, keptPerKind: 3 });
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  const keepOne = (draftId: string, revision: number, strategy: unknown, n: number) =>
    runs.keep({
      keep: { draftId, revision },
      kind: 'backtest',
      strategy,
      options: { from: '2021-01-01', to: '2021-02-01' },
      result: report(n),
    });

  it('keeps a run with its inputs and reads it back whole', () => {
    const draft = drafts.create({ name: 'a', document: JSON.stringify(doc('a')) });
    const summary = keepOne(draft.id, draft.revision, draft.document, 1)!;
    expect(summary).toMatchObject({
      draftId: draft.id,
      kind: 'backtest',
      draftRevision: 1,
      options: { from: '2021-01-01', to: '2021-02-01' },
      stale: false,
    });
    const run = runs.get(summary.id);
    expect(run.strategy).toEqual(doc('a'));
    expect(run.result).toEqual(report(1));
    expect(runs.list({ draftId: draft.id })).toEqual([summary]);
  });

  it('an edit of the strategy marks its runs stale; a rename or a key reorder does not', () => {
    const draft = drafts.create({ name: 'a', document: JSON.stringify(doc('a')) });
    keepOne(draft.id, 1, draft.document, 1);
    drafts.rename(draft.id, 'renamed');
    expect(runs.list({ draftId: draft.id })[0]!.stale).toBe(false);
    // the same document with its keys in another order is the same strategy
    const reordered = { steps: [], prices: { WETH: '2000' }, name: 'a' };
    drafts.save({ id: draft.id, document: JSON.stringify(reordered) });
    expect(runs.list({ draftId: draft.id })[0]!.stale).toBe(false);
    drafts.save({ id: draft.id, document: JSON.stringify(doc('a', '2500')) });
    const [stale] = runs.list({ draftId: draft.id });
    expect(stale!.stale).toBe(true);
    // kept, not discarded: the result is still there
    expect(runs.get(stale!.id).result).toEqual(report(1));
    // and an undo back to the run's strategy makes it current again
    drafts.save({ id: draft.id, document: JSON.stringify(doc('a')) });
    expect(runs.list({ draftId: draft.id })[0]!.stale).toBe(false);
  });

  it('keeps at most N runs per draft and kind, newest first, in the same transaction', () => {
    const a = drafts.create({ name: 'a', document: JSON.stringify(doc('a')) });
    const b = drafts.create({ name: 'b', document: JSON.stringify(doc('b')) });
    for (let n = 1; n <= 5; n++) keepOne(a.id, 1, a.document, n);
    keepOne(b.id, 1, b.document, 99);
    runs.keep({
      keep: { draftId: a.id, revision: 1 },
      kind: 'monte-carlo',
      strategy: a.document,
      options: {},
      result: report(7),
    });
    const backtests = runs.list({ draftId: a.id, kind: 'backtest' });
    expect(backtests.map((r) => runs.get(r.id).result)).toEqual([report(5), report(4), report(3)]);
    expect(runs.list({ draftId: a.id, kind: 'monte-carlo' })).toHaveLength(1);
    expect(runs.list({ draftId: b.id })).toHaveLength(1);
    const count = db.prepare('SELECT COUNT(*) AS n FROM analysis_runs').get() as { n: number };
    expect(count.n).toBe(5);
  });

  it('refuses to run for a missing or trashed draft; keeps nothing for a draft gone meanwhile', () => {
    expect(() => runs.requireDraft('00000000-0000-4000-8000-000000000000')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    const draft = drafts.create({ name: 'a', document: JSON.stringify(doc('a')) });
    drafts.delete(draft.id);
    expect(() => runs.requireDraft(draft.id)).toThrow(
      expect.objectContaining({ code: 'DRAFT_DELETED' }),
    );
    // purged from the trash while a run was in flight: the run is simply not kept
    drafts.purgeDeletedBefore(Date.now() + 1e12);
    expect(keepOne(draft.id, 1, draft.document, 1)).toBeNull();
  });

  it('purging a trashed draft deletes its runs with it', () => {
    const draft = drafts.create({ name: 'a', document: JSON.stringify(doc('a')) });
    keepOne(draft.id, 1, draft.document, 1);
    drafts.delete(draft.id);
    drafts.purgeDeletedBefore(Date.now() + 1e12);
    const count = db.prepare('SELECT COUNT(*) AS n FROM analysis_runs').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('get of an unknown run is NOT_FOUND', () => {
    expect(() => runs.get('00000000-0000-4000-8000-000000000000')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('canonical JSON sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
    expect(strategyHash({ x: 1, y: 2 })).toBe(strategyHash({ y: 2, x: 1 }));
    expect(strategyHash({ x: 1 })).not.toBe(strategyHash({ x: 2 }));
    // a "__proto__" key (JSON.parse makes it an own key) is hashed like any other
    expect(strategyHash(JSON.parse('{"__proto__":{"a":1}}'))).not.toBe(
      strategyHash(JSON.parse('{"__proto__":{"a":2}}')),
    );
  });
});

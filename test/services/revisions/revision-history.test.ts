import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../src-main/contract/errors';
import { openDatabase } from '../../../src-main/db/open-database';
import { DraftsService } from '../../../src-main/services/drafts';
import {
  RevisionHistory,
  TRASH_RETENTION_MS,
} from '../../../src-main/services/revisions/revision-history';
import { RunStore } from '../../../src-main/services/runs';
import { steppingClock, tempDir } from '../../db/temp-db';

let tmp: ReturnType<typeof tempDir>;
let db: Database;
let drafts: DraftsService;
let history: RevisionHistory;

beforeEach(() => {
  tmp = tempDir();
  db = openDatabase({ path: path.join(tmp.dir, 'history.sqlite') });
  drafts = new DraftsService(db, { now: steppingClock(), revisionsKept: 5 });
  history = new RevisionHistory(db, drafts);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractError) return error.code;
    throw error;
  }
  throw new Error('expected a ContractError');
}

const strategy = (horizonDays: number, name = 'Loop') =>
  JSON.stringify({
    format: 'yieldplan.strategy',
    version: 1,
    name,
    horizonDays,
    capital: [{ asset: 'USDC', amount: '1000' }],
    prices: { USDC: '1' },
    markets: [],
    steps: [],
  });

describe('RevisionHistory', () => {
  it('lists revisions newest first with what changed since the one before', () => {
    const d = drafts.create({ name: 'Loop', document: strategy(365) });
    drafts.save({ id: d.id, document: strategy(90) });
    drafts.rename(d.id, 'Loop 2');
    const entries = history.history(d.id);
    expect(entries.map((e) => [e.revision, e.summary])).toEqual([
      [3, 'Renamed to “Loop 2”'],
      [2, 'Horizon 365 → 90 days'],
      [1, 'Created'],
    ]);
    // A shorter page still summarises its oldest entry against the revision before it.
    expect(history.history(d.id, 1)).toEqual([
      expect.objectContaining({ revision: 3, summary: 'Renamed to “Loop 2”' }),
    ]);
  });

  it('says when the oldest kept revision is not the first (older ones pruned)', () => {
    const d = drafts.create({ document: strategy(1) });
    for (let day = 2; day <= 8; day++) drafts.save({ id: d.id, document: strategy(day) });
    const entries = history.history(d.id);
    expect(entries).toHaveLength(5); // revisionsKept
    expect(entries.at(-1)?.summary).toBe('Oldest kept revision (older ones were pruned)');
  });

  it('restores a revision as a new head revision, keeping everything after it', () => {
    const d = drafts.create({ name: 'Loop', notes: 'first', document: strategy(365) });
    drafts.save({ id: d.id, notes: 'second', document: strategy(30) });
    const restored = history.restoreRevision({ id: d.id, revision: 1, baseRevision: 2 });
    expect(restored).toMatchObject({ revision: 3, changed: true });
    const now = drafts.open(d.id);
    expect(now.notes).toBe('first');
    expect(now.document['horizonDays']).toBe(365);
    expect(history.revision(d.id, 2).document['horizonDays']).toBe(30);
    expect(history.history(d.id)[0]?.summary).toBe('Horizon 30 → 365 days; edited notes');
  });

  it('refuses a stale base, a revision not kept, an unknown draft', () => {
    const d = drafts.create({ document: strategy(365) });
    drafts.save({ id: d.id, document: strategy(30) });
    expect(codeOf(() => history.restoreRevision({ id: d.id, revision: 1, baseRevision: 1 }))).toBe(
      'CONFLICT',
    );
    expect(codeOf(() => history.restoreRevision({ id: d.id, revision: 9 }))).toBe('NOT_FOUND');
    expect(codeOf(() => history.revision(d.id, 9))).toBe('NOT_FOUND');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(codeOf(() => history.history(unknown))).toBe('NOT_FOUND');
    expect(codeOf(() => history.restoreRevision({ id: unknown, revision: 1 }))).toBe('NOT_FOUND');
  });

  it('searches live drafts by every word of the query in the name or the notes', () => {
    const a = drafts.create({ name: 'ETH loop', notes: 'Aave e-mode, wstETH' });
    const b = drafts.create({ name: 'Stable farm', notes: 'Curve and Convex' });
    const c = drafts.create({ name: 'Ärger ETH', notes: '' });
    drafts.delete(c.id);
    const ids = (q: string) => history.search(q).map((d) => d.id);
    expect(ids('eth')).toEqual([a.id]);
    expect(ids('CURVE convex')).toEqual([b.id]);
    expect(ids('aave farm')).toEqual([]);
    expect(ids('')).toEqual([b.id, a.id]); // every live draft, most recent first
    drafts.restore(c.id);
    expect(ids('ärger')).toEqual([c.id]);
  });

  it('lists the trash with deletion times, purges one for good or empties it', () => {
    const a = drafts.create({ name: 'A' });
    const b = drafts.create({ name: 'B' });
    const live = drafts.create({ name: 'Live' });
    new RunStore(db).keep({
      keep: { draftId: a.id, revision: 1 },
      kind: 'scenarios',
      strategy: {},
      options: {},
      result: { ok: true, rows: [] },
    });
    drafts.delete(a.id);
    drafts.delete(b.id);
    const trash = history.trash();
    expect(trash.map((d) => d.name)).toEqual(['B', 'A']); // most recently deleted first
    expect(Date.parse(trash[0]!.purgeAfter) - Date.parse(trash[0]!.deletedAt)).toBe(
      TRASH_RETENTION_MS,
    );
    expect(codeOf(() => history.purge(live.id))).toBe('CONFLICT');
    expect(history.purge(a.id)).toEqual({ purged: 1 });
    expect(codeOf(() => drafts.open(a.id))).toBe('NOT_FOUND');
    // Its history and kept runs went with it.
    const left = (table: string) =>
      (
        db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE draft_id = ?`).get(a.id) as {
          n: number;
        }
      ).n;
    expect(left('draft_revisions')).toBe(0);
    expect(left('analysis_runs')).toBe(0);
    expect(history.emptyTrash()).toEqual({ purged: 1 });
    expect(history.trash()).toEqual([]);
    expect(drafts.list().map((d) => d.name)).toEqual(['Live']);
  });
});

import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../src-main/contract/errors';
import { openDatabase } from '../../src-main/db/open-database';
import { copyName, DEFAULT_DRAFT_NAME, DraftsService } from '../../src-main/services/drafts';
import { steppingClock, tempDir } from '../db/temp-db';

let tmp: ReturnType<typeof tempDir>;
let db: Database;
let drafts: DraftsService;

beforeEach(() => {
  tmp = tempDir();
  db = openDatabase({ path: path.join(tmp.dir, 'drafts.sqlite') });
  drafts = new DraftsService(db, { now: steppingClock(), revisionsKept: 5 });
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

/** Runs `fn` and returns the ContractError code it throws. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractError) return error.code;
    throw error;
  }
  throw new Error('expected a ContractError');
}

describe('DraftsService', () => {
  it('creates a draft with defaults and revision 1 in its history', () => {
    const draft = drafts.create({});
    expect(draft).toMatchObject({
      name: DEFAULT_DRAFT_NAME,
      notes: '',
      document: {},
      revision: 1,
      deletedAt: null,
      // steppingClock starts at this instant
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(drafts.revisions(draft.id).map((r) => r.revision)).toEqual([1]);
  });

  it('lists live drafts most recently changed first', () => {
    const a = drafts.create({ name: 'A' });
    const b = drafts.create({ name: 'B' });
    const c = drafts.create({ name: 'C' });
    expect(drafts.list().map((d) => d.name)).toEqual(['C', 'B', 'A']);
    drafts.save({ id: a.id, notes: 'touched' });
    expect(drafts.list().map((d) => d.id)).toEqual([a.id, c.id, b.id]);
  });

  it('orders drafts created in the same millisecond by creation (newest first)', () => {
    const sameInstant = new DraftsService(db, { now: () => 1_700_000_000_000 });
    const first = sameInstant.create({ name: 'first' });
    const second = sameInstant.create({ name: 'second' });
    expect(sameInstant.list().map((d) => d.id)).toEqual([second.id, first.id]);
  });

  it('opens a draft with its document parsed', () => {
    const created = drafts.create({ name: 'Loop', notes: 'n', document: '{"leverage":3}' });
    expect(drafts.open(created.id)).toEqual(created);
    expect(drafts.open(created.id).document).toEqual({ leverage: 3 });
  });

  it('saves every change as a new revision and keeps only the newest `revisionsKept`', () => {
    const { id } = drafts.create({});
    for (let i = 1; i <= 11; i++) drafts.save({ id, document: JSON.stringify({ step: i }) });
    // 1 (create) + 11 saves = revision 12; with revisionsKept = 5 the history is 12..8.
    expect(drafts.open(id)).toMatchObject({ revision: 12, document: { step: 11 } });
    expect(drafts.revisions(id).map((r) => r.revision)).toEqual([12, 11, 10, 9, 8]);
    expect(drafts.revisions(id, 2).map((r) => r.revision)).toEqual([12, 11]);
    // '{"step":11}' is 11 bytes
    expect(drafts.revisions(id)[0]!.documentBytes).toBe(11);
  });

  it('writes no revision when a save changes nothing', () => {
    const { id } = drafts.create({ name: 'Same', document: '{"a":1}' });
    const result = drafts.save({ id, name: 'Same', document: '{"a":1}' });
    expect(result).toMatchObject({ changed: false, revision: 1 });
    expect(drafts.revisions(id)).toHaveLength(1);
  });

  it('refuses a save based on a stale revision (CONFLICT) and keeps the newer one', () => {
    const { id } = drafts.create({});
    drafts.save({ id, baseRevision: 1, notes: 'first writer' });
    expect(codeOf(() => drafts.save({ id, baseRevision: 1, notes: 'second writer' }))).toBe(
      'CONFLICT',
    );
    expect(drafts.open(id).notes).toBe('first writer');
  });

  it('renames as a revision and leaves other fields alone', () => {
    const { id } = drafts.create({ notes: 'keep me' });
    const renamed = drafts.rename(id, 'Renamed');
    expect(renamed).toMatchObject({ name: 'Renamed', revision: 2 });
    expect(drafts.open(id)).toMatchObject({ name: 'Renamed', notes: 'keep me' });
  });

  it('duplicates content under a "(copy)" name with a fresh history', () => {
    const source = drafts.create({ name: 'Base', notes: 'n', document: '{"x":[1]}' });
    drafts.save({ id: source.id, notes: 'n2' });
    const copy = drafts.duplicate(source.id);
    expect(copy.id).not.toBe(source.id);
    expect(copy).toMatchObject({ name: 'Base (copy)', notes: 'n2', document: { x: [1] } });
    expect(copy.revision).toBe(1);
    expect(drafts.revisions(copy.id)).toHaveLength(1);
  });

  it('soft-deletes: hidden from the list, still openable, restorable with history intact', () => {
    const keep = drafts.create({ name: 'keep' });
    const gone = drafts.create({ name: 'gone' });
    drafts.save({ id: gone.id, notes: 'v2' });
    const deleted = drafts.delete(gone.id);
    expect(deleted.deletedAt).not.toBeNull();
    expect(drafts.list().map((d) => d.id)).toEqual([keep.id]);
    expect(drafts.list({ includeDeleted: true }).map((d) => d.id)).toContain(gone.id);
    expect(drafts.open(gone.id).deletedAt).toBe(deleted.deletedAt);
    expect(codeOf(() => drafts.save({ id: gone.id, notes: 'x' }))).toBe('DRAFT_DELETED');
    expect(codeOf(() => drafts.duplicate(gone.id))).toBe('DRAFT_DELETED');

    const restored = drafts.restore(gone.id);
    expect(restored.deletedAt).toBeNull();
    expect(drafts.list().map((d) => d.id)).toContain(gone.id);
    expect(drafts.open(gone.id)).toMatchObject({ notes: 'v2', revision: 2 });
    expect(drafts.revisions(gone.id).map((r) => r.revision)).toEqual([2, 1]);
  });

  it('deleting twice keeps the first deletion time', () => {
    const { id } = drafts.create({});
    const first = drafts.delete(id);
    expect(drafts.delete(id).deletedAt).toBe(first.deletedAt);
  });

  it('reports NOT_FOUND for unknown ids on every operation', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(codeOf(() => drafts.open(id))).toBe('NOT_FOUND');
    expect(codeOf(() => drafts.save({ id, notes: 'x' }))).toBe('NOT_FOUND');
    expect(codeOf(() => drafts.rename(id, 'x'))).toBe('NOT_FOUND');
    expect(codeOf(() => drafts.duplicate(id))).toBe('NOT_FOUND');
    expect(codeOf(() => drafts.delete(id))).toBe('NOT_FOUND');
    expect(codeOf(() => drafts.restore(id))).toBe('NOT_FOUND');
    expect(codeOf(() => drafts.revisions(id))).toBe('NOT_FOUND');
  });

  it('purges only drafts trashed before the cutoff, with their history', () => {
    const old = drafts.create({ name: 'old' });
    const recent = drafts.create({ name: 'recent' });
    drafts.delete(old.id); // t = 2 s
    const cutoff = Date.parse('2025-01-01T00:00:02.500Z');
    drafts.delete(recent.id); // t = 3 s
    expect(drafts.purgeDeletedBefore(cutoff)).toBe(1);
    expect(codeOf(() => drafts.open(old.id))).toBe('NOT_FOUND');
    expect(
      db.prepare('SELECT COUNT(*) AS n FROM draft_revisions WHERE draft_id = ?').get(old.id),
    ).toEqual({ n: 0 });
    expect(drafts.open(recent.id).name).toBe('recent');
  });
});

describe('copyName', () => {
  it('numbers repeated copies', () => {
    expect(copyName('Loop')).toBe('Loop (copy)');
    expect(copyName('Loop (copy)')).toBe('Loop (copy 2)');
    expect(copyName('Loop (copy 2)')).toBe('Loop (copy 3)');
  });
  it('stays within the 120-character name limit', () => {
    expect(copyName('x'.repeat(120))).toHaveLength(120);
    expect(copyName('x'.repeat(120)).endsWith(' (copy)')).toBe(true);
  });
});

describe('text that does not parse yet', () => {
  it('keeps the editor text beside the last valid document, outside the revision history', () => {
    const draft = drafts.create({ name: 'Loop', document: '{"steps":[]}' });
    const half = '{ "steps": [ { "type": "supp';
    const saved = drafts.save({ id: draft.id, notes: 'typing', unparsedText: half });
    expect(saved).toMatchObject({ revision: 2, changed: true }); // the notes made a revision
    expect(drafts.open(draft.id)).toMatchObject({
      notes: 'typing',
      document: { steps: [] },
      unparsedText: half,
    });
    // More typing that still does not parse: stored, no new revision.
    const more = `${half}ly" } ] `;
    expect(drafts.save({ id: draft.id, unparsedText: more })).toMatchObject({
      revision: 2,
      changed: true,
    });
    expect(drafts.open(draft.id).unparsedText).toBe(more);
    expect(drafts.revisions(draft.id, 10)).toHaveLength(2);

    // It parses again: the document is saved as a revision and the working text is cleared.
    drafts.save({ id: draft.id, document: '{"steps":[{"type":"supply"}]}', unparsedText: null });
    expect(drafts.open(draft.id)).toMatchObject({
      revision: 3,
      document: { steps: [{ type: 'supply' }] },
      unparsedText: null,
    });
  });
});

describe('the draft title is the strategy name', () => {
  it('a new draft holds a valid empty strategy, never {}', async () => {
    const { evaluate } = await import('../../src-main/engine/evaluate');
    const draft = drafts.create({});
    expect(draft.document).toMatchObject({
      format: 'yieldplan.strategy',
      version: 2,
      name: DEFAULT_DRAFT_NAME,
      horizonDays: 365,
      markets: [],
      steps: [],
    });
    expect(evaluate(draft.document as never).errors).toEqual([]);
  });

  it('create, rename and duplicate keep the strategy name and the title one value', () => {
    const strategy = { format: 'yieldplan.strategy', version: 1, name: 'From the file', steps: [] };
    const imported = drafts.create({ document: JSON.stringify(strategy) });
    expect(imported.name).toBe('From the file');
    const renamed = drafts.rename(imported.id, 'Renamed');
    expect(renamed.name).toBe('Renamed');
    expect(drafts.open(imported.id).document).toMatchObject({ name: 'Renamed' });
    const copy = drafts.duplicate(imported.id);
    expect(copy.name).toBe('Renamed (copy)');
    expect(copy.document).toMatchObject({ name: 'Renamed (copy)' });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../../src-main/contract/dispatch';
import { DRAFT_LIMITS } from '../../src-main/contract/drafts';
import { ContractError } from '../../src-main/contract/errors';
import { contract, OP_NAME_PATTERN, OP_NAMES } from '../../src-main/contract/index';
import { SETTINGS_DEFAULTS } from '../../src-main/contract/settings';
import { contractHarness } from './harness';

let h: ReturnType<typeof contractHarness>;
beforeEach(() => (h = contractHarness()));
afterEach(() => h.close());

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('the contract', () => {
  it('has one handler per operation and well-formed names', () => {
    expect(Object.keys(h.handlers).sort()).toEqual([...OP_NAMES].sort());
    for (const op of OP_NAMES) expect(op).toMatch(OP_NAME_PATTERN);
  });

  it('runs a draft through create, list, open, rename, save, revisions, delete, restore', async () => {
    const created = await h.ok('drafts.create', { name: 'Loop', document: { leverage: 2 } });
    expect((await h.ok('drafts.list', {})).map((d) => d.id)).toEqual([created.id]);
    await h.ok('drafts.rename', { id: created.id, name: '  Loop v2  ' });
    const saved = await h.ok('drafts.save', {
      id: created.id,
      baseRevision: 2,
      document: { leverage: 3 },
    });
    expect(saved).toMatchObject({ revision: 3, changed: true, name: 'Loop v2' });
    expect((await h.ok('drafts.open', { id: created.id })).document).toEqual({ leverage: 3 });
    expect((await h.ok('drafts.revisions', { id: created.id })).map((r) => r.revision)).toEqual([
      3, 2, 1,
    ]);
    await h.ok('drafts.delete', { id: created.id });
    expect(await h.ok('drafts.list', {})).toEqual([]);
    await h.ok('drafts.restore', { id: created.id });
    expect((await h.ok('drafts.list', {})).map((d) => d.name)).toEqual(['Loop v2']);
    const copy = await h.ok('drafts.duplicate', { id: created.id });
    expect(copy.name).toBe('Loop v2 (copy)');
  });

  it('serves settings with defaults, persists a patch, and reads it back', async () => {
    expect(await h.ok('settings.get', {})).toEqual(SETTINGS_DEFAULTS);
    const next = await h.ok('settings.set', { patch: { theme: 'dark', autosaveDelayMs: 1500 } });
    expect(next).toEqual({ ...SETTINGS_DEFAULTS, theme: 'dark', autosaveDelayMs: 1500 });
    expect(await h.ok('settings.get', {})).toEqual(next);
  });

  it('falls back to the default for a stored setting that no longer fits its schema', async () => {
    h.db.prepare("INSERT INTO settings VALUES ('theme', '\"sepia\"', 0)").run();
    h.db.prepare("INSERT INTO settings VALUES ('retired_key', '1', 0)").run();
    expect(await h.ok('settings.get', {})).toEqual(SETTINGS_DEFAULTS);
  });

  it('reports app info from the host and the database', async () => {
    const info = await h.ok('app.info', {});
    expect(info).toMatchObject({
      name: 'Yield Planner',
      version: '9.9.9',
      transport: 'ipc',
      dbPath: h.dbPath,
    });
    expect(info.versions.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
  });
});

describe('bad input becomes one clear VALIDATION error, never a crash', () => {
  const cases: [string, string, unknown, string][] = [
    ['a non-uuid id', 'drafts.open', { id: 'abc' }, 'id'],
    ['a missing id', 'drafts.open', {}, 'id'],
    ['an unknown key', 'drafts.list', { sort: 'name' }, ''],
    ['an empty name', 'drafts.create', { name: '   ' }, 'name'],
    ['a too-long name', 'drafts.rename', { id: MISSING, name: 'x'.repeat(121) }, 'name'],
    ['an array document', 'drafts.create', { document: [1, 2] }, 'document'],
    ['a string document', 'drafts.create', { document: '{"a":1}' }, 'document'],
    ['a save with nothing to save', 'drafts.save', { id: MISSING }, ''],
    [
      'a fractional baseRevision',
      'drafts.save',
      { id: MISSING, baseRevision: 1.5, notes: '' },
      'baseRevision',
    ],
    ['an unknown setting', 'settings.set', { patch: { fontSize: 3 } }, 'patch'],
    [
      'an out-of-range setting',
      'settings.set',
      { patch: { autosaveDelayMs: 5 } },
      'patch.autosaveDelayMs',
    ],
    ['an empty settings patch', 'settings.set', { patch: {} }, ''],
    ['a non-object input', 'drafts.list', 42, ''],
  ];
  it.each(cases)('%s', async (_label, op, input, path) => {
    const result = await h.raw(op, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toContain(`invalid input for ${op}`);
    const details = result.error.details as { path: string; message: string }[];
    expect(details.length).toBeGreaterThan(0);
    expect(details.map((d) => d.path)).toContain(path);
  });

  it('a document over 2 MiB', async () => {
    const big = { blob: 'x'.repeat(DRAFT_LIMITS.documentBytes) };
    const result = await h.raw('drafts.create', { document: big });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(result)).toContain('larger than 2 MiB');
  });

  it('a document that cannot be serialised (cycle)', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const result = await h.raw('drafts.create', { document: cyclic });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('an unknown operation', async () => {
    expect(await h.raw('drafts.explode', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OP' },
    });
    // Inherited object keys are not operations either.
    expect(await h.raw('constructor', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OP' },
    });
  });
});

describe('dispatch error handling', () => {
  const stub = (fn: () => unknown): Handlers =>
    Object.fromEntries(Object.keys(contract).map((op) => [op, fn])) as unknown as Handlers;

  it('passes a ContractError through with its code and details', async () => {
    const handlers = stub(() => {
      throw new ContractError('CONFLICT', 'stale', { headRevision: 7 });
    });
    expect(await dispatch(handlers, 'settings.get', {}, { transport: 'ipc' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'stale', details: { headRevision: 7 } },
    });
  });

  it('hides unexpected errors behind INTERNAL and reports them to the logger', async () => {
    const onInternalError = vi.fn();
    const handlers = stub(() => {
      throw new TypeError('secret stack detail');
    });
    const result = await dispatch(
      handlers,
      'settings.get',
      {},
      { transport: 'ipc' },
      {
        onInternalError,
      },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(onInternalError).toHaveBeenCalledWith('settings.get', expect.any(TypeError));
  });
});

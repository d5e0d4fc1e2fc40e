import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/contract/dispatch';
import type { OpInput, OpName } from '../../src-main/contract/index';
import { BACKUPS_KEPT, createBackup, listBackups, quickCheck } from '../../src-main/db/backups';
import { openCheckedDatabase, openDatabase } from '../../src-main/db/open-database';
import { migrations } from '../../src-main/db/migrations/index';
import { openServices, type OpenedServices } from '../../src-main/services/open-services';
import { tempDir } from '../db/temp-db';

/**
 * Issue 19, item 5 and the database part of 9: a corrupted copy is refused, kept aside and
 * restored from backup; full disk, read-only, newer and foreign files each have their own code.
 */
let tmp: ReturnType<typeof tempDir>;
let dbPath: string;
const opened: OpenedServices[] = [];
beforeEach(() => {
  tmp = tempDir('yieldplan-hardening-db-');
  dbPath = path.join(tmp.dir, 'yieldplan.sqlite');
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  tmp.cleanup();
});

async function start(): Promise<OpenedServices> {
  const services = await openServices({
    dbPath,
    host: { name: 'Yield Planner', version: 't', electron: null, chrome: null, dbPath },
  });
  opened.push(services);
  return services;
}

function call<K extends OpName>(s: OpenedServices, op: K, input: OpInput<K>) {
  return dispatch(s.handlers, op, input, { transport: 'ipc' });
}

/** Overwrites the pages of `table` (its b-tree root) in a closed database file with garbage. */
function corruptTable(file: string, table: string): void {
  const db = new Database(file, { readonly: true });
  const { rootpage } = db
    .prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?')
    .get(table) as {
    rootpage: number;
  };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(file, 'r+');
  const garbage = Buffer.alloc(pageSize, 0x5a);
  fs.writeSync(fd, garbage, 0, pageSize, (rootpage - 1) * pageSize);
  fs.closeSync(fd);
}

describe('a damaged database', () => {
  it('is refused at start-up, kept aside, and restored from the latest good backup', async () => {
    const first = await start();
    const created = await call(first, 'drafts.create', { name: 'kept in the backup' });
    expect(created.ok).toBe(true);
    // The daily backup was taken at start-up (before this draft); take a fresh one with it.
    await createBackup(first.db, dbPath, 'daily', Date.now() + 1000);
    await first.close();
    opened.length = 0;
    corruptTable(dbPath, 'drafts');

    const second = await start();
    const status = await call(second, 'db.status', {});
    expect(status).toMatchObject({
      ok: true,
      data: { state: 'damaged', code: 'DB_CORRUPT', canStartEmpty: true },
    });
    const data = (
      status as { data: { keptAside: string; backup: { name: string }; message: string } }
    ).data;
    expect(data.message).toMatch(/damaged.*Restore the latest backup/);
    expect(data.keptAside).toMatch(/^yieldplan\.sqlite\.damaged-/);
    expect(fs.existsSync(path.join(tmp.dir, data.keptAside))).toBe(true);
    expect(fs.existsSync(dbPath)).toBe(false); // nothing more is written into the damaged file
    expect(data.backup.name).toMatch(/-daily\.sqlite$/);
    // Every data op says so with its own code, app.info still answers.
    const list = await call(second, 'drafts.list', {});
    expect(list).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
    expect((await call(second, 'app.info', {})).ok).toBe(true);

    const restored = await call(second, 'db.restoreBackup', {});
    expect(restored).toMatchObject({ ok: true, data: { state: 'ok' } });
    const after = await call(second, 'drafts.list', {});
    expect(after).toMatchObject({ ok: true });
    expect((after as { data: { name: string }[] }).data.map((d) => d.name)).toEqual([
      'kept in the backup',
    ]);
    expect(quickCheck(second.db)).toEqual([]);
  });

  it('notices damage to draft_revisions too (quick_check at start-up)', async () => {
    const first = await start();
    const draft = await call(first, 'drafts.create', { name: 'x' });
    const id = (draft as { data: { id: string } }).data.id;
    for (let i = 0; i < 30; i++) {
      await call(first, 'drafts.save', { id, notes: 'n'.repeat(2000) + i });
    }
    await first.close();
    opened.length = 0;
    corruptTable(dbPath, 'draft_revisions');
    const second = await start();
    expect(second.status()).toMatchObject({ state: 'damaged', code: 'DB_CORRUPT' });
    // Start empty instead: the damaged file stays aside.
    const fresh = await call(second, 'db.startEmpty', {});
    expect(fresh).toMatchObject({ ok: true, data: { state: 'ok' } });
    expect(await call(second, 'drafts.list', {})).toMatchObject({ ok: true, data: [] });
    expect(fs.readdirSync(tmp.dir).some((f) => f.includes('.damaged-'))).toBe(true);
  });

  it('stops writing when corruption is met mid-run and offers the backup', async () => {
    const services = await start();
    await call(services, 'drafts.create', { name: 'a' });
    // Simulate a damaged file surfacing mid-run: SQLite raises SQLITE_CORRUPT from a query.
    services.db.function('boom', () => {
      throw Object.assign(new Error('database disk image is malformed'), {
        code: 'SQLITE_CORRUPT',
      });
    });
    services.db.exec('CREATE TEMP TRIGGER t BEFORE INSERT ON drafts BEGIN SELECT boom(); END');
    const failed = await call(services, 'drafts.create', { name: 'b' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
    expect(services.status()).toMatchObject({ state: 'damaged' });
  });
});

describe('database errors a user can act on', () => {
  it('names a full disk DB_FULL with a sentence, and keeps earlier data', async () => {
    const services = await start();
    await call(services, 'drafts.create', { name: 'before' });
    const pages = services.db.pragma('page_count', { simple: true }) as number;
    services.db.pragma(`max_page_count = ${pages}`);
    const full = await call(services, 'drafts.create', { name: 'big', notes: 'x'.repeat(19_000) });
    expect(full).toMatchObject({ ok: false, error: { code: 'DB_FULL' } });
    expect((full as { error: { message: string } }).error.message).toMatch(/disk .* is full/);
    services.db.pragma('max_page_count = 1073741823');
    expect(services.status().state).toBe('ok');
    const list = await call(services, 'drafts.list', {});
    expect((list as { data: unknown[] }).data).toHaveLength(1);
  });

  it('names a read-only database DB_READ_ONLY', async () => {
    const services = await start();
    services.db.pragma('query_only = ON'); // writes fail with SQLITE_READONLY, as on a read-only file
    const refused = await call(services, 'drafts.create', { name: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DB_READ_ONLY' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/read-only/);
  });

  it('refuses a newer schema as DB_TOO_NEW without touching the file', async () => {
    openDatabase({ path: dbPath }).close();
    const db = new Database(dbPath);
    db.prepare('INSERT INTO schema_migrations VALUES (999, ?, 0)').run('from the future');
    db.close();
    const before = fs.readFileSync(dbPath);
    const services = await start();
    expect(services.status()).toMatchObject({ state: 'unavailable', code: 'DB_TOO_NEW' });
    expect(await call(services, 'drafts.list', {})).toMatchObject({
      error: { code: 'DB_TOO_NEW' },
    });
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('refuses a dropped schema_migrations and a foreign SQLite file as DB_FOREIGN', async () => {
    openDatabase({ path: dbPath }).close();
    const ours = new Database(dbPath);
    ours.exec('DROP TABLE schema_migrations');
    ours.close();
    await expect(openCheckedDatabase({ path: dbPath })).rejects.toMatchObject({
      code: 'DB_FOREIGN',
    });
    expect(() => openDatabase({ path: dbPath })).toThrow(/not a Yield Planner database/);

    fs.rmSync(dbPath);
    const foreign = new Database(dbPath);
    foreign.exec('CREATE TABLE drafts (x); CREATE TABLE other (y)');
    foreign.close();
    const services = await start();
    expect(services.status()).toMatchObject({
      state: 'unavailable',
      code: 'DB_FOREIGN',
      canStartEmpty: true,
    });
    expect((await call(services, 'db.startEmpty', {})).ok).toBe(true);
    expect(await call(services, 'drafts.list', {})).toMatchObject({ ok: true, data: [] });
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('.damaged-'))).toHaveLength(1);
  });
});

describe('backups', () => {
  it('backs up before a migration and keeps a rotating set', async () => {
    const old = openDatabase({ path: dbPath, migrations: migrations.slice(0, 2) });
    old.prepare("INSERT INTO settings VALUES ('k', '1', 0)").run();
    old.close();
    const db = await openCheckedDatabase({ path: dbPath });
    const backups = listBackups(dbPath);
    expect(backups.map((b) => b.reason)).toContain(`before-v${migrations.at(-1)!.version}`);
    const copy = new Database(backups.find((b) => b.reason.startsWith('before'))!.file, {
      readonly: true,
    });
    expect(copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 2 });
    copy.close();
    for (let i = 0; i < BACKUPS_KEPT + 3; i++)
      await createBackup(db, dbPath, 'daily', Date.now() + (i + 1) * 1000);
    expect(listBackups(dbPath)).toHaveLength(BACKUPS_KEPT);
    db.close();
  });

  it('runs the full integrity_check as a maintenance action', async () => {
    const services = await start();
    const report = await call(services, 'db.check', {});
    expect(report).toMatchObject({ ok: true, data: { ok: true, problems: [] } });
  });
});

import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openDatabase,
  resolveDbPath,
  runMigrations,
  SchemaTooNewError,
  schemaVersion,
} from '../../src-main/db/open-database';
import { migrations, type Migration } from '../../src-main/db/migrations/index';
import { DraftsService } from '../../src-main/services/drafts';
import { tempDir } from './temp-db';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'nested', 'app.sqlite');
});
afterEach(() => tmp.cleanup());

const latest = migrations.at(-1)!.version;

describe('openDatabase', () => {
  it('creates the file with WAL, FULL sync, foreign keys and a busy timeout', () => {
    const db = openDatabase({ path: file });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('records every migration once, in order, in schema_migrations', () => {
    const db = openDatabase({ path: file });
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    expect(schemaVersion(db)).toBe(latest);
    db.close();
    // Reopening applies nothing twice.
    const again = openDatabase({ path: file });
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: migrations.length,
    });
    again.close();
  });

  it('creates the foundation tables', () => {
    const db = openDatabase({ path: file });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['drafts', 'draft_revisions', 'settings']));
    db.close();
  });

  // Every older schema the app may meet: build it with the first k migrations only, store data,
  // then open with the full list.
  it.each(migrations.slice(0, -1).map((m, i) => [m.version, i + 1] as const))(
    'migrates a version-%i database to the latest and keeps its drafts',
    (version, k) => {
      const old = openDatabase({ path: file, migrations: migrations.slice(0, k) });
      expect(schemaVersion(old)).toBe(version);
      // Rows as the app of that version wrote them (version 1's columns; today's service would
      // prepare statements against columns an old file does not have yet).
      const created = { id: '5b1f9a7e-1c2d-4e3f-8a9b-0c1d2e3f4a5b' };
      old.exec(`INSERT INTO drafts (id, name, notes, document, revision, created_at, updated_at)
                VALUES ('${created.id}', 'Kept', 'second revision', '{"legs":[1,2]}', 2, 1, 2);
                INSERT INTO draft_revisions (draft_id, revision, name, notes, document, saved_at)
                VALUES ('${created.id}', 1, 'Kept', '', '{"legs":[1,2]}', 1),
                       ('${created.id}', 2, 'Kept', 'second revision', '{"legs":[1,2]}', 2);`);
      old.close();

      const db = openDatabase({ path: file });
      expect(schemaVersion(db)).toBe(latest);
      const reopened = new DraftsService(db).open(created.id);
      expect(reopened).toMatchObject({ name: 'Kept', notes: 'second revision', revision: 2 });
      expect(reopened.document).toEqual({ legs: [1, 2] });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
  );

  it('rolls a failing migration back completely and records nothing', () => {
    const broken: Migration = {
      version: latest + 1,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    openDatabase({ path: file }).close();
    expect(() => openDatabase({ path: file, migrations: [...migrations, broken] })).toThrow('boom');
    const db = openDatabase({ path: file });
    expect(schemaVersion(db)).toBe(latest);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBe(
      undefined,
    );
    db.close();
  });

  it('lets a migration rebuild a parent table without cascading deletes to its children', () => {
    const db = openDatabase({ path: file });
    const draft = new DraftsService(db).create({ name: 'kept', document: '{"a":1}' });
    const revisions = () =>
      (db.prepare('SELECT COUNT(*) AS n FROM draft_revisions').get() as { n: number }).n;
    const before = revisions();
    db.close();
    // SQLite's documented table-rebuild recipe (https://sqlite.org/lang_altertable.html §7).
    const rebuild: Migration = {
      version: latest + 1,
      name: 'rebuild-drafts',
      up: (d) =>
        d.exec(`CREATE TABLE drafts_new (
                  id TEXT PRIMARY KEY, name TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',
                  document TEXT NOT NULL, revision INTEGER NOT NULL, created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL, deleted_at INTEGER, unparsed_text TEXT) STRICT;
                INSERT INTO drafts_new SELECT * FROM drafts;
                DROP TABLE drafts;
                ALTER TABLE drafts_new RENAME TO drafts;`),
    };
    const again = openDatabase({ path: file, migrations: [...migrations, rebuild] });
    expect(again.prepare('SELECT name FROM drafts WHERE id = ?').get(draft.id)).toEqual({
      name: 'kept',
    });
    expect(
      (again.prepare('SELECT COUNT(*) AS n FROM draft_revisions').get() as { n: number }).n,
    ).toBe(before);
    expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
    again.close();
  });

  it('refuses a database written by a newer version', () => {
    openDatabase({ path: file }).close();
    expect(() => openDatabase({ path: file, migrations: migrations.slice(0, 1) })).toThrow(
      SchemaTooNewError,
    );
  });

  it('rejects a migration list that is not strictly increasing', () => {
    const db = openDatabase({ path: file, migrations: [] });
    const dup = [migrations[0]!, { ...migrations[0]!, name: 'again' }];
    expect(() => runMigrations(db, dup)).toThrow(/out of order/);
    db.close();
  });

  it('enforces foreign keys: a revision cannot point at a missing draft', () => {
    const db = openDatabase({ path: file });
    expect(() =>
      db
        .prepare(
          `INSERT INTO draft_revisions (draft_id, revision, name, notes, document, saved_at)
           VALUES ('nope', 1, 'n', '', '{}', 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('resolveDbPath', () => {
  const defaultDir = '/home/u/.config/Yield Planner';
  it('defaults to the userData folder', () => {
    expect(resolveDbPath({ argv: [], env: {}, defaultDir })).toBe(
      path.join(defaultDir, 'yieldplan.sqlite'),
    );
  });
  it('takes $YIELDPLAN_DB over the default', () => {
    expect(resolveDbPath({ argv: [], env: { YIELDPLAN_DB: '/tmp/a.db' }, defaultDir })).toBe(
      '/tmp/a.db',
    );
  });
  it('takes --db <path> and --db=<path> over the environment', () => {
    const env = { YIELDPLAN_DB: '/tmp/a.db' };
    expect(resolveDbPath({ argv: ['electron', '.', '--db', '/tmp/b.db'], env, defaultDir })).toBe(
      '/tmp/b.db',
    );
    expect(resolveDbPath({ argv: ['--db=/tmp/c.db'], env, defaultDir })).toBe('/tmp/c.db');
  });
});

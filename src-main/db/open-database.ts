import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { createBackup, dailyBackupDue, quickCheck } from './backups';
import { migrations as allMigrations, type Migration } from './migrations/index';
import { classifyDatabaseError, DatabaseProblem } from './problems';

export const DB_FILE_NAME = 'yieldplan.sqlite';
export const DB_ENV_VAR = 'YIELDPLAN_DB';

/**
 * Where the database lives: `--db <path>` (or `--db=<path>`) wins, then $YIELDPLAN_DB, then the
 * default folder (Electron's userData). Tests and the loopback server use the overrides.
 */
export function resolveDbPath(options: {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  defaultDir: string;
}): string {
  const { argv, env, defaultDir } = options;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--db' && argv[i + 1]) return path.resolve(argv[i + 1] as string);
    if (arg.startsWith('--db=') && arg.length > 5) return path.resolve(arg.slice(5));
  }
  const fromEnv = env[DB_ENV_VAR];
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(defaultDir, DB_FILE_NAME);
}

export interface OpenDatabaseOptions {
  /** File path; parent folders are created. */
  path: string;
  /** Path to an Electron-ABI better_sqlite3.node (see src-main/electron/native.ts); Node uses the default. */
  nativeBinding?: string;
  /** Defaults to the app's list; tests pass a prefix to build an older schema. */
  migrations?: readonly Migration[];
}

export class SchemaTooNewError extends DatabaseProblem {
  constructor(
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super('DB_TOO_NEW', `schema version ${fileVersion}; this version knows ${knownVersion}`);
    this.name = 'SchemaTooNewError';
  }
}

/**
 * A file that is SQLite but not ours: tables without a schema_migrations table (another app's
 * file, or ours with the version table dropped). Migrating it would fail half-way ("table drafts
 * already exists") or mix our tables into someone else's file, so it is refused untouched.
 */
export function assertOurDatabase(db: Db): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  if (tables.length > 0 && !tables.includes('schema_migrations')) {
    throw new DatabaseProblem(
      'DB_FOREIGN',
      `tables ${tables.slice(0, 3).join(', ')}, no schema_migrations`,
    );
  }
}

/**
 * Opens (creating if needed) the SQLite file with the pragmas the app relies on and brings the
 * schema up to date.
 *
 * - WAL: readers never block the writer, and a crash mid-write leaves the main file untouched.
 * - synchronous=FULL: with WAL, NORMAL is already crash-safe for the *process* (SIGKILL), but a
 *   power cut could drop the last commits. A save the UI shows as "Saved" must survive that, and
 *   autosave is debounced, so the extra fsync per commit costs nothing the user can notice.
 * - foreign_keys=ON: SQLite leaves them off per connection by default.
 * - busy_timeout: a second connection (e.g. the CLI) waits instead of failing with SQLITE_BUSY.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  fs.mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
  const db = new Database(
    options.path,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    setPragmas(db);
    runMigrations(db, options.migrations ?? allMigrations);
    return db;
  } catch (error) {
    db.close();
    throw classifyDatabaseError(error) ?? error;
  }
}

function setPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * The app's start-up open (Electron and the loopback server): openDatabase plus the defences of
 * docs/data.md. An existing file must pass `quick_check` (else DB_CORRUPT, nothing written) and be
 * ours (else DB_FOREIGN); it is backed up before any migration touches it, and once a day.
 * Failures come back as DatabaseProblem with the code and the user's sentence.
 */
export async function openCheckedDatabase(
  options: OpenDatabaseOptions & { now?: () => number; onBackupError?: (error: unknown) => void },
): Promise<Db> {
  if (options.path === ':memory:') return openDatabase(options);
  const now = options.now ?? Date.now;
  const migrations = options.migrations ?? allMigrations;
  let db: Db;
  try {
    fs.mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
    const existed = fs.existsSync(options.path) && fs.statSync(options.path).size > 0;
    db = new Database(
      options.path,
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
    try {
      if (existed) {
        const problems = quickCheck(db);
        if (problems.length > 0)
          throw new DatabaseProblem('DB_CORRUPT', `quick_check: ${problems[0]}`);
      }
      setPragmas(db);
      assertOurDatabase(db);
      const known = migrations.at(-1)?.version ?? 0;
      const current = existed ? versionIfRecorded(db) : 0;
      if (current > known) throw new SchemaTooNewError(current, known);
      if (current > 0 && current < known)
        await createBackup(db, options.path, `before-v${known}`, now());
      runMigrations(db, migrations);
      if (dailyBackupDue(options.path, now())) {
        await createBackup(db, options.path, 'daily', now()).catch(
          options.onBackupError ?? (() => {}),
        );
      }
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    throw classifyDatabaseError(error) ?? error;
  }
}

function versionIfRecorded(db: Db): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  return table ? schemaVersion(db) : 0;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const prev = migrations[i - 1];
    if (!Number.isInteger(m.version) || m.version < 1 || (prev && m.version <= prev.version)) {
      throw new Error(`migration list out of order at ${m.version}-${m.name}`);
    }
  });
}

/**
 * Applies every migration newer than the file's version, each in its own IMMEDIATE transaction
 * together with its row in schema_migrations: a migration is either fully applied and recorded,
 * or not at all (SQLite DDL is transactional). IMMEDIATE takes the write lock up front, so two
 * processes opening the same file cannot both run a migration.
 */
export function runMigrations(db: Db, migrations: readonly Migration[]): number {
  assertOrdered(migrations);
  assertOurDatabase(db);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  INTEGER NOT NULL
  ) STRICT`);
  const known = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > known) throw new SchemaTooNewError(current, known);

  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  // SQLite's table-rebuild recipe (create new, copy, drop old, rename) would cascade-delete child
  // rows with foreign keys on, and the pragma cannot change inside a transaction: so migrations
  // run with them off, and foreign_key_check must come back clean before each one commits.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of migrations) {
      const apply = db.transaction(() => {
        // Re-check inside the lock: another process may have applied it meanwhile.
        if (schemaVersion(db) >= migration.version) return;
        migration.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new Error(
            `migration ${migration.version}-${migration.name} broke ${broken.length} foreign keys`,
          );
        }
        record.run(migration.version, migration.name, Date.now());
      });
      if (migration.version > current) apply.immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return schemaVersion(db);
}

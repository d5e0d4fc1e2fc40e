import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';

/**
 * Rotating online backups (SQLite's backup API through better-sqlite3 `backup()`, safe while the app
 * writes): before each migration and once a day, into `backups/` beside the database. Only a
 * database that passed `quick_check` is backed up, so every backup kept is a good one.
 */
export const BACKUPS_KEPT = 7;
export const DAILY_BACKUP_MS = 24 * 60 * 60 * 1000;

export interface BackupInfo {
  file: string;
  /** File name only (what crosses to the UI). */
  name: string;
  createdAt: number;
  reason: string;
}

export function backupDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

const BACKUP_NAME = /^(.+)-(\d{8}T\d{6}\d{3}Z)-([a-z0-9-]+)\.sqlite$/;

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text);
  if (!m) return 0;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
}

/** Backups of `dbPath`, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupDir(dbPath);
  const base = path.basename(dbPath, path.extname(dbPath));
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const m = BACKUP_NAME.exec(name);
      if (!m || m[1] !== base) return [];
      return [{ file: path.join(dir, name), name, createdAt: parseStamp(m[2]!), reason: m[3]! }];
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** `quick_check` problems (empty when the file is sound). */
export function quickCheck(db: Db): string[] {
  return checkRows(db.pragma('quick_check(20)') as { quick_check: string }[], 'quick_check');
}

/** The full `integrity_check` (slower: also checks index contents), for the maintenance action. */
export function integrityCheck(db: Db): string[] {
  return checkRows(
    db.pragma('integrity_check(50)') as { integrity_check: string }[],
    'integrity_check',
  );
}

function checkRows(rows: Record<string, string>[], column: string): string[] {
  const lines = rows.map((r) => r[column] ?? '');
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/** Writes a backup of the open database and drops the oldest beyond BACKUPS_KEPT. */
export async function createBackup(
  db: Db,
  dbPath: string,
  reason: string,
  now = Date.now(),
): Promise<BackupInfo> {
  const dir = backupDir(dbPath);
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(dbPath, path.extname(dbPath));
  const name = `${base}-${stamp(now)}-${reason}.sqlite`;
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  await db.backup(partial);
  fs.renameSync(partial, file); // a half-written backup never looks like a good one
  for (const old of listBackups(dbPath).slice(BACKUPS_KEPT)) fs.rmSync(old.file, { force: true });
  return { file, name, createdAt: now, reason };
}

/** True when the newest backup is older than a day (or there is none). */
export function dailyBackupDue(dbPath: string, now = Date.now()): boolean {
  const newest = listBackups(dbPath)[0];
  return !newest || now - newest.createdAt >= DAILY_BACKUP_MS;
}

/** The newest backup that opens and passes quick_check, or null. */
export function latestGoodBackup(
  dbPath: string,
  options: { nativeBinding?: string } = {},
): BackupInfo | null {
  for (const backup of listBackups(dbPath)) {
    let db: Db | null = null;
    try {
      db = new Database(backup.file, {
        readonly: true,
        fileMustExist: true,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
      const hasVersions = db
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
        .get();
      if (hasVersions && quickCheck(db).length === 0) return backup;
    } catch {
      // unreadable: try the next older one
    } finally {
      db?.close();
    }
  }
  return null;
}

/**
 * Moves a damaged database (with its -wal and -shm) aside as `<name>.damaged-<stamp>`, so nothing
 * more is written into it and it stays available for recovery. Returns the new main file's path.
 */
export function keepAside(dbPath: string, now = Date.now()): string {
  const aside = `${dbPath}.damaged-${stamp(now)}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, aside + suffix);
  }
  return aside;
}

/** Copies a backup into place at `dbPath` (which must not exist) through SQLite's backup API. */
export async function restoreBackup(
  backupFile: string,
  dbPath: string,
  options: { nativeBinding?: string } = {},
): Promise<void> {
  if (fs.existsSync(dbPath))
    throw new Error('restore target exists; keep the damaged file aside first');
  const source = new Database(backupFile, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    await source.backup(dbPath);
  } finally {
    source.close();
  }
}

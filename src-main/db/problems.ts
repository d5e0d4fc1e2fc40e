import path from 'node:path';

/** What can be wrong with the database file, each with a sentence a user can act on. */
export type DatabaseProblemCode =
  'DB_CORRUPT' | 'DB_FULL' | 'DB_READ_ONLY' | 'DB_TOO_NEW' | 'DB_FOREIGN';

export const DATABASE_SENTENCES: Readonly<Record<DatabaseProblemCode, string>> = {
  DB_CORRUPT:
    'The database file is damaged, so nothing more is written to it. Restore the latest backup, or start with an empty database; the damaged file is kept aside.',
  DB_FULL:
    'The disk holding your database is full, so this change was not saved. Free some disk space and try again; everything saved before is safe.',
  DB_READ_ONLY:
    'The database file cannot be written: it or its folder is read-only. Check its permissions (or move it off a read-only disk) and restart the app.',
  DB_TOO_NEW:
    'This database was written by a newer version of Yield Planner. Update the app to open it; the file was not changed.',
  DB_FOREIGN:
    'This file is not a Yield Planner database (it has other tables, or lost its version table). Open another file or start with an empty database; the file was not changed.',
};

/** A database failure the app can name; `message` is the user's sentence (plus specifics). */
export class DatabaseProblem extends Error {
  constructor(
    readonly code: DatabaseProblemCode,
    detail?: string,
    override readonly cause?: unknown,
  ) {
    super(detail ? `${DATABASE_SENTENCES[code]} (${detail})` : DATABASE_SENTENCES[code]);
    this.name = 'DatabaseProblem';
  }
}

/**
 * SQLite result codes (better-sqlite3's SqliteError.code, e.g. SQLITE_CORRUPT_VTAB) and file-system
 * errors mapped to a problem, or null for anything else (a bug: logged, reported as INTERNAL).
 */
export function classifyDatabaseError(error: unknown): DatabaseProblem | null {
  if (error instanceof DatabaseProblem) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const of = (problem: DatabaseProblemCode) => new DatabaseProblem(problem, undefined, error);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return of('DB_CORRUPT');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE')
    return of('DB_FULL');
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    code === 'EACCES' ||
    code === 'EROFS' ||
    code === 'EPERM'
  ) {
    return of('DB_READ_ONLY');
  }
  return null;
}

/** `yieldplan.sqlite` → `yieldplan.sqlite`; the folder never leaves main (it is a user's path). */
export function fileLabel(file: string): string {
  return path.basename(file);
}

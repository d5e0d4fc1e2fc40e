import { z } from 'zod';

export const DatabaseActionInput = z.object({}).strict();

/**
 * The database's health as the UI shows it. `ok`: in use. `damaged`: it failed its check and was
 * kept aside; every other call answers DB_CORRUPT until the user restores `backup` (or starts
 * empty). `unavailable`: it cannot be used as it is (newer, foreign, read-only); the file is untouched.
 * Only file names cross, never folders.
 */
export interface DatabaseStatus {
  state: 'ok' | 'damaged' | 'unavailable';
  /** DB_CORRUPT, DB_TOO_NEW, DB_FOREIGN, DB_READ_ONLY, DB_FULL when not ok. */
  code: string | null;
  /** The sentence to show (what happened and what to do). */
  message: string | null;
  /** Where the damaged file was kept (a file name beside the database). */
  keptAside: string | null;
  /** The newest backup that passes its check, offered by Restore. */
  backup: { name: string; createdAt: string } | null;
  /** May the user start with an empty database (the old file is kept aside, not deleted)? */
  canStartEmpty: boolean;
}

export interface IntegrityReport {
  ok: boolean;
  /** SQLite's integrity_check lines when not ok (at most 50). */
  problems: string[];
  checkedAt: string;
}

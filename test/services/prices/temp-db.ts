import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../src-main/db/open-database';

/** A real SQLite file in a fresh temp folder, migrated to the app's schema. */
export interface TempDb {
  db: Database;
  dir: string;
  /** Writes a file into the temp folder and returns its path. */
  writeFile: (name: string, text: string) => string;
  cleanup: () => void;
}

export function createTempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'yieldplan-data-'));
  const db = openDatabase({ path: join(dir, 'test.sqlite') });
  return {
    db,
    dir,
    writeFile: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** unix seconds at 00:00 UTC of a `YYYY-MM-DD` day, computed independently of the code under test. */
export function day(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 1000;
}

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PRICES_DIR = join(REPO_ROOT, 'resources/data/prices');
export const RATES_DIR = join(REPO_ROOT, 'resources/data/rates');
export const FIXTURES_DIR = join(REPO_ROOT, 'test/fixtures');

import type { Migration } from './index';

/**
 * Foundation schema: strategy drafts (soft delete), their bounded revision history, settings.
 * Timestamps are INTEGER milliseconds since the epoch (UTC); services format them as ISO strings.
 * Assets and prices arrive in 002, rates in 003.
 */
export const m001Init: Migration = {
  version: 1,
  name: 'init',
  up: (db) => {
    db.exec(`
      CREATE TABLE drafts (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        notes       TEXT NOT NULL DEFAULT '',
        document    TEXT NOT NULL CHECK (json_valid(document)),
        revision    INTEGER NOT NULL CHECK (revision >= 1),
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        deleted_at  INTEGER
      ) STRICT;

      -- "most recent first" among live drafts is the sidebar's main query.
      CREATE INDEX drafts_live_by_recency ON drafts (updated_at DESC) WHERE deleted_at IS NULL;

      -- Full snapshots, not diffs: any revision opens on its own, and history is pruned by count.
      CREATE TABLE draft_revisions (
        draft_id    TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        revision    INTEGER NOT NULL CHECK (revision >= 1),
        name        TEXT NOT NULL,
        notes       TEXT NOT NULL,
        document    TEXT NOT NULL,
        saved_at    INTEGER NOT NULL,
        PRIMARY KEY (draft_id, revision)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE settings (
        key         TEXT PRIMARY KEY,
        value       TEXT NOT NULL CHECK (json_valid(value)),
        updated_at  INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

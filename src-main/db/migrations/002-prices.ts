import type { Migration } from './index';

/**
 * Asset catalog and price history.
 *
 * - `prices` is keyed by (asset_id, ts) WITHOUT ROWID: the primary key is the uniqueness rule that makes
 *   imports idempotent AND the clustered index that range reads walk, so no second index is needed.
 * - `ts` is unix seconds UTC: a day's start for daily data, the exact instant for finer data.
 *   (`created_at`/`loaded_at` are milliseconds, like the rest of the schema's bookkeeping times.)
 * - open/high/low/volume are NULL when the source does not have them; an empty field is never a zero.
 * - `data_versions` records which bundled data set a database was seeded with, so a later app version can
 *   add data without reloading everything.
 */
export const m002Prices: Migration = {
  version: 2,
  name: 'prices',
  up: (db) => {
    db.exec(`
      CREATE TABLE assets (
        id INTEGER PRIMARY KEY,
        symbol TEXT NOT NULL UNIQUE CHECK (symbol <> '' AND symbol = upper(symbol)),
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('volatile', 'stable', 'liquid-staking', 'unit')),
        external_ids TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(external_ids)),
        peg_symbol TEXT REFERENCES assets (symbol),
        peg_kind TEXT CHECK (peg_kind IN ('1:1', 'exchange-rate')),
        created_at INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
        CHECK (peg_kind IS NULL OR peg_symbol IS NOT NULL)
      ) STRICT;

      CREATE TABLE prices (
        asset_id INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
        ts INTEGER NOT NULL,
        open REAL CHECK (open IS NULL OR open > 0),
        high REAL CHECK (high IS NULL OR high > 0),
        low REAL CHECK (low IS NULL OR low > 0),
        close REAL NOT NULL CHECK (close > 0),
        volume REAL CHECK (volume IS NULL OR volume >= 0),
        source TEXT NOT NULL,
        PRIMARY KEY (asset_id, ts)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE data_versions (
        dataset TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        loaded_at INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER))
      ) STRICT;
    `);
  },
};

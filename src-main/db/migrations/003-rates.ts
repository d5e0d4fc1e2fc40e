import type { Migration } from './index';

/**
 * Historical lending rates: one series per market (protocol, chain), asset and side, one row per UTC day.
 * `rate` is an annual fraction (0.0703 = 7.03 %); sub-daily source readings are stored as their daily mean
 * with `n_samples` saying how many readings went into it.
 */
export const m003Rates: Migration = {
  version: 3,
  name: 'rates',
  up: (db) => {
    db.exec(`
      CREATE TABLE rate_series (
        id INTEGER PRIMARY KEY,
        protocol TEXT NOT NULL,
        chain TEXT NOT NULL,
        asset TEXT NOT NULL CHECK (asset = upper(asset)),
        side TEXT NOT NULL CHECK (side IN ('supply', 'variable-borrow')),
        source TEXT NOT NULL,
        UNIQUE (protocol, chain, asset, side)
      ) STRICT;

      CREATE TABLE rates (
        series_id INTEGER NOT NULL REFERENCES rate_series (id) ON DELETE CASCADE,
        ts INTEGER NOT NULL CHECK (ts % 86400 = 0),
        rate REAL NOT NULL,
        utilization REAL CHECK (utilization IS NULL OR utilization >= 0),
        n_samples INTEGER CHECK (n_samples IS NULL OR n_samples > 0),
        PRIMARY KEY (series_id, ts)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

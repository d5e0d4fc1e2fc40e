import type { Migration } from './index';

/**
 * Kept analysis runs (backtest, scenarios, Monte Carlo) of a draft, with the inputs that produced
 * them: the strategy as run (and its canonical hash, to tell "strategy changed since this run"),
 * the draft revision it was based on, and the options. Deleted with the draft (purge of the
 * trash); bounded per draft and kind by the service.
 */
export const m005AnalysisRuns: Migration = {
  version: 5,
  name: 'analysis-runs',
  up: (db) => {
    db.exec(`
      CREATE TABLE analysis_runs (
        id              TEXT PRIMARY KEY,
        draft_id        TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        kind            TEXT NOT NULL CHECK (kind IN ('backtest', 'scenarios', 'monte-carlo')),
        draft_revision  INTEGER NOT NULL CHECK (draft_revision >= 1),
        strategy_hash   TEXT NOT NULL,
        strategy        TEXT NOT NULL CHECK (json_valid(strategy)),
        options         TEXT NOT NULL CHECK (json_valid(options)),
        result          TEXT NOT NULL CHECK (json_valid(result)),
        created_at      INTEGER NOT NULL
      ) STRICT;

      -- "the latest runs of this draft" (per kind) is the only query.
      CREATE INDEX analysis_runs_by_draft ON analysis_runs (draft_id, kind, created_at DESC);
    `);
  },
};

import type { Database } from 'better-sqlite3';
import { DataError } from '../prices/errors';
import type { DailyRate, RateSeriesInfo, RateSeriesKey } from './types';

interface SeriesRecord {
  id: number;
  protocol: string;
  chain: string;
  asset: string;
  side: RateSeriesKey['side'];
  source: string;
  first_ts: number | null;
  last_ts: number | null;
  n: number;
}

export type RateRepository = ReturnType<typeof buildRateRepository>;

/** Prepared-statement access to `rate_series` and `rates` (migration 003). */
const repositories = new WeakMap<Database, RateRepository>();

/** The repository of a connection; statements are prepared once per connection and reused. */
export function createRateRepository(db: Database): RateRepository {
  let repo = repositories.get(db);
  if (!repo) {
    repo = buildRateRepository(db);
    repositories.set(db, repo);
  }
  return repo;
}

function buildRateRepository(db: Database) {
  const upsertSeriesStmt = db.prepare(`
    INSERT INTO rate_series (protocol, chain, asset, side, source)
    VALUES (@protocol, @chain, @asset, @side, @source)
    ON CONFLICT (protocol, chain, asset, side) DO UPDATE SET source = excluded.source`);
  const seriesId = db.prepare<[string, string, string, string], { id: number }>(
    'SELECT id FROM rate_series WHERE protocol = ? AND chain = ? AND asset = ? AND side = ?',
  );
  const upsertRate = db.prepare(`
    INSERT INTO rates (series_id, ts, rate, utilization, n_samples) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (series_id, ts) DO UPDATE SET
      rate = excluded.rate, utilization = excluded.utilization, n_samples = excluded.n_samples`);
  const ratesInRange = db.prepare<[number, number, number], DailyRate>(`
    SELECT ts, rate, utilization, n_samples AS nSamples FROM rates
    WHERE series_id = ? AND ts BETWEEN ? AND ? ORDER BY ts`);
  const allSeries = db.prepare<[], SeriesRecord>(`
    SELECT s.*, min(r.ts) AS first_ts, max(r.ts) AS last_ts, count(r.ts) AS n
    FROM rate_series s LEFT JOIN rates r ON r.series_id = s.id
    GROUP BY s.id ORDER BY s.protocol, s.chain, s.asset, s.side`);

  const keyArgs = (k: RateSeriesKey) =>
    [k.protocol, k.chain, k.asset.toUpperCase(), k.side] as [string, string, string, string];

  return {
    /** Upserts a series and its days (caller decides the transaction). */
    writeSeries(input: { key: RateSeriesKey; source: string; rows: readonly DailyRate[] }): void {
      const { key } = input;
      upsertSeriesStmt.run({ ...key, asset: key.asset.toUpperCase(), source: input.source });
      const id = (seriesId.get(...keyArgs(key)) as { id: number }).id;
      for (const r of input.rows) upsertRate.run(id, r.ts, r.rate, r.utilization, r.nSamples);
    },

    /** Stored days of one series with fromTs <= ts <= toTs, oldest first. */
    getDailyRates(input: RateSeriesKey & { fromTs?: number; toTs?: number }): DailyRate[] {
      const series = seriesId.get(...keyArgs(input));
      if (!series) {
        throw new DataError(
          'UNKNOWN_RATE_SERIES',
          `no rate series ${input.protocol}/${input.chain}/${input.asset}/${input.side}`,
        );
      }
      return ratesInRange.all(series.id, input.fromTs ?? -Infinity, input.toTs ?? Infinity);
    },

    listRateSeries(): RateSeriesInfo[] {
      return allSeries.all().map((r) => ({
        id: r.id,
        protocol: r.protocol,
        chain: r.chain,
        asset: r.asset,
        side: r.side,
        source: r.source,
        firstTs: r.first_ts,
        lastTs: r.last_ts,
        count: r.n,
      }));
    },
  };
}

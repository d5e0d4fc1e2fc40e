import type { Database } from 'better-sqlite3';
import { isoFromDay } from '../../backtest/calendar';
import { assetsUsed, pegAncestors } from '../../backtest/strategy-assets';
import type { Strategy } from '../../engine/format/schema';
import { pegsFromStrategy } from '../../engine/prices';
import type { DataSource } from '../../contract/report';

const RATE_ALIASES: Readonly<Record<string, readonly string[]>> = { ETH: ['WETH'], WETH: ['ETH'] };

const iso = (ts: number | null): string | null => (ts === null ? null : isoFromDay(ts));

/**
 * The stored series a strategy's analyses read (prices of every asset it touches and their peg
 * anchors; rates of its lending markets), each with its provider and the days it covers.
 * One row per (series, source): a history stitched from two providers lists both.
 */
export function dataSourcesFor(db: Database, strategy: Strategy): DataSource[] {
  const used = assetsUsed(strategy);
  const symbols = [...new Set([...used, ...pegAncestors(used, pegsFromStrategy(strategy))])].sort();
  const priceRows = db.prepare<
    [string],
    { source: string; first: number; last: number; rows: number }
  >(
    `SELECT p.source AS source, MIN(p.ts) AS first, MAX(p.ts) AS last, COUNT(*) AS rows
       FROM prices p JOIN assets a ON a.id = p.asset_id
      WHERE a.symbol = ? GROUP BY p.source ORDER BY first`,
  );
  const out: DataSource[] = [];
  for (const symbol of symbols) {
    for (const r of priceRows.all(symbol)) {
      out.push({
        kind: 'price',
        series: symbol,
        source: r.source,
        from: iso(r.first),
        to: iso(r.last),
        rows: r.rows,
      });
    }
  }
  const rateRows = db.prepare<
    [string, string, string],
    { side: string; source: string; first: number | null; last: number | null; rows: number }
  >(
    `SELECT s.side AS side, s.source AS source, MIN(r.ts) AS first, MAX(r.ts) AS last, COUNT(r.ts) AS rows
       FROM rate_series s LEFT JOIN rates r ON r.series_id = s.id
      WHERE s.protocol = ? AND s.chain = ? AND s.asset = ?
      GROUP BY s.id ORDER BY s.side`,
  );
  for (const market of strategy.markets) {
    if (market.kind !== 'lending') continue;
    for (const asset of Object.keys(market.assets)) {
      for (const name of [asset, ...(RATE_ALIASES[asset] ?? [])]) {
        const rows = rateRows.all(market.protocol, market.chain, name);
        if (rows.length === 0) continue;
        for (const r of rows) {
          out.push({
            kind: 'rate',
            series: `${market.protocol} ${market.chain} ${name} ${r.side}`,
            source: r.source,
            from: iso(r.first),
            to: iso(r.last),
            rows: r.rows,
          });
        }
        break;
      }
    }
  }
  return out;
}

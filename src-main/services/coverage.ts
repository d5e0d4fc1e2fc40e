import type { Database } from 'better-sqlite3';
import { seriesNeeded } from '../backtest/series-needed';
import { parseStrategy } from '../engine/format/parse';
import type { EngineIssue } from '../engine/position';
import { routeStart } from '../backtest/price-routes';
import {
  commonWindow,
  CoverageBuilder,
  type DaySpan,
  type SeriesCoverage,
} from '../market-data/coverage';
import { dayStart, isoFromDay, SECONDS_PER_DAY } from '../market-data/calendar';
import { RATE_ALIASES } from './backtest';
import { createPriceRepository } from './prices/price-repository';
import type { AssetKind, PegKind } from './prices/types';

/** Where one part of a price series came from (bundled file, a CSV import, an online refresh). */
export interface SourceSpan {
  source: string;
  rows: number;
  firstDay: string;
  lastDay: string;
}

export interface AssetDataCoverage {
  symbol: string;
  name: string;
  kind: AssetKind;
  peg: { symbol: string; kind: PegKind } | null;
  /** Whether an online refresh can find it (it has a CoinGecko or DefiLlama id). */
  refreshable: boolean;
  coverage: SeriesCoverage;
  sources: SourceSpan[];
}

export interface RateDataCoverage {
  protocol: string;
  chain: string;
  asset: string;
  side: 'supply' | 'variable-borrow';
  source: string;
  coverage: SeriesCoverage;
}

export interface DataCoverage {
  assets: AssetDataCoverage[];
  rates: RateDataCoverage[];
}

/** One price series a backtest of the strategy reads, with the days it covers. */
export interface WindowSeries {
  kind: 'price';
  /** e.g. "ETH price (for WETH)". */
  label: string;
  firstDay: string;
  lastDay: string;
  /**
   * Days before `firstDay` the replay prices through the asset's peg chain (backtest/price-routes.ts):
   * from `from` (null: any day, a chain to USD), from the series of `via`. Null when it cannot.
   */
  backfill: { via: string; from: string | null } | null;
}

/** A stored rate series a history-mode market reads; days null when nothing is stored. */
export interface RateWindowSeries {
  kind: 'rate';
  marketId: string;
  label: string;
  firstDay: string | null;
  lastDay: string | null;
}

export type StrategyWindow =
  | {
      ok: true;
      /**
       * The days every series covers; null when they share none (see `message`) or when the
       * strategy reads no stored series at all (its constant prices replay on any day).
       */
      window: DaySpan | null;
      /** The price series the replay needs on every day: they bound the window. */
      series: WindowSeries[];
      /**
       * Rate series of markets replayed on stored rates. They do not bound the window: on days a
       * series does not cover, the replay uses the strategy's rate model (backtest/rate-grid.ts) and
       * the report says how many days came from history.
       */
      rates: RateWindowSeries[];
      /** Why `window` is null, in a sentence; null when there is a window. */
      message: string | null;
    }
  | { ok: false; errors: EngineIssue[] };

export interface DailyClosesDto {
  symbol: string;
  ts: number[];
  close: number[];
}

/** Up to this many readings per day of span, reading every row beats a seek per day. */
const DENSE_READINGS_PER_DAY = 4;

interface AssetRow {
  id: number;
  symbol: string;
  name: string;
  kind: AssetKind;
  external_ids: string;
  peg_symbol: string | null;
  peg_kind: PegKind | null;
}

interface SpanRow {
  first: number | null;
  last: number | null;
}

/**
 * What the stored market data covers, for the data view and the backtest form. Reads stream in key
 * order (constant memory whatever a series' size); in the app this runs on the compute worker.
 */
export function createCoverageReader(db: Database) {
  const assets = db.prepare<[], AssetRow>('SELECT * FROM assets ORDER BY symbol');
  // Days by skip-scan: one primary-key seek per covered day (and none per reading), so a
  // million-row minute series costs a few hundred seeks, not a million rows into JS or a sort.
  const spanOf = db.prepare<[number], SpanRow>(
    'SELECT min(ts) AS first, max(ts) AS last FROM prices WHERE asset_id = ?',
  );
  const priceTimes = db
    .prepare<[number], number>('SELECT ts FROM prices WHERE asset_id = ? ORDER BY ts')
    .pluck();
  const firstFrom = db
    .prepare<[number, number], number>(
      'SELECT ts FROM prices WHERE asset_id = ? AND ts >= ? ORDER BY ts LIMIT 1',
    )
    .pluck();
  const lastCloseBefore = db
    .prepare<[number, number], number>(
      'SELECT close FROM prices WHERE asset_id = ? AND ts < ? ORDER BY ts DESC LIMIT 1',
    )
    .pluck();
  // Sources: DISTINCT (an ephemeral index of the few values) then one aggregate each is about five
  // times faster on a million rows than GROUP BY source, which sorts every row.
  const sourceNames = db
    .prepare<[number], string>('SELECT DISTINCT source FROM prices WHERE asset_id = ?')
    .pluck();
  const sourceSpan = db.prepare<[number, string], { rows: number; first: number; last: number }>(
    `SELECT count(*) AS rows, min(ts) AS first, max(ts) AS last FROM prices
     WHERE asset_id = ? AND source = ?`,
  );
  const priceSpan = db.prepare<[string], SpanRow>(
    `SELECT min(p.ts) AS first, max(p.ts) AS last FROM prices p
     JOIN assets a ON a.id = p.asset_id WHERE a.symbol = ?`,
  );
  const hasPrices = db.prepare<[string], { one: number }>(
    `SELECT 1 AS one FROM prices p JOIN assets a ON a.id = p.asset_id WHERE a.symbol = ? LIMIT 1`,
  );
  const rateSeries = db.prepare<
    [],
    {
      id: number;
      protocol: string;
      chain: string;
      asset: string;
      side: 'supply' | 'variable-borrow';
      source: string;
    }
  >('SELECT * FROM rate_series ORDER BY protocol, chain, asset, side');
  const rateDays = db
    .prepare<[number], [number, number]>(
      'SELECT ts, 1 FROM rates WHERE series_id = ? ORDER BY ts', // one row per day (ts % 86400 = 0)
    )
    .raw(true);
  const rateSpan = db.prepare<[string, string, string, string], SpanRow>(
    `SELECT min(r.ts) AS first, max(r.ts) AS last FROM rates r
     JOIN rate_series s ON s.id = r.series_id
     WHERE s.protocol = ? AND s.chain = ? AND s.asset = ? AND s.side = ?`,
  );

  function streamCoverage(days: Iterable<[number, number]>): SeriesCoverage {
    const builder = new CoverageBuilder();
    for (const [day, readings] of days) builder.add(day, readings);
    return builder.finish();
  }

  /** Each covered UTC day of an asset, oldest first (the first reading at or after each day). */
  function* coveredDays(assetId: number): Generator<number> {
    let cursor = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const ts = firstFrom.get(assetId, cursor);
      if (ts === undefined) return;
      const day = ts - (((ts % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY);
      yield day;
      cursor = day + SECONDS_PER_DAY;
    }
  }

  function sourcesOf(assetId: number): SourceSpan[] {
    return sourceNames
      .all(assetId)
      .map((source) => {
        const span = sourceSpan.get(assetId, source)!;
        return {
          source,
          rows: span.rows,
          firstDay: isoFromDay(span.first),
          lastDay: isoFromDay(span.last),
        };
      })
      .sort((a, b) => (a.firstDay < b.firstDay ? -1 : a.firstDay > b.firstDay ? 1 : 0));
  }

  /**
   * Covered days, read the cheaper way: row by row for daily data (a seek costs about four rows),
   * by skip-scan for intraday data. The readings are the sources' row counts summed.
   */
  function priceCoverage(assetId: number, sources: readonly SourceSpan[]): SeriesCoverage {
    const readings = sources.reduce((n, s) => n + s.rows, 0);
    const builder = new CoverageBuilder();
    const span = spanOf.get(assetId);
    if (span?.first != null && span.last != null) {
      const spanDays =
        Math.floor(span.last / SECONDS_PER_DAY) - Math.floor(span.first / SECONDS_PER_DAY) + 1;
      const days =
        readings <= DENSE_READINGS_PER_DAY * spanDays
          ? priceTimes.iterate(assetId)
          : coveredDays(assetId);
      for (const ts of days) builder.add(ts, 0);
    }
    return { ...builder.finish(), readings };
  }

  return {
    /** Every asset and rate series: covered span, gaps (listed), sources. */
    coverage(): DataCoverage {
      const out: DataCoverage = { assets: [], rates: [] };
      for (const a of assets.all()) {
        const ids = JSON.parse(a.external_ids) as Record<string, unknown>;
        const sources = sourcesOf(a.id);
        out.assets.push({
          symbol: a.symbol,
          name: a.name,
          kind: a.kind,
          peg: a.peg_symbol === null ? null : { symbol: a.peg_symbol, kind: a.peg_kind ?? '1:1' },
          refreshable: typeof ids['coingecko'] === 'string' || typeof ids['defillama'] === 'string',
          coverage: priceCoverage(a.id, sources),
          sources,
        });
      }
      for (const s of rateSeries.all()) {
        out.rates.push({
          protocol: s.protocol,
          chain: s.chain,
          asset: s.asset,
          side: s.side,
          source: s.source,
          coverage: streamCoverage(rateDays.iterate(s.id)),
        });
      }
      return out;
    },

    /** One close per UTC day (the last reading of the day), for a chart of the asset. */
    dailyCloses(input: { symbol: string }): DailyClosesDto {
      const asset = createPriceRepository(db).requireAsset(input.symbol);
      const ts: number[] = [];
      const close: number[] = [];
      for (const day of coveredDays(asset.id)) {
        ts.push(day);
        close.push(lastCloseBefore.get(asset.id, day + SECONDS_PER_DAY) as number);
      }
      return { symbol: asset.symbol, ts, close };
    },

    /**
     * The days a backtest of the strategy can replay: from the first day the replay can price
     * every asset it holds (backtest/price-routes.ts, the replay's own rule) to the earliest last
     * day of the series it reads. A strategy the engine cannot read answers with its errors.
     */
    strategyWindow(input: {
      strategy: unknown;
      rateModes?: Record<string, string>;
    }): StrategyWindow {
      const parsed = parseStrategy(input.strategy);
      if (!parsed.ok) return parsed;
      const needs = seriesNeeded({
        strategy: parsed.strategy,
        ...(input.rateModes ? { rateModes: input.rateModes } : {}),
        hasPrices: (symbol) => hasPrices.get(symbol.toUpperCase()) !== undefined,
      });
      const spans = new Map<string, SpanRow | undefined>();
      const spanOf = (symbol: string) => {
        if (!spans.has(symbol)) spans.set(symbol, priceSpan.get(symbol.toUpperCase()));
        return spans.get(symbol);
      };
      const firstDay = (symbol: string) => {
        const first = spanOf(symbol)?.first;
        return first == null ? Number.POSITIVE_INFINITY : dayStart(first);
      };
      // One line per stored series, with the assets it prices and the first day the replay can
      // price all of them (the same rule the replay applies: routeStart).
      const groups = new Map<string, { via: string[]; start: number; anchor: string | null }>();
      for (const need of needs.prices) {
        const group = groups.get(need.symbol) ?? {
          via: [],
          start: Number.NEGATIVE_INFINITY,
          anchor: null,
        };
        if (need.asset !== need.symbol) group.via.push(need.asset);
        group.start = Math.max(group.start, routeStart(need.asset, need.route, firstDay));
        if (need.route.kind === 'own' && need.route.backfill)
          group.anchor = need.route.backfill.anchor;
        groups.set(need.symbol, group);
      }
      const series: WindowSeries[] = [];
      for (const [symbol, group] of groups) {
        const span = spanOf(symbol);
        if (span?.first == null || span.last == null) continue;
        series.push({
          kind: 'price',
          label: `${symbol} price${group.via.length > 0 ? ` (for ${group.via.join(', ')})` : ''}`,
          firstDay: isoFromDay(span.first),
          lastDay: isoFromDay(span.last),
          backfill:
            group.anchor !== null && group.start < dayStart(span.first)
              ? {
                  via: group.anchor,
                  from: Number.isFinite(group.start) ? isoFromDay(group.start) : null,
                }
              : null,
        });
      }
      const rates: RateWindowSeries[] = [];
      for (const need of needs.rates) {
        const side = need.side === 'borrow' ? 'variable-borrow' : 'supply';
        const label = `${need.protocol} ${need.chain} ${need.asset} ${need.side} rate`;
        let span: SpanRow | undefined;
        for (const name of [need.asset, ...(RATE_ALIASES[need.asset] ?? [])]) {
          span = rateSpan.get(need.protocol, need.chain, name.toUpperCase(), side);
          if (span?.first != null) break;
        }
        rates.push({
          kind: 'rate',
          marketId: need.marketId,
          label,
          firstDay: span?.first == null ? null : isoFromDay(span.first),
          lastDay: span?.last == null ? null : isoFromDay(span.last),
        });
      }
      const window = replayWindow(series);
      return { ok: true, window, series, rates, message: windowMessage(series, window) };
    },
  };
}

export type CoverageReader = ReturnType<typeof createCoverageReader>;

/** The first day a series lets the replay open: its own first day, or earlier through its peg chain. */
function startOf(s: WindowSeries): string | null {
  return s.backfill ? s.backfill.from : s.firstDay;
}

/**
 * The days the replay can price every series: the latest start (`startOf`) to the earliest last
 * day. Series that all start on any day (chains to USD) start the window at the earliest stored day.
 */
function replayWindow(series: readonly WindowSeries[]): DaySpan | null {
  // '' sorts before every ISO day: a series that starts on any day bounds nothing
  const window = commonWindow(series.map((s) => ({ from: startOf(s) ?? '', to: s.lastDay })));
  if (!window || window.from !== '') return window;
  return { from: series.map((s) => s.firstDay).reduce((a, b) => (b < a ? b : a)), to: window.to };
}

/**
 * Why there is no window: the two series that do not overlap. A strategy that reads no series
 * (constant prices only) replays on any days, so it has no window and no message.
 */
function windowMessage(series: readonly WindowSeries[], window: DaySpan | null): string | null {
  if (window || series.length === 0) return null;
  const latestStart = series.reduce((a, b) => ((startOf(b) ?? '') > (startOf(a) ?? '') ? b : a));
  const earliestEnd = series.reduce((a, b) => (b.lastDay < a.lastDay ? b : a));
  return (
    `The strategy’s series share no common window: ${earliestEnd.label} ends ${earliestEnd.lastDay}, ` +
    `before ${latestStart.label} starts ${startOf(latestStart) ?? latestStart.firstDay}.`
  );
}

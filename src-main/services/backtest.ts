import type { Database } from 'better-sqlite3';
import { runBacktest } from '../backtest/run-backtest';
import { runScenarios, SCENARIO_LIBRARY, type ScenarioRow } from '../backtest/scenarios';
import { assetsUsed, pegAncestors } from '../backtest/strategy-assets';
import {
  BacktestOptions,
  type BacktestOptionsInput,
  type BacktestResult,
  type DailyCloses,
  type DailyRates,
  type PriceHistory,
  type RateHistory,
  type RateSide,
} from '../backtest/types';
import { dayFromIso, SECONDS_PER_DAY } from '../backtest/calendar';
import { parseStrategy } from '../engine/format/parse';
import type { Strategy } from '../engine/format/schema';
import type { EngineIssue } from '../engine/position';
import { pegsFromStrategy } from '../engine/prices';
import { toDailyCloses } from './prices/daily-closes';
import { DataError } from './prices/errors';
import { createPriceRepository } from './prices/price-repository';
import { createRateRepository } from './rates/rate-repository';

/**
 * Backtests and scenarios over the stored history: loads the series a strategy needs through a
 * `HistorySource` (the price and rate repositories in the app) and hands plain arrays to the pure
 * replay in src-main/backtest.
 */
export interface HistorySource {
  /** Daily closes of `symbol` in [fromTs, toTs] (unbounded when omitted); null when the asset is unknown. */
  closes(input: { symbol: string; fromTs?: number; toTs?: number }): DailyCloses | null;
  /** Daily rates of one market (protocol on a chain), asset and side; null when no such series is stored. */
  rates(input: {
    protocol: string;
    chain: string;
    asset: string;
    side: RateSide;
    fromTs?: number;
    toTs?: number;
  }): DailyRates | null;
}

/** The app's source: the price store (migration 002) and rate store (migration 003). */
export function databaseHistorySource(db: Database): HistorySource {
  const prices = createPriceRepository(db);
  const rates = createRateRepository(db);
  const unknownIsNull = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (
        error instanceof DataError &&
        (error.code === 'UNKNOWN_ASSET' || error.code === 'UNKNOWN_RATE_SERIES')
      )
        return null;
      throw error;
    }
  };
  return {
    closes: ({ symbol, fromTs, toTs }) =>
      unknownIsNull(() =>
        toDailyCloses(
          prices.getCloseSeries({
            symbol,
            ...(fromTs === undefined ? {} : { fromTs }),
            // through the end of the last day, so intraday readings of that day count
            ...(toTs === undefined ? {} : { toTs: toTs + SECONDS_PER_DAY - 1 }),
          }),
        ),
      ),
    rates: ({ side, ...key }) =>
      unknownIsNull(() => {
        const rows = rates.getDailyRates({
          ...key,
          side: side === 'borrow' ? 'variable-borrow' : 'supply',
        });
        return { ts: rows.map((r) => r.ts), apr: rows.map((r) => r.rate) };
      }),
  };
}

/** Markets list WETH where strategies often say ETH (and back): the stored series is tried under both. */
export const RATE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  ETH: ['WETH'],
  WETH: ['ETH'],
};

/** Days loaded before `from` so a missing first close can carry the previous one. */
const CARRY_LOOKBACK_DAYS = 30;

export function loadHistory(input: {
  strategy: Strategy;
  source: HistorySource;
  extraAssets?: Iterable<string>;
  fromTs?: number;
  toTs?: number;
}): { prices: PriceHistory; rates: RateHistory } {
  const { strategy, source } = input;
  const used = assetsUsed(strategy);
  const symbols = new Set([
    ...used,
    ...pegAncestors(used, pegsFromStrategy(strategy)),
    ...(input.extraAssets ?? []),
  ]);
  const range = {
    ...(input.fromTs === undefined
      ? {}
      : { fromTs: input.fromTs - CARRY_LOOKBACK_DAYS * SECONDS_PER_DAY }),
    ...(input.toTs === undefined ? {} : { toTs: input.toTs }),
  };
  const prices: Record<string, DailyCloses> = {};
  for (const symbol of symbols) {
    let series = source.closes({ symbol, ...range });
    // Nothing in the window: pass what is stored so the replay can say where the history starts or ends.
    if (series && series.ts.length === 0) series = source.closes({ symbol });
    if (series && series.ts.length > 0) prices[symbol] = series;
  }
  const rates: Record<string, Record<string, Partial<Record<RateSide, DailyRates>>>> = {};
  for (const market of strategy.markets) {
    if (market.kind !== 'lending') continue;
    for (const asset of Object.keys(market.assets)) {
      for (const side of ['supply', 'borrow'] as const) {
        for (const name of [asset, ...(RATE_ALIASES[asset] ?? [])]) {
          const series = source.rates({
            protocol: market.protocol,
            chain: market.chain,
            asset: name,
            side,
            ...range,
          });
          if (!series || series.ts.length === 0) continue;
          ((rates[market.id] ??= {})[asset] ??= {})[side] = series;
          break;
        }
      }
    }
  }
  return { prices, rates };
}

export type BacktestServiceResult = BacktestResult;

export class BacktestService {
  constructor(private readonly source: HistorySource) {}

  static fromDatabase(db: Database): BacktestService {
    return new BacktestService(databaseHistorySource(db));
  }

  /** Validates the strategy and options, loads the window's history, replays it. */
  backtest(input: {
    strategy: unknown;
    from: string;
    to: string;
    options?: BacktestOptionsInput;
  }): BacktestResult {
    const parsed = this.#parse(input.strategy, input.options);
    if (!parsed.ok) return parsed;
    const fromTs = dayFromIso(input.from);
    const toTs = dayFromIso(input.to);
    const history = loadHistory({
      strategy: parsed.strategy,
      source: this.source,
      ...(fromTs === null ? {} : { fromTs }),
      ...(toTs === null ? {} : { toTs }),
    });
    return runBacktest({
      strategy: parsed.strategy,
      ...history,
      from: input.from,
      to: input.to,
      options: parsed.options,
    });
  }

  /** Every named scenario; each row says if the window could not be replayed. */
  scenarios(input: {
    strategy: unknown;
    options?: BacktestOptionsInput;
  }): { ok: true; rows: ScenarioRow[] } | { ok: false; errors: EngineIssue[] } {
    const parsed = this.#parse(input.strategy, input.options);
    if (!parsed.ok) return parsed;
    const computedAssets = SCENARIO_LIBRARY.flatMap((s) =>
      'computed' in s ? [s.computed.asset] : [],
    );
    const history = loadHistory({
      strategy: parsed.strategy,
      source: this.source,
      extraAssets: computedAssets,
    });
    return {
      ok: true,
      rows: runScenarios({ strategy: parsed.strategy, ...history, options: parsed.options }),
    };
  }

  #parse(
    strategy: unknown,
    options: BacktestOptionsInput | undefined,
  ):
    | { ok: true; strategy: Strategy; options: BacktestOptions }
    | { ok: false; errors: EngineIssue[] } {
    const parsedStrategy = parseStrategy(strategy);
    if (!parsedStrategy.ok) return parsedStrategy;
    const parsedOptions = BacktestOptions.safeParse(options ?? {});
    if (!parsedOptions.success) {
      return {
        ok: false,
        errors: parsedOptions.error.issues.map((i) => ({
          code: 'BACKTEST_OPTIONS_INVALID',
          message: i.message,
          field: i.path.join('.'),
        })),
      };
    }
    return { ok: true, strategy: parsedStrategy.strategy, options: parsedOptions.data };
  }
}

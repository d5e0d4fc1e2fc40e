import { DailyKernel } from '../dynamics/kernel';
import { compilePosition, type CompiledPosition } from '../dynamics/position';
import { buildPosition } from '../engine/build-position';
import { Decimal } from '../engine/decimal';
import type { Strategy } from '../engine/format/schema';
import { pegsFromStrategy, priceMapFromStrategy } from '../engine/prices';
import { benchmarkSeries } from './benchmarks';
import { dayFromIso, dayGrid } from '../market-data/calendar';
import { buildPriceBook } from './pricing';
import { historyRates } from './rate-grid';
import { finalPosition, lpRanges, priceSeries, summarize } from './report';
import { SeriesRecorder } from './series-recorder';
import { assetsUsed, pegAncestors } from './strategy-assets';
import {
  BacktestOptions,
  type BacktestOptionsInput,
  type BacktestResult,
  type PriceHistory,
  type RateHistory,
  type RateUsage,
} from './types';

export interface BacktestInput {
  /** A parsed strategy (defaults applied): `parseStrategy(...).strategy`. */
  strategy: Strategy;
  prices: PriceHistory;
  rates?: RateHistory;
  /** First and last day, `YYYY-MM-DD` (UTC), both included. */
  from: string;
  to: string;
  options?: BacktestOptionsInput;
  /** Share of the window replayed, 0..1 (a job's progress). */
  progress?: (fraction: number) => void;
}

const fail = (code: string, message: string): BacktestResult => ({
  ok: false,
  errors: [{ code, message }],
});

/**
 * Replays a strategy day by day over real history (see docs/backtest.md): the history is put on a
 * day grid (price book, rate input), the chain is built with the engine's `buildPosition` at the
 * first day's market prices, compiled, and run by the daily kernel (src-main/dynamics) on one lane
 * with a recorder that keeps the report's series and events.
 */
export function runBacktest(input: BacktestInput): BacktestResult {
  const parsed = BacktestOptions.safeParse(input.options ?? {});
  if (!parsed.success) {
    return fail('BACKTEST_OPTIONS_INVALID', parsed.error.issues.map((i) => i.message).join('; '));
  }
  const options = parsed.data;
  const fromTs = dayFromIso(input.from);
  const toTs = dayFromIso(input.to);
  if (fromTs === null) return fail('BACKTEST_FROM_INVALID', `not a YYYY-MM-DD day: ${input.from}`);
  if (toTs === null) return fail('BACKTEST_TO_INVALID', `not a YYYY-MM-DD day: ${input.to}`);
  if (toTs < fromTs) return fail('BACKTEST_RANGE_EMPTY', `${input.to} is before ${input.from}`);

  const { strategy } = input;
  const grid = dayGrid(fromTs, toTs);
  const pegs = pegsFromStrategy(strategy);
  const used = assetsUsed(strategy);
  const constantPrices = priceMapFromStrategy(strategy);
  const priced = buildPriceBook({
    assets: used,
    optionalAssets: pegAncestors(used, pegs),
    history: input.prices,
    grid,
    pegs,
    constantPrices,
  });
  if (!priced.ok) return { ok: false, errors: priced.errors };
  const book = priced.book;

  const openingPrices = new Map<string, Decimal>();
  for (const [asset, values] of book.market) openingPrices.set(asset, new Decimal(values[0]!));
  const built = buildPosition({ strategy, prices: openingPrices });
  if (built.errors.length > 0) return { ok: false, errors: built.errors };

  const seriesAssets = [...book.market.keys()];
  const compiled = compilePosition({
    built,
    seriesAssets,
    automation: options.automation,
    exactStableswap: true,
    prices: new Map([...constantPrices, ...openingPrices]),
  });
  const kernel = new DailyKernel(compiled, 1);
  const recorder = new SeriesRecorder(compiled, grid, input.progress);
  kernel.run({
    lanes: 1,
    days: book.days - 1,
    prices: { growth: null, series: seriesAssets.map((a) => book.market.get(a)!) },
    rates: historyRates({
      lending: compiled.lending,
      assets: compiled.prices.assets,
      grid,
      rates: input.rates,
      rateModes: options.rateModes,
    }),
    recorder,
  });

  const series = recorder.series;
  const benchmarks = benchmarkSeries({
    strategy,
    book,
    grid,
    rates: input.rates,
    rateModes: options.rateModes,
  });
  series.holdEquity = benchmarks.hold;
  series.supplyOnlyEquity = benchmarks.supplyOnly;

  return {
    ok: true,
    from: input.from,
    to: input.to,
    series,
    prices: priceSeries(book),
    lps: lpRanges(built.position.lps.values(), book),
    events: recorder.events,
    ...summarize({ series, events: recorder.events, riskFreeRate: options.riskFreeRate }),
    rateUsage: rateUsage(compiled, recorder, options.rateModes),
    priceCoverage: book.coverage,
    final: finalPosition(compiled, kernel),
    warnings: [...built.warnings],
  };
}

function rateUsage(
  c: CompiledPosition,
  recorder: SeriesRecorder,
  modes: Readonly<Record<string, 'model' | 'history'>>,
): RateUsage[] {
  return c.lending.accountIds.map((marketId, a) => {
    const tracks = [...recorder.supplyTracks[a]!.values(), ...recorder.borrowTracks[a]!.values()];
    const days = tracks.reduce((s, t) => s + t.days, 0);
    const historyDays = tracks.reduce((s, t) => s + t.historyDays, 0);
    return {
      marketId,
      mode: modes[marketId] ?? 'model',
      historyShare: days > 0 ? historyDays / days : 0,
      series: tracks.map((t) => ({
        asset: c.prices.assets[c.lending.slotAsset[t.slot]!]!,
        side: t.side,
        historyDays: t.historyDays,
        days: t.days,
      })),
    };
  });
}

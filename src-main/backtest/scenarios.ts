import { z } from 'zod';
import type { Strategy } from '../engine/format/schema';
import type { EngineIssue } from '../engine/position';
import library from '../../resources/scenarios.json';
import { dayFromIso, dayStart, isoFromDay, SECONDS_PER_DAY } from '../market-data/calendar';
import { runBacktest } from './run-backtest';
import type { BacktestOptionsInput, DailyCloses, PriceHistory, RateHistory } from './types';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Common = {
  id: z.string().regex(/^[a-z0-9-]{1,60}$/),
  title: z.string().min(1).max(80),
  description: z.string().min(1).max(200),
  assets: z.array(z.string()).min(1),
};
const FixedWindow = z.object({ ...Common, from: IsoDay, to: IsoDay }).strict();
/**
 * A window found in the data: the largest fall of `asset`'s closes from a peak to a trough at most
 * `windowDays` later, searched from `searchFrom` (the bundled stablecoin history starts 2020-01-01:
 * before it no lending strategy can be replayed, and ETH's first listing days in August 2015 are
 * price discovery, not a market drawdown).
 */
const ComputedWindow = z
  .object({
    ...Common,
    computed: z
      .object({
        kind: z.literal('worst-drawdown'),
        asset: z.string(),
        windowDays: z.number().int().min(2).max(365),
        searchFrom: IsoDay,
      })
      .strict(),
  })
  .strict();
const Library = z
  .object({
    version: z.literal(1),
    note: z.string(),
    scenarios: z.array(z.union([FixedWindow, ComputedWindow])).min(1),
  })
  .strict();

/** The bundled library, validated once when the module loads. */
export const SCENARIO_LIBRARY = Library.parse(library).scenarios;
export type ScenarioDefinition = (typeof SCENARIO_LIBRARY)[number];

export interface Scenario {
  id: string;
  title: string;
  description: string;
  from: string;
  to: string;
  assets: string[];
  computed: boolean;
}

export interface WorstDrawdown {
  peakTs: number;
  troughTs: number;
  /** 0.6 = the close fell 60 % from the peak. */
  drawdown: number;
}

/** Largest 1 − close(t)/close(s) over s ≤ t ≤ s + windowDays, s ≥ searchFromTs (closes, by UTC day). */
export function worstDrawdown(input: {
  closes: DailyCloses;
  windowDays: number;
  searchFromTs: number;
}): WorstDrawdown | null {
  const { ts, close } = input.closes;
  const span = input.windowDays * SECONDS_PER_DAY;
  let best: WorstDrawdown | null = null;
  let start = 0;
  while (start < ts.length && dayStart(ts[start] as number) < input.searchFromTs) start++;
  for (let t = start; t < ts.length; t++) {
    const troughDay = dayStart(ts[t] as number);
    for (let s = t - 1; s >= start && troughDay - dayStart(ts[s] as number) <= span; s--) {
      const dd = 1 - (close[t] as number) / (close[s] as number);
      if (!best || dd > best.drawdown)
        best = { peakTs: dayStart(ts[s] as number), troughTs: troughDay, drawdown: dd };
    }
  }
  return best;
}

const computedCache = new WeakMap<DailyCloses, Map<string, Scenario | null>>();

/**
 * The scenarios with their windows resolved against `prices`: computed windows run from the peak to
 * `windowDays` after it (cut at the last close). A computed window whose asset has no prices is left out.
 */
export function scenarioWindows(
  prices: PriceHistory,
  definitions: readonly ScenarioDefinition[] = SCENARIO_LIBRARY,
): Scenario[] {
  const out: Scenario[] = [];
  for (const d of definitions) {
    if (!('computed' in d)) {
      out.push({
        id: d.id,
        title: d.title,
        description: d.description,
        from: d.from,
        to: d.to,
        assets: d.assets,
        computed: false,
      });
      continue;
    }
    const closes = prices[d.computed.asset];
    if (!closes) continue;
    let cache = computedCache.get(closes);
    if (!cache) computedCache.set(closes, (cache = new Map()));
    const key = JSON.stringify(d);
    if (!cache.has(key)) cache.set(key, resolveComputed(d, closes));
    const resolved = cache.get(key);
    if (resolved) out.push(resolved);
  }
  return out;
}

function resolveComputed(
  d: Extract<ScenarioDefinition, { computed: unknown }>,
  closes: DailyCloses,
): Scenario | null {
  const found = worstDrawdown({
    closes,
    windowDays: d.computed.windowDays,
    searchFromTs: dayFromIso(d.computed.searchFrom) as number,
  });
  if (!found || closes.ts.length === 0) return null;
  const lastDay = dayStart(closes.ts[closes.ts.length - 1] as number);
  const to = Math.min(found.peakTs + d.computed.windowDays * SECONDS_PER_DAY, lastDay);
  const pct = (found.drawdown * 100).toFixed(1);
  return {
    id: d.id,
    title: d.title,
    description: `${d.computed.asset} closes fell ${pct}% from ${isoFromDay(found.peakTs)} to ${isoFromDay(found.troughTs)}, the deepest fall within ${d.computed.windowDays} days in the bundled data since ${d.computed.searchFrom}.`,
    from: isoFromDay(found.peakTs),
    to: isoFromDay(to),
    assets: d.assets,
    computed: true,
  };
}

export interface ScenarioOutcome {
  startEquityUsd: number;
  endEquityUsd: number;
  totalReturn: number;
  /** Largest peak-to-trough fall inside the window (fraction). */
  peakToTroughLoss: number;
}

export type ScenarioRow =
  | (Omit<Scenario, 'assets'> & {
      status: 'ok';
      strategy: ScenarioOutcome & {
        minHealthFactor: number | null;
        minHealthFactorDate: string | null;
        liquidated: boolean;
        /** Day of the first liquidation (lending or perp), null when none. */
        firstLiquidationDate: string | null;
        liquidationCount: number;
        collateralSeizedUsd: number;
      };
      hold: ScenarioOutcome;
    })
  | (Omit<Scenario, 'assets'> & { status: 'skipped'; errors: EngineIssue[] });

/**
 * Runs a strategy through every scenario. The chain is rebuilt at each window's first-day prices
 * (amounts scale as the strategy defines them). A window the data cannot replay for this strategy
 * (an asset's history starts later) is a `skipped` row naming why.
 */
export function runScenarios(input: {
  strategy: Strategy;
  prices: PriceHistory;
  rates?: RateHistory;
  options?: BacktestOptionsInput;
  scenarios?: readonly ScenarioDefinition[];
}): ScenarioRow[] {
  return scenarioWindows(input.prices, input.scenarios).map((s) => {
    const { assets: _assets, ...head } = s;
    const result = runBacktest({
      strategy: input.strategy,
      prices: input.prices,
      rates: input.rates,
      from: s.from,
      to: s.to,
      options: input.options,
    });
    if (!result.ok) return { ...head, status: 'skipped', errors: result.errors };
    const { stats, benchmarks } = result;
    return {
      ...head,
      status: 'ok',
      strategy: {
        startEquityUsd: stats.startEquityUsd,
        endEquityUsd: stats.endEquityUsd,
        totalReturn: stats.totalReturn,
        peakToTroughLoss: stats.maxDrawdown,
        minHealthFactor: stats.minHealthFactor,
        minHealthFactorDate: stats.minHealthFactorDate,
        liquidated: stats.liquidationCount > 0 || stats.perpLiquidationCount > 0,
        firstLiquidationDate:
          result.events.find((e) => e.type === 'liquidation' || e.type === 'perp-liquidation')
            ?.date ?? null,
        liquidationCount: stats.liquidationCount + stats.perpLiquidationCount,
        collateralSeizedUsd: stats.collateralSeizedUsd,
      },
      hold: {
        startEquityUsd: benchmarks.hold.startEquityUsd,
        endEquityUsd: benchmarks.hold.endEquityUsd,
        totalReturn: benchmarks.hold.totalReturn,
        peakToTroughLoss: benchmarks.hold.maxDrawdown,
      },
    };
  });
}

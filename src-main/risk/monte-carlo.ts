import { z } from 'zod';
import { AutomationOptions } from '../dynamics/automation-options';
import { compilePosition, riskAssets, type CompiledPosition } from '../dynamics/position';
import { valueAtStart } from '../dynamics/kernel';
import { PRICE_CONSTANT, PRICE_PEGGED } from '../dynamics/prices';
import { RateMode, type PriceHistory, type RateHistory } from '../market-data/history';
import { buildPosition } from '../engine/build-position';
import { parseStrategy } from '../engine/format/parse';
import { assetInfoFromStrategy } from '../engine/prices';
import type { EngineIssue } from '../engine/position';
import { DAYS_PER_YEAR, alignHistory, estimateGbm, type GbmParams } from './estimate';
import { describeWindow, estimationWindow } from './window';
import { bootstrapModel, type BootstrapModel } from './models/bootstrap';
import type { CrashOverlay } from './models/crash-overlay';
import { depegModel, type DepegModel } from './models/depeg';
import { gbmModel, type GbmModel } from './models/gbm';
import { DepegOptions, planPegs, type PegPlan } from './pegged-assets';
import { historyRateInput } from './rate-history';
import { LANES, type SimulationJob } from './run-block';
import {
  histogram,
  percentileSorted,
  percentileSortedMapped,
  percentiles,
  percentilesBySelection,
  rowPercentiles,
  sortedCopy,
  tailRiskSorted,
} from './statistics';
import { WorkerPool, runInThread, type PathBlock, type RunOptions } from './worker-pool';

export const OUTCOME_PERCENTILES = [1, 5, 25, 50, 75, 95, 99] as const;
export const FAN_PERCENTILES = [5, 25, 50, 75, 95] as const;

/** Per-asset GBM overrides (annual fractions); anything left out is estimated from history. */
const AssetOverride = z
  .object({ driftAnnual: z.number().finite().optional(), volAnnual: z.number().min(0).optional() })
  .strict();

/** Shown with every result that uses the historical drift. */
export const HISTORICAL_DRIFT_CAUTION =
  'Historical drift projects the window’s average return forward (ETH 2020–2025: about +88 %/yr). Past returns do not forecast future ones; a window with a bull market makes every result look better.';

/** Simulation options, validated at the boundary (CLI, service, IPC). */
export const SimulateOptions = z
  .object({
    model: z.enum(['gbm', 'bootstrap']),
    /**
     * Expected price change of every simulated asset: `zero` (the default: no forecast; GBM μ = 0,
     * bootstrap returns rescaled to mean growth 1) or `historical` (the window's mean, labelled with
     * its caution). A per-asset `gbm.assets[a].driftAnnual` wins over either.
     */
    drift: z.enum(['zero', 'historical']).default('zero'),
    /** Stablecoins and liquid-staking tokens: pegged with depeg jumps (see models/depeg.ts). */
    depeg: DepegOptions,
    /** Up to 250,000 (the fan chart keeps paths × ~60 Float32 equities: 60 MB at the cap). */
    paths: z.number().int().min(1).max(250_000),
    /** Horizon in days; default the strategy's `horizonDays`. */
    days: z.number().int().min(1).max(3650).optional(),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /**
     * Estimation window for GBM parameters, the bootstrap's pool of days and history rates (ISO days,
     * inclusive). Without `from` it starts DEFAULT_WINDOW_YEARS before its last day (the last common
     * day of the history, or `to`); `all: true` takes every stored day instead (docs/risk.md).
     */
    window: z
      .object({
        from: z.string().optional(),
        to: z.string().optional(),
        all: z.boolean().optional(),
      })
      .strict()
      .default({}),
    gbm: z
      .object({
        assets: z.record(z.string(), AssetOverride).default({}),
        /** Pairwise correlation overrides, keyed "A/B". */
        correlations: z.record(z.string(), z.number().min(-1).max(1)).default({}),
      })
      .strict()
      .default({ assets: {}, correlations: {} }),
    /** Mean block length of the stationary bootstrap, days. */
    meanBlockLength: z.number().min(1).max(365).default(10),
    crash: z
      .object({
        crashesPerYear: z.number().min(0).max(365),
        size: z.number().gt(-1).lt(10),
        /** Assets the crash hits; default every simulated asset that is not a stablecoin. */
        assets: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    automation: AutomationOptions.optional(),
    /**
     * Rate mode per strategy market id (as the backtest's): `history` replays the stored daily rates
     * of the estimation window, day by day from its first day (cycled over a longer horizon), on
     * every path; `model` (default) uses the strategy's rates.
     */
    rateModes: z.record(z.string(), RateMode).default({}),
    /** Equity percentiles by day are kept on about this many days. */
    fanPoints: z.number().int().min(2).max(400).default(60),
    histogramBins: z.number().int().min(2).max(200).default(40),
  })
  .strict();
export type SimulateOptions = z.output<typeof SimulateOptions>;
export type SimulateOptionsInput = z.input<typeof SimulateOptions>;

export interface SimulateInput {
  /** A strategy document (parsed and validated here). */
  strategy: unknown;
  /** Daily market closes by asset (needed by `bootstrap`; `gbm` estimates from it unless overridden). */
  history?: PriceHistory;
  /** Stored daily rates by market, asset and side (used by markets in `history` rate mode). */
  rates?: RateHistory;
  options: SimulateOptionsInput;
  /** Worker threads; default 2 (this machine's cores). 1 runs in the calling thread. */
  threads?: number;
  /** A pool kept warm across runs (the app's); default: a pool for this run only. */
  pool?: WorkerPool;
  /** Worker entry for a pool made for this run (see WorkerPool). */
  workerUrl?: URL;
  onProgress?: (progress: { pathsDone: number; paths: number }) => void;
  signal?: AbortSignal;
}

export interface TailRiskFigures {
  /** Loss = start equity − terminal equity, USD (positive = loss). */
  valueAtRiskUsd: number;
  expectedShortfallUsd: number;
  /** The same as fractions of start equity. */
  valueAtRisk: number;
  expectedShortfall: number;
}

export interface SimulationResult {
  ok: true;
  model: 'gbm' | 'bootstrap';
  paths: number;
  days: number;
  seed: number;
  startEquityUsd: number;
  /** What drove the prices: factors and their parameters, the history window used. */
  parameters: {
    /** Assets with their own price process (the base model's, then the depeg model's). */
    factors: string[];
    /** The drift used, per simulated asset (annual arithmetic μ), and where it came from. */
    drift: {
      mode: 'zero' | 'historical';
      annual: Record<string, number>;
      /** Assets whose drift was set explicitly (gbm.assets[a].driftAnnual). */
      overridden: string[];
      caution: string | null;
    };
    /** Pegged assets moved by the depeg model: anchor, jump parameters, the user's stress. */
    depeg: PegPlan['report'];
    /**
     * The history days used, and how they were chosen: `default` (the last DEFAULT_WINDOW_YEARS
     * years, no `from` given), `all` (every stored day) or `given` (the user's `from`).
     */
    window: {
      from: string;
      to: string;
      days: number;
      basis: 'default' | 'all' | 'given';
      /** One sentence for the result: the window and why it was chosen. */
      note: string;
    } | null;
    gbm: GbmParams | null;
    meanBlockLength: number | null;
    crash: { crashesPerYear: number; size: number; assets: string[] } | null;
    /** Assets without a price process: pegged ones follow their anchor, the rest stay constant. */
    pegged: string[];
    constant: string[];
  };
  liquidation: {
    /** Share of paths liquidated (lending liquidationCall or perp) at least once within the horizon. */
    probability: number;
    /** cumulative[d]: share of paths first liquidated on or before day d (d = 0..days). */
    cumulativeByDay: number[];
  };
  terminalEquityUsd: Record<string, number> & { mean: number };
  /** (E_T / E_0)^(365/days) − 1, −1 when equity is gone. */
  annualizedReturn: Record<string, number>;
  /**
   * Percentiles of the lowest health factor along each path, at daily closes before that day's
   * liquidation or automation (as the backtest's minHealthFactor); null entries mean "no debt".
   */
  minHealthFactor: Record<string, number | null>;
  var95: TailRiskFigures;
  var99: TailRiskFigures;
  fan: { days: number[] } & Record<string, number[]>;
  histogram: ReturnType<typeof histogram>;
  automation: { meanActionsPerPath: number; pathsWithActions: number };
  notes: string[];
}

export interface SimulationFailure {
  ok: false;
  errors: EngineIssue[];
}

const fail = (code: string, message: string): SimulationFailure => ({
  ok: false,
  errors: [{ code, message }],
});

/**
 * Monte Carlo of a strategy: the chain is built once with the engine at the strategy's prices,
 * compiled to Float64 arrays, and every path replays the backtest's daily dynamics under simulated
 * prices. Same seed ⇒ identical numbers, whatever the thread count.
 */
export async function simulate(
  input: SimulateInput,
): Promise<SimulationResult | SimulationFailure> {
  const planned = planSimulation(input);
  if (!planned.ok) return planned;
  const { options, job, modelFactors, window, gbm, crashAssets, drift, depeg } = planned.plan;
  const { compiled, days, fanDays } = job;
  const threads = input.threads ?? 2;
  const run: RunOptions = {
    signal: input.signal,
    onProgress: (pathsDone) => input.onProgress?.({ pathsDone, paths: options.paths }),
  };
  const blocks = pathBlocks(options.paths, threads);
  const statistics = { startEquityUsd: NaN, days, fanDays, bins: options.histogramBins };
  let summary: ReturnType<typeof summarize>;
  if (threads <= 1 && !input.pool) {
    statistics.startEquityUsd = valueAtStart(compiled);
    const merged = await runInThread(job, blocks, run);
    summary = summarize({ merged, ...statistics });
  } else {
    // the workers write into one output on shared memory and then share the fan chart's
    // percentiles with this thread, which computes the other statistics first
    const pool = input.pool ?? new WorkerPool({ threads, workerUrl: input.workerUrl });
    const merged = pool.output(options.paths, fanDays.length);
    let outcomes: ReturnType<typeof summarizeOutcomes> | null = null;
    try {
      const running = pool.runShared(
        job,
        blocks,
        {
          output: merged,
          paths: options.paths,
          rows: fanDays.length,
          levels: FAN_PERCENTILES,
          onPaths: () => (outcomes = summarizeOutcomes({ merged, ...statistics })),
        },
        run,
      );
      // the workers have the job by now: the start equity is worked out while they run (should it
      // throw, the run is still awaited, so it neither keeps the pool busy nor rejects unobserved)
      try {
        statistics.startEquityUsd = valueAtStart(compiled);
      } catch (error) {
        await running.catch(() => undefined);
        throw error;
      }
      const rows = await running;
      summary = { ...outcomes!, fan: fanFromRows(fanDays, rows) };
    } finally {
      if (!input.pool) await pool.close();
    }
  }

  const priced = new Set(modelFactors);
  const { assets, priceKind } = compiled.prices;
  const pegged = assets.filter((a, i) => !priced.has(a) && priceKind[i] === PRICE_PEGGED);
  const constant = assets.filter(
    (a, i) => !priced.has(a) && priceKind[i] === PRICE_CONSTANT && a !== 'USD',
  );
  return {
    ok: true,
    model: options.model,
    paths: options.paths,
    days,
    seed: options.seed,
    startEquityUsd: statistics.startEquityUsd,
    parameters: {
      factors: modelFactors,
      drift,
      depeg,
      window,
      gbm,
      meanBlockLength: options.model === 'bootstrap' ? options.meanBlockLength : null,
      crash: options.crash
        ? {
            crashesPerYear: options.crash.crashesPerYear,
            size: options.crash.size,
            assets: crashAssets,
          }
        : null,
      pegged,
      constant,
    },
    ...summary,
    notes: [
      ...compiled.notes,
      ...(constant.length > 0
        ? [`No price process for ${constant.join(', ')}: held at the start price.`]
        : []),
    ],
  };
}

/** Everything settled before any path runs: the validated options, the thread job, its provenance. */
export interface SimulationPlan {
  options: SimulateOptions;
  job: SimulationJob;
  modelFactors: string[];
  window: SimulationResult['parameters']['window'];
  gbm: GbmParams | null;
  crashAssets: string[];
  drift: SimulationResult['parameters']['drift'];
  depeg: PegPlan['report'];
}

/**
 * Validates the input, builds the chain with the engine, estimates the model and compiles the
 * position: everything `simulate` does before the paths (exported so the bench can time the paths
 * alone).
 */
export function planSimulation(
  input: Pick<SimulateInput, 'strategy' | 'history' | 'rates' | 'options'>,
): { ok: true; plan: SimulationPlan } | SimulationFailure {
  const parsedOptions = SimulateOptions.safeParse(input.options);
  if (!parsedOptions.success) {
    return fail(
      'SIMULATE_OPTIONS_INVALID',
      parsedOptions.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  const options = parsedOptions.data;
  const parsed = parseStrategy(input.strategy);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const strategy = parsed.strategy;
  const built = buildPosition({ strategy });
  if (built.errors.length > 0) return { ok: false, errors: built.errors };
  const days = options.days ?? strategy.horizonDays;
  const history = input.history ?? {};

  // factors: assets with their own price process; pegged ones go to the depeg model
  const candidates = riskAssets({ built }).filter((a) => a !== 'USD' && !a.startsWith('LP:'));
  const pegPlan = planPegs({ strategy, candidates, options });
  const peggedSet = new Set(pegPlan.pegged.map((p) => p.asset));
  const notPegged = (options.depeg.stress?.assets ?? []).filter((a) => !peggedSet.has(a));
  if (notPegged.length > 0) {
    return fail(
      'DEPEG_STRESS_NOT_PEGGED',
      `depeg stress on ${notPegged.join(', ')}: not a pegged asset the simulation moves (pegged: ${[...peggedSet].join(', ') || 'none'})`,
    );
  }
  const baseCandidates = candidates.filter((a) => !peggedSet.has(a));
  const hasVol = (a: string) => options.gbm.assets[a]?.volAnnual !== undefined;
  const factors = baseCandidates.filter(
    (a) => history[a] || (options.model === 'gbm' && hasVol(a)),
  );
  const fromHistory = factors.filter((a) => history[a]);
  const chosen = estimationWindow(history, fromHistory, options.window);
  const aligned = alignHistory({ history, assets: fromHistory, ...chosen.range });
  if (fromHistory.length > 0 && aligned.dates.length < 3) {
    return fail(
      'HISTORY_TOO_SHORT',
      `fewer than 3 common days of history for ${fromHistory.join(', ')}`,
    );
  }
  const window = fromHistory.length > 0 ? describeWindow(aligned.dates, chosen.basis) : null;

  let base: GbmModel | BootstrapModel | null = null;
  let gbm: GbmParams | null = null;
  let estimated: GbmParams | null = null;
  try {
    estimated = fromHistory.length > 0 ? estimateGbm(aligned) : null;
    if (options.model === 'gbm') {
      gbm = gbmParameters({ factors, estimated, options });
      base = gbmModel(gbm);
    } else {
      if (fromHistory.length === 0 && pegPlan.pegged.length === 0) {
        return fail(
          'HISTORY_MISSING',
          'the bootstrap needs price history for the strategy’s assets',
        );
      }
      if (fromHistory.length > 0) {
        base = bootstrapModel({
          history: aligned,
          meanBlockLength: options.meanBlockLength,
          demean: options.drift === 'zero',
        });
      }
    }
  } catch (error) {
    return fail((error as { code?: string }).code ?? 'ESTIMATION_FAILED', (error as Error).message);
  }
  const baseFactors = options.model === 'gbm' ? factors : fromHistory;
  // a pegged asset with no jumps, no stress and a still anchor is simply its peg (compile-position's
  // PRICE_PEGGED): it only needs a factor of its own when something moves it
  const moving = new Set<string>();
  for (const p of pegPlan.pegged)
    if (p.spec.jumps || p.spec.stress || (p.anchor !== null && moving.has(p.anchor)))
      moving.add(p.asset);
  const movingPegs = pegPlan.pegged.filter((p) => moving.has(p.asset));
  const modelFactors = [...baseFactors, ...movingPegs.map((p) => p.asset)];
  const depeg: DepegModel | null =
    movingPegs.length > 0
      ? depegModel(
          baseFactors.length,
          movingPegs.map((p) => ({
            ...p.spec,
            anchor: p.anchor === null ? -1 : modelFactors.indexOf(p.anchor),
          })),
        )
      : null;
  const model: SimulationJob['model'] = depeg ? { ...depeg, base } : base!;

  const drift: SimulationResult['parameters']['drift'] = {
    mode: options.drift,
    annual: Object.fromEntries(
      modelFactors.map((a) => {
        if (peggedSet.has(a)) return [a, 0];
        if (gbm) return [a, gbm.driftAnnual[gbm.assets.indexOf(a)]!];
        const at = estimated?.assets.indexOf(a) ?? -1;
        return [a, options.drift === 'historical' && at >= 0 ? estimated!.driftAnnual[at]! : 0];
      }),
    ),
    overridden: baseFactors.filter(
      (a) => options.model === 'gbm' && options.gbm.assets[a]?.driftAnnual !== undefined,
    ),
    caution: options.drift === 'historical' ? HISTORICAL_DRIFT_CAUTION : null,
  };

  let compiled: CompiledPosition;
  try {
    compiled = compilePosition({
      built,
      factorAssets: modelFactors,
      automation: options.automation,
    });
  } catch (error) {
    return fail((error as { code?: string }).code ?? 'COMPILE_FAILED', (error as Error).message);
  }

  const info = assetInfoFromStrategy(strategy);
  const listed = options.crash?.assets;
  const hitSet = new Set(listed ?? modelFactors.filter((a) => info.get(a)?.kind !== 'stable'));
  // a crash of the anchor reaches what is pegged to it (the depeg model derives it from the anchor)
  for (const p of movingPegs) if (p.anchor !== null && hitSet.has(p.anchor)) hitSet.add(p.asset);
  const crashAssets = modelFactors.filter((a) => hitSet.has(a));
  const crash: CrashOverlay | null = options.crash
    ? {
        crashesPerYear: options.crash.crashesPerYear,
        size: options.crash.size,
        hits: Uint8Array.from(modelFactors, (a) => (hitSet.has(a) ? 1 : 0)),
      }
    : null;

  const fanDays = fanDaysFor(days, options.fanPoints);
  const rates = historyRateInput({
    compiled,
    rates: input.rates,
    rateModes: options.rateModes,
    window: chosen.range,
    days,
  });
  const job: SimulationJob = { compiled, model, crash, rates, seed: options.seed, days, fanDays };
  return {
    ok: true,
    plan: { options, job, modelFactors, window, gbm, crashAssets, drift, depeg: pegPlan.report },
  };
}

function gbmParameters({
  factors,
  estimated,
  options,
}: {
  factors: string[];
  estimated: GbmParams | null;
  options: SimulateOptions;
}): GbmParams {
  const k = factors.length;
  const at = (a: string) => (estimated ? estimated.assets.indexOf(a) : -1);
  // zero unless asked: a risk tool does not forecast the window's bull (or bear) market
  const driftAnnual = factors.map(
    (a) =>
      options.gbm.assets[a]?.driftAnnual ??
      (options.drift === 'historical' && at(a) >= 0 ? estimated!.driftAnnual[at(a)]! : 0),
  );
  const volAnnual = factors.map(
    (a) => options.gbm.assets[a]?.volAnnual ?? estimated!.volAnnual[at(a)]!,
  );
  const correlation = factors.map((a, i) =>
    factors.map((b, j) => {
      if (i === j) return 1;
      const override =
        options.gbm.correlations[`${a}/${b}`] ?? options.gbm.correlations[`${b}/${a}`];
      if (override !== undefined) return override;
      return at(a) >= 0 && at(b) >= 0 ? estimated!.correlation[at(a)]![at(b)]! : 0;
    }),
  );
  return { assets: [...factors], driftAnnual, volAnnual, correlation: k > 0 ? correlation : [] };
}

/** Fan-chart days: 0, every ⌈days/points⌉ days, and the last day. */
export function fanDaysFor(days: number, points: number): Int32Array {
  const step = Math.max(1, Math.ceil(days / (points - 1)));
  const out: number[] = [];
  for (let d = 0; d < days; d += step) out.push(d);
  out.push(days);
  return Int32Array.from(out);
}

/**
 * Work split: blocks of paths handed to threads one at a time. The split only affects progress
 * granularity and load balance — each path's numbers depend on (seed, path index) alone.
 * About 8 blocks per thread, whole multiples of the kernel's lane count, shrinking towards the end
 * (a quarter of what is left per thread pair, at least one lane group) so the threads finish
 * together: a big last block would leave one core idle while the other ran it.
 */
export function pathBlocks(paths: number, threads: number): PathBlock[] {
  const t = Math.max(1, threads);
  const lanesUp = (n: number) => LANES * Math.max(1, Math.ceil(n / LANES));
  const largest = lanesUp(paths / (t * 8));
  const blocks: PathBlock[] = [];
  for (let first = 0; first < paths;) {
    const size = Math.min(largest, lanesUp((paths - first) / (2 * t)), paths - first);
    blocks.push({ firstPath: first, count: size });
    first += size;
  }
  return blocks;
}

export interface MergedOutput {
  terminalEquity: Float64Array;
  liquidationDay: Int32Array;
  minHealthFactor: Float64Array;
  automationActions: Int32Array;
  /** [fan day][path]. */
  fanEquity: Float32Array;
}

type Summary = Pick<
  SimulationResult,
  | 'liquidation'
  | 'terminalEquityUsd'
  | 'annualizedReturn'
  | 'minHealthFactor'
  | 'var95'
  | 'var99'
  | 'fan'
  | 'histogram'
  | 'automation'
>;

interface SummaryInput {
  merged: MergedOutput;
  startEquityUsd: number;
  days: number;
  fanDays: Int32Array;
  bins: number;
}

/** Outcome statistics of merged paths (exported for tests on known distributions). */
export function summarize(input: SummaryInput): Summary {
  const { merged, fanDays } = input;
  const n = merged.terminalEquity.length;
  const rows = rowPercentiles(merged.fanEquity, n, 0, fanDays.length, FAN_PERCENTILES);
  return { ...summarizeOutcomes(input), fan: fanFromRows(fanDays, rows) };
}

/** The fan chart from each fan day's FAN_PERCENTILES (computed here or on the workers alike). */
function fanFromRows(fanDays: Int32Array, rows: readonly number[][]): Summary['fan'] {
  const fan: { days: number[] } & Record<string, number[]> = { days: Array.from(fanDays) } as never;
  FAN_PERCENTILES.forEach((p, i) => (fan[`p${p}`] = rows.map((values) => values[i]!)));
  return fan;
}

/** Everything but the fan chart. */
function summarizeOutcomes({
  merged,
  startEquityUsd,
  days,
  bins,
}: SummaryInput): Omit<Summary, 'fan'> {
  const n = merged.terminalEquity.length;
  const firstByDay = new Array<number>(days + 1).fill(0);
  let liquidated = 0;
  for (const d of merged.liquidationDay) {
    if (d >= 0) {
      firstByDay[d]!++;
      liquidated++;
    }
  }
  const cumulativeByDay: number[] = [];
  let running = 0;
  for (let d = 0; d <= days; d++) {
    running += firstByDay[d]!;
    cumulativeByDay.push(running / n);
  }

  const equity = sortedCopy(merged.terminalEquity);
  const terminalEquityUsd = { ...percentiles(equity, OUTCOME_PERCENTILES), mean: meanOf(equity) };
  const years = days / DAYS_PER_YEAR;
  // non-decreasing in equity, so its percentiles are those of the sorted equities mapped
  const annualized = (e: number) =>
    e > 0 && startEquityUsd > 0 ? (e / startEquityUsd) ** (1 / years) - 1 : -1;
  const annualizedReturn: Record<string, number> = {};
  for (const p of OUTCOME_PERCENTILES)
    annualizedReturn[`p${p}`] = percentileSortedMapped(equity, p, annualized);

  // loss = start − equity is monotone (non-increasing) in equity, rounding included, so the sorted
  // losses are the sorted equities reversed: no second sort
  const losses = new Float64Array(n);
  for (let i = 0; i < n; i++) losses[i] = startEquityUsd - equity[n - 1 - i]!;
  const tail = (alpha: number): TailRiskFigures => {
    const t = tailRiskSorted(losses, alpha);
    return {
      valueAtRiskUsd: t.valueAtRisk,
      expectedShortfallUsd: t.expectedShortfall,
      valueAtRisk: t.valueAtRisk / startEquityUsd,
      expectedShortfall: t.expectedShortfall / startEquityUsd,
    };
  };

  const hf = percentilesBySelection(merged.minHealthFactor, OUTCOME_PERCENTILES);
  const minHealthFactor: Record<string, number | null> = {};
  OUTCOME_PERCENTILES.forEach((p, i) => {
    minHealthFactor[`p${p}`] = Number.isFinite(hf[i]) ? hf[i]! : null;
  });

  let actions = 0;
  let withActions = 0;
  for (const a of merged.automationActions) {
    actions += a;
    if (a > 0) withActions++;
  }
  return {
    liquidation: { probability: liquidated / n, cumulativeByDay },
    terminalEquityUsd,
    annualizedReturn,
    minHealthFactor,
    var95: tail(0.95),
    var99: tail(0.99),
    histogram: histogram(
      equity,
      bins,
      percentileSorted(equity, 0.5),
      percentileSorted(equity, 99.5),
    ),
    automation: { meanActionsPerPath: actions / n, pathsWithActions: withActions },
  };
}

function meanOf(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

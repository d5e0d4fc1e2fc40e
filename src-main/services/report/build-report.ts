import type { Database } from 'better-sqlite3';
import { isoFromDay } from '../../backtest/calendar';
import { assetsUsed, pegAncestors } from '../../backtest/strategy-assets';
import type { BacktestOptionsInput } from '../../backtest/types';
import { ContractError } from '../../contract/errors';
import type {
  PriceSeriesUsed,
  ReportAsset,
  ReportOptions,
  ReportPayload,
  RunInfo,
  Section,
} from '../../contract/report';
import { buildPosition } from '../../engine/build-position';
import { evaluateStrategy } from '../../engine/evaluate';
import { parseStrategy } from '../../engine/format/parse';
import type { Strategy } from '../../engine/format/schema';
import {
  backtestBreaches,
  chainRefs,
  effectiveLimits,
  evaluationBreaches,
  scenarioBreaches,
  simulationBreaches,
  type EffectiveLimits,
} from '../../engine/limits';
import { assetInfoFromStrategy, pegsFromStrategy } from '../../engine/prices';
import type { StressAxis, StressGrid } from '../../risk/stress';
import { StressError, stressGrid } from '../../risk/stress';
import type { KeptRun, KeptRunSummary, RunKind } from '../../contract/runs';
import type { BacktestService, HistorySource } from '../backtest';
import type { JobContext } from '../jobs';
import type { RiskService } from '../risk';
import { dataSourcesFor } from './data-sources';

export interface ReportBuilderDeps {
  db: Database;
  history: BacktestService;
  source: HistorySource;
  risk: RiskService;
  app: { name: string; version: string };
  /** Looks up a draft's head revision and document (absent in the CLI). */
  draft?: (id: string) => { revision: number; document: unknown } | null;
  /** The limits in force for a document (global settings merged in); absent: its own only (CLI). */
  limits?: (document: unknown) => EffectiveLimits;
  /**
   * The draft's newest kept run of a kind that ran exactly this strategy (absent in the CLI):
   * the report shows it as of its run instead of running the analysis again.
   */
  keptRun?: <K extends RunKind>(
    draftId: string,
    kind: K,
    strategy: unknown,
  ) => Extract<KeptRun, { kind: K }> | null;
  now?: () => Date;
}

export interface ReportRequest {
  strategy: unknown;
  draftId?: string | undefined;
  options: ReportOptions;
}

/** Price moves of the two-axis heatmap: coarse enough for a page width. */
const CROSS_SHOCKS = [-0.6, -0.5, -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.5];
const CROSS_RATIOS = [1, 0.99, 0.98, 0.97, 0.95, 0.93, 0.9, 0.85, 0.8];
const MAX_AXES = 3;

/** Share of the job's progress bar each stage takes (the Monte Carlo gets what is left). */
const WEIGHTS = { fixed: 0.1, scenarios: 0.25, backtest: 0.2 };

const omitted = (reason: string): { status: 'omitted'; reason: string } => ({
  status: 'omitted',
  reason,
});
const failed = (error: unknown): { status: 'failed'; reason: string } => ({
  status: 'failed',
  reason: error instanceof Error ? error.message : String(error),
});
const issuesText = (errors: { code: string; message: string }[]) =>
  errors.map((e) => `${e.code}: ${e.message}`).join('; ');

/** Lets a poll (and a cancel) in between stages that run on this thread. */
const breathe = (signal: AbortSignal) =>
  new Promise<void>((resolve) => setImmediate(resolve)).then(() => signal.throwIfAborted());

/**
 * Assembles the one payload the report view draws: evaluation, scenarios, stress and depeg grids,
 * protocol risk, and a backtest and a Monte Carlo, each with the strategy revision it belongs to.
 * The draft's kept scenario, backtest and Monte Carlo runs that ran exactly this strategy are used
 * as they are (with their window, seed and time); what has no current kept run is run for the
 * report (scenarios always; the backtest and Monte Carlo when the user chose to). An analysis left out, or one that cannot run for this
 * strategy, becomes a section saying so rather than a failed report.
 */
export async function buildReport(
  deps: ReportBuilderDeps,
  request: ReportRequest,
  job: JobContext,
): Promise<ReportPayload> {
  const parsed = parseStrategy(request.strategy);
  if (!parsed.ok) {
    throw new ContractError(
      'VALIDATION',
      `the strategy cannot be reported until it evaluates: ${issuesText(parsed.errors)}`,
    );
  }
  const strategy = parsed.strategy;
  const now = deps.now?.() ?? new Date();
  const origin = strategyOrigin(deps, request);
  const run = (): RunInfo => ({
    ranAt: (deps.now?.() ?? new Date()).toISOString(),
    revision: origin.revision,
    kept: false,
    id: null,
  });
  // Kept runs current for this very strategy are shown as of their run, not run again.
  const kept = <K extends RunKind>(kind: K) => {
    if (!request.draftId || !deps.keptRun) return null;
    try {
      return deps.keptRun(request.draftId, kind, request.strategy);
    } catch {
      return null; // a kept run is a shortcut: failing to read one means running the analysis
    }
  };
  const keptInfo = (k: KeptRunSummary): RunInfo => ({
    ranAt: k.createdAt,
    revision: k.draftRevision,
    kept: true,
    id: k.id,
  });

  const evaluation = evaluateStrategy(strategy);
  if (evaluation.errors.length > 0) {
    throw new ContractError(
      'VALIDATION',
      `the strategy cannot be reported until it evaluates: ${issuesText(evaluation.errors)}`,
    );
  }
  const assets = reportAssets(strategy);
  const protocol = protocolSection(deps, request.strategy);
  const stress = stressSection(strategy, evaluation, assets);
  job.progress(WEIGHTS.fixed);
  await breathe(job.signal);

  let scenarios: ReportPayload['scenarios'];
  const keptScenarios = kept('scenarios');
  if (keptScenarios) {
    scenarios = {
      status: 'included',
      run: keptInfo(keptScenarios),
      rows: keptScenarios.result.rows,
    };
  } else {
    try {
      const result = deps.history.scenarios({ strategy: request.strategy });
      scenarios = result.ok
        ? { status: 'included', run: run(), rows: result.rows }
        : { status: 'failed', reason: issuesText(result.errors) };
    } catch (error) {
      scenarios = failed(error);
    }
  }
  job.progress(WEIGHTS.fixed + WEIGHTS.scenarios);
  await breathe(job.signal);

  let backtest: ReportPayload['backtest'] = omitted(
    'No backtest in this report: it was left out when the report was made.',
  );
  const bt = request.options.backtest;
  const keptBacktest = kept('backtest');
  if (keptBacktest) {
    const result = keptBacktest.result;
    backtest = {
      status: 'included',
      run: keptInfo(keptBacktest),
      result,
      prices: pricesUsed(deps.source, strategy, result.from, result.to),
    };
  } else if (bt.include) {
    try {
      const result = deps.history.backtest({
        strategy: request.strategy,
        from: bt.from,
        to: bt.to,
        ...(bt.options ? { options: bt.options as BacktestOptionsInput } : {}),
      });
      backtest = result.ok
        ? {
            status: 'included',
            run: run(),
            result,
            prices: pricesUsed(deps.source, strategy, result.from, result.to),
          }
        : { status: 'failed', reason: issuesText(result.errors) };
    } catch (error) {
      backtest = failed(error);
    }
  }
  const before = WEIGHTS.fixed + WEIGHTS.scenarios + WEIGHTS.backtest;
  job.progress(before);
  await breathe(job.signal);

  let monteCarlo: ReportPayload['monteCarlo'] = omitted(
    'No Monte Carlo simulation in this report: it was left out when the report was made.',
  );
  const mc = request.options.monteCarlo;
  const keptMonteCarlo = kept('monte-carlo');
  if (keptMonteCarlo) {
    monteCarlo = {
      status: 'included',
      run: keptInfo(keptMonteCarlo),
      result: keptMonteCarlo.result,
    };
  } else if (mc.include) {
    const result = await deps.risk.simulate(
      {
        strategy: request.strategy,
        options: {
          model: mc.model,
          paths: mc.paths,
          seed: mc.seed,
          ...(mc.days === undefined ? {} : { days: mc.days }),
        },
      },
      { signal: job.signal, progress: (f) => job.progress(before + (1 - before) * f) },
    );
    monteCarlo = result.ok
      ? { status: 'included', run: run(), result }
      : { status: 'failed', reason: issuesText(result.errors) };
  }
  job.signal.throwIfAborted();

  const effective = deps.limits?.(request.strategy) ?? effectiveLimits(undefined, strategy.limits);
  const refs = chainRefs(strategy);
  const breaches = [
    ...evaluationBreaches(evaluation, strategy, effective),
    ...(scenarios.status === 'included' ? scenarioBreaches(scenarios.rows, effective, refs) : []),
    ...(backtest.status === 'included' ? backtestBreaches(backtest.result, effective, refs) : []),
    ...(monteCarlo.status === 'included'
      ? simulationBreaches(monteCarlo.result, effective, refs)
      : []),
  ];

  return {
    format: 'yieldplan.report',
    version: 1,
    generatedAt: now.toISOString(),
    paper: request.options.paper,
    app: deps.app,
    strategy: {
      name: strategy.name,
      description: strategy.description ?? null,
      document: request.strategy as Record<string, unknown>,
      draftId: request.draftId ?? null,
      revision: origin.revision,
      origin: origin.origin,
    },
    assets,
    evaluation,
    limits: { effective, breaches },
    scenarios,
    stress,
    protocol,
    backtest,
    monteCarlo,
    dataSources: dataSourcesFor(deps.db, strategy),
  };
}

function strategyOrigin(
  deps: ReportBuilderDeps,
  request: ReportRequest,
): { origin: ReportPayload['strategy']['origin']; revision: number | null } {
  if (!request.draftId || !deps.draft) return { origin: 'file', revision: null };
  const draft = deps.draft(request.draftId);
  if (!draft) return { origin: 'file', revision: null };
  const same = JSON.stringify(draft.document) === JSON.stringify(request.strategy);
  return { origin: same ? 'draft' : 'unsaved', revision: draft.revision };
}

function reportAssets(strategy: Strategy): ReportAsset[] {
  const info = assetInfoFromStrategy(strategy);
  const used = assetsUsed(strategy);
  const symbols = [...new Set([...used, ...pegAncestors(used, pegsFromStrategy(strategy))])];
  return symbols
    .filter((s) => s !== 'USD' && !s.includes(':'))
    .sort()
    .map((symbol) => {
      const a = info.get(symbol);
      return {
        symbol,
        name: a?.name ?? null,
        kind: a?.kind ?? 'volatile',
        peg: a?.peg ? { asset: a.peg.asset, kind: a.peg.kind } : null,
      };
    });
}

function protocolSection(deps: ReportBuilderDeps, strategy: unknown): ReportPayload['protocol'] {
  try {
    const result = deps.risk.protocol({ strategy });
    if (!result.ok) return { status: 'failed', reason: issuesText(result.errors) };
    const { ok: _ok, ...report } = result;
    return { status: 'included', ...report };
  } catch (error) {
    return failed(error);
  }
}

/**
 * One price grid per volatile price root the position is exposed to or liquidates at (a hedged
 * perp has no net exposure, yet its asset's price liquidates it), one depeg grid per stable or
 * liquid-staking asset it holds, and one two-axis heatmap (price × depeg, or price × price).
 */
function stressSection(
  strategy: Strategy,
  evaluation: ReturnType<typeof evaluateStrategy>,
  assets: ReportAsset[],
): ReportPayload['stress'] {
  const built = buildPosition({ strategy });
  if (built.errors.length > 0) return { status: 'failed', reason: issuesText(built.errors) };
  const kinds = new Map(assets.map((a) => [a.symbol, a]));
  const roots = [
    ...Object.keys(evaluation.liquidationPrice),
    // a perp's key is "perp:<step>"; its price is its asset's (a hedged perp has no net exposure)
    ...evaluation.liquidations.map((l) => l.asset),
    ...Object.entries(evaluation.netExposureByRoot)
      .filter(([, e]) => Number(e.usd) !== 0)
      .map(([s]) => s),
  ];
  const price = [...new Set(roots)]
    .filter(
      (s) => s !== 'USD' && !s.includes(':') && (kinds.get(s)?.kind ?? 'volatile') === 'volatile',
    )
    .slice(0, MAX_AXES);
  const peg = assets
    .filter(
      (a) =>
        a.peg && a.peg.asset !== a.symbol && (a.kind === 'stable' || a.kind === 'liquid-staking'),
    )
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'liquid-staking' ? -1 : 1))
    .map((a) => a.symbol)
    .slice(0, MAX_AXES);
  const grid = (axes: StressAxis[]): StressGrid | null => {
    try {
      return stressGrid({ built, axes });
    } catch (error) {
      if (error instanceof StressError) return null;
      throw error;
    }
  };
  const priceGrids = price.flatMap((asset) => grid([{ kind: 'price', asset }]) ?? []);
  const depegGrids = peg.flatMap((asset) => grid([{ kind: 'peg', asset }]) ?? []);
  const first = priceGrids[0]?.axes[0]?.asset;
  const firstPeg = depegGrids[0]?.axes[0]?.asset;
  const second = priceGrids[1]?.axes[0]?.asset;
  const cross = first
    ? firstPeg
      ? grid([
          { kind: 'price', asset: first, shocks: CROSS_SHOCKS },
          { kind: 'peg', asset: firstPeg, ratios: CROSS_RATIOS },
        ])
      : second
        ? grid([
            { kind: 'price', asset: first, shocks: CROSS_SHOCKS },
            { kind: 'price', asset: second, shocks: CROSS_SHOCKS },
          ])
        : null
    : null;
  return { status: 'included', price: priceGrids, depeg: depegGrids, cross };
}

/** Daily closes of each priced asset over the backtest window, as the replay read them. */
function pricesUsed(
  source: HistorySource,
  strategy: Strategy,
  from: string,
  to: string,
): PriceSeriesUsed[] {
  const fromTs = Date.parse(`${from}T00:00:00Z`) / 1000;
  const toTs = Date.parse(`${to}T00:00:00Z`) / 1000;
  const out: PriceSeriesUsed[] = [];
  const used = assetsUsed(strategy);
  const symbols = [...new Set([...used, ...pegAncestors(used, pegsFromStrategy(strategy))])];
  for (const symbol of symbols.sort()) {
    if (symbol === 'USD' || symbol.includes(':')) continue;
    const closes = source.closes({ symbol, fromTs, toTs });
    if (!closes || closes.ts.length === 0) continue;
    const date: string[] = [];
    const close: number[] = [];
    for (let i = 0; i < closes.ts.length; i++) {
      date.push(isoFromDay(closes.ts[i] as number));
      close.push(closes.close[i] as number);
    }
    out.push({ symbol, date, close });
  }
  return out;
}

export type { Section };

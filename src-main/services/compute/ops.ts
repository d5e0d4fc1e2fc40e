import type { Database } from 'better-sqlite3';
import type { BacktestOptionsInput } from '../../backtest/types';
import { evaluate, type AtPrices } from '../../engine/evaluate';
import type { ProtocolRisk } from '../../engine/format/schema';
import { evaluateWithLimits } from '../../engine/limits/evaluate-with-limits';
import type { EffectiveLimits } from '../../engine/limits/types';
import type {
  SimulateOptionsInput,
  SimulationFailure,
  SimulationResult,
} from '../../risk/monte-carlo';
import type { StressAxis } from '../../risk/stress';
import { integrityCheck } from '../../db/backups';
import { BacktestService } from '../backtest';
import { parsePriceCsv, type ParsedPriceCsv } from '../prices/parse-price-csv';
import { parseRateFile, type ParsedRateFile } from '../rates/parse-rate-file';
import { RiskService } from '../risk';
import {
  createCoverageReader,
  type CoverageReader,
  type DailyClosesDto,
  type DataCoverage,
  type StrategyWindow,
} from '../coverage';
import { firstNonFinite } from './finite';

/**
 * Everything the app computes, by name: the one implementation, run in a worker thread by the app
 * and the loopback server (compute-pool.ts) and in the calling thread by the CLI and unit tests
 * (InlineCompute). Inputs are the contract's parsed inputs; outputs are structured-cloneable.
 */
export interface ComputeInputs {
  /** `limits`: the effective limits (global merged with the draft's); breaches come back attached. */
  'engine.evaluate': { strategy: unknown; at?: AtPrices; limits?: EffectiveLimits };
  'backtest.run': {
    strategy: unknown;
    from: string;
    to: string;
    options?: Record<string, unknown>;
  };
  'scenarios.run': { strategy: unknown; options?: Record<string, unknown> };
  'risk.stress': { strategy: unknown; axes: StressAxis[] };
  'risk.protocol': { strategy: unknown; overrides?: Record<string, ProtocolRisk> };
  'risk.simulate': { strategy: unknown; options: SimulateOptionsInput };
  'prices.parse': { filePath: string };
  'rates.parse': { filePath: string; asset?: string; chain?: string };
  'db.integrityCheck': Record<string, never>;
  'data.coverage': Record<string, never>;
  'data.dailyCloses': { symbol: string };
  'data.strategyWindow': { strategy: unknown; rateModes?: Record<string, string> };
}

export interface ComputeOutputs {
  'engine.evaluate': ReturnType<typeof evaluate> & Partial<ReturnType<typeof evaluateWithLimits>>;
  'backtest.run': ReturnType<BacktestService['backtest']>;
  'scenarios.run': ReturnType<BacktestService['scenarios']>;
  'risk.stress': ReturnType<RiskService['stress']>;
  'risk.protocol': ReturnType<RiskService['protocol']>;
  'risk.simulate': SimulationResult | SimulationFailure;
  'prices.parse': ParsedPriceCsv;
  'rates.parse': ParsedRateFile;
  'db.integrityCheck': { problems: string[] };
  'data.coverage': DataCoverage;
  'data.dailyCloses': DailyClosesDto;
  'data.strategyWindow': StrategyWindow;
}

export type ComputeKind = keyof ComputeInputs;

/** Which results are engine-shaped (`{ok, errors}`) and so checked for non-finite figures. */
const ENGINE_SHAPED = new Set<ComputeKind>([
  'engine.evaluate',
  'backtest.run',
  'scenarios.run',
  'risk.stress',
  'risk.protocol',
]);

/** Per-run hooks: progress of a long computation (Monte Carlo, backtest), 0..1. */
export interface ComputeContext {
  progress?: (fraction: number) => void;
}

/**
 * The operations over one (read) database connection, opened on first need. `risk` reuses the
 * caller's risk service (its Monte Carlo pool); else one is made here, its threads from `riskWorkerUrl`.
 */
export function createComputeOps(
  openDb: () => Database,
  setup: { risk?: RiskService; riskWorkerUrl?: URL } = {},
) {
  let db: Database | null = null;
  let history: BacktestService | null = null;
  let risk: RiskService | null = setup.risk ?? null;
  let coverage: CoverageReader | null = null;
  const coverageReader = () => (coverage ??= createCoverageReader((db ??= openDb())));
  const ownsRisk = !setup.risk;
  const historyService = () => (history ??= BacktestService.fromDatabase((db ??= openDb())));
  // Stress and protocol risk need no threads; the Monte Carlo pool starts on the first simulation.
  const riskService = () =>
    (risk ??= RiskService.fromDatabase(
      (db ??= openDb()),
      setup.riskWorkerUrl ? { workerUrl: setup.riskWorkerUrl } : {},
    ));
  const options = (o: Record<string, unknown> | undefined) => o as BacktestOptionsInput | undefined;

  async function compute<K extends ComputeKind>(
    kind: K,
    input: ComputeInputs[K],
    context: ComputeContext = {},
  ): Promise<ComputeOutputs[K]> {
    const result = await run(kind, input, context);
    if (ENGINE_SHAPED.has(kind)) {
      const at = firstNonFinite(result);
      if (at !== null) {
        return {
          ok: false,
          errors: [
            {
              code: 'RESULT_NOT_FINITE',
              message: `a figure came out infinite or not a number (${at}); check for extreme amounts, prices or rates`,
              field: at,
            },
          ],
        } as ComputeOutputs[K];
      }
    }
    return result as ComputeOutputs[K];
  }

  function run(kind: ComputeKind, raw: unknown, context: ComputeContext): unknown {
    switch (kind) {
      case 'engine.evaluate': {
        const input = raw as ComputeInputs['engine.evaluate'];
        const options = input.at ? { at: input.at } : {};
        return input.limits
          ? evaluateWithLimits(input.strategy, input.limits, options)
          : evaluate(input.strategy, options);
      }
      case 'backtest.run': {
        const input = raw as ComputeInputs['backtest.run'];
        return historyService().backtest({
          ...input,
          options: options(input.options),
          progress: (fraction) => context.progress?.(fraction),
        });
      }
      case 'scenarios.run': {
        const input = raw as ComputeInputs['scenarios.run'];
        return historyService().scenarios({ ...input, options: options(input.options) });
      }
      case 'risk.stress':
        return riskService().stress(raw as ComputeInputs['risk.stress']);
      case 'risk.protocol':
        return riskService().protocol(raw as ComputeInputs['risk.protocol']);
      case 'risk.simulate':
        // Cancelling stops this thread (pool.ts), so the signal here never fires.
        return riskService().simulate(raw as ComputeInputs['risk.simulate'], {
          signal: new AbortController().signal,
          progress: (fraction) => context.progress?.(fraction),
        });
      case 'prices.parse':
        return parsePriceCsv(raw as ComputeInputs['prices.parse']);
      case 'rates.parse':
        return parseRateFile(raw as ComputeInputs['rates.parse']);
      case 'db.integrityCheck':
        return { problems: integrityCheck((db ??= openDb())) };
      case 'data.coverage':
        return coverageReader().coverage();
      case 'data.dailyCloses':
        return coverageReader().dailyCloses(raw as ComputeInputs['data.dailyCloses']);
      case 'data.strategyWindow':
        return coverageReader().strategyWindow(raw as ComputeInputs['data.strategyWindow']);
    }
  }

  return {
    compute,
    risk: riskService,
    close(): void {
      if (ownsRisk) void risk?.close();
      if (db?.open) db.close();
    },
  };
}

/** Runs compute kinds: a worker pool in the app, the calling thread in the CLI and unit tests. */
export interface ComputeRunner {
  run<K extends ComputeKind>(
    kind: K,
    input: ComputeInputs[K],
    options?: { signal?: AbortSignal; budgetMs?: number; onProgress?: (fraction: number) => void },
  ): Promise<ComputeOutputs[K]>;
  close(): Promise<void>;
}

/** The same operations in the calling thread, over the caller's connection (no budget, no worker). */
export class InlineCompute implements ComputeRunner {
  readonly #ops: ReturnType<typeof createComputeOps>;

  constructor(db: Database, options: { risk?: RiskService } = {}) {
    this.#ops = createComputeOps(() => db, options);
  }

  async run<K extends ComputeKind>(
    kind: K,
    input: ComputeInputs[K],
    options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
  ): Promise<ComputeOutputs[K]> {
    if (kind !== 'risk.simulate') {
      const progress = options.onProgress;
      return this.#ops.compute(kind, input, progress ? { progress } : {});
    }
    // In-thread, a simulation still cancels: its own pool watches the caller's signal.
    const job = input as ComputeInputs['risk.simulate'];
    const risk = this.#ops.risk();
    return risk.simulate(job, {
      signal: options.signal ?? new AbortController().signal,
      progress: (fraction) => options.onProgress?.(fraction),
    }) as Promise<ComputeOutputs[K]>;
  }

  close(): Promise<void> {
    return Promise.resolve(); // the connection belongs to the caller
  }
}

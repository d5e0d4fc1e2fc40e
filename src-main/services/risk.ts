import type { Database } from 'better-sqlite3';
import { buildPosition } from '../engine/build-position';
import { evaluateStrategy } from '../engine/evaluate';
import { parseStrategy } from '../engine/format/parse';
import type { ProtocolRisk } from '../engine/format/schema';
import type { EngineIssue } from '../engine/position';
import {
  simulate,
  type SimulateOptionsInput,
  type SimulationFailure,
  type SimulationResult,
} from '../risk/monte-carlo';
import { protocolRisk, type ProtocolRiskReport } from '../risk/protocol-risk';
import { StressError, stressGrid, type StressAxis, type StressGrid } from '../risk/stress';
import { WorkerPool } from '../risk/worker-pool';
import { databaseHistorySource, loadHistory, type HistorySource } from './backtest';
import type { JobContext } from './jobs';

type Failure = { ok: false; errors: EngineIssue[] };

/**
 * The risk lab over stored history. One worker pool lives as long as the service (a warm pool
 * skips thread start-up on every run after the first); `close()` ends it on quit.
 */
export class RiskService {
  readonly #pool: WorkerPool;
  /** Simulations share the pool one at a time: a second run waits for the first (or its cancel). */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: HistorySource,
    options: { threads?: number; workerUrl?: URL } = {},
  ) {
    this.#pool = new WorkerPool({
      threads: options.threads ?? 2,
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
    });
  }

  static fromDatabase(
    db: Database,
    options: { threads?: number; workerUrl?: URL } = {},
  ): RiskService {
    return new RiskService(databaseHistorySource(db), options);
  }

  /** Monte Carlo with progress and cancellation (runs as a job). */
  async simulate(
    input: { strategy: unknown; options: SimulateOptionsInput },
    job: JobContext,
  ): Promise<SimulationResult | SimulationFailure> {
    const parsed = parseStrategy(input.strategy);
    if (!parsed.ok) return parsed;
    const { prices: history, rates } = loadHistory({
      strategy: parsed.strategy,
      source: this.source,
    });
    const run = this.#queue.then(() => {
      job.signal.throwIfAborted();
      return simulate({
        strategy: input.strategy,
        history,
        rates,
        options: input.options,
        pool: this.#pool,
        signal: job.signal,
        onProgress: ({ pathsDone, paths }) => job.progress(pathsDone / paths),
      });
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** One- or two-axis stress grid (price shocks and/or depeg ratios) at exact engine math. */
  stress(input: { strategy: unknown; axes: StressAxis[] }): ({ ok: true } & StressGrid) | Failure {
    const built = this.#build(input.strategy);
    if (!built.ok) return built;
    try {
      return { ok: true, ...stressGrid({ built: built.value, axes: input.axes }) };
    } catch (error) {
      if (error instanceof StressError) {
        return { ok: false, errors: [{ code: error.code, message: error.message, field: 'axes' }] };
      }
      throw error;
    }
  }

  /** Expected yearly loss from protocol failures, risk-adjusted APY, and what each failure takes. */
  protocol(input: {
    strategy: unknown;
    overrides?: Record<string, ProtocolRisk>;
  }): ({ ok: true } & ProtocolRiskReport) | Failure {
    const built = this.#build(input.strategy);
    if (!built.ok) return built;
    const netApy = evaluateStrategy(built.value.strategy).netApy;
    return {
      ok: true,
      ...protocolRisk({
        built: built.value,
        netApy: netApy === null ? null : Number(netApy),
        ...(input.overrides ? { overrides: input.overrides } : {}),
      }),
    };
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #build(strategy: unknown): { ok: true; value: ReturnType<typeof buildPosition> } | Failure {
    const parsed = parseStrategy(strategy);
    if (!parsed.ok) return parsed;
    const built = buildPosition({ strategy: parsed.strategy });
    if (built.errors.length > 0) return { ok: false, errors: built.errors };
    return { ok: true, value: built };
  }
}

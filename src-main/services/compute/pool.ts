import type { Worker } from 'node:worker_threads';
import { ContractError } from '../../contract/errors';
import { startWorker } from '../../risk/worker-pool';
import type { ComputeInputs, ComputeKind, ComputeOutputs, ComputeRunner } from './ops';
import { deserializeError, revive, type ComputeReply, type ComputeRequest } from './wire';
import type { ComputeWorkerData } from './worker';

/**
 * Work budgets: how long one request may compute before its worker is stopped and the caller gets
 * BUDGET_EXCEEDED. Generous for any real strategy (a maximal one within INPUT_LIMITS evaluates in
 * well under a second); they exist so that nothing can hold a worker forever.
 */
export const DEFAULT_BUDGETS_MS: Readonly<Record<ComputeKind, number>> = {
  'engine.evaluate': 10_000,
  'risk.stress': 30_000,
  'risk.protocol': 30_000,
  'backtest.run': 60_000,
  'scenarios.run': 120_000,
  'prices.parse': 300_000,
  'rates.parse': 300_000,
  'db.integrityCheck': 300_000,
  'risk.simulate': 600_000,
  'data.coverage': 120_000,
  'data.dailyCloses': 30_000,
  'data.strategyWindow': 10_000,
};

/**
 * Three lanes, one warm worker each: live evaluation (and the quick risk tables) never waits behind
 * a long backtest or a file import, and neither waits behind a Monte Carlo run (whose worker
 * drives its own path threads, risk/worker-pool.ts).
 */
type LaneName = 'interactive' | 'batch' | 'simulation';
const LANE_OF: Readonly<Record<ComputeKind, LaneName>> = {
  'engine.evaluate': 'interactive',
  'risk.stress': 'interactive',
  'risk.protocol': 'interactive',
  'backtest.run': 'batch',
  'scenarios.run': 'batch',
  'prices.parse': 'batch',
  'rates.parse': 'batch',
  'db.integrityCheck': 'batch',
  'risk.simulate': 'simulation',
  // A full scan of every stored reading: batch. A chart and the backtest form's window: quick.
  'data.coverage': 'batch',
  'data.dailyCloses': 'interactive',
  'data.strategyWindow': 'interactive',
};

/** Requests waiting per lane beyond the running one; one more is refused with BUSY. */
export const MAX_QUEUED_PER_LANE = 32;

interface Pending {
  request: ComputeRequest;
  budgetMs: number;
  signal: AbortSignal | undefined;
  onProgress: ((fraction: number) => void) | undefined;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** One worker thread and its FIFO queue. */
class Lane {
  #worker: Worker | null = null;
  /** The worker has loaded its code: budgets count work, not thread start-up and compilation. */
  #workerReady = false;
  #running: (Pending & { timer: NodeJS.Timeout | null; onAbort: () => void }) | null = null;
  readonly #queue: Pending[] = [];

  constructor(
    private readonly url: URL,
    private readonly data: ComputeWorkerData,
    private readonly maxQueued: number,
  ) {}

  submit(item: Pending): void {
    if (this.#queue.length >= this.maxQueued) {
      item.reject(
        new ContractError('BUSY', 'too many calculations are waiting; try again in a moment'),
      );
      return;
    }
    if (item.signal?.aborted) return item.reject(cancelled());
    this.#queue.push(item);
    item.signal?.addEventListener('abort', () => this.#dropQueued(item), { once: true });
    this.#next();
  }

  async close(): Promise<void> {
    for (const item of this.#queue.splice(0)) item.reject(new Error('compute pool closed'));
    this.#finish(new Error('compute pool closed'));
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #dropQueued(item: Pending): void {
    const at = this.#queue.indexOf(item);
    if (at >= 0) {
      this.#queue.splice(at, 1);
      item.reject(cancelled());
    }
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker(this.url, this.data);
    this.#workerReady = false;
    worker.unref(); // an idle pool never keeps a process alive
    worker.on('message', (reply: ComputeReply) => {
      const running = this.#running;
      if (reply.ok === undefined && reply.ready) {
        this.#workerReady = true;
        return this.#armBudget();
      }
      if (!running || reply.id !== running.request.id) return;
      if (reply.ok === undefined) return void running.onProgress?.(reply.progress ?? 0);
      if (reply.ok) this.#finish(null, revive(reply.value));
      else this.#finish(deserializeError(reply.error));
    });
    worker.on('error', (error) => this.#crashed(worker, error));
    worker.on('exit', (code) =>
      this.#crashed(worker, new Error(`compute worker exited (${code})`)),
    );
    this.#worker = worker;
    return worker;
  }

  /** A dead worker fails its request; the next request starts a fresh one. */
  #crashed(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    this.#finish(error);
  }

  /** Stops the worker mid-request (budget, cancel): terminating is the only way to stop sync code. */
  #stop(error: Error): void {
    const worker = this.#worker;
    this.#worker = null;
    void worker?.terminate();
    this.#finish(error);
  }

  #finish(error: Error | null, value?: unknown): void {
    const running = this.#running;
    if (!running) return;
    this.#running = null;
    if (running.timer) clearTimeout(running.timer);
    running.signal?.removeEventListener('abort', running.onAbort);
    if (error) running.reject(error);
    else running.resolve(value);
    this.#next();
  }

  #next(): void {
    if (this.#running) return;
    const item = this.#queue.shift();
    if (!item) return;
    const onAbort = () => this.#stop(cancelled());
    item.signal?.addEventListener('abort', onAbort, { once: true });
    this.#running = { ...item, timer: null, onAbort };
    try {
      this.#ensureWorker().postMessage(item.request);
      if (this.#workerReady) this.#armBudget();
    } catch (error) {
      this.#stop(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Starts the running request's work budget (once its worker is ready). */
  #armBudget(): void {
    const running = this.#running;
    if (!running || running.timer) return;
    const ms = running.budgetMs;
    const budget = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
    running.timer = setTimeout(
      () =>
        this.#stop(
          new ContractError(
            'BUDGET_EXCEEDED',
            `this calculation ran past its ${budget} budget and was stopped; make the strategy smaller (fewer loop repetitions, steps or days) and try again`,
          ),
        ),
      ms,
    );
  }
}

function cancelled(): ContractError {
  return new ContractError('CANCELLED', 'the calculation was cancelled');
}

/**
 * Runs compute kinds on worker threads so the Electron main process (and the loopback server's
 * event loop) only routes messages: IPC, autosave and app.info stay responsive whatever the input.
 */
export class ComputePool implements ComputeRunner {
  readonly #lanes: Record<LaneName, Lane>;
  readonly #budgets: Record<ComputeKind, number>;
  #nextId = 1;

  constructor(options: {
    dbPath: string;
    nativeBinding?: string;
    /** Default: `./worker.ts` beside this file through tsx; the Electron build passes its bundle. */
    workerUrl?: URL;
    /** The Monte Carlo thread entry the simulation lane starts (Electron: its bundle). */
    riskWorkerUrl?: URL;
    budgetsMs?: Partial<Record<ComputeKind, number>>;
    maxQueuedPerLane?: number;
  }) {
    const url = options.workerUrl ?? new URL('./worker.ts', import.meta.url);
    const data: ComputeWorkerData = {
      dbPath: options.dbPath,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.riskWorkerUrl ? { riskWorkerUrl: options.riskWorkerUrl.href } : {}),
    };
    const max = options.maxQueuedPerLane ?? MAX_QUEUED_PER_LANE;
    this.#lanes = {
      interactive: new Lane(url, data, max),
      batch: new Lane(url, data, max),
      simulation: new Lane(url, data, max),
    };
    this.#budgets = { ...DEFAULT_BUDGETS_MS, ...options.budgetsMs };
  }

  run<K extends ComputeKind>(
    kind: K,
    input: ComputeInputs[K],
    options: {
      signal?: AbortSignal;
      budgetMs?: number;
      onProgress?: (fraction: number) => void;
    } = {},
  ): Promise<ComputeOutputs[K]> {
    return new Promise((resolve, reject) => {
      this.#lanes[LANE_OF[kind]].submit({
        request: { id: this.#nextId++, kind, input },
        budgetMs: options.budgetMs ?? this.#budgets[kind],
        signal: options.signal,
        onProgress: options.onProgress,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.#lanes).map((lane) => lane.close()));
  }
}

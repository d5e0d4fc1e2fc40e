import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  allocateBlockOutput,
  createBlockRunner,
  type BlockOutput,
  type SimulationJob,
} from './run-block';
import {
  claimRows,
  pathsIn,
  rowsDone,
  rowsOf,
  sharedRunState,
  type WorkerReply,
  type WorkerRequest,
} from './shared-run';

export interface PathBlock {
  firstPath: number;
  count: number;
}

export interface RunOptions {
  onProgress?: (pathsDone: number) => void;
  signal?: AbortSignal;
}

export class SimulationCancelled extends Error {
  readonly code = 'SIMULATION_CANCELLED';
  constructor() {
    super('SIMULATION_CANCELLED: the simulation was cancelled');
  }
}

/**
 * A run whose blocks write straight into one run-wide output on shared memory (no transfer, no
 * merge), followed by the fan chart's per-day percentiles, shared by the workers and this thread.
 */
export interface SharedRun {
  /** Typed arrays over SharedArrayBuffers, `paths` paths (see `WorkerPool.output`). */
  output: BlockOutput;
  paths: number;
  /** Rows of `output.fanEquity` ([fan day][path]) and the percentiles wanted of each. */
  rows: number;
  levels: readonly number[];
  /**
   * Called once the paths are in, while the workers compute the rows: the calling thread's own
   * statistics run here in parallel with them (then this thread takes rows too).
   */
  onPaths?: () => void;
}

/**
 * Runs path blocks on worker threads, each written into its own place of one shared output,
 * whichever thread ran it: each path draws from its own random stream (seed, path index), so the
 * numbers do not depend on the thread count. Each worker claims its next block from a shared
 * counter as it finishes one (a slow block never leaves a core idle, and no block waits for a
 * message round trip), progress is reported per finished block, and an abort, a worker's error or
 * its exit terminates the workers at once (the next run starts fresh ones; a worker waiting for
 * the others' paths is ended too).
 *
 * Workers are started on the first run and kept for the next ones (a warm pool skips thread start
 * and JIT warm-up); `close()` ends them.
 */
export class WorkerPool {
  private workers: Worker[] = [];
  private busy = false;
  /** Tags each run's messages (a late reply of a finished run is ignored). */
  private runs = 0;
  /** Outputs made by `output()`, and the last successful run's one, kept for the next run. */
  private readonly made = new WeakSet<BlockOutput>();
  private spare: BlockOutput | null = null;

  /**
   * `workerUrl`: the worker entry. Default `./worker.ts` beside this file, loaded through tsx (CLI,
   * tests, bench). A bundled app passes the URL of its built worker chunk (`.js`/`.mjs`).
   */
  constructor(private readonly options: { threads: number; workerUrl?: URL }) {}

  /**
   * A run-wide output on shared memory for `runShared`: the previous successful run's when it has
   * the same size and at most SPARE_BYTES (reusing it skips the page faults and zeroing of fresh
   * memory, about 2 ms of CPU per 10,000 paths), else a new one. A reused output reads as a new one:
   * a run whose blocks cover every path and whose fan days lie ascending within its days writes
   * every slot (the kernel calls `onClose` after each listed day, and each block writes every
   * path's outcomes); any other run gets it zeroed first. Read it only until its run settles: the
   * pool's next run may write into it.
   */
  output(paths: number, fanDayCount: number): BlockOutput {
    const spare = this.spare;
    this.spare = null;
    if (spare?.terminalEquity.length === paths && spare.fanEquity.length === paths * fanDayCount)
      return spare;
    const output = sharedBlockOutput(paths, fanDayCount);
    this.made.add(output);
    return output;
  }

  /** Runs the blocks into `shared.output`; returns the percentiles of each fan row, in row order. */
  async runShared(
    job: SimulationJob,
    blocks: readonly PathBlock[],
    shared: SharedRun,
    run: RunOptions = {},
  ): Promise<number[][]> {
    if (run.signal?.aborted) throw new SimulationCancelled();
    if (this.busy) throw new Error('POOL_BUSY: one simulation at a time per pool');
    this.busy = true;
    try {
      const made = this.made.has(shared.output);
      if (made && !writesEverySlot(job, blocks, shared.paths)) zero(shared.output);
      const rows = await this.dispatch(job, blocks, run, shared);
      // every block is in, so no worker writes into it any more (a failed run's is dropped)
      if (made && outputBytes(shared.output) <= SPARE_BYTES) this.spare = shared.output;
      return rows;
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    this.spare = null;
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private ensureWorkers(count: number): Worker[] {
    const url = this.options.workerUrl ?? new URL('./worker.ts', import.meta.url);
    while (this.workers.length < count) this.workers.push(startWorker(url));
    return this.workers.slice(0, count);
  }

  private dispatch(
    job: SimulationJob,
    blocks: readonly PathBlock[],
    run: RunOptions,
    shared: SharedRun,
  ): Promise<number[][]> {
    if (blocks.length === 0) return Promise.resolve([]);
    const workers = this.ensureWorkers(Math.min(this.options.threads, blocks.length));
    const state = sharedRunState(shared.output, shared.paths, blocks, shared.rows, shared.levels);
    const runId = ++this.runs;

    return new Promise<number[][]>((resolve, reject) => {
      let pathsDone = 0;
      let blocksDone = 0;
      /** This thread's statistics and rows are done: the run ends once every row is in. */
      let ownPartDone = false;
      let settled = false;
      const listeners: (() => void)[] = [];
      const stop = (error: Error | null): void => {
        if (settled) return;
        settled = true;
        run.signal?.removeEventListener('abort', onAbort);
        for (const remove of listeners) remove();
        if (error) {
          void this.close(); // a cancelled or failed pool is not reused mid-job
          reject(error);
        } else resolve(rowsOf(state));
      };
      const onAbort = (): void => stop(new SimulationCancelled());
      run.signal?.addEventListener('abort', onAbort, { once: true });

      // every block reported (the other threads may be on the rows already): this thread's
      // statistics, then fan rows beside the workers
      const afterPaths = (): void => {
        try {
          if (!pathsIn(state)) throw new Error('POOL_PATHS_MISSING'); // also orders the reads after the writes
          shared.onPaths?.();
          claimRows(state);
        } catch (error) {
          // a throwing callback fails the run (inside a message listener it would be uncaught)
          return stop(error instanceof Error ? error : new Error(String(error)));
        }
        ownPartDone = true;
        // else the thread finishing the last row says so (it counts the row before it posts)
        if (rowsDone(state)) stop(null);
      };

      for (const worker of workers) {
        const onMessage = (reply: WorkerReply): void => {
          if (settled || reply.runId !== runId) return;
          // messages of different workers come in any order: a row report may beat a block's
          // (the atomic read of the row count also orders the reads of the rows after their writes)
          if (reply.type === 'rows') return ownPartDone && rowsDone(state) ? stop(null) : undefined;
          pathsDone += blocks[reply.blockIndex]!.count;
          run.onProgress?.(pathsDone);
          if (++blocksDone === blocks.length) afterPaths();
        };
        const onError = (error: Error): void => stop(error);
        const onExit = (code: number): void => stop(new Error(`WORKER_EXITED: code ${code}`));
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        listeners.push(() => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        });
        const request: WorkerRequest = { type: 'run', runId, job, shared: state };
        worker.postMessage(request);
      }
    });
  }
}

/** The largest output a pool keeps for its next run (16 MiB: about 60,000 paths of 60 fan days). */
const SPARE_BYTES = 16 * 1024 * 1024;

const outputBytes = (o: BlockOutput): number =>
  o.terminalEquity.byteLength +
  o.liquidationDay.byteLength +
  o.minHealthFactor.byteLength +
  o.automationActions.byteLength +
  o.fanEquity.byteLength;

/** Blocks covering paths 0..paths−1 in order, fan days ascending within 0..days. */
function writesEverySlot(job: SimulationJob, blocks: readonly PathBlock[], paths: number): boolean {
  let next = 0;
  for (const b of blocks) {
    if (b.firstPath !== next || !(b.count > 0)) return false;
    next += b.count;
  }
  const fan = job.fanDays;
  for (let i = 0; i < fan.length; i++)
    if (!(fan[i]! >= (i === 0 ? 0 : fan[i - 1]! + 1) && fan[i]! <= job.days)) return false;
  return next === paths;
}

function zero(o: BlockOutput): void {
  o.terminalEquity.fill(0);
  o.liquidationDay.fill(0);
  o.minHealthFactor.fill(0);
  o.automationActions.fill(0);
  o.fanEquity.fill(0);
}

/** A run-wide output of `paths` paths on shared memory, for `WorkerPool.runShared`. */
export function sharedBlockOutput(paths: number, fanDayCount: number): BlockOutput {
  const on = (bytes: number) => new SharedArrayBuffer(bytes);
  return {
    terminalEquity: new Float64Array(on(paths * 8)),
    liquidationDay: new Int32Array(on(paths * 4)),
    minHealthFactor: new Float64Array(on(paths * 8)),
    automationActions: new Int32Array(on(paths * 4)),
    fanEquity: new Float32Array(on(paths * fanDayCount * 4)),
  };
}

/**
 * The same contract in the calling thread (threads: 1; tests compare it with the pool): the blocks
 * in order, each into its place in one run-wide output (no per-block outputs to merge).
 */
export async function runInThread(
  job: SimulationJob,
  blocks: readonly PathBlock[],
  run: RunOptions = {},
): Promise<BlockOutput> {
  if (run.signal?.aborted) throw new SimulationCancelled();
  const paths = blocks.reduce((end, b) => Math.max(end, b.firstPath + b.count), 0);
  const output = allocateBlockOutput(paths, job.fanDays.length);
  const { runInto } = createBlockRunner(job);
  let done = 0;
  for (const block of blocks) {
    // yield between blocks so an abort (or anything else queued) gets a turn
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (run.signal?.aborted) throw new SimulationCancelled();
    runInto(block.firstPath, block.count, output, paths);
    done += block.count;
    run.onProgress?.(done);
  }
  return output;
}

/**
 * `--import tsx` in a worker's execArgv is not honoured by Node 20 (the worker fails on `.ts`), so a
 * TypeScript entry is started from a tiny CommonJS bootstrap that registers tsx's loader in the
 * worker thread and then imports the entry. Messages posted meanwhile wait in the port's queue.
 * `data` reaches the entry as `workerData.data` (shared by the Monte Carlo and compute workers).
 */
export function startWorker(url: URL, data?: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: { data } });
  // tsx's ESM API (its CommonJS build of `tsx/esm/api` fails to load its own ESM half here)
  const tsxPackage = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = new URL('./dist/esm/api/index.mjs', tsxPackage).href;
  const bootstrap = [
    "const { workerData } = require('node:worker_threads');",
    'import(workerData.tsxApi).then((tsx) => { tsx.register(); return import(workerData.entry); });',
  ].join('\n');
  return new Worker(bootstrap, { eval: true, workerData: { tsxApi, entry: url.href, data } });
}

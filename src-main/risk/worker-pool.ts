import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BlockOutput } from './run-block';
import { createBlockRunner, type SimulationJob } from './run-block';
import type { WorkerReply, WorkerRequest } from './worker';

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
 * Runs path blocks on worker threads and returns their outputs in block order, whichever thread ran
 * them: each path draws from its own random stream (seed, path index), so the merge is
 * deterministic and the numbers do not depend on the thread count. Blocks are handed out one at a
 * time (a slow block never leaves a core idle), progress is reported per finished block, and an
 * abort terminates the workers at once (the next run starts fresh ones).
 *
 * Workers are started on the first run and kept for the next ones (a warm pool skips thread start
 * and JIT warm-up); `close()` ends them.
 */
export class WorkerPool {
  private workers: Worker[] = [];
  private busy = false;

  /**
   * `workerUrl`: the worker entry. Default `./worker.ts` beside this file, loaded through tsx (CLI,
   * tests, bench). A bundled app passes the URL of its built worker chunk (`.js`/`.mjs`).
   */
  constructor(private readonly options: { threads: number; workerUrl?: URL }) {}

  async run(
    job: SimulationJob,
    blocks: readonly PathBlock[],
    run: RunOptions = {},
  ): Promise<BlockOutput[]> {
    if (run.signal?.aborted) throw new SimulationCancelled();
    if (this.busy) throw new Error('POOL_BUSY: one simulation at a time per pool');
    this.busy = true;
    try {
      return await this.dispatch(job, blocks, run);
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
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
  ): Promise<BlockOutput[]> {
    const outputs = new Array<BlockOutput | undefined>(blocks.length);
    if (blocks.length === 0) return Promise.resolve([]);
    const workers = this.ensureWorkers(Math.min(this.options.threads, blocks.length));

    return new Promise<BlockOutput[]>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      let pathsDone = 0;
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
        } else resolve(outputs as BlockOutput[]);
      };
      const onAbort = (): void => stop(new SimulationCancelled());
      run.signal?.addEventListener('abort', onAbort, { once: true });

      const feed = (worker: Worker): void => {
        if (next >= blocks.length) return;
        const blockIndex = next++;
        const request: WorkerRequest = { type: 'block', blockIndex, ...blocks[blockIndex]! };
        worker.postMessage(request);
      };

      for (const worker of workers) {
        const onMessage = (reply: WorkerReply): void => {
          if (settled) return;
          outputs[reply.blockIndex] = reply.output;
          finished++;
          pathsDone += blocks[reply.blockIndex]!.count;
          run.onProgress?.(pathsDone);
          if (finished === blocks.length) stop(null);
          else feed(worker);
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
        const init: WorkerRequest = { type: 'job', job };
        worker.postMessage(init);
        feed(worker);
      }
    });
  }
}

/** The same contract in the calling thread (threads: 1): used by tests for exactness. */
export async function runInThread(
  job: SimulationJob,
  blocks: readonly PathBlock[],
  run: RunOptions = {},
): Promise<BlockOutput[]> {
  if (run.signal?.aborted) throw new SimulationCancelled();
  const { run: runBlock } = createBlockRunner(job);
  const outputs: BlockOutput[] = [];
  let done = 0;
  for (const block of blocks) {
    // yield between blocks so an abort (or anything else queued) gets a turn
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (run.signal?.aborted) throw new SimulationCancelled();
    outputs.push(runBlock(block.firstPath, block.count));
    done += block.count;
    run.onProgress?.(done);
  }
  return outputs;
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

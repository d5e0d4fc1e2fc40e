import { randomUUID } from 'node:crypto';
import { ContractError, withoutAbsolutePaths } from '../contract/errors';
import type { JobStatus } from '../contract/jobs';

export interface JobContext {
  signal: AbortSignal;
  /** Fraction done, 0..1. */
  progress: (fraction: number) => void;
}

interface JobEntry {
  kind: string;
  status: JobStatus;
  controller: AbortController;
  finishedAt: number | null;
}

/**
 * Long-running work (Monte Carlo, large backtests) runs as jobs: `start` returns an id at once,
 * the renderer polls `status` (the same over IPC and loopback) and may `cancel`. Finished jobs are
 * kept for a while so a slow poller still gets the result, then dropped.
 */
export class JobRegistry {
  readonly #jobs = new Map<string, JobEntry>();

  /**
   * `maxRunning`: jobs running (or waiting for a worker) at once; one more is refused with BUSY so a
   * flood of requests cannot queue unbounded work. Finished jobs kept are capped too.
   */
  constructor(
    private readonly keepFinishedMs = 10 * 60_000,
    private readonly maxRunning = 16,
    private readonly maxKept = 200,
  ) {}

  start(kind: string, run: (ctx: JobContext) => Promise<unknown>): { jobId: string } {
    this.#sweep();
    const running = [...this.#jobs.values()].filter((j) => j.finishedAt === null).length;
    if (running >= this.maxRunning) {
      throw new ContractError(
        'BUSY',
        `${running} calculations are already running; wait for one to finish or cancel one`,
      );
    }
    const jobId = randomUUID();
    const controller = new AbortController();
    const entry: JobEntry = {
      kind,
      status: { jobId, kind, state: 'running', progress: 0 },
      controller,
      finishedAt: null,
    };
    this.#jobs.set(jobId, entry);
    const progress = (fraction: number) => {
      if (entry.status.state === 'running') {
        entry.status = { ...entry.status, progress: Math.min(1, Math.max(0, fraction)) };
      }
    };
    void Promise.resolve()
      .then(() => {
        if (controller.signal.aborted) throw new Error('cancelled before it started');
        return run({ signal: controller.signal, progress });
      })
      .then(
        (result) => {
          entry.status = controller.signal.aborted
            ? { jobId, kind, state: 'cancelled', progress: entry.status.progress }
            : { jobId, kind, state: 'done', progress: 1, result };
        },
        (error: unknown) => {
          entry.status = controller.signal.aborted
            ? { jobId, kind, state: 'cancelled', progress: entry.status.progress }
            : {
                jobId,
                kind,
                state: 'failed',
                progress: entry.status.progress,
                error: {
                  code: error instanceof ContractError ? error.code : 'INTERNAL',
                  message: withoutAbsolutePaths(
                    error instanceof Error ? error.message : String(error),
                  ),
                },
              };
        },
      )
      .finally(() => (entry.finishedAt = Date.now()));
    return { jobId };
  }

  status(jobId: string): JobStatus {
    return this.#require(jobId).status;
  }

  cancel(jobId: string): JobStatus {
    const entry = this.#require(jobId);
    if (entry.status.state === 'running') {
      // Reported at once; the job's own promise settles later and its outcome is discarded.
      entry.controller.abort();
      entry.status = {
        jobId,
        kind: entry.kind,
        state: 'cancelled',
        progress: entry.status.progress,
      };
    }
    return entry.status;
  }

  /** Cancels everything still running (on quit). */
  cancelAll(): void {
    for (const entry of this.#jobs.values()) entry.controller.abort();
  }

  #require(jobId: string): JobEntry {
    const entry = this.#jobs.get(jobId);
    if (!entry) throw new ContractError('NOT_FOUND', `no job ${jobId}`);
    return entry;
  }

  #sweep(now = Date.now()): void {
    const finished: string[] = [];
    for (const [id, entry] of this.#jobs) {
      if (entry.finishedAt === null) continue;
      if (now - entry.finishedAt > this.keepFinishedMs) this.#jobs.delete(id);
      else finished.push(id);
    }
    // Oldest first (Map keeps insertion order): drop the surplus of kept results.
    for (const id of finished.slice(0, Math.max(0, finished.length - this.maxKept)))
      this.#jobs.delete(id);
  }
}

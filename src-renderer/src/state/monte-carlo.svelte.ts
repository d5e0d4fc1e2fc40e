import type {
  OpInput,
  SimulateJobResult,
  StrategyDocument,
} from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import { latestKeptRun, originOf, type ResultOrigin, type RunOwner } from './kept-runs';

export type SimulationReport = Extract<SimulateJobResult, { ok: true }>;
type SimulateOptions = OpInput<'risk.simulate'>['options'];

export type JobPhase = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

/** How often `jobs.status` is asked while a simulation runs. */
export const POLL_MS = 150;

/**
 * A Monte Carlo run of the open strategy as a main-process job: `risk.simulate` starts it, the
 * status is polled every POLL_MS until it is done, failed or cancelled. Polling stops when the view
 * goes away (`pause`) and picks up again when it returns (`resume`); `dispose` (the draft changed)
 * also cancels the job so it stops using the CPU. With an owner (the open draft) a finished run
 * is kept in main and reopens with the draft; the result on screen is replaced only by a finished
 * run, so cancelling (or a failed) re-run leaves the previous result in place.
 */
export class MonteCarloRunner {
  model = $state<'gbm' | 'bootstrap'>('gbm');
  /** Zero (no forecast) unless the user picks the history window's mean, with its caution. */
  drift = $state<'zero' | 'historical'>('zero');
  paths = $state<number | null>(10_000);
  /** Empty: the strategy's horizonDays. */
  days = $state<number | null>(null);
  seed = $state<number | null>(1);
  crash = $state(false);
  crashesPerYear = $state<number | null>(1);
  /** Price move of one crash, a fraction (−0.3 = a 30 % fall). */
  crashSize = $state<number | null>(-0.3);
  automation = $state(false);
  deleverageTrigger = $state<number | null>(1.3);
  deleverageTarget = $state<number | null>(1.8);

  phase = $state<JobPhase>('idle');
  progress = $state(0);
  result = $state.raw<SimulateJobResult | null>(null);
  problem = $state<string | null>(null);
  /** The strategy the result belongs to, and when it ran. */
  origin = $state.raw<ResultOrigin | null>(null);

  readonly #api: ApiClient;
  readonly #owner: RunOwner | null;
  /** The strategy of the run in flight (becomes `origin` when it finishes). */
  #running: StrategyDocument | null = null;
  #jobId: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The live polling loop's number, 0 while none runs: an answer for a stopped loop is dropped. */
  #loop = 0;
  #loops = 0;
  /** Bumped by every run and by dispose: answers for an older run are dropped. */
  #sequence = 0;

  constructor(api: ApiClient, owner: RunOwner | null = null) {
    this.#api = api;
    this.#owner = owner;
  }

  /** Reopens the draft's newest kept simulation with its options (unless a run is shown or busy). */
  async restore(): Promise<void> {
    if (!this.#owner) return;
    const sequence = this.#sequence;
    const kept = await latestKeptRun(this.#api, this.#owner.draftId, 'monte-carlo');
    if (!kept || sequence !== this.#sequence || this.result !== null || this.busy) return;
    this.result = kept.result;
    this.origin = originOf(kept.strategy, true, kept.createdAt);
    this.phase = 'done';
    this.progress = 1;
    const options = (kept.options as { options?: SimulateOptions }).options;
    if (options) this.#applyOptions(options);
  }

  #applyOptions(o: SimulateOptions): void {
    this.model = o.model;
    this.paths = o.paths;
    this.seed = o.seed;
    this.days = o.days ?? null;
    this.crash = o.crash !== undefined;
    if (o.crash) {
      this.crashesPerYear = o.crash.crashesPerYear;
      this.crashSize = o.crash.size;
    }
    const deleverage = o.automation?.deleverage;
    this.automation = deleverage !== undefined;
    if (deleverage) {
      this.deleverageTrigger = deleverage.triggerHealthFactor;
      this.deleverageTarget = deleverage.targetHealthFactor;
    }
  }

  get busy(): boolean {
    return this.phase === 'starting' || this.phase === 'running';
  }

  /** The options as the contract takes them (null fields are left to their defaults). */
  options(): SimulateOptions {
    const options: SimulateOptions = {
      model: this.model,
      drift: this.drift,
      paths: this.paths ?? 10_000,
      seed: this.seed ?? 1,
    };
    if (this.days !== null) options.days = this.days;
    if (this.crash && this.crashesPerYear !== null && this.crashSize !== null) {
      options.crash = { crashesPerYear: this.crashesPerYear, size: this.crashSize };
    }
    if (this.automation && this.deleverageTrigger !== null && this.deleverageTarget !== null) {
      options.automation = {
        deleverage: {
          triggerHealthFactor: this.deleverageTrigger,
          targetHealthFactor: this.deleverageTarget,
        },
      };
    }
    return options;
  }

  async run(strategy: StrategyDocument): Promise<void> {
    this.#stopPolling();
    const sequence = ++this.#sequence;
    this.#jobId = null;
    this.phase = 'starting';
    this.progress = 0;
    this.problem = null;
    this.#running = strategy;
    try {
      const owner = this.#owner;
      const { jobId } = await this.#api.call('risk.simulate', {
        strategy,
        options: this.options(),
        ...(owner ? { keep: { draftId: owner.draftId, revision: owner.revision() } } : {}),
      });
      if (sequence !== this.#sequence) return;
      this.#jobId = jobId;
      this.phase = 'running';
      this.resume();
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.phase = 'failed';
      this.problem = message(error);
    }
  }

  async cancel(): Promise<void> {
    const jobId = this.#jobId;
    if (jobId === null || !this.busy) return;
    this.#stopPolling();
    const sequence = ++this.#sequence;
    try {
      const status = await this.#api.call('jobs.cancel', { jobId });
      if (sequence !== this.#sequence) return;
      // the job may have finished just before the cancel arrived: show what it produced
      if (status.state === 'done') this.#finish(status.result as SimulateJobResult);
      else this.phase = 'cancelled';
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.phase = 'failed';
      this.problem = message(error);
    }
  }

  /** Starts polling again if a job is still running (the Risk tab is shown again). */
  resume(): void {
    if (this.phase !== 'running' || this.#loop !== 0 || this.#jobId === null) return;
    this.#loop = ++this.#loops;
    void this.#poll(this.#jobId, this.#loop);
  }

  /** Stops polling; the job keeps running in main (the Risk tab is hidden). */
  pause(): void {
    this.#stopPolling();
  }

  /** The draft changed or the panel closed: stop polling and cancel the job. */
  dispose(): void {
    const running = this.busy ? this.#jobId : null;
    this.#stopPolling();
    this.#sequence++;
    if (running) void this.#api.call('jobs.cancel', { jobId: running }).catch(() => {});
  }

  async #poll(jobId: string, loop: number): Promise<void> {
    try {
      const status = await this.#api.call('jobs.status', { jobId });
      if (loop !== this.#loop) return;
      if (status.state === 'running') {
        this.progress = status.progress;
        this.#timer = setTimeout(() => void this.#poll(jobId, loop), POLL_MS);
        return;
      }
      this.#loop = 0;
      if (status.state === 'done') this.#finish(status.result as SimulateJobResult);
      else if (status.state === 'cancelled') this.phase = 'cancelled';
      else {
        this.phase = 'failed';
        this.problem = `${status.error.message} (${status.error.code})`;
      }
    } catch (error) {
      if (loop !== this.#loop) return;
      this.#loop = 0;
      this.phase = 'failed';
      this.problem = message(error);
    }
  }

  #finish(result: SimulateJobResult): void {
    this.result = result;
    if (this.#running) this.origin = originOf(this.#running);
    this.progress = 1;
    this.phase = 'done';
  }

  #stopPolling(): void {
    clearTimeout(this.#timer);
    this.#loop = 0;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import type { CompareResult, StrategyDocument } from '../../../src-main/contract/index';
import { ApiError, type ApiClient } from '../lib/api';
import { shiftIsoDay } from '../lib/format';

/** One strategy of a comparison: its column title and the document as it is compared. */
export interface CompareItem {
  label: string;
  strategy: StrategyDocument;
}

const POLL_MS = 150;
/** Last day of the bundled price history (as the backtest form's default window end). */
const BUNDLED_LAST_DAY = '2025-11-19';
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

const message = (error: unknown) =>
  error instanceof ApiError
    ? `${error.message} (${error.code})`
    : error instanceof Error
      ? error.message
      : String(error);

/**
 * The compare view's run: the same window, scenarios and Monte Carlo for 2–4 strategies, as one
 * job in main (`compare.start`) polled until done. A new run replaces the shown result only when
 * it succeeds.
 */
export class CompareRunner {
  from = $state(shiftIsoDay(BUNDLED_LAST_DAY, -365));
  to = $state(BUNDLED_LAST_DAY);
  model = $state<'gbm' | 'bootstrap'>('gbm');
  paths = $state(2_000);
  seed = $state(1);
  days = $state(365);
  phase = $state<'idle' | 'running' | 'done' | 'failed' | 'cancelled'>('idle');
  progress = $state(0);
  problem = $state<string | null>(null);
  result = $state.raw<CompareResult | null>(null);

  readonly #api: ApiClient;
  #jobId: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sequence = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  get busy(): boolean {
    return this.phase === 'running';
  }

  async run(items: CompareItem[]): Promise<void> {
    clearTimeout(this.#timer);
    const sequence = ++this.#sequence;
    this.phase = 'running';
    this.progress = 0;
    this.problem = null;
    try {
      const { jobId } = await this.#api.call('compare.start', {
        items,
        from: this.from,
        to: this.to,
        simulation: { model: this.model, paths: this.paths, seed: this.seed, days: this.days },
      });
      if (sequence !== this.#sequence) return;
      this.#jobId = jobId;
      await this.#poll(jobId, sequence);
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.phase = 'failed';
      this.problem = message(error);
    }
  }

  async cancel(): Promise<void> {
    const jobId = this.#jobId;
    if (!jobId || !this.busy) return;
    clearTimeout(this.#timer);
    this.#sequence++;
    await this.#api.call('jobs.cancel', { jobId }).catch(() => undefined);
    this.phase = 'cancelled';
  }

  /** The view closed: stop polling and cancel a running job. */
  dispose(): void {
    const running = this.busy ? this.#jobId : null;
    clearTimeout(this.#timer);
    this.#sequence++;
    if (running) void this.#api.call('jobs.cancel', { jobId: running }).catch(() => undefined);
  }

  async #poll(jobId: string, sequence: number): Promise<void> {
    const status = await this.#api.call('jobs.status', { jobId });
    if (sequence !== this.#sequence) return;
    if (status.state === 'running') {
      this.progress = status.progress;
      await new Promise<void>((resolve) => {
        this.#timer = setTimeout(resolve, POLL_MS);
      });
      if (sequence !== this.#sequence) return;
      return this.#poll(jobId, sequence);
    }
    if (status.state === 'done') {
      this.result = status.result as CompareResult;
      this.progress = 1;
      this.phase = 'done';
    } else if (status.state === 'cancelled') {
      this.phase = 'cancelled';
    } else {
      this.phase = 'failed';
      this.problem = `${status.error.message} (${status.error.code})`;
    }
  }
}

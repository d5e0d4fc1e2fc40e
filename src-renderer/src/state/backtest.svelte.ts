import type { BacktestOptionsInput, RateMode } from '../../../src-main/backtest/types';
import type { BacktestResult, StrategyWindow, WithLimits } from '../../../src-main/contract/index';
import { ApiError, type ApiClient } from '../lib/api';
import { isoDayFromUnix, shiftIsoDay } from '../lib/format';
import type { ValidDocument } from './evaluation.svelte';
import { latestKeptRun, originOf, type ResultOrigin, type RunOwner } from './kept-runs';
import { POLL_MS, type JobPhase } from './monte-carlo.svelte';

/** A completed run and one of its events (the contract's BacktestResult, success case). */
export type BacktestReport = Extract<BacktestResult, { ok: true }>;
export type BacktestEvent = BacktestReport['events'][number];

/** Last day of the bundled price history (resources/data/prices): the fallback window end. */
const BUNDLED_LAST_DAY = '2025-11-19';
const DEFAULT_WINDOW_DAYS = 365;

/**
 * A backtest of the open strategy over a chosen window of the stored daily history. With an owner
 * (the open draft) every successful run is kept in main with the draft and the newest one reopens
 * with it (`restore`); a new run replaces what is shown only when it succeeds. Every run is a
 * cancellable job (`backtest.start`) with progress, polled like the Monte Carlo.
 */
export class BacktestRunner {
  from = $state(shiftIsoDay(BUNDLED_LAST_DAY, -DEFAULT_WINDOW_DAYS));
  to = $state(BUNDLED_LAST_DAY);
  /** First and last day any stored price series covers (the limits without a strategy window). */
  firstDay = $state<string | null>(null);
  lastDay = $state<string | null>(null);
  /** The days every price series the open strategy reads covers (`data.strategyWindow`). */
  window = $state.raw<Extract<StrategyWindow, { ok: true }> | null>(null);
  result = $state.raw<WithLimits<BacktestResult> | null>(null);
  problem = $state<string | null>(null);
  /** Where the latest run is: a result on screen is replaced only when one is `done`. */
  phase = $state<JobPhase>('idle');
  /** Share of the window replayed (0..1) while a run goes. */
  progress = $state(0);
  /** The strategy the result belongs to, and when it ran. */
  origin = $state.raw<ResultOrigin | null>(null);

  /** Rate mode per lending market id; markets left out use the strategy's own rates (`model`). */
  rateModes = $state<Record<string, RateMode>>({});
  deleverage = $state(false);
  deleverageTrigger = $state<number | null>(1.3);
  deleverageTarget = $state<number | null>(1.8);
  releverage = $state(false);
  releverageTrigger = $state<number | null>(2.2);
  releverageTarget = $state<number | null>(1.8);

  readonly #api: ApiClient;
  readonly #owner: RunOwner | null;
  /** Bumped by every run, cancel and dispose: answers for an older run are dropped. */
  #sequence = 0;
  #jobId: string | null = null;
  #document: ValidDocument | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(api: ApiClient, owner: RunOwner | null = null) {
    this.#api = api;
    this.#owner = owner;
  }

  /** Reopens the draft's newest kept backtest with its window and options (unless one is shown). */
  async restore(): Promise<void> {
    if (!this.#owner) return;
    const sequence = this.#sequence;
    const kept = await latestKeptRun(this.#api, this.#owner.draftId, 'backtest');
    if (!kept || sequence !== this.#sequence || this.result !== null || this.running) return;
    this.result = kept.result;
    this.origin = originOf(kept.strategy, true, kept.createdAt);
    const { from, to, options } = kept.options as {
      from?: string;
      to?: string;
      options?: BacktestOptionsInput;
    };
    if (from && to) {
      this.from = from;
      this.to = to;
    }
    if (options) this.#applyOptions(options);
  }

  #applyOptions(options: BacktestOptionsInput): void {
    this.rateModes = { ...(options.rateModes ?? {}) };
    const { deleverage, releverage } = options.automation ?? {};
    this.deleverage = deleverage !== undefined;
    if (deleverage) {
      this.deleverageTrigger = deleverage.triggerHealthFactor;
      this.deleverageTarget = deleverage.targetHealthFactor;
    }
    this.releverage = releverage !== undefined;
    if (releverage) {
      this.releverageTrigger = releverage.triggerHealthFactor;
      this.releverageTarget = releverage.targetHealthFactor;
    }
  }

  /** Default window: the last 365 days of the stored history. */
  async loadCoverage(): Promise<void> {
    try {
      const assets = await this.#api.call('prices.assets', {});
      const spans = assets.flatMap((a) => (a.coverage ? [a.coverage] : []));
      if (spans.length === 0) return;
      const last = isoDayFromUnix(Math.max(...spans.map((c) => c.lastTs)));
      this.firstDay = isoDayFromUnix(Math.min(...spans.map((c) => c.firstTs)));
      this.lastDay = last;
      if (this.result === null) {
        this.to = last;
        this.from = shiftIsoDay(last, -DEFAULT_WINDOW_DAYS);
      }
      const window = this.window?.window;
      if (window) this.#clampTo(window.from, window.to);
    } catch {
      // Keep the bundled-data defaults; a run still reports any real problem.
    }
  }

  /** First day the date inputs offer: the strategy's window, else any stored history. */
  get minDay(): string | null {
    return this.window?.window?.from ?? this.firstDay;
  }

  get maxDay(): string | null {
    return this.window?.window?.to ?? this.lastDay;
  }

  /** Why no window can be offered (the strategy's series share no day), else null. */
  get noWindow(): string | null {
    return this.window && !this.window.window ? this.window.message : null;
  }

  #windowSequence = 0;

  /**
   * Asks main which days every series the strategy reads covers, and keeps the chosen window
   * inside them (a day outside would be refused by the replay). A strategy the engine cannot read
   * keeps the last window; the live evaluation shows its errors.
   */
  async loadWindow(document: ValidDocument): Promise<void> {
    const sequence = ++this.#windowSequence;
    try {
      const answer = await this.#api.call('data.strategyWindow', {
        strategy: document.strategy,
        rateModes: { ...this.rateModes },
      });
      if (sequence !== this.#windowSequence || !answer.ok) return;
      this.window = answer;
      if (answer.window) this.#clampTo(answer.window.from, answer.window.to);
    } catch {
      // Keep the previous bounds; a run still reports any real problem.
    }
  }

  #clampTo(min: string, max: string): void {
    let { from, to } = this;
    if (from > max || to < min) {
      to = max;
      from = shiftIsoDay(max, -DEFAULT_WINDOW_DAYS);
    }
    if (from < min) from = min;
    if (to > max) to = max;
    this.from = from;
    this.to = to;
  }

  /** The options as `backtest.run` takes them; the service validates them and names bad fields. */
  options(): BacktestOptionsInput {
    const rule = (on: boolean, trigger: number | null, target: number | null) =>
      on && trigger !== null && target !== null
        ? { triggerHealthFactor: trigger, targetHealthFactor: target }
        : undefined;
    const deleverage = rule(this.deleverage, this.deleverageTrigger, this.deleverageTarget);
    const releverage = rule(this.releverage, this.releverageTrigger, this.releverageTarget);
    return {
      rateModes: { ...this.rateModes },
      ...(deleverage || releverage
        ? { automation: { ...(deleverage && { deleverage }), ...(releverage && { releverage }) } }
        : {}),
    };
  }

  get running(): boolean {
    return this.phase === 'starting' || this.phase === 'running';
  }

  /**
   * Starts the backtest as a main-process job (`backtest.start`) and polls it until it is done,
   * failed or cancelled; only a finished run replaces the result on screen (and is kept).
   */
  async run(document: ValidDocument): Promise<void> {
    this.#stopPolling();
    const sequence = ++this.#sequence;
    this.#jobId = null;
    this.phase = 'starting';
    this.progress = 0;
    this.problem = null;
    this.#document = document;
    try {
      const owner = this.#owner;
      const { jobId } = await this.#api.call('backtest.start', {
        strategy: document.strategy,
        from: this.from,
        to: this.to,
        options: this.options(),
        ...(owner ? { keep: { draftId: owner.draftId, revision: owner.revision() } } : {}),
      });
      if (sequence !== this.#sequence) return;
      this.#jobId = jobId;
      this.phase = 'running';
      void this.#poll(jobId, sequence, document);
    } catch (error) {
      if (sequence !== this.#sequence) return;
      // The previous result stays on screen, with the reason this run did not replace it.
      this.#fail(describe(error));
    }
  }

  /** Cancels the run in flight; the result shown (if any) stays, said to be the previous one. */
  async cancel(): Promise<void> {
    const jobId = this.#jobId;
    if (jobId === null || !this.running) return;
    this.#stopPolling();
    const sequence = ++this.#sequence;
    const running = this.#document;
    try {
      const status = await this.#api.call('jobs.cancel', { jobId });
      if (sequence !== this.#sequence) return;
      // it may have finished just before the cancel arrived: show what it produced
      if (status.state === 'done' && running)
        this.#finish(status.result as BacktestResult, running);
      else this.phase = 'cancelled';
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.#fail(describe(error));
    }
  }

  /** The draft changed: stop polling and cancel the job so it stops using the CPU. */
  dispose(): void {
    const running = this.running ? this.#jobId : null;
    this.#stopPolling();
    this.#sequence++;
    if (running) void this.#api.call('jobs.cancel', { jobId: running }).catch(() => {});
  }

  async #poll(jobId: string, sequence: number, document: ValidDocument): Promise<void> {
    try {
      const status = await this.#api.call('jobs.status', { jobId });
      if (sequence !== this.#sequence) return;
      if (status.state === 'running') {
        this.progress = status.progress;
        this.#timer = setTimeout(() => void this.#poll(jobId, sequence, document), POLL_MS);
        return;
      }
      if (status.state === 'done') this.#finish(status.result as BacktestResult, document);
      else if (status.state === 'cancelled') this.phase = 'cancelled';
      else this.#fail(`${status.error.message} (${status.error.code})`);
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.#fail(describe(error));
    }
  }

  #finish(result: BacktestResult, document: ValidDocument): void {
    this.result = result;
    this.problem = null;
    this.origin = originOf(document.strategy);
    this.progress = 1;
    this.phase = 'done';
  }

  #fail(problem: string): void {
    this.problem = problem;
    this.phase = 'failed';
  }

  #stopPolling(): void {
    clearTimeout(this.#timer);
  }
}

/** A refused input: drop the "invalid input for backtest.run: " prefix, keep the reason. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof ApiError && error.code === 'VALIDATION'
    ? message.replace(/^invalid input for [\w.]+: /, '')
    : message;
}

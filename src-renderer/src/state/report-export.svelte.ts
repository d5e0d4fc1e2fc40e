import type {
  KeptRunSummary,
  OpInput,
  RunKind,
  ReportBuilt,
  ReportSaved,
  StrategyDocument,
} from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import { isoDayFromUnix, shiftIsoDay } from '../lib/format';

type ReportOptionsInput = NonNullable<OpInput<'report.start'>['options']>;
export type ExportPhase = 'idle' | 'running' | 'saving' | 'done' | 'failed' | 'cancelled';

const POLL_MS = 150;

/**
 * File → Export report…: the choices (paper, run a backtest and a Monte Carlo for the report or
 * leave them out), then `report.start` as a job polled for progress (cancellable), then
 * `report.save`, which asks main for the native save dialog and prints there.
 */
export class ReportExport {
  open = $state(false);
  paper = $state<'a4' | 'letter'>('a4');
  backtest = $state(true);
  from = $state(shiftIsoDay(isoDayFromUnix(Date.now() / 1000), -365));
  to = $state(isoDayFromUnix(Date.now() / 1000));
  monteCarlo = $state(true);
  paths = $state<number | null>(10_000);
  seed = $state<number | null>(1);
  exports = $state(true);

  phase = $state<ExportPhase>('idle');
  progress = $state(0);
  problem = $state<string | null>(null);
  saved = $state<ReportSaved | null>(null);
  /**
   * The draft's newest kept run per kind that is current for its saved strategy: the report shows
   * these as they are (main checks again against the exact strategy reported), so their choices
   * below do not apply.
   */
  kept = $state.raw<Partial<Record<RunKind, KeptRunSummary>>>({});

  readonly #api: ApiClient;
  #jobId: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  get busy(): boolean {
    return this.phase === 'running' || this.phase === 'saving';
  }

  show(): void {
    if (this.busy) return;
    this.open = true;
    this.phase = 'idle';
    this.problem = null;
    this.saved = null;
  }

  /** Looks up the kept runs the report will reuse (the dialog says which). */
  async loadKept(draftId: string | null): Promise<void> {
    if (!draftId) {
      this.kept = {};
      return;
    }
    try {
      const runs = await this.#api.call('runs.list', { draftId });
      const kept: Partial<Record<RunKind, KeptRunSummary>> = {};
      // newest first: the first current run of each kind is the one main will pick
      for (const run of runs) if (!run.stale && !kept[run.kind]) kept[run.kind] = run;
      this.kept = kept;
    } catch {
      this.kept = {};
    }
  }

  close(): void {
    if (this.phase === 'running') void this.cancel();
    this.open = false;
  }

  options(): ReportOptionsInput {
    return {
      paper: this.paper,
      backtest: this.backtest
        ? { include: true, from: this.from, to: this.to }
        : { include: false },
      monteCarlo: this.monteCarlo
        ? { include: true, paths: this.paths ?? 10_000, seed: this.seed ?? 1 }
        : { include: false },
    };
  }

  async run(strategy: StrategyDocument, draftId: string | null): Promise<void> {
    this.phase = 'running';
    this.progress = 0;
    this.problem = null;
    this.saved = null;
    try {
      const { jobId } = await this.#api.call('report.start', {
        strategy,
        ...(draftId ? { draftId } : {}),
        options: this.options(),
      });
      this.#jobId = jobId;
      await this.#poll(jobId);
    } catch (error) {
      this.#fail(error);
    }
  }

  async cancel(): Promise<void> {
    const jobId = this.#jobId;
    if (!jobId || this.phase !== 'running') return;
    clearTimeout(this.#timer);
    this.#jobId = null;
    this.phase = 'cancelled';
    await this.#api.call('jobs.cancel', { jobId }).catch(() => undefined);
  }

  async #poll(jobId: string): Promise<void> {
    const status = await this.#api.call('jobs.status', { jobId });
    if (this.#jobId !== jobId) return;
    if (status.state === 'running') {
      this.progress = status.progress;
      this.#timer = setTimeout(() => void this.#poll(jobId).catch((e) => this.#fail(e)), POLL_MS);
      return;
    }
    this.#jobId = null;
    if (status.state === 'cancelled') this.phase = 'cancelled';
    else if (status.state === 'failed') this.#fail(new Error(status.error.message));
    else await this.#save(status.result as ReportBuilt);
  }

  async #save(built: ReportBuilt): Promise<void> {
    this.progress = 1;
    this.phase = 'saving';
    try {
      this.saved = await this.#api.call('report.save', {
        reportId: built.reportId,
        exports: this.exports,
      });
      this.phase = this.saved.saved ? 'done' : 'idle';
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    this.phase = 'failed';
    this.problem = error instanceof Error ? error.message : String(error);
  }
}

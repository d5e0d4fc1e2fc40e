import type { BacktestResult } from '../../../src-main/contract/index';
import { ApiError, type ApiClient } from '../lib/api';
import { isoDayFromUnix, shiftIsoDay } from '../lib/format';
import type { ValidDocument } from './evaluation.svelte';

/** Last day of the bundled price history (resources/data/prices): the fallback window end. */
/** A completed run and one of its events (the contract's BacktestResult, success case). */
export type BacktestReport = Extract<BacktestResult, { ok: true }>;
export type BacktestEvent = BacktestReport['events'][number];

const BUNDLED_LAST_DAY = '2025-11-19';
const DEFAULT_WINDOW_DAYS = 365;

/** A backtest of the open strategy over a chosen window of the stored daily history. */
export class BacktestRunner {
  from = $state(shiftIsoDay(BUNDLED_LAST_DAY, -DEFAULT_WINDOW_DAYS));
  to = $state(BUNDLED_LAST_DAY);
  /** First and last day any stored price series covers (limits of the date inputs). */
  firstDay = $state<string | null>(null);
  lastDay = $state<string | null>(null);
  result = $state.raw<BacktestResult | null>(null);
  problem = $state<string | null>(null);
  running = $state(false);
  /** Document text the result belongs to. */
  ranFor = $state<string | null>(null);

  readonly #api: ApiClient;
  #sequence = 0;

  constructor(api: ApiClient) {
    this.#api = api;
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
    } catch {
      // Keep the bundled-data defaults; a run still reports any real problem.
    }
  }

  async run(document: ValidDocument): Promise<void> {
    const sequence = ++this.#sequence;
    this.running = true;
    try {
      const result = await this.#api.call('backtest.run', {
        strategy: document.strategy,
        from: this.from,
        to: this.to,
      });
      if (sequence !== this.#sequence) return;
      this.result = result;
      this.problem = null;
      this.ranFor = document.text;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.result = null;
      this.problem = describe(error);
    } finally {
      if (sequence === this.#sequence) this.running = false;
    }
  }
}

/** A refused input: drop the "invalid input for backtest.run: " prefix, keep the reason. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof ApiError && error.code === 'VALIDATION'
    ? message.replace(/^invalid input for [\w.]+: /, '')
    : message;
}

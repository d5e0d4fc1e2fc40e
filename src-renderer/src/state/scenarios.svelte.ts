import type { EngineIssue, LimitsOutcome, ScenarioRow } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import type { ValidDocument } from './evaluation.svelte';
import { isStale, latestKeptRun, originOf, type ResultOrigin, type RunOwner } from './kept-runs';

/**
 * The named crisis windows replayed for the open strategy (`scenarios.run`). Re-run when the
 * strategy changes while the tab is open; an answer for an older version is dropped. With an
 * owner (the open draft) each replay is kept with the draft and the newest reopens with it.
 */
export class ScenarioRunner {
  rows = $state.raw<ScenarioRow[]>([]);
  /** The limits the rows were checked against and what breaks them (null: a run kept before limits). */
  limits = $state.raw<LimitsOutcome | null>(null);
  /** The strategy itself is invalid: nothing could be replayed. */
  errors = $state.raw<EngineIssue[]>([]);
  problem = $state<string | null>(null);
  running = $state(false);
  /** The strategy the rows belong to, and when they ran. */
  origin = $state.raw<ResultOrigin | null>(null);

  readonly #api: ApiClient;
  readonly #owner: RunOwner | null;
  #sequence = 0;

  constructor(api: ApiClient, owner: RunOwner | null = null) {
    this.#api = api;
    this.#owner = owner;
  }

  /** Reopens the draft's newest kept replay (unless rows are shown or a replay is under way). */
  async restore(): Promise<void> {
    if (!this.#owner) return;
    const sequence = this.#sequence;
    const kept = await latestKeptRun(this.#api, this.#owner.draftId, 'scenarios');
    if (!kept || sequence !== this.#sequence || this.origin !== null) return;
    this.rows = kept.result.rows;
    this.limits = kept.result.limits ?? null;
    this.errors = [];
    this.origin = originOf(kept.strategy, true, kept.createdAt);
  }

  async run(document: ValidDocument): Promise<void> {
    if (this.origin !== null && !isStale(this.origin, document.strategy)) return;
    const sequence = ++this.#sequence;
    this.running = true;
    try {
      const owner = this.#owner;
      const result = await this.#api.call('scenarios.run', {
        strategy: document.strategy,
        ...(owner ? { keep: { draftId: owner.draftId, revision: owner.revision() } } : {}),
      });
      if (sequence !== this.#sequence) return;
      this.rows = result.ok ? result.rows : [];
      this.limits = result.limits ?? null;
      this.errors = result.ok ? [] : result.errors;
      this.problem = null;
      this.origin = originOf(document.strategy);
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      if (sequence === this.#sequence) this.running = false;
    }
  }
}

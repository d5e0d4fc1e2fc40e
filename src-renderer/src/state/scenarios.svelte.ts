import type { EngineIssue, ScenarioRow } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import type { ValidDocument } from './evaluation.svelte';

/**
 * The named crisis windows replayed for the open strategy (`scenarios.run`). Re-run when the
 * strategy changes while the tab is open; an answer for an older version is dropped.
 */
export class ScenarioRunner {
  rows = $state.raw<ScenarioRow[]>([]);
  /** The strategy itself is invalid: nothing could be replayed. */
  errors = $state.raw<EngineIssue[]>([]);
  problem = $state<string | null>(null);
  running = $state(false);
  /** Document text the rows belong to. */
  ranFor = $state<string | null>(null);

  readonly #api: ApiClient;
  #sequence = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async run(document: ValidDocument): Promise<void> {
    if (document.text === this.ranFor) return;
    const sequence = ++this.#sequence;
    this.running = true;
    try {
      const result = await this.#api.call('scenarios.run', { strategy: document.strategy });
      if (sequence !== this.#sequence) return;
      this.rows = result.ok ? result.rows : [];
      this.errors = result.ok ? [] : result.errors;
      this.problem = null;
      this.ranFor = document.text;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      if (sequence === this.#sequence) this.running = false;
    }
  }
}

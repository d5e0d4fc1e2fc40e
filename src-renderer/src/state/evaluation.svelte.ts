import type { Evaluation, StrategyDocument } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';

/** The document the figures on screen describe, with its JSON text (for "ran for" checks). */
export interface ValidDocument {
  text: string;
  strategy: StrategyDocument;
}

/**
 * Live evaluation of the open document: every change is sent to `engine.evaluate` at once (no
 * debounce: evaluate takes well under a millisecond in main); answers that arrive out of order
 * are dropped. While the JSON view holds text that does not parse, the figures stay, marked stale.
 */
export class LiveEvaluation {
  current = $state.raw<Evaluation | null>(null);
  document = $state.raw<ValidDocument | null>(null);
  /** The JSON view's text does not parse: `current` describes the last document that did. */
  stale = $state(false);
  problem = $state<string | null>(null);
  /** Set when the answer for `document` has arrived (the bench waits on it). */
  settledFor = $state.raw<StrategyDocument | null>(null);

  readonly #api: ApiClient;
  #sequence = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** Evaluates `strategy` now; a no-op for the document already evaluated. */
  update(strategy: StrategyDocument): void {
    if (this.document?.strategy === strategy) return;
    const document = { text: JSON.stringify(strategy), strategy };
    this.document = document;
    const sequence = ++this.#sequence;
    void this.#api.call('engine.evaluate', { strategy }).then(
      (evaluation) => {
        if (sequence !== this.#sequence) return;
        this.current = evaluation;
        this.problem = null;
        this.settledFor = strategy;
      },
      (error: unknown) => {
        if (sequence !== this.#sequence) return;
        this.problem = error instanceof Error ? error.message : String(error);
        this.settledFor = strategy;
      },
    );
  }

  dispose(): void {
    this.#sequence++;
  }
}

import type { Evaluation, StrategyDocument, WithLimits } from '../../../src-main/contract/index';
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
 * With what-if prices set (`setPrice`), `current` is the same entered position valued at those
 * prices (`engine.evaluate { at }`): every figure moves, nothing is re-entered.
 */
export class LiveEvaluation {
  /** With the limits in force and their breaches (`limits`, see src-main/engine/limits). */
  current = $state.raw<WithLimits<Evaluation> | null>(null);
  document = $state.raw<ValidDocument | null>(null);
  /** The JSON view's text does not parse: `current` describes the last document that did. */
  stale = $state(false);
  problem = $state<string | null>(null);
  /** Set when the answer for `document` has arrived (the bench waits on it). */
  settledFor = $state.raw<StrategyDocument | null>(null);
  /** What-if USD prices by asset (empty: the strategy's own prices). */
  at = $state.raw<Record<string, string>>({});

  readonly #api: ApiClient;
  #sequence = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** Evaluates `strategy` now; a no-op for the document already evaluated. */
  update(strategy: StrategyDocument): void {
    if (this.document?.strategy === strategy) return;
    this.document = { text: JSON.stringify(strategy), strategy };
    this.#run(strategy);
  }

  /** Sets (or with null clears) one what-if price and re-evaluates the same document at once. */
  setPrice(asset: string, priceUsd: string | null): void {
    const next = { ...this.at };
    if (priceUsd === null) delete next[asset];
    else next[asset] = priceUsd;
    this.at = next;
    if (this.document) this.#run(this.document.strategy);
  }

  /** Evaluates the same document again (the global limits changed: main merges them in). */
  refresh(): void {
    if (this.document) this.#run(this.document.strategy);
  }

  clearPrices(): void {
    this.at = {};
    if (this.document) this.#run(this.document.strategy);
  }

  #run(strategy: StrategyDocument): void {
    const sequence = ++this.#sequence;
    void this.#evaluate(strategy, this.at).then(
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

  async #evaluate(
    strategy: StrategyDocument,
    at: Record<string, string>,
  ): Promise<WithLimits<Evaluation>> {
    if (Object.keys(at).length === 0) return this.#api.call('engine.evaluate', { strategy });
    const evaluation = await this.#api.call('engine.evaluate', { strategy, at });
    // An edit removed an asset that had a what-if price: drop that price, keep the others.
    const gone = evaluation.errors.flatMap((e) =>
      e.code === 'AT_PRICE_UNKNOWN_ASSET' && e.field ? [e.field.replace(/^at\./, '')] : [],
    );
    if (gone.length === 0) return evaluation;
    const kept = Object.fromEntries(Object.entries(at).filter(([k]) => !gone.includes(k)));
    if (this.at === at) this.at = kept;
    return this.#evaluate(strategy, kept);
  }

  dispose(): void {
    this.#sequence++;
  }
}

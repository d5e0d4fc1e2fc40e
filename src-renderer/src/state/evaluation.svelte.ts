import type { Evaluation, StrategyDocument } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import { parseDocument } from './editor.svelte';

/** The last document text that parsed as a JSON object, with its parsed value. */
export interface ValidDocument {
  text: string;
  strategy: StrategyDocument;
}

/**
 * Live evaluation of the draft being edited: every settled edit (debounced) that parses as JSON is
 * sent to `engine.evaluate`; answers that arrive out of order are dropped. While the text does not
 * parse, the last evaluation stays on screen, marked stale. With what-if prices set (`setPrice`),
 * `current` is the same position valued at those prices (`engine.evaluate { at }`): every figure
 * moves, nothing is re-entered.
 */
export class LiveEvaluation {
  current = $state.raw<Evaluation | null>(null);
  document = $state.raw<ValidDocument | null>(null);
  /** The text in the editor does not parse: `current` describes an earlier version. */
  stale = $state(false);
  problem = $state<string | null>(null);
  /** What-if USD prices by asset (empty: the strategy's own prices). */
  at = $state.raw<Record<string, string>>({});

  readonly #api: ApiClient;
  /** The `at` the current evaluation was asked with, as JSON. */
  #evaluatedAt = '{}';
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sequence = 0;

  constructor(api: ApiClient, options: { delayMs: number }) {
    this.#api = api;
    this.#delayMs = options.delayMs;
  }

  /** Call with the editor's text after every change; the first call evaluates at once. */
  schedule(text: string): void {
    clearTimeout(this.#timer);
    if (this.document === null && this.current === null) {
      void this.#evaluate(text);
      return;
    }
    this.#timer = setTimeout(() => void this.#evaluate(text), this.#delayMs);
  }

  /** Sets (or with null clears) one what-if price and re-evaluates at once. */
  setPrice(asset: string, priceUsd: string | null): void {
    const next = { ...this.at };
    if (priceUsd === null) delete next[asset];
    else next[asset] = priceUsd;
    this.at = next;
    if (this.document) void this.#evaluate(this.document.text);
  }

  clearPrices(): void {
    this.at = {};
    if (this.document) void this.#evaluate(this.document.text);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#sequence++;
  }

  async #evaluate(text: string): Promise<void> {
    const parsed = parseDocument(text);
    if (typeof parsed === 'string') {
      this.stale = true;
      return;
    }
    this.stale = false;
    const at = this.at;
    const atKey = JSON.stringify(at);
    if (this.document?.text === text && this.#evaluatedAt === atKey) return;
    // Only a new text is a new document (what depends on the document does not re-run for a price).
    if (this.document?.text !== text) this.document = { text, strategy: parsed };
    this.#evaluatedAt = atKey;
    const sequence = ++this.#sequence;
    try {
      const moved = Object.keys(at).length > 0;
      let evaluation = await this.#api.call(
        'engine.evaluate',
        moved ? { strategy: parsed, at } : { strategy: parsed },
      );
      // An edit removed an asset that had a what-if price: drop that price, keep the others.
      const gone = evaluation.errors.flatMap((e) =>
        e.code === 'AT_PRICE_UNKNOWN_ASSET' && e.field ? [e.field.replace(/^at\./, '')] : [],
      );
      if (gone.length > 0 && sequence === this.#sequence) {
        const kept = Object.fromEntries(Object.entries(at).filter(([k]) => !gone.includes(k)));
        this.at = kept;
        this.#evaluatedAt = JSON.stringify(kept);
        evaluation = await this.#api.call('engine.evaluate', { strategy: parsed, at: kept });
      }
      if (sequence !== this.#sequence) return;
      this.current = evaluation;
      this.problem = null;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }
}

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
 * parse, the last evaluation stays on screen, marked stale.
 */
export class LiveEvaluation {
  current = $state.raw<Evaluation | null>(null);
  document = $state.raw<ValidDocument | null>(null);
  /** The text in the editor does not parse: `current` describes an earlier version. */
  stale = $state(false);
  problem = $state<string | null>(null);

  readonly #api: ApiClient;
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
    if (this.document?.text === text) return;
    this.document = { text, strategy: parsed };
    const sequence = ++this.#sequence;
    try {
      const evaluation = await this.#api.call('engine.evaluate', { strategy: parsed });
      if (sequence !== this.#sequence) return;
      this.current = evaluation;
      this.problem = null;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }
}

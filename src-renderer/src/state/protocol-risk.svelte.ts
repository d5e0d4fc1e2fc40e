import type { ProtocolRiskResult } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import type { ValidDocument } from './evaluation.svelte';

/** Protocol-failure risk of the open strategy (`risk.protocol`), asked again when it changes. */
export class ProtocolRiskRunner {
  result = $state.raw<ProtocolRiskResult | null>(null);
  problem = $state<string | null>(null);
  running = $state(false);

  readonly #api: ApiClient;
  #sequence = 0;
  #ranFor: string | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async run(document: ValidDocument): Promise<void> {
    if (document.text === this.#ranFor) return;
    this.#ranFor = document.text;
    const sequence = ++this.#sequence;
    this.running = true;
    try {
      const result = await this.#api.call('risk.protocol', { strategy: document.strategy });
      if (sequence !== this.#sequence) return;
      this.result = result;
      this.problem = null;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.#ranFor = null;
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      if (sequence === this.#sequence) this.running = false;
    }
  }
}

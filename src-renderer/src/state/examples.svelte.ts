import type { ExampleStrategy } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';

/** The worked example strategies shipped with the app, loaded once on first use. */
export class ExamplesStore {
  items = $state.raw<ExampleStrategy[]>([]);
  loading = $state(false);
  problem = $state<string | null>(null);

  readonly #api: ApiClient;
  #loaded: Promise<void> | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  load(): Promise<void> {
    this.#loaded ??= this.#fetch();
    return this.#loaded;
  }

  async #fetch(): Promise<void> {
    this.loading = true;
    try {
      this.items = await this.#api.call('engine.examples', {});
      this.problem = null;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      this.#loaded = null; // let the next open retry
    } finally {
      this.loading = false;
    }
  }
}

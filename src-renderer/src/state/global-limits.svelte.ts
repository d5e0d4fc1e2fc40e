import type { LimitKey, StrategyLimits } from '../../../src-main/contract/index';
import { api, type ApiClient } from '../lib/api';
import { cleanLimits } from '../lib/limits';

/**
 * The app's global risk limits (settings key `limits`); each draft's own `limits` override them
 * key by key, merged in main. One instance for the app; forms in the inspector and the settings
 * dialog share it. `revision` counts changes so views can re-evaluate.
 */
export class GlobalLimits {
  value = $state.raw<StrategyLimits>({});
  problem = $state<string | null>(null);
  revision = $state(0);
  /** The settings dialog for these is open. */
  dialogOpen = $state(false);
  readonly #api: ApiClient;
  #loading: Promise<void> | null = null;

  constructor(client: ApiClient) {
    this.#api = client;
  }

  load(): Promise<void> {
    this.#loading ??= this.#api.call('settings.get', {}).then(
      (s) => {
        this.value = s.limits;
      },
      (error: unknown) => {
        this.#loading = null;
        this.problem = error instanceof Error ? error.message : String(error);
      },
    );
    return this.#loading;
  }

  async set(key: LimitKey, value: string | undefined): Promise<void> {
    const next = cleanLimits({ ...this.value, [key]: value });
    try {
      const saved = await this.#api.call('settings.set', { patch: { limits: next } });
      this.value = saved.limits;
      this.problem = null;
      this.revision++;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }
}

export const globalLimits = new GlobalLimits(api);

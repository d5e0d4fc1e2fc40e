import type { MarketInput } from '../../../src-main/contract/index';
import type { AssetDefinition } from './document/asset-commands';
import type { ApiClient } from '../lib/api';

/** One market preset from resources/presets/markets.json, with where its values come from. */
export interface MarketPreset {
  market: MarketInput;
  /** Source notes by parameter group (asset symbol, "fees", "emode"…). */
  sources: Record<string, string>;
  notes: string | null;
  /** When the values were read (ISO day). */
  retrieved: string | null;
  /** E-mode categories a lending preset offers (the market form's e-mode choice). */
  eModeCategories: EModeChoice[];
}

export interface EModeChoice {
  label: string;
  assets: string[];
  ltv: string;
  liquidationThreshold: string;
  liquidationBonus: string;
  source?: string;
}

/** The market as it goes into a strategy: the preset's parameters plus where they come from. */
export function marketFromPreset(preset: MarketPreset): MarketInput {
  return {
    ...preset.market,
    source: {
      ...(preset.retrieved ? { retrieved: preset.retrieved } : {}),
      notes: {
        ...preset.sources,
        ...(preset.notes ? { general: preset.notes.slice(0, 2000) } : {}),
      },
    },
  } as MarketInput;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the `engine.presets` answer defensively (it is typed `unknown` in the contract). */
export function readPresets(value: unknown): MarketPreset[] {
  if (!isRecord(value) || !Array.isArray(value['markets'])) return [];
  const retrieved = typeof value['retrieved'] === 'string' ? value['retrieved'] : null;
  return value['markets'].flatMap((entry: unknown) => {
    if (!isRecord(entry) || !isRecord(entry['market'])) return [];
    const market = entry['market'] as unknown as MarketInput;
    if (typeof market.id !== 'string' || typeof market.kind !== 'string') return [];
    const sources: Record<string, string> = {};
    if (isRecord(entry['sources'])) {
      for (const [k, v] of Object.entries(entry['sources']))
        if (typeof v === 'string') sources[k] = v;
    }
    return [
      {
        market,
        sources,
        notes: typeof entry['notes'] === 'string' ? entry['notes'] : null,
        retrieved: typeof entry['retrieved'] === 'string' ? entry['retrieved'] : retrieved,
        eModeCategories: Array.isArray(entry['eModeCategories'])
          ? (entry['eModeCategories'] as unknown[]).filter(isRecord).map((c) => {
              const { id: _id, ...rest } = c;
              return rest as unknown as EModeChoice;
            })
          : [],
      },
    ];
  });
}

/** A token definition shipped with the presets (Lido's stETH and wstETH), and its sources. */
export interface AssetPreset {
  symbol: string;
  info: AssetDefinition;
  sources: Record<string, string>;
  read: string | null;
}

/** Reads the `assets` of the `engine.presets` answer defensively, as `readPresets` the markets. */
export function readAssetPresets(value: unknown): AssetPreset[] {
  if (!isRecord(value) || !Array.isArray(value['assets'])) return [];
  return value['assets'].flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry['symbol'] !== 'string' || !isRecord(entry['info'])) {
      return [];
    }
    const info = entry['info'] as unknown as AssetDefinition;
    if (typeof info.kind !== 'string') return [];
    const sources: Record<string, string> = {};
    if (isRecord(entry['sources'])) {
      for (const [k, v] of Object.entries(entry['sources']))
        if (typeof v === 'string') sources[k] = v;
    }
    const read = typeof entry['read'] === 'string' ? entry['read'] : null;
    return [{ symbol: entry['symbol'], info, sources, read }];
  });
}

/** The market presets shipped with the app, loaded once. */
export class PresetsStore {
  items = $state.raw<MarketPreset[]>([]);
  assets = $state.raw<AssetPreset[]>([]);
  problem = $state<string | null>(null);
  readonly #api: ApiClient;
  #loaded: Promise<void> | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  load(): Promise<void> {
    this.#loaded ??= this.#api.call('engine.presets', {}).then(
      (value) => {
        this.items = readPresets(value);
        this.assets = readAssetPresets(value);
        this.problem = null;
      },
      (error: unknown) => {
        this.problem = error instanceof Error ? error.message : String(error);
        this.#loaded = null;
      },
    );
    return this.#loaded;
  }
}

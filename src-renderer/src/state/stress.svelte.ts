import type { AssetWithCoverage, OpInput, StressResult } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import type { StressAssets } from '../lib/strategy-facts';
import type { ValidDocument } from './evaluation.svelte';

export type StressAxisInput = OpInput<'risk.stress'>['axes'][number];
type Slot = 'price' | 'peg' | 'cross';

/**
 * Coarser axes for the two-axis grid, so a heatmap fits the panel: 11 price moves × 11 peg ratios
 * (the one-axis grids use the defaults of src-main/risk/stress.ts: 33 moves, 21 ratios).
 */
export const HEATMAP_SHOCKS = [-0.7, -0.6, -0.5, -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.25, 0.5];
export const HEATMAP_RATIOS = [1, 0.98, 0.96, 0.94, 0.92, 0.9, 0.88, 0.86, 0.84, 0.82, 0.8];

/** "price:ETH" / "peg:USDC": a second axis as the select keeps it. */
export type AxisKey = `${'price' | 'peg'}:${string}`;

export function axisLabel(key: AxisKey): string {
  const [kind, asset] = key.split(':') as ['price' | 'peg', string];
  return kind === 'price' ? `${asset} price` : `${asset} peg`;
}

/**
 * Stress grids of the open strategy (`risk.stress`): a one-asset price grid, a depeg grid when the
 * strategy holds a pegged asset, and optionally the price axis crossed with a second axis. Each
 * grid is asked again only when its strategy text or axes change; late answers are dropped.
 */
export class StressRunner {
  priceAsset = $state<string | null>(null);
  pegAsset = $state<string | null>(null);
  /** The second axis of the two-axis grid; null: no two-axis grid. */
  cross = $state<AxisKey | null>(null);
  /** The app's asset registry (kinds and pegs of known symbols); null until loaded. */
  registry = $state.raw<AssetWithCoverage[] | null>(null);

  grids = $state.raw<Record<Slot, StressResult | null>>({ price: null, peg: null, cross: null });
  problem = $state<string | null>(null);
  running = $state(false);

  readonly #api: ApiClient;
  readonly #asked: Record<Slot, string | null> = { price: null, peg: null, cross: null };
  readonly #sequence: Record<Slot, number> = { price: 0, peg: 0, cross: 0 };

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async loadRegistry(): Promise<void> {
    try {
      this.registry = await this.#api.call('prices.assets', {});
    } catch {
      // Without it every unknown symbol counts as volatile; the stress itself still works.
      this.registry = [];
    }
  }

  /** Keeps the selections among the strategy's candidates (first candidate by default). */
  choose(assets: StressAssets): void {
    if (this.priceAsset === null || !assets.price.includes(this.priceAsset))
      this.priceAsset = assets.price[0] ?? null;
    if (this.pegAsset === null || !assets.peg.includes(this.pegAsset))
      this.pegAsset = assets.peg[0] ?? null;
    if (this.cross !== null && !crossOptions(assets, this.priceAsset).includes(this.cross))
      this.cross = null;
  }

  async refresh(document: ValidDocument): Promise<void> {
    const price = this.priceAsset;
    const axes: Record<Slot, StressAxisInput[] | null> = {
      price: price ? [{ kind: 'price', asset: price }] : null,
      peg: this.pegAsset ? [{ kind: 'peg', asset: this.pegAsset }] : null,
      cross: price && this.cross ? [heatmapAxis(`price:${price}`), heatmapAxis(this.cross)] : null,
    };
    const slots = (Object.keys(axes) as Slot[]).filter((slot) => {
      const key = axes[slot] ? document.text + JSON.stringify(axes[slot]) : null;
      if (key === this.#asked[slot]) return false;
      this.#asked[slot] = key;
      return true;
    });
    if (slots.length === 0) return;
    this.running = true;
    await Promise.all(slots.map((slot) => this.#ask(slot, document, axes[slot])));
    this.running = false;
  }

  async #ask(slot: Slot, document: ValidDocument, axes: StressAxisInput[] | null): Promise<void> {
    const sequence = ++this.#sequence[slot];
    if (axes === null) {
      this.grids = { ...this.grids, [slot]: null };
      return;
    }
    try {
      const grid = await this.#api.call('risk.stress', { strategy: document.strategy, axes });
      if (sequence !== this.#sequence[slot]) return;
      this.grids = { ...this.grids, [slot]: grid };
      this.problem = null;
    } catch (error) {
      if (sequence !== this.#sequence[slot]) return;
      this.#asked[slot] = null;
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }
}

/** Second axes for the two-axis grid: every other candidate axis. */
export function crossOptions(assets: StressAssets, priceAsset: string | null): AxisKey[] {
  return [
    ...assets.price.filter((a) => a !== priceAsset).map((a): AxisKey => `price:${a}`),
    ...assets.peg.map((a): AxisKey => `peg:${a}`),
  ];
}

function heatmapAxis(key: AxisKey): StressAxisInput {
  const [kind, asset] = key.split(':') as ['price' | 'peg', string];
  return kind === 'price'
    ? { kind, asset, shocks: HEATMAP_SHOCKS }
    : { kind, asset, ratios: HEATMAP_RATIOS };
}

import type { Evaluation, StressResult } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import type { ValidDocument } from './evaluation.svelte';

/** Price moves of the health-factor curve: −80 % … +100 % in 41 steps (`risk.stress` takes ≤ 60). */
export const CURVE_SHOCKS = Array.from({ length: 41 }, (_, i) => -0.8 + (1.8 * i) / 40);

/** How long edits must pause before the curves are asked again. */
export const QUIET_MS = 200;

export interface HealthCurve {
  asset: string;
  /** Price multiples of the current price and the lowest health factor there (null: no debt). */
  points: { multiple: number; healthFactor: number | null; liquidated: boolean }[];
}

/**
 * The health factor against each volatile collateral's price (the others held), from the stress
 * grid of `risk.stress`: one price axis per volatile liquidation variable (ETH for WETH, wstETH).
 * Asked again when the strategy text changes, once edits pause for QUIET_MS; late answers are
 * dropped. The grids share the live evaluation's worker lane (src-main/services/compute/pool.ts)
 * and cost several evaluations each: asked on every keystroke, each next keystroke's evaluation
 * waited behind the last one's curves.
 */
export class HealthCurves {
  curves = $state.raw<HealthCurve[]>([]);
  problem = $state<string | null>(null);

  readonly #api: ApiClient;
  #asked: string | null = null;
  #sequence = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** Asks for the curves of `document` once no newer document has come for QUIET_MS. */
  refresh(document: ValidDocument, evaluation: Evaluation): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.ask(document, evaluation), QUIET_MS);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#sequence++;
  }

  async ask(document: ValidDocument, evaluation: Evaluation): Promise<void> {
    const assets = volatileCollateral(evaluation);
    const key = document.text + assets.join(',');
    if (key === this.#asked) return;
    this.#asked = key;
    const sequence = ++this.#sequence;
    if (assets.length === 0 || evaluation.healthFactor.noDebt) {
      this.curves = [];
      return;
    }
    try {
      const grids = await Promise.all(
        assets.map((asset) =>
          this.#api.call('risk.stress', {
            strategy: document.strategy,
            axes: [{ kind: 'price', asset, shocks: CURVE_SHOCKS }],
          }),
        ),
      );
      if (sequence !== this.#sequence) return;
      this.curves = grids.flatMap((grid, i) => curveOf(assets[i] as string, grid));
      this.problem = null;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.#asked = null;
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }
}

/** Lending liquidation variables that are volatile prices (not a perp, not a stable's depeg). */
export function volatileCollateral(evaluation: Evaluation): string[] {
  const volatile = evaluation.priceInputs
    .filter((p) => p.control === 'price' && p.assetKind !== 'stable')
    .map((p) => p.asset);
  return Object.keys(evaluation.liquidationPrice).filter(
    (key) => !key.startsWith('perp:') && volatile.includes(key),
  );
}

function curveOf(asset: string, grid: StressResult): HealthCurve[] {
  if (!grid.ok) return [];
  return [
    {
      asset,
      points: grid.points.map((p) => ({
        multiple: p.values[0] ?? 1,
        healthFactor: p.healthFactor,
        liquidated: p.liquidated,
      })),
    },
  ];
}

import { z } from 'zod';
import type { Strategy } from '../engine/format/schema';
import { assetInfoFromStrategy, pegsFromStrategy, pegRatio, USD } from '../engine/prices';
import { DAYS_PER_YEAR } from './estimate';
import {
  DEPEG_CALIBRATION,
  type DepegClass,
  type DepegParams,
  type PeggedFactorSpec,
} from './models/depeg';

const DepegParamsInput = z
  .object({
    eventsPerYear: z.number().min(0).max(365),
    depth: z.number().min(0).lt(1),
    halfLifeDays: z.number().min(0.1).max(36_500),
  })
  .partial()
  .strict();

/**
 * How stablecoins and liquid-staking tokens move in the Monte Carlo:
 * - `calibrated` (default): pegged to their anchor with depeg jumps calibrated from the bundled
 *   history (models/depeg.ts), per-asset overrides in `assets`;
 * - `none`: a hard peg (no jumps);
 * - `free`: the pre-peg behaviour, a random walk fitted to the asset's own history.
 * `stress` forces a depeg of `depth` on every path after day `day`, recovering at `halfLifeDays`
 * (default: never), on `assets` (default every pegged asset).
 */
export const DepegOptions = z
  .object({
    mode: z.enum(['calibrated', 'none', 'free']).default('calibrated'),
    assets: z.record(z.string(), DepegParamsInput).default({}),
    stress: z
      .object({
        assets: z.array(z.string().min(1).max(40)).min(1).max(20).optional(),
        depth: z.number().gt(0).lt(1),
        day: z.number().int().min(1).max(3650).default(1),
        halfLifeDays: z.number().min(0.1).max(36_500).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .default({ mode: 'calibrated', assets: {} });
export type DepegOptions = z.output<typeof DepegOptions>;

export interface PeggedAsset {
  asset: string;
  /** The simulated asset it follows (null: a constant one, USD). */
  anchor: string | null;
  spec: Omit<PeggedFactorSpec, 'anchor'>;
}

export interface PegPlan {
  pegged: PeggedAsset[];
  report: {
    mode: DepegOptions['mode'];
    assets: Record<
      string,
      {
        anchor: string;
        class: DepegClass | null;
        eventsPerYear: number;
        depth: number;
        halfLifeDays: number;
      }
    >;
    stress: { assets: string[]; depth: number; day: number; halfLifeDays: number | null } | null;
  };
}

/**
 * Which candidate assets the depeg model moves, in an order where each anchor comes first. An asset
 * is pegged when it is a stablecoin or liquid-staking token with a peg chain, unless the user set
 * its volatility (then it is a free factor, as asked) or the mode is `free`. Its anchor is the
 * first asset up the chain that is simulated (a base factor or an earlier pegged one), else none.
 * Jumps apply when the part of the chain it stands for holds a 1:1 peg of a stablecoin or
 * liquid-staking token; a pure exchange-rate link (wstETH on a simulated stETH) only grows.
 */
export function planPegs({
  strategy,
  candidates,
  options,
}: {
  strategy: Pick<Strategy, 'assets'>;
  candidates: readonly string[];
  options: {
    model: 'gbm' | 'bootstrap';
    depeg: DepegOptions;
    gbm: { assets: Record<string, { volAnnual?: number | undefined }> };
  };
}): PegPlan {
  const { depeg } = options;
  const report: PegPlan['report'] = { mode: depeg.mode, assets: {}, stress: null };
  if (depeg.mode === 'free') return { pegged: [], report };
  const info = assetInfoFromStrategy(strategy);
  const pegs = pegsFromStrategy(strategy);
  const classOf = (a: string): DepegClass | null => {
    const kind = info.get(a)?.kind;
    return kind === 'stable' ? 'stablecoin' : kind === 'liquid-staking' ? 'liquid-staking' : null;
  };
  const userFree = (a: string) =>
    options.model === 'gbm' && options.gbm.assets[a]?.volAnnual !== undefined;
  const isPegged = (a: string) =>
    classOf(a) !== null && pegs.has(a) && a !== USD && !userFree(a) && chainOk(a);
  function chainOk(a: string): boolean {
    let current = a;
    for (let depth = 0; depth < 8; depth++) {
      const peg = pegs.get(current);
      if (!peg) return true;
      if (!pegRatio(peg)) return false;
      current = peg.asset;
    }
    return false;
  }
  const chosen = new Set(candidates.filter(isPegged));
  const simulated = (a: string) => candidates.includes(a) && !chosen.has(a) && a !== USD;

  const pegged: PeggedAsset[] = [];
  const placed = new Set<string>();
  const place = (asset: string, visiting: Set<string>) => {
    if (placed.has(asset) || visiting.has(asset)) return;
    visiting.add(asset);
    let current = asset;
    let growth = 1;
    let jumpClass: DepegClass | null = null;
    let anchor: string | null = null;
    for (let depth = 0; depth < 8; depth++) {
      const peg = pegs.get(current)!;
      if (peg.kind === 'one-to-one') jumpClass ??= classOf(current);
      else growth *= 1 + Number(peg.exchangeRateAprGrowth ?? '0') / DAYS_PER_YEAR;
      const next = peg.asset;
      if (chosen.has(next)) {
        place(next, visiting);
        anchor = next;
        break;
      }
      if (simulated(next)) {
        anchor = next;
        break;
      }
      if (!pegs.has(next)) break; // a root nobody simulates (USD): constant
      current = next;
    }
    const jumps = jumpClass && depeg.mode === 'calibrated' ? jumpParams(asset, jumpClass) : null;
    const stressed =
      depeg.stress && (depeg.stress.assets ?? [...chosen]).includes(asset) ? depeg.stress : null;
    pegged.push({
      asset,
      anchor,
      spec: {
        ratioGrowthPerDay: growth,
        jumps,
        stress: stressed
          ? {
              day: stressed.day,
              depth: stressed.depth,
              halfLifeDays: stressed.halfLifeDays ?? Infinity,
            }
          : null,
      },
    });
    placed.add(asset);
    report.assets[asset] = {
      anchor: anchor ?? rootOf(asset),
      class: jumps ? jumpClass : null,
      eventsPerYear: jumps?.eventsPerYear ?? 0,
      depth: jumps?.depth ?? 0,
      halfLifeDays: jumps?.halfLifeDays ?? 0,
    };
  };
  function rootOf(a: string): string {
    let current = a;
    for (let depth = 0; depth < 8 && pegs.has(current); depth++) current = pegs.get(current)!.asset;
    return current;
  }
  function jumpParams(asset: string, cls: DepegClass): DepegParams {
    const { eventsPerYear, depth, halfLifeDays } = DEPEG_CALIBRATION[cls];
    return { eventsPerYear, depth, halfLifeDays, ...definedOnly(depeg.assets[asset]) };
  }
  for (const asset of candidates) if (chosen.has(asset)) place(asset, new Set());
  if (depeg.stress) {
    report.stress = {
      assets: pegged.filter((p) => p.spec.stress).map((p) => p.asset),
      depth: depeg.stress.depth,
      day: depeg.stress.day,
      halfLifeDays: depeg.stress.halfLifeDays ?? null,
    };
  }
  return { pegged, report };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

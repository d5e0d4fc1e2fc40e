import type { Strategy } from '../engine/format/schema';
import type { HarvestPlan, PositionState } from '../engine/position';
import { slotKeyOf, type SlotKey } from './lending/account';
import type { LendingLanes } from './lending/lanes';
import type { LpLanes } from './lp';
import type { MarketLanes } from './prices';
import type { Recorder } from './recorder';
import type { StakeLanes } from './stake';
import type { WalletLanes } from './wallet';

/**
 * Harvests: on schedule every pending reward is sold into `sellInto` (swap fee unless it already is
 * that asset), the gas is paid from the proceeds, and the rest is reinvested. A harvest whose
 * rewards would not pay its gas is deferred (rewards keep accruing), as a keeper would.
 * Reinvestment targets: a supply step holding `sellInto` (its lending supply), a stake step staking
 * `sellInto`, an lp step (the position grows by proceeds / value, as if zapped in at the pool's
 * ratio); anything else keeps the proceeds in the wallet.
 */
export const TARGET_NONE = 0;
export const TARGET_SUPPLY = 1;
export const TARGET_LP = 2;
export const TARGET_STAKE = 3;

export interface HarvestLayout {
  stepIds: string[];
  /** Days between harvests (fractional allowed). */
  frequencyDays: Float64Array;
  gasUsd: Float64Array;
  sellInto: Int32Array;
  swapFee: Float64Array;
  targetKind: Uint8Array;
  targetIndex: Int32Array;
  /** The step the proceeds go into (null: the wallet). */
  targetStepIds: (string | null)[];
}

export function compileHarvests(input: {
  harvests: readonly HarvestPlan[];
  strategy: Strategy;
  position: PositionState;
  slotKey: SlotKey;
  indexOf: ReadonlyMap<string, number>;
}): HarvestLayout {
  const { harvests, strategy, position, slotKey, indexOf } = input;
  const lps = [...position.lps.values()];
  const targets = harvests.map((plan) => {
    const step = plan.reinvestInto
      ? strategy.steps.find((s) => s.id === plan.reinvestInto)
      : undefined;
    if (step?.type === 'supply' && step.asset === plan.sellInto) {
      const slot = slotKey.get(slotKeyOf(step.market, step.asset));
      if (slot !== undefined) return { kind: TARGET_SUPPLY, index: slot };
    }
    if (step?.type === 'stake') {
      const index = position.stakes.findIndex((s) => s.stepId === step.id);
      if (index >= 0 && position.stakes[index]!.asset === plan.sellInto) {
        return { kind: TARGET_STAKE, index };
      }
    }
    if (step?.type === 'lp') {
      const index = lps.findIndex((lp) => lp.stepId === step.id);
      if (index >= 0) return { kind: TARGET_LP, index };
    }
    return { kind: TARGET_NONE, index: -1 };
  });
  return {
    stepIds: harvests.map((h) => h.stepId),
    frequencyDays: Float64Array.from(harvests, (h) => h.frequencyDays.toNumber()),
    gasUsd: Float64Array.from(harvests, (h) => h.gasUsd.toNumber()),
    sellInto: Int32Array.from(harvests, (h) => indexOf.get(h.sellInto)!),
    swapFee: Float64Array.from(harvests, (h) => h.swapFeeRate.toNumber()),
    targetKind: Uint8Array.from(targets, (t) => t.kind),
    targetIndex: Int32Array.from(targets, (t) => t.index),
    targetStepIds: harvests.map((h, i) =>
      targets[i]!.kind === TARGET_NONE ? null : (h.reinvestInto ?? null),
    ),
  };
}

/** A plan harvests on day d when a multiple of its frequency falls in (d − 1, d]; at most daily. */
export function harvestDue(frequencyDays: number, day: number): boolean {
  if (!(frequencyDays > 0) || day <= 0) return false;
  if (frequencyDays <= 1) return true;
  return Math.floor(day / frequencyDays) > Math.floor((day - 1) / frequencyDays);
}

export class Harvester {
  constructor(
    readonly c: HarvestLayout,
    private readonly parts: {
      market: MarketLanes;
      stride: number;
      stakes: StakeLanes;
      lending: LendingLanes;
      lps: LpLanes;
      wallet: WalletLanes;
    },
  ) {}

  /** Every harvest due on `day`, on every lane. Returns whether one ran on lane 0 (LPs revalue). */
  run(lanes: number, day: number, rec: Recorder | null): void {
    const c = this.c;
    for (let h = 0; h < c.frequencyDays.length; h++) {
      if (!harvestDue(c.frequencyDays[h]!, day)) continue;
      for (let lane = 0; lane < lanes; lane++) this.harvest(h, lane, day, rec);
    }
  }

  private harvest(h: number, lane: number, day: number, rec: Recorder | null): void {
    const c = this.c;
    const { market, stride: L, stakes, lending, lps, wallet } = this.parts;
    const px = market.px;
    const into = c.sellInto[h]!;
    const sc = stakes.c;
    let grossUsd = 0;
    let netUsd = 0;
    for (let s = 0; s < sc.units.length; s++) {
      const reward = sc.rewardAsset[s]!;
      const usd = stakes.pending[s * L + lane]! * px[reward * L + lane]!;
      grossUsd += usd;
      netUsd += reward === into ? usd : usd * (1 - c.swapFee[h]!);
    }
    if (grossUsd === 0) return;
    netUsd -= c.gasUsd[h]!;
    const intoPrice = px[into * L + lane]!;
    if (!(netUsd > 0) || !(intoPrice > 0)) return;
    for (let s = 0; s < sc.units.length; s++) stakes.pending[s * L + lane] = 0;
    const proceeds = netUsd / intoPrice;
    const index = c.targetIndex[h]!;
    const kind = c.targetKind[h];
    let reinvested = true;
    if (kind === TARGET_SUPPLY) lending.addSupply(index, lane, proceeds);
    else if (kind === TARGET_STAKE) stakes.units[index * L + lane]! += proceeds;
    else if (!(kind === TARGET_LP && lps.reinvest(index, lane, netUsd))) {
      wallet.add(into, lane, proceeds);
      reinvested = false;
    }
    if (rec) {
      rec.totals.gasUsd += c.gasUsd[h]!;
      rec.harvest(day, {
        harvest: h,
        rewardsUsd: grossUsd,
        proceeds,
        gasUsd: c.gasUsd[h]!,
        reinvested,
      });
    }
  }
}

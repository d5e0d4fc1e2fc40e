import { ZERO, type Decimal } from '../engine/decimal';
import { cloneAccount } from '../engine/lending/clone-account';
import type {
  HarvestPlan,
  LendingAccount,
  LpPosition,
  PerpPosition,
  PositionState,
  StakePosition,
} from '../engine/position';
import { lpFloatParams, type LpFloat } from './lp-float';
import type { LazyDecimals } from './pricing';
import type { RateTrack } from './rate-grid';
import type { BacktestEvent } from './types';

/** A lending account being replayed, with its oracle prices and rate tracks. */
export interface AccountReplay {
  account: LendingAccount;
  /** Oracle price per listed asset per day. */
  oracle: Map<string, LazyDecimals>;
  /** Oracle prices of `oracleDay` as Decimals (one map reused, filled when Decimal work is needed). */
  oracleToday: Map<string, Decimal>;
  oracleDay: number;
  supplyTracks: Map<string, RateTrack>;
  borrowTracks: Map<string, RateTrack>;
  /** Effective liquidation threshold per asset (parsed once), and as a float. */
  liquidationThresholds: Map<string, Decimal>;
  liquidationThresholdsFloat: Map<string, number>;
}

export interface LpReplay {
  lp: LpPosition;
  math: LpFloat;
  /** feeApr / 365. */
  feeDaily: number;
  /** Growth of the position from compounded fees and reinvested harvests (1 at entry). */
  scale: number;
  /** Today's value of the liquidity as deposited (before `scale`), USD. */
  baseValueUsd: number;
  /** Today's value of one LP token (with `scale`), USD. */
  tokenUsd: number;
  inRange: boolean;
}

export interface StakeReplay {
  stake: StakePosition;
  /** rewardApr / 365. */
  rewardDaily: number;
  /** Rewards accrued and not yet harvested, reward-asset units. */
  pending: Decimal;
  /** Today's staked value, USD (rewards for the next day accrue on it). */
  valueUsd: number;
}

export interface PerpReplay {
  perp: PerpPosition;
  open: boolean;
}

/** Cumulative flows, USD at the price of the day they happened. */
export interface Totals {
  interestEarnedUsd: number;
  interestPaidUsd: number;
  feesUsd: number;
  rewardsUsd: number;
  fundingUsd: number;
  gasUsd: number;
}

export interface ReplayState {
  wallet: Map<string, Decimal>;
  accounts: AccountReplay[];
  lps: Map<string, LpReplay>;
  stakes: StakeReplay[];
  perps: PerpReplay[];
  harvests: HarvestPlan[];
  totals: Totals;
  events: BacktestEvent[];
}

/** A private copy of the built position: the replay changes balances in place. */
export function initialState(position: PositionState): Omit<ReplayState, 'accounts'> & {
  accounts: LendingAccount[];
} {
  const lps = new Map<string, LpReplay>();
  for (const [token, lp] of position.lps) {
    lps.set(token, {
      lp,
      math: lpFloatParams(lp),
      feeDaily: lp.feeApr.toNumber() / 365,
      scale: 1,
      baseValueUsd: 0,
      tokenUsd: 0,
      inRange: true,
    });
  }
  return {
    wallet: new Map(position.wallet),
    accounts: [...position.lending.values()].map(cloneAccount),
    lps,
    stakes: position.stakes.map((stake) => ({
      stake: { ...stake },
      rewardDaily: stake.rewardApr.toNumber() / 365,
      pending: ZERO,
      valueUsd: 0,
    })),
    perps: position.perps.map((perp) => ({ perp: { ...perp }, open: perp.size.greaterThan(0) })),
    harvests: position.harvests,
    totals: {
      interestEarnedUsd: 0,
      interestPaidUsd: 0,
      feesUsd: 0,
      rewardsUsd: 0,
      fundingUsd: 0,
      gasUsd: 0,
    },
    events: [],
  };
}

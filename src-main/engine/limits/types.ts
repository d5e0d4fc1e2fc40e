import type { StrategyLimits } from '../format/schema';

/** The six limits a user can set (docs/strategy-format.md "Limits"). */
export type LimitKey = keyof StrategyLimits;

export const LIMIT_KEYS: readonly LimitKey[] = [
  'minHealthFactor',
  'maxLeverage',
  'maxLtv',
  'maxLossP99',
  'maxLiquidationProbability',
  'maxProtocolShare',
];

export type { StrategyLimits };

/** A limit in force and where it was set: the draft's own override or the app's global settings. */
export interface EffectiveLimit {
  value: string;
  source: 'strategy' | 'settings';
}

export type EffectiveLimits = Partial<Record<LimitKey, EffectiveLimit>>;

/** Which result a breach was found in. */
export type LimitAnalysis = 'evaluation' | 'backtest' | 'scenario' | 'monte-carlo';

/**
 * One change that clears a breach, sized as small as it can be (docs/formulas.md "Risk limits").
 * - `add-collateral`: supply `units` more of `asset` as collateral on `marketId`;
 * - `repay-debt`: repay `units` of the debt `asset` with money from outside the position;
 * - `deleverage`: withdraw collateral worth `usd`, swap it into `asset` and repay `units` of debt;
 * - `move-out`: take `usd` of value out of the protocol's markets.
 * Amounts are rounded up (6 significant digits), so applying the fix clears the breach.
 */
export interface LimitFix {
  kind: 'add-collateral' | 'repay-debt' | 'deleverage' | 'move-out';
  marketId: string | null;
  asset: string | null;
  /** Token units of `asset`; null for `move-out`. */
  units: string | null;
  usd: string;
  message: string;
}

export interface LimitBreach {
  limit: LimitKey;
  analysis: LimitAnalysis;
  /** The figure that breaks the limit, as a decimal string in the limit's own unit. */
  figure: string;
  /** The limit's value. */
  threshold: string;
  source: EffectiveLimit['source'];
  /** The lending market (or, for maxProtocolShare, the largest market of the protocol) responsible. */
  marketId: string | null;
  /** maxProtocolShare: the protocol. */
  protocol: string | null;
  /** The blocks responsible, in chain order (the step after which the figure crossed the limit first). */
  stepIds: string[];
  /** A scenario id, a day, or null. */
  where: string | null;
  message: string;
  /** Smallest changes that clear this breach, when they can be computed; [] otherwise. */
  fixes: LimitFix[];
}

/** What each analysis output carries: the limits it was checked against and what breaks them. */
export interface LimitsOutcome {
  effective: EffectiveLimits;
  breaches: LimitBreach[];
}

/**
 * Risk limits in results (engine/limits): every engine-shaped output of evaluate, backtest,
 * scenarios and the Monte Carlo carries `limits` — the limits in force (the app's global settings
 * merged with the draft's own `limits`) and each breach with its figure, limit, responsible step
 * or market and the smallest fixes. Types only: the renderer imports them through the contract.
 */
export type {
  EffectiveLimit,
  EffectiveLimits,
  LimitAnalysis,
  LimitBreach,
  LimitFix,
  LimitKey,
  LimitsOutcome,
  StrategyLimits,
} from '../engine/limits/types';
import type { LimitsOutcome } from '../engine/limits/types';

/**
 * A result with its limit check attached. Optional in the type: a run kept by an older version
 * (runs.get) has none; every result the handlers compute now carries it.
 */
export type WithLimits<T> = T & { limits?: LimitsOutcome };

import { LIMIT_KEYS, type EffectiveLimits, type StrategyLimits } from './types';

/** The limits in force: the draft's own value for each key it sets, else the global one. */
export function effectiveLimits(
  global: StrategyLimits | undefined,
  draft: StrategyLimits | undefined,
): EffectiveLimits {
  const out: EffectiveLimits = {};
  for (const key of LIMIT_KEYS) {
    const own = draft?.[key];
    const fallback = global?.[key];
    if (own !== undefined) out[key] = { value: own, source: 'strategy' };
    else if (fallback !== undefined) out[key] = { value: fallback, source: 'settings' };
  }
  return out;
}

import { evaluate, type AtPrices } from '../evaluate';
import type { Evaluation } from '../evaluation';
import { parseStrategyLenient } from '../format/parse-lenient';
import { evaluationBreaches } from './evaluation-breaches';
import type { EffectiveLimits, LimitsOutcome } from './types';

export type EvaluationWithLimits = Evaluation & { limits: LimitsOutcome };

/**
 * `evaluate`, with the breaches of `limits` attached. A document the engine cannot read has no
 * figures and so no breaches (its errors say why).
 */
export function evaluateWithLimits(
  input: unknown,
  limits: EffectiveLimits,
  options: { at?: AtPrices } = {},
): EvaluationWithLimits {
  const evaluation = evaluate(input, options);
  const parsed = parseStrategyLenient(input);
  const breaches =
    parsed.ok && evaluation.equityUsd !== null
      ? evaluationBreaches(evaluation, parsed.strategy, limits)
      : [];
  return { ...evaluation, limits: { effective: limits, breaches } };
}

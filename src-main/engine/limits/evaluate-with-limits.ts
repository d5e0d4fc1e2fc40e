import { evaluateParsed, type AtPrices } from '../evaluate';
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
  // One parse for both (a document that makes the parser throw throws here, as it did before).
  const parsed = parseStrategyLenient(input);
  const evaluation = evaluateParsed(parsed, options);
  const breaches =
    parsed.ok && evaluation.equityUsd !== null
      ? evaluationBreaches(evaluation, parsed.strategy, limits)
      : [];
  return { ...evaluation, limits: { effective: limits, breaches } };
}

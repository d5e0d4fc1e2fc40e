import { StrategyLimits } from '../engine/format/schema';
import {
  backtestBreaches,
  chainRefsOfDocument,
  effectiveLimits,
  scenarioBreaches,
  simulationBreaches,
  type BacktestFigures,
  type EffectiveLimits,
  type LimitBreach,
  type ScenarioFigures,
  type SimulationFigures,
} from '../engine/limits';
import type { WithLimits } from '../contract/limits';
import type { Settings } from '../contract/settings';

/**
 * Attaches limit checks to results (engine/limits does the checking). The limits in force are the
 * global ones from settings merged with the draft's own `limits`; a draft value that does not parse
 * is left out here (the engine reports it as a field error on the document).
 */
export class LimitsService {
  readonly #settings: () => Pick<Settings, 'limits'>;

  constructor(settings: () => Pick<Settings, 'limits'>) {
    this.#settings = settings;
  }

  effectiveFor(document: unknown): EffectiveLimits {
    return effectiveLimits(this.#settings().limits, draftLimits(document));
  }

  backtest<R extends { ok: boolean }>(document: unknown, result: R): WithLimits<R> {
    return this.#attach(document, result, (limits, refs) =>
      backtestBreaches(result as unknown as BacktestFigures, limits, refs),
    );
  }

  scenarios<R extends { ok: boolean }>(document: unknown, result: R): WithLimits<R> {
    return this.#attach(document, result, (limits, refs) =>
      scenarioBreaches((result as unknown as { rows: ScenarioFigures[] }).rows, limits, refs),
    );
  }

  simulation<R extends { ok: boolean }>(document: unknown, result: R): WithLimits<R> {
    return this.#attach(document, result, (limits, refs) =>
      simulationBreaches(result as unknown as SimulationFigures, limits, refs),
    );
  }

  #attach<R extends { ok: boolean }>(
    document: unknown,
    result: R,
    check: (limits: EffectiveLimits, refs: ReturnType<typeof chainRefsOfDocument>) => LimitBreach[],
  ): WithLimits<R> {
    const effective = this.effectiveFor(document);
    const breaches = result.ok ? check(effective, chainRefsOfDocument(document)) : [];
    return { ...result, limits: { effective, breaches } };
  }
}

/** The draft's own limits: each key that parses (a bad one is the document's error to report). */
export function draftLimits(document: unknown): StrategyLimits {
  const raw =
    typeof document === 'object' && document !== null
      ? (document as Record<string, unknown>)['limits']
      : undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = StrategyLimits.shape[key as keyof typeof StrategyLimits.shape];
    const parsed = field?.safeParse(value);
    if (parsed?.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as StrategyLimits;
}

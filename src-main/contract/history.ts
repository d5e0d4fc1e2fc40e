import { z } from 'zod';
import type { ScenarioRow } from '../backtest/scenarios';
import type { BacktestResult } from '../backtest/types';
import type { EngineIssue } from '../engine/position';
import { StrategyJson } from './engine';
import { KeepRunInput } from './runs';

/** A day of 1990-01-01 .. 2100-12-31 (the dates the app accepts anywhere; docs/security.md). */
export const IsoDay = z.iso.date().superRefine((day, ctx) => {
  if (day < '1990-01-01' || day > '2100-12-31') {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a day from 1990-01-01 to 2100-12-31',
      params: { code: 'DATE_OUT_OF_RANGE' },
    });
  }
});

/**
 * Backtest options are validated in full by the backtest service (BacktestOptions), which answers
 * with errors naming the field; here only their outer shape is checked.
 */
const Options = z.record(z.string(), z.unknown()).optional();

export const BacktestInput = z
  .object({
    strategy: StrategyJson,
    from: IsoDay,
    to: IsoDay,
    options: Options,
    keep: KeepRunInput.optional(),
  })
  .strict()
  .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['to'] });

export const ScenariosInput = z
  .object({ strategy: StrategyJson, options: Options, keep: KeepRunInput.optional() })
  .strict();

export type ScenariosResult =
  { ok: true; rows: ScenarioRow[] } | { ok: false; errors: EngineIssue[] };

export type { BacktestResult, ScenarioRow };

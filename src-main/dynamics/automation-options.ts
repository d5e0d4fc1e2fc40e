import { z } from 'zod';

const HealthFactor = z.number().finite().gt(1);

/**
 * Automation rules of a lending position, the same for the backtest and the Monte Carlo (validated
 * at the boundary). Health-factor triggers decide *when* to act; lending/automation.ts does the rest.
 */
export const AutomationOptions = z
  .object({
    /** Deleverage (withdraw collateral → swap → repay) to `targetHealthFactor` when HF < trigger. */
    deleverage: z
      .object({ triggerHealthFactor: HealthFactor, targetHealthFactor: HealthFactor })
      .strict()
      .refine((r) => r.targetHealthFactor > r.triggerHealthFactor, {
        message: 'target must be above the trigger',
      })
      .optional(),
    /** Re-leverage (borrow → swap → supply) to `targetHealthFactor` when HF > trigger. */
    releverage: z
      .object({ triggerHealthFactor: HealthFactor, targetHealthFactor: HealthFactor })
      .strict()
      .refine((r) => r.targetHealthFactor < r.triggerHealthFactor, {
        message: 'target must be below the trigger',
      })
      .optional(),
    /** Swap fee paid by automation swaps (fraction of the amount swapped). */
    swapFeeRate: z.number().min(0).lt(1).default(0.0005),
    /** Gas per automation action, USD. */
    gasUsd: z.number().min(0).default(0),
  })
  .strict()
  .refine(
    (a) =>
      !a.deleverage ||
      !a.releverage ||
      a.releverage.targetHealthFactor >= a.deleverage.triggerHealthFactor,
    {
      message:
        'the re-leverage target must not be under the deleverage trigger (it would flip-flop)',
    },
  );
export type AutomationOptions = z.output<typeof AutomationOptions>;

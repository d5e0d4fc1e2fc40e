import { z } from 'zod';
import type { Evaluation } from '../engine/evaluation';
import { DRAFT_LIMITS } from './drafts';

/**
 * A strategy document as it crosses the boundary: any JSON object up to the draft size limit.
 * Its *shape* is checked by the engine (parseStrategy), which answers with per-step errors
 * rather than a refusal, so a half-typed draft still evaluates and shows what is wrong.
 */
export const StrategyJson = z
  .custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'strategy must be a JSON object',
  )
  .superRefine((value, ctx) => {
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'strategy is not serialisable as JSON' });
      return;
    }
    if (Buffer.byteLength(text, 'utf8') > DRAFT_LIMITS.documentBytes) {
      ctx.addIssue({ code: 'custom', message: 'strategy is larger than 2 MiB' });
    }
  });

/**
 * What-if prices: USD per unit by asset symbol, a positive plain decimal ("2500", "0.98"). Whether
 * the strategy prices the asset is the engine's answer (AT_PRICE_UNKNOWN_ASSET in `errors`).
 */
export const AtPricesInput = z
  .record(
    z.string().regex(/^[A-Z0-9][A-Z0-9._-]{0,19}$/, 'must be an asset symbol like ETH'),
    z
      .string()
      .max(40)
      .regex(/^(\d+\.?\d*|\.\d+)$/, 'must be a positive decimal number written as a string')
      .refine((v) => Number(v) > 0, 'must be greater than 0'),
  )
  .refine((v) => Object.keys(v).length <= 32, 'at most 32 what-if prices');

export const EvaluateInput = z
  .object({ strategy: StrategyJson, at: AtPricesInput.optional() })
  .strict();
export const LibraryInput = z.object({}).strict();

export interface ExampleStrategy {
  id: string;
  name: string;
  description: string;
  /** What the example shows, in one line (resources/example-catalog.json). */
  teaches: string;
  strategy: Record<string, unknown>;
}

export type { Evaluation };
/** The strategy document as the renderer edits it (types only; the schema stays in main). */
export type {
  AmountInput,
  LendingAssetParamsInput,
  LoopBodyStepInput,
  MarketInput,
  StepInput,
  StrategyInput,
} from '../engine/format/schema';

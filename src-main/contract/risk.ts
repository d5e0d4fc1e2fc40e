import { z } from 'zod';
import { ProtocolRisk } from '../engine/format/schema';
import type { EngineIssue } from '../engine/position';
import {
  SimulateOptions,
  type SimulationFailure,
  type SimulationResult,
} from '../risk/monte-carlo';
import type { ProtocolRiskReport } from '../risk/protocol-risk';
import type { StressGrid } from '../risk/stress';
import { StrategyJson } from './engine';
import { KeepRunInput } from './runs';
import type { WithLimits } from './limits';

export const SimulateInput = z
  .object({ strategy: StrategyJson, options: SimulateOptions, keep: KeepRunInput.optional() })
  .strict();

const asset = z.string().min(1).max(40);
const StressAxisInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('price'),
      asset,
      shocks: z.array(z.number().finite().gt(-1).max(100)).min(1).max(60).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('prices'),
      assets: z.array(asset).min(1).max(20),
      shocks: z.array(z.number().finite().gt(-1).max(100)).min(1).max(60).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('peg'),
      asset,
      ratios: z.array(z.number().finite().gt(0).max(2)).min(1).max(60).optional(),
    })
    .strict(),
]);

export const StressInput = z
  .object({ strategy: StrategyJson, axes: z.array(StressAxisInput).min(1).max(2) })
  .strict();

export const ProtocolRiskInput = z
  .object({ strategy: StrategyJson, overrides: z.record(z.string(), ProtocolRisk).optional() })
  .strict();

type Failure = { ok: false; errors: EngineIssue[] };
/** What `jobs.status` carries as `result` for a finished `risk.simulate` job. */
export type SimulateJobResult = WithLimits<SimulationResult | SimulationFailure>;
export type StressResult = ({ ok: true } & StressGrid) | Failure;
export type ProtocolRiskResult = ({ ok: true } & ProtocolRiskReport) | Failure;

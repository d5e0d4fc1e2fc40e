import { z } from 'zod';
import type { WithLimits } from './limits';
import type { ScenarioRow } from '../backtest/scenarios';
import type { BacktestReport } from '../backtest/types';
import type { SimulationResult } from '../risk/monte-carlo';

/** The analyses whose results are kept with a draft. */
export const RUN_KINDS = ['backtest', 'scenarios', 'monte-carlo'] as const;
export const RunKind = z.enum(RUN_KINDS);
export type RunKind = z.infer<typeof RunKind>;

/** Runs kept per draft and kind; older ones are dropped in the same transaction as a new one. */
export const RUNS_KEPT_PER_KIND = 5;

/**
 * On `backtest.run`, `scenarios.run` and `risk.simulate`: keep the result with this draft. The
 * revision is the draft revision the strategy was based on (informative; staleness compares the
 * strategy itself).
 */
export const KeepRunInput = z.object({ draftId: z.uuid(), revision: z.int().min(1) }).strict();
export type KeepRun = z.infer<typeof KeepRunInput>;

export const RunsListInput = z.object({ draftId: z.uuid(), kind: RunKind.optional() }).strict();
export const RunIdInput = z.object({ id: z.uuid() }).strict();

export interface KeptRunSummary {
  id: string;
  draftId: string;
  kind: RunKind;
  draftRevision: number;
  /** sha256 of the strategy as run, canonical JSON (sorted keys). */
  strategyHash: string;
  /** The run's options as given (backtest: { from, to, options }; others: { options }). */
  options: Record<string, unknown>;
  createdAt: string;
  /** The draft's saved strategy differs from the one this run used: "strategy changed since this run". */
  stale: boolean;
}

/** A kept run with its strategy and result, typed by kind. */
export type KeptRun = KeptRunSummary & { strategy: Record<string, unknown> } & (
    | { kind: 'backtest'; result: WithLimits<BacktestReport> }
    | { kind: 'scenarios'; result: WithLimits<{ ok: true; rows: ScenarioRow[] }> }
    | { kind: 'monte-carlo'; result: WithLimits<SimulationResult> }
  );

import { z } from 'zod';
import type { EngineIssue } from '../engine/position';
import type { LimitBreach } from './limits';
import { StrategyJson } from './engine';
import { IsoDay } from './history';

/** Which way is better: a higher value, a lower one, or neither (a row shown for context). */
export type Direction = 'higher' | 'lower' | null;

/**
 * What kind of number a row holds, so the renderer formats it as the rest of the app formats that
 * kind: a fraction (shown as a percentage), dollars, leverage, a health factor, a plain ratio, a
 * count.
 */
export type Unit = 'percent' | 'usd' | 'leverage' | 'healthFactor' | 'ratio' | 'count';

/**
 * What a cell's number alone does not say: `unbounded` (the analysis ran and there is no finite
 * value, which ranks beyond every number: a health factor without debt; the row's
 * `unboundedText` names it), `skipped` (a scenario the stored data cannot replay for this
 * strategy), `unavailable` (the section's analysis failed for it; `problems` says why),
 * `liquidated` (a scenario return of a strategy that was liquidated in it).
 */
export type CellNote = 'unbounded' | 'skipped' | 'unavailable' | 'liquidated';

/** One other strategy's distance from the better value of a row. */
export interface CompareGap {
  /** The strategy (column). */
  index: number;
  /**
   * |its value − the better value|, in the row's unit (a fraction for percent rows: the view
   * writes percentage points); null when the better value is unbounded (its value is stated).
   */
  gap: number | null;
}

/**
 * The differences of a row, from the better value's side: `same` when every comparable value is
 * the same; else the gaps of the others (the better ones are `best`; values that cannot be
 * compared are left out).
 */
export type CompareDifference = { kind: 'same' } | { kind: 'gaps'; gaps: CompareGap[] };

/** Side by side: 2 to 4 strategies on the same window, scenarios and Monte Carlo (seed, model). */
export const COMPARE_LIMITS = { minItems: 2, maxItems: 4, maxPaths: 50_000 } as const;

export const CompareItem = z
  .object({ label: z.string().trim().min(1).max(120), strategy: StrategyJson })
  .strict();

export const CompareInput = z
  .object({
    items: z.array(CompareItem).min(COMPARE_LIMITS.minItems).max(COMPARE_LIMITS.maxItems),
    /** The one backtest window every strategy is replayed over. */
    from: IsoDay,
    to: IsoDay,
    /** The one Monte Carlo every strategy runs: same model, seed, paths and horizon. */
    simulation: z
      .object({
        model: z.enum(['gbm', 'bootstrap']).default('gbm'),
        paths: z.int().min(100).max(COMPARE_LIMITS.maxPaths).default(10_000),
        seed: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
        days: z.int().min(1).max(3650).default(365),
      })
      .strict()
      .default({ model: 'gbm', paths: 10_000, seed: 1, days: 365 }),
  })
  .strict()
  .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['to'] });

export type CompareSectionId = 'figures' | 'backtest' | 'scenarios' | 'monte-carlo';

/** One figure for every strategy: numbers with their kind; the renderer writes them for people. */
export interface CompareRow {
  id: string;
  label: string;
  unit: Unit;
  /** Which way is better; null for rows shown for context (equity, debt). */
  direction: Direction;
  /**
   * One per strategy, in the order given; null = no number (`notes` says why, else the figure
   * does not apply to it: no LTV without a loan).
   */
  values: (number | null)[];
  /** One per strategy: what the number does not say, else null. */
  notes: (CellNote | null)[];
  /** Words for an unbounded value in this row ("no debt", "none"); null when it has none. */
  unboundedText: string | null;
  /** Indices of the better value (several when tied); empty when there is nothing to choose. */
  best: number[];
  /** Null when there is nothing to say (no direction, fewer than two comparable values). */
  difference: CompareDifference | null;
}

export interface CompareSection {
  id: CompareSectionId;
  title: string;
  rows: CompareRow[];
  /** Per strategy: why this section has no figures for it (invalid strategy, window not covered). */
  problems: (string | null)[];
}

export interface CompareResult {
  ok: true;
  labels: string[];
  window: { from: string; to: string };
  simulation: { model: 'gbm' | 'bootstrap'; paths: number; seed: number; days: number };
  sections: CompareSection[];
  /** Engine issues per strategy (a strategy that does not evaluate has empty columns). */
  issues: EngineIssue[][];
  /** Per strategy and section, how many rows it is better in. */
  wins: number[];
  /** Per strategy, every limit its analyses break (its own limits over the global ones). */
  breaches: LimitBreach[][];
}

import type { LimitBreach } from '../../../src-main/contract/index';
import { allBreaches } from '../lib/limits';
import type { Workspace } from './workspace.svelte';

/**
 * Every breach the open draft shows: the live evaluation's and those of the analysis runs on
 * screen (backtest, scenarios, Monte Carlo), each labelled with the analysis it came from.
 */
export function workspaceBreaches(w: Workspace): LimitBreach[] {
  const mc = w.runs.monteCarlo.result;
  return allBreaches(
    w.evaluation.current?.limits,
    w.runs.backtest.result?.limits,
    w.runs.scenarios.limits,
    mc?.limits,
  );
}

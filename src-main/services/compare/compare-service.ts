import type { z } from 'zod';
import type { CompareInput, CompareResult } from '../../contract/compare';
import type { ComputeRunner } from '../compute/ops';
import type { JobContext } from '../jobs';
import type { LimitsService } from '../limits';
import { compareSections, winsOf, type ItemResults } from './rows';

export type CompareRequest = z.output<typeof CompareInput>;

/** Analyses per strategy; the Monte Carlo counts for most of the time, so for most of the progress. */
const WEIGHTS = { evaluate: 0.02, backtest: 0.08, scenarios: 0.2, simulate: 0.7 } as const;

/**
 * Runs every strategy of a comparison through the same analyses on the compute workers (evaluate,
 * the one backtest window, the scenario library, the one Monte Carlo) and lays the results side by
 * side. Only the orchestration runs here; each analysis is the same compute kind as its own op.
 */
export async function runComparison(
  compute: ComputeRunner,
  input: CompareRequest,
  job: JobContext,
  limits: LimitsService,
): Promise<CompareResult> {
  const labels = input.items.map((item) => item.label);
  const share = 1 / input.items.length;
  const options = { signal: job.signal };
  const results: ItemResults[] = [];
  const breaches: CompareResult['breaches'] = [];
  for (const [index, item] of input.items.entries()) {
    job.signal.throwIfAborted();
    const base = index * share;
    const strategy = item.strategy;
    // The three history-free and history analyses run on their lanes at once; the Monte Carlo
    // has its own lane (and its own path threads).
    const [evaluation, backtest, scenarios] = await Promise.all([
      compute.run('engine.evaluate', { strategy, limits: limits.effectiveFor(strategy) }, options),
      compute.run('backtest.run', { strategy, from: input.from, to: input.to }, options),
      compute.run('scenarios.run', { strategy }, options),
    ]);
    job.progress(base + share * (WEIGHTS.evaluate + WEIGHTS.backtest + WEIGHTS.scenarios));
    job.signal.throwIfAborted();
    const simulation = await compute.run(
      'risk.simulate',
      {
        strategy,
        options: {
          model: input.simulation.model,
          paths: input.simulation.paths,
          seed: input.simulation.seed,
          days: input.simulation.days,
        },
      },
      {
        signal: job.signal,
        onProgress: (fraction) =>
          job.progress(base + share * (1 - WEIGHTS.simulate * (1 - fraction))),
      },
    );
    results.push({ evaluation, backtest, scenarios, simulation });
    // Each strategy against the limits in force for it (its own over the global ones).
    breaches.push([
      ...(evaluation.limits?.breaches ?? []),
      ...(limits.backtest(strategy, backtest).limits?.breaches ?? []),
      ...(limits.scenarios(strategy, scenarios).limits?.breaches ?? []),
      ...(limits.simulation(strategy, simulation).limits?.breaches ?? []),
    ]);
    job.progress(base + share);
  }
  const sections = compareSections(results);
  return {
    ok: true,
    labels,
    window: { from: input.from, to: input.to },
    simulation: { ...input.simulation },
    sections,
    issues: results.map((r) => r.evaluation.errors),
    breaches,
    wins: winsOf(sections, labels.length),
  };
}

import type { CompiledPosition } from './compiled';
import { PathKernel, allocateBlockOutput, type BlockOutput } from './kernel';
import { BootstrapStepper, type BootstrapModel } from './models/bootstrap';
import { CrashApplier, type CrashOverlay } from './models/crash-overlay';
import { DepegStepper, type DepegModel } from './models/depeg';
import { GbmStepper, type GbmModel } from './models/gbm';
import type { PathStepper } from './models/types';
import { Rng } from './rng';

/** Everything a thread needs to simulate any range of paths: plain data, structured-cloneable. */
export interface SimulationJob {
  compiled: CompiledPosition;
  /** The base model, or the depeg model wrapping it (pegged factors after the base ones). */
  model: GbmModel | BootstrapModel | (DepegModel & { base: GbmModel | BootstrapModel | null });
  crash: CrashOverlay | null;
  seed: number;
  days: number;
  /** Days whose equity is kept for the fan chart, ascending. */
  fanDays: Int32Array;
}

export type BlockRunner = (firstPath: number, count: number) => BlockOutput;

/** Builds the kernel once per thread; each call simulates paths [firstPath, firstPath + count). */
export function createBlockRunner(job: SimulationJob): { run: BlockRunner; startEquity: number } {
  const baseStepper = (m: GbmModel | BootstrapModel): PathStepper =>
    m.kind === 'gbm' ? new GbmStepper(m) : new BootstrapStepper(m);
  const stepper =
    job.model.kind === 'depeg'
      ? new DepegStepper(job.model.base ? baseStepper(job.model.base) : null, job.model)
      : baseStepper(job.model);
  const crash = job.crash ? new CrashApplier(job.crash) : null;
  const kernel = new PathKernel(job.compiled, stepper, crash, job.days);
  const rng = new Rng(job.seed, 0);
  return {
    startEquity: kernel.startEquity,
    run: (firstPath, count) => {
      const out = allocateBlockOutput(count, job.fanDays.length);
      kernel.runBlock({ rng, seed: job.seed, firstPath, count, fanDays: job.fanDays, out });
      return out;
    },
  };
}

import { DailyKernel } from '../dynamics/kernel';
import type { RateInput } from '../dynamics/lending/lanes';
import type { CompiledPosition } from '../dynamics/position';
import type { QuietMoves } from '../dynamics/prices';
import { BootstrapStepper, type BootstrapModel } from './models/bootstrap';
import { CrashApplier, type CrashOverlay } from './models/crash-overlay';
import { DepegStepper, type DepegModel } from './models/depeg';
import { GbmStepper, type GbmModel } from './models/gbm';
import type { PathStepper } from './models/types';
import { Rng } from './rng';

/** Paths advanced together; 256 keeps a year of two factors' moves (1.5 MB) in cache. */
export const LANES = 256;

/** Everything a thread needs to simulate any range of paths: plain data, structured-cloneable. */
export interface SimulationJob {
  compiled: CompiledPosition;
  /** The base model, or the depeg model wrapping it (pegged factors after the base ones). */
  model: GbmModel | BootstrapModel | (DepegModel & { base: GbmModel | BootstrapModel | null });
  crash: CrashOverlay | null;
  /** Per-day rates shared by every path (history mode), or null (the strategy's rate models). */
  rates: RateInput;
  seed: number;
  days: number;
  /** Days whose equity is kept for the fan chart, ascending. */
  fanDays: Int32Array;
}

export interface BlockOutput {
  terminalEquity: Float64Array;
  /** Day of the first liquidation (lending or perp), −1 if none. */
  liquidationDay: Int32Array;
  /** Lowest health factor over the path and all accounts (Infinity without debt). */
  minHealthFactor: Float64Array;
  automationActions: Int32Array;
  /** Equity on `fanDays`, [fan day][path] (each day's paths contiguous); Float32 is plenty for bands. */
  fanEquity: Float32Array;
}

export function allocateBlockOutput(count: number, fanDayCount: number): BlockOutput {
  return {
    terminalEquity: new Float64Array(count),
    liquidationDay: new Int32Array(count),
    minHealthFactor: new Float64Array(count),
    automationActions: new Int32Array(count),
    fanEquity: new Float32Array(count * fanDayCount),
  };
}

export type BlockRunner = (firstPath: number, count: number) => BlockOutput;

/**
 * Runs the daily kernel over blocks of LANES paths. The random price moves of each path are drawn
 * first, path by path from the path's own stream (seed, path index), so the numbers never depend
 * on how paths are grouped or threaded.
 */
export class PathRunner {
  readonly kernel: DailyKernel;
  private readonly growth: Float64Array;
  private readonly rng: Rng;
  /** The depeg model's quiet factors (a stablecoin on USD), given sparsely; null when none. */
  private readonly quiet: QuietMoves | null;

  constructor(
    private readonly job: Pick<SimulationJob, 'compiled' | 'rates' | 'seed' | 'days' | 'fanDays'>,
    private readonly stepper: PathStepper,
    private readonly crash: CrashApplier | null,
  ) {
    this.kernel = new DailyKernel(job.compiled, LANES);
    const k = job.compiled.prices.factorAssets.length;
    this.growth = new Float64Array(Math.max(1, job.days * k * LANES));
    this.rng = new Rng(job.seed, 0);
    this.quiet = stepper instanceof DepegStepper ? stepper.quietMoves(crash?.hits ?? null) : null;
  }

  /**
   * Simulates paths [firstPath, firstPath + count) into `out` at at..at+count−1, fan day f's
   * equities at f·fanStride + at + i: a block's own output (at 0, stride count) or a run-wide one
   * every block writes its part of (at firstPath, stride paths).
   */
  runBlock(firstPath: number, count: number, out: BlockOutput, at = 0, fanStride = count): void {
    const { days, fanDays } = this.job;
    const kernel = this.kernel;
    const e = kernel.equityLanes;
    const o = kernel.outcomes;
    for (let offset = 0; offset < count; offset += LANES) {
      const lanes = Math.min(LANES, count - offset);
      const quiet = this.quiet;
      quiet?.clear();
      for (let lane = 0; lane < lanes; lane++) {
        this.rng.reseed(this.job.seed, firstPath + offset + lane);
        this.stepper.fillPath(this.rng, days, this.growth, lane, LANES, undefined, quiet);
        if (this.crash) this.crash.applyToPath(this.rng, days, this.growth, lane, LANES);
      }
      quiet?.finish(days);
      let fan = 0;
      kernel.run({
        lanes,
        days,
        prices: { growth: this.growth, series: null, quiet },
        rates: this.job.rates,
        closeDays: fanDays,
        onClose: () => {
          const to = fan++ * fanStride + at + offset;
          for (let lane = 0; lane < lanes; lane++) out.fanEquity[to + lane] = e[lane]!;
        },
      });
      const to = at + offset;
      for (let lane = 0; lane < lanes; lane++) {
        out.terminalEquity[to + lane] = e[lane]!;
        out.liquidationDay[to + lane] = o.liquidationDay[lane]!;
        out.minHealthFactor[to + lane] = o.minHealthFactor[lane]!;
        out.automationActions[to + lane] = o.automationActions[lane]!;
      }
    }
  }
}

/**
 * Builds the kernel once per thread; `run` simulates paths [firstPath, firstPath + count) into a
 * new block output, `runInto` into their places in a run-wide output of `paths` paths.
 */
export function createBlockRunner(job: SimulationJob): {
  run: BlockRunner;
  runInto: (firstPath: number, count: number, out: BlockOutput, paths: number) => void;
  startEquity: number;
} {
  const baseStepper = (m: GbmModel | BootstrapModel): PathStepper =>
    m.kind === 'gbm' ? new GbmStepper(m) : new BootstrapStepper(m);
  const stepper =
    job.model.kind === 'depeg'
      ? new DepegStepper(job.model.base ? baseStepper(job.model.base) : null, job.model)
      : baseStepper(job.model);
  const crash = job.crash ? new CrashApplier(job.crash) : null;
  const runner = new PathRunner(job, stepper, crash);
  return {
    startEquity: runner.kernel.startEquity,
    run: (firstPath, count) => {
      const out = allocateBlockOutput(count, job.fanDays.length);
      runner.runBlock(firstPath, count, out);
      return out;
    },
    runInto: (firstPath, count, out, paths) =>
      runner.runBlock(firstPath, count, out, firstPath, paths),
  };
}

import { createBlockRunner, type BlockOutput, type SimulationJob } from './run-block';
import { percentilesBySelection } from './statistics';

/**
 * One pool run on shared memory: the run-wide output, the path blocks, the fan rows' percentiles
 * and four counters the threads claim work with (Atomics), so a worker takes its next block or row
 * without a message round trip through the main thread. Which thread runs a block or a row never
 * changes its numbers: a block's paths depend on (seed, path index) alone, a row's percentiles on
 * the row's data alone.
 */
export interface SharedRunState {
  /** Typed arrays over SharedArrayBuffers, `paths` paths. */
  output: BlockOutput;
  paths: number;
  /** [firstPath, count] per block. */
  blocks: Int32Array;
  /** NEXT_BLOCK, BLOCKS_DONE, NEXT_ROW, ROWS_DONE. */
  control: Int32Array;
  /** Rows of `output.fanEquity` ([fan day][path]) and the percentiles wanted of each. */
  rows: number;
  levels: readonly number[];
  /** [row][level]. */
  rowValues: Float64Array;
}

const NEXT_BLOCK = 0;
const BLOCKS_DONE = 1;
const NEXT_ROW = 2;
const ROWS_DONE = 3;

export function sharedRunState(
  output: BlockOutput,
  paths: number,
  blocks: readonly { firstPath: number; count: number }[],
  rows: number,
  levels: readonly number[],
): SharedRunState {
  const shared = (length: number, bytes: number) => new SharedArrayBuffer(length * bytes);
  const pairs = new Int32Array(shared(blocks.length * 2, 4));
  blocks.forEach((b, i) => pairs.set([b.firstPath, b.count], 2 * i));
  return {
    output,
    paths,
    blocks: pairs,
    control: new Int32Array(shared(4, 4)),
    rows,
    levels,
    rowValues: new Float64Array(shared(rows * levels.length, 8)),
  };
}

export const blockCount = (state: SharedRunState): number => state.blocks.length / 2;

/** Runs blocks until none is left, calling `onBlock(index)` after each. */
export function claimBlocks(
  state: SharedRunState,
  run: (firstPath: number, count: number) => void,
  onBlock: (index: number) => void,
): void {
  const count = blockCount(state);
  for (;;) {
    const index = Atomics.add(state.control, NEXT_BLOCK, 1);
    if (index >= count) return;
    run(state.blocks[2 * index]!, state.blocks[2 * index + 1]!);
    if (Atomics.add(state.control, BLOCKS_DONE, 1) === count - 1)
      Atomics.notify(state.control, BLOCKS_DONE); // the run's last block: wake the waiting workers
    onBlock(index);
  }
}

/** Blocks this (worker) thread until every path block is in; a terminate ends the wait. */
export function waitForPaths(state: SharedRunState): void {
  for (;;) {
    const done = Atomics.load(state.control, BLOCKS_DONE);
    if (done >= blockCount(state)) return;
    Atomics.wait(state.control, BLOCKS_DONE, done);
  }
}

/** Every block is in (an atomic read: the output's writes are visible after it). */
export const pathsIn = (state: SharedRunState): boolean =>
  Atomics.load(state.control, BLOCKS_DONE) >= blockCount(state);

/**
 * Computes fan rows until none is left (once every path is in); true when this thread finished the
 * run's last row.
 */
export function claimRows(state: SharedRunState): boolean {
  const { output, paths, levels, rowValues } = state;
  let last = false;
  for (;;) {
    const row = Atomics.add(state.control, NEXT_ROW, 1);
    if (row >= state.rows) return last;
    const values = percentilesBySelection(
      output.fanEquity.subarray(row * paths, (row + 1) * paths),
      levels,
    );
    rowValues.set(values, row * levels.length);
    last = Atomics.add(state.control, ROWS_DONE, 1) === state.rows - 1;
  }
}

export const rowsDone = (state: SharedRunState): boolean =>
  Atomics.load(state.control, ROWS_DONE) >= state.rows;

/** The rows' percentiles, one array of `levels` values per row. */
export function rowsOf(state: SharedRunState): number[][] {
  const k = state.levels.length;
  return Array.from({ length: state.rows }, (_, r) =>
    Array.from(state.rowValues.subarray(r * k, (r + 1) * k)),
  );
}

/** A run for a worker: the job and the run's shared state. */
export type WorkerRequest = {
  type: 'run';
  runId: number;
  job: SimulationJob;
  shared: SharedRunState;
};

/** Each finished block (progress); the row report of the thread that finished the last row. */
export type WorkerReply =
  { type: 'block'; runId: number; blockIndex: number } | { type: 'rows'; runId: number };

/**
 * A worker's part of a run: blocks claimed from the shared counters, each written into its place
 * in the shared output and reported; once every path is in (the other threads' blocks too), fan
 * rows claimed the same way. Nothing of the run is kept afterwards: a warm worker must not hold
 * its output.
 */
export function workerRun(
  { runId, job, shared }: WorkerRequest,
  post: (reply: WorkerReply) => void,
): void {
  let runner: ReturnType<typeof createBlockRunner> | null = null; // not built if no block is left
  claimBlocks(
    shared,
    (firstPath, count) =>
      (runner ??= createBlockRunner(job)).runInto(firstPath, count, shared.output, shared.paths),
    (blockIndex) => post({ type: 'block', runId, blockIndex }),
  );
  if (shared.rows === 0) return;
  waitForPaths(shared);
  if (claimRows(shared)) post({ type: 'rows', runId });
}

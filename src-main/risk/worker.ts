import { parentPort } from 'node:worker_threads';
import { createBlockRunner, type BlockOutput, type SimulationJob } from './run-block';
import { rowPercentiles } from './statistics';

/**
 * Worker thread entry: receives one job with the run-wide output on shared memory, then path
 * blocks; writes each block into its place there and answers with the block index alone (nothing
 * is copied or transferred). After the paths, `rows` asks for the fan chart's percentiles of some
 * of the shared output's days.
 */
export type WorkerRequest =
  | { type: 'job'; job: SimulationJob; shared: { output: BlockOutput; paths: number } }
  | { type: 'block'; blockIndex: number; firstPath: number; count: number }
  | { type: 'rows'; from: number; to: number; levels: readonly number[] };

export type WorkerReply =
  { type: 'block'; blockIndex: number } | { type: 'rows'; from: number; values: number[][] };

const port = parentPort;
if (port) {
  let runner: ReturnType<typeof createBlockRunner> | null = null;
  let shared: { output: BlockOutput; paths: number } | null = null;
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'job') {
      runner = createBlockRunner(message.job);
      shared = message.shared;
      return;
    }
    if (message.type === 'rows') {
      if (!shared) throw new Error('WORKER_NO_SHARED_OUTPUT');
      const { output, paths } = shared;
      const values = rowPercentiles(
        output.fanEquity,
        paths,
        message.from,
        message.to,
        message.levels,
      );
      const reply: WorkerReply = { type: 'rows', from: message.from, values };
      port.postMessage(reply);
      // the rows are the run's last request: a warm worker must not hold the run's output
      shared = null;
      runner = null;
      return;
    }
    if (!runner || !shared) throw new Error('WORKER_NO_JOB');
    runner.runInto(message.firstPath, message.count, shared.output, shared.paths);
    const reply: WorkerReply = { type: 'block', blockIndex: message.blockIndex };
    port.postMessage(reply);
  });
}

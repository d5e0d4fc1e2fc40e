import { parentPort } from 'node:worker_threads';
import { createBlockRunner, type BlockRunner, type SimulationJob } from './run-block';

/**
 * Worker thread entry: receives one job, then path blocks; answers each block with its outputs
 * (typed-array buffers transferred, not copied).
 */
export type WorkerRequest =
  | { type: 'job'; job: SimulationJob }
  | { type: 'block'; blockIndex: number; firstPath: number; count: number };

export type WorkerReply = {
  type: 'block';
  blockIndex: number;
  output: ReturnType<BlockRunner>;
};

const port = parentPort;
if (port) {
  let run: BlockRunner | null = null;
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'job') {
      run = createBlockRunner(message.job).run;
      return;
    }
    if (!run) throw new Error('WORKER_NO_JOB');
    const output = run(message.firstPath, message.count);
    const reply: WorkerReply = { type: 'block', blockIndex: message.blockIndex, output };
    const buffers = [
      output.terminalEquity,
      output.liquidationDay,
      output.minHealthFactor,
      output.automationActions,
      output.fanEquity,
    ].map((array) => array.buffer as ArrayBuffer);
    port.postMessage(reply, buffers);
  });
}

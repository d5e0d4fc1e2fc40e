import { parentPort } from 'node:worker_threads';
import { claimBlocks, workerRun, type WorkerRequest } from '../../src-main/risk/shared-run';

/**
 * The Monte Carlo worker, except for two seeds: 666 throws in the block of path 0 and 667 ends
 * the thread there, while the other worker runs the remaining blocks and then waits for the paths
 * that never come (worker-pool.test.ts).
 */
const port = parentPort!;
port.on('message', (request: WorkerRequest) => {
  const { job, shared } = request;
  if (job.seed !== 666 && job.seed !== 667) return workerRun(request, (r) => port.postMessage(r));
  claimBlocks(
    shared,
    (firstPath) => {
      if (firstPath !== 0) return;
      if (job.seed === 667) process.exit(3);
      throw new Error('TEST_WORKER_CRASH');
    },
    (blockIndex) => port.postMessage({ type: 'block', runId: request.runId, blockIndex }),
  );
  workerRun(request, (r) => port.postMessage(r)); // no block left: waits for the paths
});
